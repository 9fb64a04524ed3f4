import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase, type Db } from "#db/client.server";
import { rooms, stakeholders, tasks, users } from "#db/schema";
import { addDays, todayIn } from "~/domain/plan/dates";
import { createPlanFromTemplate, setTaskStatus, type RoomContext } from "~/domain/plan/plan.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { getRoomHome, phaseSteps, waitingOnCustomer } from "~/domain/rooms/home.server";
import { STANDARD_TEMPLATE_JA } from "~/domain/templates/standard-templates";
import { createTemplate } from "~/domain/templates/templates.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";

// The room's home (issue 9): what each viewer sees on the overview, and the status form answering the
// page's script in place and a plain form post with a redirect back to the task.

let tdb: TestDatabase;
let db: Db;
let w: TwoTenants;
let app: TestApp;
let today: string;

const INTERNAL_TITLES = ["営業からの引き継ぎ内容を確認", "オンボーディング振り返り"];

function ctxFor(user: { id: string }, roomId: string): RoomContext {
  const row = db.select().from(users).where(eq(users.id, user.id)).get()!;
  return { ...getRoomAccess(row, roomId)!, user: row } as RoomContext;
}

const taskIn = (roomId: string, title: string) =>
  db
    .select()
    .from(tasks)
    .where(and(eq(tasks.roomId, roomId), eq(tasks.title, title)))
    .get()!;

async function as(user: { id: string }) {
  const client = new Client(app.url);
  signInAs(db, client, user.id);
  return client;
}

beforeAll(async () => {
  tdb = createTestDatabase();
  db = tdb.db;
  w = seedTwoTenants(db);
  useDatabase(db);
  today = todayIn("Asia/Tokyo");
  db.update(rooms)
    .set({ kickoffDate: addDays(today, -10) })
    .where(eq(rooms.id, w.roomA.id))
    .run();
  db.insert(stakeholders)
    .values({
      roomId: w.roomA.id,
      name: "Quinn",
      side: "customer",
      teamRole: "it_admin",
      userId: w.memberA.id,
    })
    .run();
  db.update(users)
    .set({
      jobTitle: "Customer Success Manager",
      phone: "+81 3-1234-5678",
      bookingUrl: "https://cal.example.com/csm-a",
      avatarFileId: "avatar123",
    })
    .where(eq(users.id, w.csmA.id))
    .run();
  const templateId = createTemplate(db, STANDARD_TEMPLATE_JA, w.csmA.id);
  createPlanFromTemplate(ctxFor(w.csmA, w.roomA.id), templateId);
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  useDatabase(undefined);
  tdb?.dispose();
});

describe("what the vendor waits on from the customer", () => {
  const task = (over: Partial<Parameters<typeof waitingOnCustomer>[0][number]> & { id: string }) => ({
    side: "customer" as const,
    status: "todo" as const,
    dueDate: today,
    visibility: "shared" as const,
    ...over,
  });

  it("takes open shared customer-side and joint tasks, overdue or due within 7 days, soonest first", () => {
    const picked = waitingOnCustomer(
      [
        task({ id: "in-7-days", dueDate: addDays(today, 7) }),
        task({ id: "in-8-days", dueDate: addDays(today, 8) }),
        task({ id: "overdue", dueDate: addDays(today, -30), side: "joint" }),
        task({ id: "today" }),
        task({ id: "vendor", side: "vendor" }),
        task({ id: "done", status: "done" }),
        task({ id: "internal", visibility: "internal" }),
        task({ id: "no-date", dueDate: null }),
        task({ id: "blocked", status: "blocked", dueDate: addDays(today, 1) }),
      ],
      today,
    );
    expect(picked.map((t) => t.id)).toEqual(["overdue", "today", "blocked", "in-7-days"]);
  });
});

describe("progress by phase", () => {
  it("marks finished phases done, the first unfinished one current and the rest next, with their dates", () => {
    const steps = phaseSteps(
      [
        { id: "a", title: "A" },
        { id: "empty", title: "Empty" },
        { id: "b", title: "B" },
        { id: "c", title: "C" },
      ],
      [
        { phaseId: "a", status: "done", startDate: "2026-01-05", dueDate: "2026-01-09" },
        { phaseId: "a", status: "done", startDate: "2026-01-01", dueDate: "2026-01-20" },
        { phaseId: "b", status: "done", startDate: "2026-02-01", dueDate: "2026-02-05" },
        { phaseId: "b", status: "todo", startDate: null, dueDate: "2026-02-10" },
        { phaseId: "c", status: "todo", startDate: "2026-03-01", dueDate: null },
      ],
    );
    expect(steps).toEqual([
      {
        id: "a",
        title: "A",
        startDate: "2026-01-01",
        endDate: "2026-01-20",
        done: 2,
        total: 2,
        state: "done",
      },
      {
        id: "b",
        title: "B",
        startDate: "2026-02-01",
        endDate: "2026-02-10",
        done: 1,
        total: 2,
        state: "current",
      },
      { id: "c", title: "C", startDate: "2026-03-01", endDate: null, done: 0, total: 1, state: "next" },
    ]);
  });
});

describe("the overview's data per viewer", () => {
  it("gives the customer only shared items: phases, waiting on, my tasks and activity", () => {
    // Something happens on an internal task: staff see it in the activity, the customer never does.
    const internal = taskIn(w.roomA.id, INTERNAL_TITLES[0]!);
    setTaskStatus(ctxFor(w.csmA, w.roomA.id), internal.id, {
      status: "done",
      version: internal.version,
    });
    const shared = taskIn(w.roomA.id, "キックオフミーティング");
    setTaskStatus(ctxFor(w.csmA, w.roomA.id), shared.id, { status: "done", version: shared.version });

    const member = getRoomHome(ctxFor(w.memberA, w.roomA.id));
    const all = db.select().from(tasks).where(eq(tasks.roomId, w.roomA.id)).all();
    const sharedCount = all.filter((t) => t.visibility === "shared").length;
    expect(member.phases.reduce((n, p) => n + p.total, 0)).toBe(sharedCount);
    const seen = [...member.waitingOn, ...member.myTasks].map((t) => t.title);
    for (const title of INTERNAL_TITLES) expect(seen).not.toContain(title);
    expect(member.activity.map((e) => e.data?.title)).not.toContain(INTERNAL_TITLES[0]);
    expect(member.activity.map((e) => e.data?.title)).toContain("キックオフミーティング");
    // Each item links to its page.
    expect(member.activity.find((e) => e.data?.title === "キックオフミーティング")?.href).toBe(
      `/rooms/${w.roomA.id}/tasks/${shared.id}`,
    );
    expect(member.allPercent).toBeNull();
    expect(member.overdueBySide).toBeNull();
    // The member's tasks are the IT lead's (Quinn), open, soonest first, each with what Done posts.
    const quinn = db.select().from(stakeholders).where(eq(stakeholders.userId, w.memberA.id)).get()!;
    const mine = all
      .filter((t) => t.assigneeId === quinn.id && t.status !== "done")
      .sort((a, b) => (a.dueDate ?? "").localeCompare(b.dueDate ?? ""));
    expect(member.myTasks.map((t) => t.id)).toEqual(mine.slice(0, 5).map((t) => t.id));
    expect(member.myTasks[0]).toMatchObject({ version: mine[0]!.version, canUpdate: true });

    const csm = getRoomHome(ctxFor(w.csmA, w.roomA.id));
    expect(csm.phases.reduce((n, p) => n + p.total, 0)).toBe(all.length);
    expect(csm.activity.map((e) => e.data?.title)).toContain(INTERNAL_TITLES[0]);
    expect(csm.overdueBySide).not.toBeNull();
    // The same "waiting on" list for staff: what the customer owes (never vendor or internal tasks).
    expect(csm.waitingOn.map((t) => t.id)).toEqual(member.waitingOn.map((t) => t.id));
    expect(csm.waitingOn.every((t) => t.side !== "vendor")).toBe(true);
  });

  it("carries the CSM's contact card, and never a booking link that is not a web address", () => {
    const home = getRoomHome(ctxFor(w.memberA, w.roomA.id));
    expect(home.contact).toEqual({
      name: w.csmA.name,
      email: w.csmA.email,
      jobTitle: "Customer Success Manager",
      phone: "+81 3-1234-5678",
      bookingUrl: "https://cal.example.com/csm-a",
      photoUrl: "/files/avatar123",
    });
    db.update(users).set({ bookingUrl: "javascript:alert(1)" }).where(eq(users.id, w.csmA.id)).run();
    expect(getRoomHome(ctxFor(w.memberA, w.roomA.id)).contact?.bookingUrl).toBeNull();
    db.update(users)
      .set({ bookingUrl: "https://cal.example.com/csm-a" })
      .where(eq(users.id, w.csmA.id))
      .run();
  });

  it("renders the contact card and the customer's lists, without internal items", async () => {
    const member = await as(w.memberA);
    const html = await (await member.get(`/rooms/${w.roomA.id}`)).text();
    expect(html).toContain('data-testid="csm-contact"');
    expect(html).toContain(`href="mailto:${w.csmA.email}"`);
    expect(html).toContain('href="tel:+81312345678"');
    expect(html).toContain('href="https://cal.example.com/csm-a"');
    expect(html).toContain('src="/files/avatar123"');
    expect(html).toContain('data-testid="phase-stepper"');
    expect(html).toContain('aria-current="step"');
    for (const title of INTERNAL_TITLES) expect(html).not.toContain(title);
  });
});

describe("the status form, in place and without JavaScript", () => {
  const planning = () => taskIn(w.roomA.id, "計画ミーティング（活用イメージのすり合わせ）");

  it("answers the page's script (single fetch) with the notice and the task, and changes the task", async () => {
    const member = await as(w.memberA);
    const task = taskIn(w.roomA.id, "ゴールとKPIの合意");
    const res = await member.post(`/rooms/${w.roomA.id}/plan.data`, {
      intent: "status",
      inPlace: "1",
      taskId: task.id,
      status: "in_progress",
      version: String(task.version),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Location")).toBeNull();
    const body = await res.text();
    expect(body).toContain("plan.notice.statusChanged");
    expect(body).toContain(task.id);
    expect(taskIn(w.roomA.id, "ゴールとKPIの合意")).toMatchObject({ status: "in_progress" });
  });

  it("redirects a plain post back to the same page, its filters kept, at the task with the notice", async () => {
    const member = await as(w.memberA);
    const task = taskIn(w.roomA.id, "ゴールとKPIの合意");
    const res = await member.post(`/rooms/${w.roomA.id}/plan?customer=1`, {
      intent: "status",
      taskId: task.id,
      status: "todo",
      version: String(task.version),
    });
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    expect(location).toBe(
      `/rooms/${w.roomA.id}/plan?customer=1&notice=plan.notice.statusChanged&task=${task.id}#task-${task.id}`,
    );
    expect(taskIn(w.roomA.id, "ゴールとKPIの合意")).toMatchObject({ status: "todo" });
    // The page it lands on shows the notice beside that task.
    const html = await (await member.get(location.split("#")[0]!)).text();
    const row = html.slice(html.indexOf(`id="task-${task.id}"`));
    expect(row.slice(0, row.indexOf("</li>"))).toContain('data-testid="task-notice"');
    // Only a known notice is taken from the URL.
    const forged = await (
      await member.get(`/rooms/${w.roomA.id}/plan?notice=auth.linkSent&task=${task.id}`)
    ).text();
    expect(forged).not.toContain('data-testid="task-notice"');
  });

  it("Done on the overview: in place for the script, a redirect back to the overview without it", async () => {
    const member = await as(w.memberA);
    const first = planning();
    const inPlace = await member.post(`/rooms/${w.roomA.id}.data?index`, {
      intent: "status",
      inPlace: "1",
      taskId: first.id,
      status: "in_progress",
      version: String(first.version),
    });
    expect(inPlace.status).toBe(200);
    expect(await inPlace.text()).toContain("plan.notice.statusChanged");

    const task = planning();
    const res = await member.post(`/rooms/${w.roomA.id}?index`, {
      intent: "status",
      taskId: task.id,
      status: "done",
      version: String(task.version),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(
      `/rooms/${w.roomA.id}?notice=plan.notice.statusChanged&task=${task.id}#task-${task.id}`,
    );
    expect(planning().status).toBe("done");
  });

  it("refuses a change whose dependencies are open, both ways, and changes nothing", async () => {
    const member = await as(w.memberA);
    const sso = taskIn(w.roomA.id, "SSO設定");
    const form = { intent: "status", taskId: sso.id, status: "done", version: String(sso.version) };
    const plain = await member.post(`/rooms/${w.roomA.id}/tasks/${sso.id}`, form);
    expect(plain.status).toBe(400);
    expect(await plain.text()).toMatch(/先行タスク|not done yet|dependenc/i);
    const inPlace = await member.post(`/rooms/${w.roomA.id}/plan.data`, { ...form, inPlace: "1" });
    expect(inPlace.status).toBe(400);
    expect(await inPlace.text()).toContain("plan.dependenciesOpen");
    expect(taskIn(w.roomA.id, "SSO設定")).toMatchObject({ status: sso.status, version: sso.version });
  });

  it("gives the task page its status control and an overdue mark", async () => {
    const member = await as(w.memberA);
    // Due a week after the kickoff (ten days ago), open: overdue.
    const accounts = taskIn(w.roomA.id, "ゴールとKPIの合意");
    expect(accounts.dueDate! < today && accounts.status !== "done").toBe(true);
    const html = await (await member.get(`/rooms/${w.roomA.id}/tasks/${accounts.id}`)).text();
    expect(html).toContain('id="status"');
    expect(html).toContain('name="intent" value="status"');
    expect(html).toContain('data-testid="overdue"');
    // A read-only viewer gets no status control.
    const viewer = await as(w.viewerA);
    const viewerHtml = await (await viewer.get(`/rooms/${w.roomA.id}/tasks/${accounts.id}`)).text();
    expect(viewerHtml).not.toContain('name="intent" value="status"');
  });
});
