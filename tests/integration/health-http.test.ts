import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { addMember, makeCustomer } from "#db/factories";
import {
  healthAlerts,
  healthConfigs,
  healthPulses,
  memberships,
  milestoneRatings,
  milestones,
  roomHealth,
} from "#db/schema";
import { createFeed } from "~/domain/calendar/feeds.server";
import { listAlertInbox, rateMilestone, setPulse } from "~/domain/health/health.server";
import { runDailyHealth } from "~/domain/health/jobs.server";
import { DEFAULT_HEALTH_CONFIG } from "~/domain/health/model";
import { configFields } from "~/domain/health/settings.server";
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

// What the health feature shows, and to whom, through the built app.

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;
const PULSE_COMMENT = "Sponsor worried about the data import";

function as(userId: string): Client {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  return client;
}
const ctx = (user: TwoTenants["csmA"]) => ({ ...getRoomAccess(user, w.roomA.id)!, user });

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  createPlanFromTemplate(ctx(w.csmA), w.templateId);
  setPulse(ctx(w.csmA), { value: "red", comment: PULSE_COMMENT });
  // A completed milestone the member rates badly: vendor-only knowledge.
  const milestone = tdb.db.select().from(milestones).where(eq(milestones.roomId, w.roomA.id)).get()!;
  tdb.db.update(milestones).set({ completedAt: new Date() }).where(eq(milestones.id, milestone.id)).run();
  rateMilestone(ctx(w.memberA), { milestoneId: milestone.id, stars: 1, comment: "Nobody told us" });
  runDailyHealth(new Date(), { force: true });
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  useDatabase(undefined);
  tdb?.dispose();
});

describe("who sees health", () => {
  it("staff see the band in the room header and the Health tab; customers see neither", async () => {
    const staffPage = await (await as(w.csmA.id).get(`/rooms/${w.roomA.id}`)).text();
    expect(staffPage).toContain('data-testid="room-health-badge"');
    expect(staffPage).toContain(`/rooms/${w.roomA.id}/health`);
    for (const customer of [w.customerAdminA, w.memberA, w.viewerA]) {
      for (const path of [
        "",
        "/plan",
        "/activity",
        `/milestones/${tdb.db.select().from(milestones).where(eq(milestones.roomId, w.roomA.id)).get()!.id}`,
      ]) {
        const res = await as(customer.id).get(`/rooms/${w.roomA.id}${path}`);
        expect(res.status).toBe(200);
        const body = await res.text();
        expect(body).not.toContain("room-health-badge");
        expect(body).not.toContain(`/rooms/${w.roomA.id}/health`);
        // Neither the pulse, nor another customer's rating (the member sees only their own), nor health events.
        expect(body).not.toContain(PULSE_COMMENT);
        if (customer.id !== w.memberA.id) expect(body).not.toContain("Nobody told us");
        expect(body).not.toMatch(/health\.(band_changed|pulse_set|alert_)/);
      }
    }
  });

  it("the health panel explains the score with the pulse's cap and the bad rating", async () => {
    const res = await as(w.csmA.id).get(`/rooms/${w.roomA.id}/health`);
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(body).toContain(PULSE_COMMENT);
    expect(body).toContain('data-measure="milestoneSatisfaction"');
    // The red pulse caps the score at 69 and raises the negative-sentiment lamp.
    expect(body).toMatch(/69/);
    expect(
      tdb.db
        .select()
        .from(healthAlerts)
        .all()
        .map((a) => a.rule),
    ).toContain("negativeSentiment");
  });

  it("the alert inbox lists the alerts of the CSM's own accounts only", async () => {
    tdb.db
      .insert(healthAlerts)
      .values({
        roomId: w.roomA2.id,
        rule: "redStreak",
        severity: "critical",
        facts: { days: 8 },
        openedAt: new Date(0),
      })
      .run();
    const mine = listAlertInbox({ id: w.csmA.id, staffRole: "csm" }, { filter: "open", mineOnly: true });
    // Critical first, however old.
    expect(mine[0]!.severity).toBe("critical");
    const severities = mine.map((a) => a.severity);
    expect(severities).toEqual([...severities].sort((x, y) => (x === y ? 0 : x === "critical" ? -1 : 1)));
    expect(severities).toContain("warning");
    expect(mine.length).toBeGreaterThan(0);
    // Account A's rooms (A and A2) only, never account B's.
    expect(mine.every((a) => a.roomId === w.roomA.id || a.roomId === w.roomA2.id)).toBe(true);
    expect(mine.some((a) => a.roomId === w.roomB.id)).toBe(false);
    expect(
      listAlertInbox({ id: w.csmIdle.id, staffRole: "csm" }, { filter: "open", mineOnly: true }),
    ).toEqual([]);
    const page = await (await as(w.csmIdle.id).get("/alerts")).text();
    expect(page).toContain('data-testid="alerts-empty"');
  });
});

describe("forms refuse bad input and change nothing", () => {
  it("a pulse without a comment is refused with the field named", async () => {
    const before = tdb.db.select().from(healthPulses).all().length;
    const res = await as(w.csmA.id).post(`/rooms/${w.roomA.id}/health`, {
      intent: "pulse",
      value: "green",
      comment: "",
    });
    expect(res.status).toBe(400);
    expect(tdb.db.select().from(healthPulses).all()).toHaveLength(before);
  });

  it("an override needs a band or a score, a reason and at most 30 days", async () => {
    const client = as(w.csmA.id);
    for (const form of [
      { intent: "override", band: "", score: "", reason: "x", days: "5" },
      { intent: "override", band: "green", score: "", reason: "", days: "5" },
      { intent: "override", band: "green", score: "", reason: "x", days: "31" },
      { intent: "override", band: "", score: "101", reason: "x", days: "5" },
    ]) {
      const res = await client.post(`/rooms/${w.roomA.id}/health`, form);
      expect(res.status).toBe(400);
    }
    const state = tdb.db.select().from(roomHealth).where(eq(roomHealth.roomId, w.roomA.id)).get()!;
    expect(state.effectiveBand).toBe(state.band);
    const ok = await client.post(`/rooms/${w.roomA.id}/health`, {
      intent: "override",
      band: "green",
      score: "",
      reason: "Exec call went well",
      days: "7",
    });
    expect(ok.status).toBe(200);
    const after = tdb.db.select().from(roomHealth).where(eq(roomHealth.roomId, w.roomA.id)).get()!;
    expect(after.effectiveBand).toBe("green");
    expect(after.band).toBe(state.band);
  });

  it("a rating of an open milestone is refused; another tenant's milestone is not found", async () => {
    const open = tdb.db
      .select()
      .from(milestones)
      .where(eq(milestones.roomId, w.roomA.id))
      .all()
      .find((m) => !m.completedAt)!;
    const before = tdb.db.select().from(milestoneRatings).all().length;
    const res = await as(w.memberA.id).post(`/rooms/${w.roomA.id}/milestones/${open.id}`, {
      intent: "rate",
      stars: "5",
    });
    expect(res.status).toBe(409);
    const foreign = await as(w.customerB.id).post(`/rooms/${w.roomA.id}/milestones/${open.id}`, {
      intent: "rate",
      stars: "5",
    });
    expect(foreign.status).toBe(404);
    expect(tdb.db.select().from(milestoneRatings).all()).toHaveLength(before);
  });

  it("model settings: unordered anchors or a non-positive weight are refused field by field; a valid save is a new version", async () => {
    const client = as(w.admin.id);
    const form = { ...Object.fromEntries(configFields(DEFAULT_HEALTH_CONFIG)), intent: "save" };
    const bad = await client.post("/admin/health", {
      ...form,
      "measures.taskPunctuality.anchors": "0:100, 60:40, 20:70",
      "measures.csmPulse.weight": "0",
      "bands.yellow": "80",
    });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain("raw values strictly increasing");
    expect(tdb.db.select().from(healthConfigs).all()).toHaveLength(0);

    const preview = await client.post("/admin/health", { ...form, intent: "preview", "bands.green": "95" });
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain('data-testid="health-preview"');
    expect(tdb.db.select().from(healthConfigs).all()).toHaveLength(0);

    const saved = await client.post("/admin/health", { ...form, "measures.csmPulse.weight": "20" });
    expect(saved.status).toBe(200);
    const rows = tdb.db.select().from(healthConfigs).all();
    expect(rows.map((r) => r.version)).toEqual([2]);
    // Every room is queued for a recompute with the new version.
    expect(
      tdb.db
        .select()
        .from(roomHealth)
        .all()
        .every((r) => r.dirtySince !== null),
    ).toBe(true);
  });
});

describe("presence", () => {
  it("a customer opening the room counts as activity, written at most every few minutes", async () => {
    const newcomer = makeCustomer(tdb.db, { email: "newcomer@quokka.example" });
    addMember(tdb.db, w.roomA.id, newcomer.id, "customer_member");
    const seen = () =>
      tdb.db.select().from(memberships).where(eq(memberships.userId, newcomer.id)).get()!.lastSeenAt;
    expect(seen()).toBeNull();
    await as(newcomer.id).get(`/rooms/${w.roomA.id}`);
    const first = seen();
    expect(first).not.toBeNull();
    expect(
      tdb.db.select().from(roomHealth).where(eq(roomHealth.roomId, w.roomA.id)).get()!.dirtySince,
    ).not.toBeNull();
    await as(newcomer.id).get(`/rooms/${w.roomA.id}/plan`);
    expect(seen()!.getTime()).toBe(first!.getTime());
  });

  it("a calendar app fetching a customer's feed is not presence", async () => {
    const member = makeCustomer(tdb.db, { email: "calendar-only@quokka.example" });
    addMember(tdb.db, w.roomA.id, member.id, "customer_member");
    const token = createFeed({ ...getRoomAccess(member, w.roomA.id)!, user: member });
    const res = await new Client(app.url).get(`/calendar/${token}/feed.ics`);
    expect(res.status).toBe(200);
    expect(
      tdb.db.select().from(memberships).where(eq(memberships.userId, member.id)).get()!.lastSeenAt,
    ).toBeNull();
  });
});
