import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase, type Db } from "#db/client.server";
import { events, milestones, phases, rooms, stakeholders, tasks } from "#db/schema";
import { addDays, startOfWeek, todayIn } from "~/domain/plan/dates";
import { createPlanFromTemplate, type RoomContext } from "~/domain/plan/plan.server";
import { getPlanList, getPlanTimeline, getRoomProgress, parsePlanFilters } from "~/domain/plan/views.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
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

// The plan list, its filters, status changes and the room overview, through the built app.

let tdb: TestDatabase;
let db: Db;
let w: TwoTenants;
let app: TestApp;
let today: string;

const INTERNAL_TITLES = ["営業からの引き継ぎ内容を確認", "オンボーディング振り返り"];

function ctxFor(user: TwoTenants["csmA"], roomId: string): RoomContext {
  return { ...getRoomAccess(user, roomId)!, user } as RoomContext;
}

const taskIn = (roomId: string, title: string) =>
  db
    .select()
    .from(tasks)
    .where(and(eq(tasks.roomId, roomId), eq(tasks.title, title)))
    .get()!;
const roomTasks = (roomId: string) => db.select().from(tasks).where(eq(tasks.roomId, roomId)).all();

async function as(user: { id: string }) {
  const client = new Client(app.url);
  signInAs(db, client, user.id);
  return client;
}

/** The ids of the task rows a page shows. */
function shownTaskIds(html: string): string[] {
  return [...html.matchAll(/data-task-id="([^"]+)"/g)].map((m) => m[1]!).sort();
}

const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

beforeAll(async () => {
  tdb = createTestDatabase();
  db = tdb.db;
  w = seedTwoTenants(db);
  // Domain calls from the test process write to the same file the app reads.
  useDatabase(db);
  today = todayIn("Asia/Tokyo");
  // Kickoff ten days ago: the first tasks are overdue, later ones are not.
  const kickoff = addDays(today, -10);
  db.update(rooms).set({ kickoffDate: kickoff }).where(eq(rooms.id, w.roomA.id)).run();
  db.update(rooms).set({ kickoffDate: kickoff }).where(eq(rooms.id, w.roomB.id)).run();
  db.insert(stakeholders)
    .values({
      roomId: w.roomA.id,
      name: "Quinn as IT lead",
      side: "customer",
      teamRole: "it_admin",
      userId: w.memberA.id,
    })
    .run();
  const templateId = createTemplate(db, STANDARD_TEMPLATE_JA, w.csmA.id);
  createPlanFromTemplate(ctxFor(w.csmA, w.roomA.id), templateId);
  createPlanFromTemplate(ctxFor(w.csmB, w.roomB.id), templateId);
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  useDatabase(undefined);
  tdb?.dispose();
});

describe("the plan list", () => {
  it("shows a customer the shared tasks and never an internal one", async () => {
    const member = await as(w.memberA);
    const res = await member.get(`/rooms/${w.roomA.id}/plan`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("SSO設定");
    expect(html).toContain("ファーストバリュー達成");
    for (const title of INTERNAL_TITLES) expect(html).not.toContain(title);
    const shared = roomTasks(w.roomA.id).filter((t) => t.visibility === "shared");
    expect(shownTaskIds(html)).toEqual(idsOf(shared));
  });

  it("shows staff the internal tasks too", async () => {
    const csm = await as(w.csmA);
    const html = await (await csm.get(`/rooms/${w.roomA.id}/plan`)).text();
    for (const title of INTERNAL_TITLES) expect(html).toContain(title);
    expect(shownTaskIds(html)).toEqual(idsOf(roomTasks(w.roomA.id)));
  });

  it("shows the status form only on tasks the viewer may update", async () => {
    const member = await as(w.memberA);
    const html = await (await member.get(`/rooms/${w.roomA.id}/plan`)).text();
    const vendorTask = taskIn(w.roomA.id, "管理者トレーニング");
    const customerTask = taskIn(w.roomA.id, "ゴールとKPIの合意");
    expect(html).toContain(`name="taskId" value="${customerTask.id}"`);
    expect(html).not.toContain(`name="taskId" value="${vendorTask.id}"`);
    const viewer = await as(w.viewerA);
    const viewerHtml = await (await viewer.get(`/rooms/${w.roomA.id}/plan`)).text();
    expect(viewerHtml).not.toContain('name="intent" value="status"');
  });

  it("filters: mine, customer side, overdue, this week, and combined", async () => {
    const all = roomTasks(w.roomA.id);
    const shared = all.filter((t) => t.visibility === "shared");
    const member = await as(w.memberA);
    const csm = await as(w.csmA);
    const list = async (client: Client, query: string) =>
      shownTaskIds(await (await client.get(`/rooms/${w.roomA.id}/plan?${query}`)).text());

    const me = db.select().from(stakeholders).where(eq(stakeholders.userId, w.memberA.id)).get()!;
    const mine = shared.filter((t) => t.assigneeId === me.id);
    expect(mine.map((t) => t.title).sort()).toEqual(
      ["SSO設定", "ユーザーアカウントと権限の設定", "既存システムとの連携設定"].sort(),
    );
    expect(await list(member, "mine=1")).toEqual(idsOf(mine));

    expect(await list(member, "customer=1")).toEqual(idsOf(shared.filter((t) => t.side !== "vendor")));

    // Kickoff was ten days ago: the handoff (-1), the kickoff (0) and goals (+7) are late; planning (+10)
    // is due today and not yet late.
    const overdue = ["営業からの引き継ぎ内容を確認", "キックオフミーティング", "ゴールとKPIの合意"];
    expect(await list(csm, "overdue=1")).toEqual(idsOf(overdue.map((t) => taskIn(w.roomA.id, t))));
    expect(await list(member, "overdue=1")).toEqual(
      idsOf(overdue.slice(1).map((t) => taskIn(w.roomA.id, t))),
    );
    expect(await list(csm, "overdue=1&customer=1")).toEqual(
      idsOf(["キックオフミーティング", "ゴールとKPIの合意"].map((t) => taskIn(w.roomA.id, t))),
    );

    const monday = startOfWeek(today);
    const thisWeek = all.filter((t) => t.dueDate! >= monday && t.dueDate! <= addDays(monday, 6));
    expect(await list(csm, "week=1")).toEqual(idsOf(thisWeek));
  });

  it("marks overdue tasks visibly", async () => {
    const csm = await as(w.csmA);
    const html = await (await csm.get(`/rooms/${w.roomA.id}/plan`)).text();
    // Two shared and one internal task are late.
    expect(html.match(/data-testid="overdue"/g)).toHaveLength(3);
  });
});

describe("working the plan", () => {
  const post = (client: Client, form: Record<string, string>) =>
    // As the page's script posts it (in place): the answer is the result, not a redirect back.
    client.post(`/rooms/${w.roomA.id}/plan`, { intent: "status", inPlace: "1", ...form });

  it("lets a customer member change a customer task, refuses stale versions with 409", async () => {
    const member = await as(w.memberA);
    const goals = taskIn(w.roomA.id, "ゴールとKPIの合意");
    const res = await post(member, {
      taskId: goals.id,
      status: "in_progress",
      version: String(goals.version),
    });
    expect(res.status).toBe(200);
    expect(taskIn(w.roomA.id, "ゴールとKPIの合意")).toMatchObject({
      status: "in_progress",
      version: goals.version + 1,
    });

    // The same form again, based on the old version: someone else's change must not be overwritten.
    const stale = await post(member, { taskId: goals.id, status: "done", version: String(goals.version) });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toMatch(/(Someone changed this item|他の方によって変更されました)/);
    expect(taskIn(w.roomA.id, "ゴールとKPIの合意")).toMatchObject({
      status: "in_progress",
      version: goals.version + 1,
    });
    expect(
      db
        .select()
        .from(events)
        .where(and(eq(events.subjectId, goals.id), eq(events.type, "task.status_changed")))
        .all(),
    ).toHaveLength(1);
  });

  it("requires a reason for blocked, and changes nothing without one", async () => {
    const member = await as(w.memberA);
    const sso = taskIn(w.roomA.id, "SSO設定");
    const res = await post(member, {
      taskId: sso.id,
      status: "blocked",
      blockedReason: " ",
      version: String(sso.version),
    });
    expect(res.status).toBe(400);
    expect(taskIn(w.roomA.id, "SSO設定")).toMatchObject({ status: sso.status, version: sso.version });
    const ok = await post(member, {
      taskId: sso.id,
      status: "blocked",
      blockedReason: "IdP の管理者権限待ち",
      version: String(sso.version),
    });
    expect(ok.status).toBe(200);
    expect(taskIn(w.roomA.id, "SSO設定")).toMatchObject({
      status: "blocked",
      blockedReason: "IdP の管理者権限待ち",
    });
    const html = await (await member.get(`/rooms/${w.roomA.id}/plan`)).text();
    expect(html).toContain("IdP の管理者権限待ち");
  });

  it("refuses done while a dependency is open", async () => {
    const csm = await as(w.csmA);
    const golive = taskIn(w.roomA.id, "本番稼働");
    const res = await post(csm, { taskId: golive.id, status: "done", version: String(golive.version) });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/(it depends on|先行タスク)/);
    expect(taskIn(w.roomA.id, "本番稼働").status).toBe("todo");
  });

  it("gives 403 for a vendor task, 404 for an internal task or another room's task", async () => {
    const member = await as(w.memberA);
    const vendorTask = taskIn(w.roomA.id, "管理者トレーニング");
    const forbidden = await post(member, { taskId: vendorTask.id, status: "done", version: "1" });
    expect(forbidden.status).toBe(403);
    expect(taskIn(w.roomA.id, "管理者トレーニング").status).toBe("todo");

    const internal = taskIn(w.roomA.id, INTERNAL_TITLES[0]!);
    expect((await post(member, { taskId: internal.id, status: "in_progress", version: "1" })).status).toBe(
      404,
    );

    const otherRoomTask = taskIn(w.roomB.id, "ゴールとKPIの合意");
    const res = await post(member, { taskId: otherRoomTask.id, status: "in_progress", version: "1" });
    expect(res.status).toBe(404);
    expect(taskIn(w.roomB.id, "ゴールとKPIの合意").status).toBe("todo");
    expect(taskIn(w.roomA.id, INTERNAL_TITLES[0]!).status).toBe("todo");
  });

  it("refuses viewers (403) and milestone confirmation by customers (403)", async () => {
    const viewer = await as(w.viewerA);
    const goals = taskIn(w.roomA.id, "ゴールとKPIの合意");
    expect(
      (await post(viewer, { taskId: goals.id, status: "done", version: String(goals.version) })).status,
    ).toBe(403);
    const member = await as(w.memberA);
    const m = db.select().from(milestones).where(eq(milestones.roomId, w.roomA.id)).all()[1]!;
    const res = await member.post(`/rooms/${w.roomA.id}/plan`, {
      intent: "completeMilestone",
      milestoneId: m.id,
      version: String(m.version),
    });
    expect(res.status).toBe(403);
    expect(db.select().from(milestones).where(eq(milestones.id, m.id)).get()!.completedAt).toBeNull();
  });

  it("lets the CSM move a milestone (baseline kept, slip shown) and confirm it", async () => {
    const csm = await as(w.csmA);
    const m = db
      .select()
      .from(milestones)
      .where(and(eq(milestones.roomId, w.roomA.id), eq(milestones.title, "本番稼働")))
      .get()!;
    const moved = addDays(m.targetDate, 5);
    const res = await csm.post(`/rooms/${w.roomA.id}/plan`, {
      intent: "moveMilestone",
      milestoneId: m.id,
      version: String(m.version),
      targetDate: moved,
    });
    expect(res.status).toBe(200);
    const after = db.select().from(milestones).where(eq(milestones.id, m.id)).get()!;
    expect(after).toMatchObject({ targetDate: moved, baselineDate: m.baselineDate });
    const html = await (await csm.get(`/rooms/${w.roomA.id}/plan`)).text();
    expect(html).toMatch(/(slipped 5 days|5 日遅延)/);

    const stale = await csm.post(`/rooms/${w.roomA.id}/plan`, {
      intent: "completeMilestone",
      milestoneId: m.id,
      version: String(m.version),
    });
    expect(stale.status).toBe(409);
    const done = await csm.post(`/rooms/${w.roomA.id}/plan`, {
      intent: "completeMilestone",
      milestoneId: m.id,
      version: String(after.version),
    });
    expect(done.status).toBe(200);
    expect(db.select().from(milestones).where(eq(milestones.id, m.id)).get()!.completedAt).not.toBeNull();
  });
});

describe("a room without a plan", () => {
  it("offers editors the templates and an empty plan; creates one phase with an event", async () => {
    const csm = await as(w.csmA);
    const page = await (await csm.get(`/rooms/${w.roomA2.id}/plan`)).text();
    expect(page).toContain('data-testid="plan-empty"');
    expect(page).toContain(STANDARD_TEMPLATE_JA.name);
    // Room A2 has no kickoff date: creating from a template is not possible yet and the page says so.
    expect(page).toMatch(/(no kickoff date yet|キックオフ日が設定されていません)/);

    const res = await csm.post(`/rooms/${w.roomA2.id}/plan`, { intent: "emptyPlan", phaseTitle: "準備" });
    expect(res.status).toBe(200);
    expect(
      db
        .select()
        .from(phases)
        .where(eq(phases.roomId, w.roomA2.id))
        .all()
        .map((p) => p.title),
    ).toEqual(["準備"]);
    expect(
      db
        .select()
        .from(events)
        .where(and(eq(events.roomId, w.roomA2.id), eq(events.type, "plan.created")))
        .all(),
    ).toHaveLength(1);
    const again = await csm.post(`/rooms/${w.roomA2.id}/plan`, { intent: "emptyPlan", phaseTitle: "二度目" });
    expect(again.status).toBe(400);
    expect(db.select().from(phases).where(eq(phases.roomId, w.roomA2.id)).all()).toHaveLength(1);
  });
});

describe("the room overview", () => {
  it("shows the customer the shared percentage and staff the internal-inclusive one", async () => {
    // Mark three shared tasks and one internal task done directly.
    const done = [
      "キックオフミーティング",
      "計画ミーティング（活用イメージのすり合わせ）",
      "既存データの移行",
      INTERNAL_TITLES[0]!,
    ];
    for (const title of done)
      db.update(tasks)
        .set({ status: "done" })
        .where(eq(tasks.id, taskIn(w.roomA.id, title).id))
        .run();
    const all = roomTasks(w.roomA.id);
    const shared = all.filter((t) => t.visibility === "shared");
    const sharedDone = shared.filter((t) => t.status === "done").length;
    const allDone = all.filter((t) => t.status === "done").length;
    expect(sharedDone).toBe(3);
    expect(allDone).toBe(4);

    const percentIn = (html: string, testId: string) =>
      html.match(new RegExp(`data-testid="${testId}"[^>]*>(\\d+)`))?.[1];
    const member = await as(w.memberA);
    const memberHtml = await (await member.get(`/rooms/${w.roomA.id}`)).text();
    expect(percentIn(memberHtml, "progress-shared")).toBe(String(Math.round((3 / shared.length) * 100)));
    expect(memberHtml).not.toContain('data-testid="progress-all"');
    expect(memberHtml).not.toContain('data-testid="overdue-by-side"');
    for (const title of INTERNAL_TITLES) expect(memberHtml).not.toContain(title);
    // "Next for me": the member's open tasks by due date.
    expect(memberHtml).toContain("ユーザーアカウントと権限の設定");

    const csm = await as(w.csmA);
    const csmHtml = await (await csm.get(`/rooms/${w.roomA.id}`)).text();
    expect(percentIn(csmHtml, "progress-shared")).toBe(String(Math.round((3 / shared.length) * 100)));
    expect(percentIn(csmHtml, "progress-all")).toBe(String(Math.round((4 / all.length) * 100)));
    expect(csmHtml).toContain('data-testid="first-value-forecast"');
  });

  it("keeps the friendly empty state when there is no plan", async () => {
    const customer = await as(w.customerB);
    db.delete(phases).where(eq(phases.roomId, w.roomB.id)).run();
    const html = await (await customer.get(`/rooms/${w.roomB.id}`)).text();
    expect(html).toContain('aria-labelledby="overview-empty"');
    expect(html).not.toContain('data-testid="progress-shared"');
  });
});

describe("the read cache of the plan views", () => {
  it("reuses a viewer's answer until a write, and never hands one viewer another's", () => {
    const none = parsePlanFilters(new URLSearchParams());
    const csm = ctxFor(w.csmA, w.roomA.id);
    const member = ctxFor(w.memberA, w.roomA.id);
    const viewer = ctxFor(w.viewerA, w.roomA.id);
    const listed = (list: ReturnType<typeof getPlanList>) => list.phases.flatMap((p) => p.tasks);
    const all = roomTasks(w.roomA.id);
    const shared = all.filter((t) => t.visibility === "shared");

    // The same viewer and parameters: the same answer, not read again.
    const memberList = getPlanList(member, none);
    expect(getPlanList(member, none)).toBe(memberList);
    expect(getRoomProgress(member)).toBe(getRoomProgress(member));
    // Staff see internal tasks, the customer does not; the viewer may update nothing; "mine" is per person.
    expect(idsOf(listed(getPlanList(csm, none)))).toEqual(idsOf(all));
    expect(idsOf(listed(memberList))).toEqual(idsOf(shared));
    expect(listed(memberList).some((t) => t.canUpdate)).toBe(true);
    expect(listed(getPlanList(viewer, none)).some((t) => t.canUpdate)).toBe(false);
    expect(listed(memberList).some((t) => t.mine)).toBe(true);
    expect(listed(getPlanList(csm, none)).some((t) => t.mine)).toBe(false);
    expect(getPlanList(member, { ...none, mine: true }).shownTasks).toBeLessThan(memberList.shownTasks);
    // The timeline holds nothing personal: shared by viewers who see the same items, not with staff.
    expect(getPlanTimeline(viewer)).toBe(getPlanTimeline(member));
    expect(idsOf(getPlanTimeline(csm).tasks)).toEqual(idsOf(all));
    expect(idsOf(getPlanTimeline(member).tasks)).toEqual(idsOf(shared));
    expect(getRoomProgress(member).allPercent).toBeNull();
    expect(getRoomProgress(csm).allPercent).not.toBeNull();

    // A write, even one made outside the app's functions: the next read sees it.
    const task = shared[0]!;
    db.update(tasks).set({ title: "Renamed while cached" }).where(eq(tasks.id, task.id)).run();
    try {
      const after = getPlanList(member, none);
      expect(after).not.toBe(memberList);
      expect(listed(after).find((t) => t.id === task.id)?.title).toBe("Renamed while cached");
      expect(getPlanTimeline(member).tasks.find((t) => t.id === task.id)?.title).toBe("Renamed while cached");
    } finally {
      db.update(tasks).set({ title: task.title }).where(eq(tasks.id, task.id)).run();
    }
  });
});
