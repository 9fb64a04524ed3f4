import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import {
  events,
  goalCheckins,
  goals,
  milestones,
  outbox,
  planTemplates,
  rooms,
  stakeholders,
  templateGoals,
} from "#db/schema";
import { addCheckin, listGoals } from "~/domain/goals/goals.server";
import { parseDecimal } from "~/domain/goals/number";
import { gatherHealthInputs } from "~/domain/health/inputs.server";
import { evaluateAlerts } from "~/domain/health/alerts";
import { computeHealth } from "~/domain/health/score";
import { DEFAULT_HEALTH_CONFIG } from "~/domain/health/model";
import { addDays, todayIn } from "~/domain/plan/dates";
import { createPlanFromTemplate } from "~/domain/plan/plan.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import { HOSTILE_TEXTS } from "../fixtures/hostile-rich-text";
import { parseRfc4180 } from "../helpers/rfc4180";

// The success plan through the built app's real routes: CRUD with validation (400, nothing changed) and
// versions (409), check-ins by the customer, achievement and first value, template copies, CSV, the alert.

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  createPlanFromTemplate({ ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA }, w.templateId);
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  tdb?.dispose();
});

async function as(userId: string, lang = "en") {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  client.cookies.set("lang", lang);
  return client;
}

const page = () => `/rooms/${w.roomA.id}/goals`;
const roomGoals = () =>
  tdb.db.select().from(goals).where(eq(goals.roomId, w.roomA.id)).orderBy(asc(goals.position)).all();
const snapshot = () => JSON.stringify({ g: roomGoals(), c: tdb.db.select().from(goalCheckins).all() });
const today = () => todayIn("Asia/Tokyo");
const escaped = (value: string) =>
  value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");

const goalForm = (over: Record<string, string> = {}) => ({
  intent: "add",
  statement: "Faster month-end close",
  kpi: "Days to close",
  unit: "days",
  baseline: "10",
  target: "4",
  dueDate: addDays(today(), 60),
  ...over,
});

describe("numbers as people type them", () => {
  it.each([
    ["1,200", 1200],
    ["12.5", 12.5],
    ["１，２００", 1200],
    ["１２．５", 12.5],
    ["-3", -3],
    ["−3", -3],
    [" 1 200 ", 1200],
    ["abc", null],
    ["1.2.3", null],
    ["", null],
    ["1e5", null],
  ] as [string, number | null][])("%j → %s", (input, value) => {
    expect(parseDecimal(input)).toBe(value);
  });
});

describe("the template's suggested goals", () => {
  it("are copied into the room when its plan is made, due from the kickoff", () => {
    const list = roomGoals();
    expect(list.map((g) => g.statement)).toEqual([
      "The team uses the product every week",
      "All existing data is migrated",
      "Requests are handled faster",
    ]);
    const kickoff = tdb.db.select().from(rooms).where(eq(rooms.id, w.roomA.id)).get()!.kickoffDate!;
    expect(list[0]).toMatchObject({ baseline: 0, target: 80, unit: "%", dueDate: addDays(kickoff, 60) });
  });
});

describe("the template editor's suggested goals", () => {
  it("adds, validates and removes suggestions and saves the first-value setting", async () => {
    const admin = await as(w.admin.id);
    const editor = `/templates/${w.templateId}/edit`;
    const version = () =>
      String(tdb.db.select().from(planTemplates).where(eq(planTemplates.id, w.templateId)).get()!.version);
    const suggestions = () =>
      tdb.db.select().from(templateGoals).where(eq(templateGoals.templateId, w.templateId)).all();
    const before = suggestions().length;
    const bad = await admin.post(editor, {
      intent: "addGoal",
      version: version(),
      statement: "Suggested",
      kpi: "K",
      baseline: "x",
      dueOffsetDays: "30",
    });
    expect(bad.status).toBe(400);
    expect(suggestions().length).toBe(before);
    const ok = await admin.post(editor, {
      intent: "addGoal",
      version: version(),
      statement: "Suggested without figures",
      kpi: "K",
      dueOffsetDays: "30",
    });
    expect(ok.status).toBe(200);
    const added = suggestions().find((g) => g.statement === "Suggested without figures")!;
    expect(added).toMatchObject({ baseline: null, target: null, dueOffsetDays: 30 });
    expect((await admin.post(editor, { intent: "firstGoal", version: "1" })).status).toBe(409);
    expect((await admin.post(editor, { intent: "firstGoal", version: version() })).status).toBe(200);
    expect(
      tdb.db.select().from(planTemplates).where(eq(planTemplates.id, w.templateId)).get()!
        .firstGoalMarksFirstValue,
    ).toBe(false);
    expect(
      (await admin.post(editor, { intent: "firstGoal", version: version(), firstGoalMarksFirstValue: "on" }))
        .status,
    ).toBe(200);
    expect(
      (await admin.post(editor, { intent: "removeGoal", version: version(), goalId: added.id })).status,
    ).toBe(200);
    expect(suggestions().length).toBe(before);
    expect(
      (await (await as(w.memberA.id)).post(editor, { intent: "firstGoal", version: version() })).status,
    ).toBe(403);
  });
});

describe("editing goals", () => {
  it("adds a goal with an owner and linked milestones; numbers with commas and full-width digits parse", async () => {
    const csm = await as(w.csmA.id);
    const owner = tdb.db.select().from(stakeholders).where(eq(stakeholders.roomId, w.roomA.id)).all()[0];
    const ms = tdb.db.select().from(milestones).where(eq(milestones.roomId, w.roomA.id)).all();
    const body = new URLSearchParams({ ...goalForm({ baseline: "1,200", target: "２，５００.５" }) });
    if (owner) body.append("ownerId", owner.id);
    body.append("milestoneIds", ms[0]!.id);
    body.append("milestoneIds", ms[1]!.id);
    const response = await csm.request(page(), {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(200);
    const added = roomGoals().at(-1)!;
    expect(added).toMatchObject({ statement: "Faster month-end close", baseline: 1200, target: 2500.5 });
    expect(added.ownerId).toBe(owner?.id ?? null);
    const html = await (await csm.get(page())).text();
    expect(html).toContain("Faster month-end close");
    expect(html).toContain(ms[0]!.title);
  });

  it.each([
    ["a number that is not one", { baseline: "lots" }, "goals.errors.number", "baseline"],
    [
      "target equal to baseline",
      { baseline: "5", target: "5.0" },
      "goals.errors.targetEqualsBaseline",
      "target",
    ],
    ["an impossible date", { dueDate: "2026-02-30" }, "validation.date", "dueDate"],
    ["no statement", { statement: "  " }, "validation.required", "statement"],
    ["an owner of another room", { ownerId: "nope" }, "goals.errors.owner", "ownerId"],
    ["a milestone of another room", { milestoneIds: "nope" }, "goals.errors.milestones", "milestoneIds"],
  ])(
    "refuses %s with 400, its message, nothing changed and the typed values kept",
    async (_, over, key, field) => {
      const csm = await as(w.csmA.id);
      const before = snapshot();
      const response = await csm.post(page(), goalForm({ statement: "Kept text 入力", ...over }));
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(snapshot()).toBe(before);
      const [section, leaf] = key.split(".").slice(-2) as [string, string];
      const en = (await import("~/i18n/locales/en/app.json")).default as unknown as Record<
        string,
        Record<string, Record<string, string> | string>
      >;
      const message = key.startsWith("goals.")
        ? (en.goals![section] as Record<string, string>)[leaf]
        : (en.validation![leaf] as string);
      expect(html).toContain(escaped(message!));
      if (!("statement" in over)) expect(html).toContain("Kept text 入力");
      expect(field).toBeTruthy();
    },
  );

  it("answers a stale edit with 409 and overwrites nothing", async () => {
    const csm = await as(w.csmA.id);
    const goal = roomGoals()[0]!;
    const first = await csm.post(page(), {
      ...goalForm({ intent: "update", statement: "First edit" }),
      id: goal.id,
      version: String(goal.version),
    });
    expect(first.status).toBe(200);
    const before = snapshot();
    const second = await csm.post(page(), {
      ...goalForm({ intent: "update", statement: "Second edit, stale" }),
      id: goal.id,
      version: String(goal.version),
    });
    expect(second.status).toBe(409);
    expect(await second.text()).toContain("Second edit, stale");
    expect(snapshot()).toBe(before);
    expect(roomGoals()[0]!.statement).toBe("First edit");
  });

  it("reorders and removes with the goal's version", async () => {
    const csm = await as(w.csmA.id);
    const [a, b] = roomGoals();
    expect(
      (await csm.post(page(), { intent: "move", id: b!.id, version: String(b!.version), direction: "up" }))
        .status,
    ).toBe(200);
    expect(
      roomGoals()
        .slice(0, 2)
        .map((g) => g.id),
    ).toEqual([b!.id, a!.id]);
    const last = roomGoals().at(-1)!;
    expect((await csm.post(page(), { intent: "remove", id: last.id, version: "99" })).status).toBe(409);
    expect(
      (await csm.post(page(), { intent: "remove", id: last.id, version: String(last.version) })).status,
    ).toBe(200);
    expect(roomGoals().some((g) => g.id === last.id)).toBe(false);
  });

  it("lets no customer edit goals", async () => {
    const member = await as(w.memberA.id);
    const before = snapshot();
    expect((await member.post(page(), goalForm())).status).toBe(403);
    expect(snapshot()).toBe(before);
  });
});

describe("check-ins", () => {
  it("a customer member adds one; a viewer and another tenant cannot", async () => {
    const goal = roomGoals()[1]!;
    const member = await as(w.memberA.id, "ja");
    const form = { intent: "checkin", goalId: goal.id, value: "１０", date: today(), comment: "先週の実績" };
    const ok = await member.post(page(), form);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Check-in saved.");
    const rows = tdb.db.select().from(goalCheckins).where(eq(goalCheckins.goalId, goal.id)).all();
    expect(rows.map((r) => [r.value, r.date, r.comment])).toEqual([[10, today(), "先週の実績"]]);

    const before = snapshot();
    const viewer = await as(w.viewerA.id);
    expect((await viewer.post(page(), form)).status).toBe(403);
    const other = await as(w.customerB.id);
    expect((await other.post(page(), form)).status).toBe(404);
    expect(snapshot()).toBe(before);
  });

  it("refuses a date in the future and a value that is not a number, keeping what was typed", async () => {
    const goal = roomGoals()[1]!;
    const member = await as(w.memberA.id);
    const before = snapshot();
    const future = await member.post(page(), {
      intent: "checkin",
      goalId: goal.id,
      value: "12",
      date: addDays(today(), 2),
      comment: "typed comment",
    });
    expect(future.status).toBe(400);
    const html = await future.text();
    expect(html).toContain("The date cannot be in the future.");
    expect(html).toContain("typed comment");
    const nan = await member.post(page(), { intent: "checkin", goalId: goal.id, value: "x", date: today() });
    expect(nan.status).toBe(400);
    expect(snapshot()).toBe(before);
  });

  it("shows the chart, the history and the status from the trajectory", async () => {
    const html = await (await (await as(w.viewerA.id)).get(page())).text();
    expect(html).toContain('data-testid="goal-chart"');
    expect(html).toContain('data-testid="goal-chart-point"');
    expect(html).toMatch(/data-status="(on_track|at_risk)"/);
    expect(html).toContain("No check-ins yet");
    // Viewers read, but have no forms.
    expect(html).not.toContain('name="intent" value="checkin"');
  });

  it("the first check-in reaching the target achieves the goal and completes first value on its date", async () => {
    const goal = roomGoals()[0]!;
    const date = addDays(today(), -3);
    const emailsBefore = tdb.db.select().from(outbox).all().length;
    const admin = await as(w.customerAdminA.id);
    const response = await admin.post(page(), {
      intent: "checkin",
      goalId: goal.id,
      value: String(goal.target),
      date,
    });
    expect(response.status).toBe(200);
    const after = roomGoals().find((g) => g.id === goal.id)!;
    expect(after.achievedAt).not.toBeNull();
    expect(todayIn("Asia/Tokyo", after.achievedAt!)).toBe(date);
    const fv = tdb.db
      .select()
      .from(milestones)
      .where(and(eq(milestones.roomId, w.roomA.id), eq(milestones.isFirstValue, true)))
      .get()!;
    expect(fv.completedAt).not.toBeNull();
    expect(todayIn("Asia/Tokyo", fv.completedAt!)).toBe(date);
    const types = tdb.db
      .select()
      .from(events)
      .where(eq(events.roomId, w.roomA.id))
      .all()
      .map((e) => e.type);
    expect(types).toContain("goal.achieved");
    expect(types).toContain("milestone.completed");
    // Milestone emails follow, as for any completion.
    expect(tdb.db.select().from(outbox).all().length).toBeGreaterThan(emailsBefore);

    // A second goal achieved later changes nothing more; achievedAt stays when a value falls back.
    const fallback = await admin.post(page(), {
      intent: "checkin",
      goalId: goal.id,
      value: "1",
      date: today(),
    });
    expect(fallback.status).toBe(200);
    expect(roomGoals().find((g) => g.id === goal.id)!.achievedAt).toEqual(after.achievedAt);
  });

  it("does not mark first value when the template does not say so", () => {
    const ctx = { ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA };
    tdb.db
      .update(planTemplates)
      .set({ firstGoalMarksFirstValue: false })
      .where(eq(planTemplates.id, w.templateId))
      .run();
    tdb.db.update(milestones).set({ completedAt: null }).where(eq(milestones.roomId, w.roomA.id)).run();
    tdb.db.update(goals).set({ achievedAt: null }).where(eq(goals.roomId, w.roomA.id)).run();
    const goal = roomGoals()[0]!;
    const result = addCheckin(ctx, { goalId: goal.id, value: goal.target, date: today() });
    expect(result).toEqual({ achieved: true, firstValue: false });
    tdb.db
      .update(planTemplates)
      .set({ firstGoalMarksFirstValue: true })
      .where(eq(planTemplates.id, w.templateId))
      .run();
  });

  it("leaves a first-value milestone that needs the customer's sign-off to the sign-off", () => {
    const ctx = { ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA };
    const firstValue = and(eq(milestones.roomId, w.roomA.id), eq(milestones.isFirstValue, true));
    tdb.db.update(milestones).set({ completedAt: null, signOffRequired: true }).where(firstValue).run();
    tdb.db.update(goals).set({ achievedAt: null }).where(eq(goals.roomId, w.roomA.id)).run();
    const goal = roomGoals()[0]!;
    const result = addCheckin(ctx, { goalId: goal.id, value: goal.target, date: today() });
    expect(result).toEqual({ achieved: true, firstValue: false });
    expect(tdb.db.select().from(milestones).where(firstValue).get()!.completedAt).toBeNull();
    tdb.db.update(milestones).set({ signOffRequired: false }).where(firstValue).run();
  });
});

describe("hostile text in statement, KPI, unit and comment", () => {
  it.each(HOSTILE_TEXTS)("%s stays text in the page, on the home and in the CSV", async (hostile) => {
    const csm = await as(w.csmA.id);
    const response = await csm.post(
      page(),
      goalForm({ statement: `S ${hostile}`, kpi: `K ${hostile}`, unit: hostile.slice(0, 20) }),
    );
    expect(response.status).toBe(200);
    const goal = roomGoals().at(-1)!;
    expect(goal.statement).toBe(`S ${hostile}`);
    const member = await as(w.memberA.id);
    await member.post(page(), {
      intent: "checkin",
      goalId: goal.id,
      value: "5",
      date: today(),
      comment: `C ${hostile}`,
    });
    for (const path of [page(), `/rooms/${w.roomA.id}`]) {
      const html = await (await member.get(path)).text();
      expect(html).toContain(escaped(`S ${hostile}`));
      // Raw markup would only be there unescaped (the loader data escapes "<" as \u003c).
      for (const raw of [
        "<script>window.__pwned",
        "<img src=x onerror",
        "<svg onload",
        "<iframe src=javascript",
        "<style>body",
        '<a href="javascript:',
      ])
        expect(html).not.toContain(raw);
    }
    const csv = await (await member.get(`/rooms/${w.roomA.id}/goals.csv`)).text();
    const rows = parseRfc4180(csv.replace(/^\uFEFF/, ""));
    const row = rows.find((r) => r[0] === `S ${hostile}`);
    expect(row?.[1]).toBe(`K ${hostile}`);
    expect(row?.at(-1)).toContain(`C ${hostile}`);
    await csm.post(page(), { intent: "remove", id: goal.id, version: String(roomGoals().at(-1)!.version) });
  });
});

describe("the CSV export", () => {
  it("is RFC 4180 with a BOM, one row per goal, formula-like cells neutralised", async () => {
    const csm = await as(w.csmA.id);
    await csm.post(page(), goalForm({ statement: '=HYPERLINK("http://evil")', kpi: "+1", unit: "@x" }));
    const response = await csm.get(`/rooms/${w.roomA.id}/goals.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseRfc4180(new TextDecoder().decode(bytes));
    expect(rows[0]!.slice(0, 5)).toEqual(["statement", "kpi", "unit", "baseline", "target"]);
    expect(rows.length - 1).toBe(roomGoals().length);
    const evil = rows.find((r) => r[0]!.includes("HYPERLINK"))!;
    expect(evil.slice(0, 3)).toEqual(['\'=HYPERLINK("http://evil")', "'+1", "'@x"]);
    expect(rows.some((r) => ["on_track", "at_risk", "achieved", "no_data"].includes(r[7]!))).toBe(true);
    expect((await (await as(w.customerB.id)).get(`/rooms/${w.roomA.id}/goals.csv`)).status).toBe(404);
  });
});

describe("the goal-at-risk alert", () => {
  it("is raised for a goal due within 14 days and projected to miss, from the room's real data", () => {
    const room = tdb.db.select().from(rooms).where(eq(rooms.id, w.roomA.id)).get()!;
    const ctx = { ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA };
    tdb.db
      .update(goals)
      .set({ dueDate: addDays(today(), -400) })
      .where(eq(goals.roomId, w.roomA.id))
      .run();
    const target = roomGoals()[1]!;
    tdb.db
      .update(goals)
      .set({ dueDate: addDays(today(), 10), baseline: 0, target: 100, achievedAt: null })
      .where(eq(goals.id, target.id))
      .run();
    tdb.db.delete(goalCheckins).where(eq(goalCheckins.goalId, target.id)).run();
    addCheckin(ctx, { goalId: target.id, value: 3, date: today() });
    const findings = () => {
      const inputs = gatherHealthInputs(
        { id: room.id, timeZone: "Asia/Tokyo", createdAt: room.createdAt.getTime() },
        new Date(),
      );
      return evaluateAlerts(
        inputs,
        computeHealth(inputs, DEFAULT_HEALTH_CONFIG),
        DEFAULT_HEALTH_CONFIG,
      ).filter((f) => f.rule === "goalAtRisk");
    };
    expect(findings()).toEqual([
      expect.objectContaining({ severity: "warning", facts: expect.objectContaining({ goalId: target.id }) }),
    ]);
    expect(listGoals(ctx).goals.find((g) => g.id === target.id)!.trajectory.status).toBe("at_risk");
    // Reaching the target clears it.
    addCheckin(ctx, { goalId: target.id, value: 100, date: today() });
    expect(findings()).toEqual([]);
  });
});
