import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, milestones, stakeholders, tasks } from "#db/schema";
import { addMember, makeAccountWithRoom, makeCustomer, makeStaff } from "#db/factories";
import type { EffectiveRoomRole } from "~/access/capabilities";
import { getRoomAccess } from "~/domain/rooms/access.server";
import {
  completeMilestone,
  createPlanFromTemplate,
  getPlan,
  moveMilestone,
  setTaskStatus,
  type RoomContext,
} from "~/domain/plan/plan.server";
import { STANDARD_TEMPLATE_EN, STANDARD_TEMPLATE_JA } from "~/domain/templates/standard-templates";
import { createTemplate } from "~/domain/templates/templates.server";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

function setup(kickoffDate: string | null = "2026-12-07") {
  const db = t.db();
  const csm = makeStaff(db, { staffRole: "csm" });
  const { room } = makeAccountWithRoom(db, { csmId: csm.id, kickoffDate });
  const customer = makeCustomer(db);
  addMember(db, room.id, customer.id, "customer_member");
  const it = db
    .insert(stakeholders)
    .values({
      roomId: room.id,
      name: "IT 担当",
      side: "customer",
      teamRole: "it_admin",
      userId: customer.id,
    })
    .returning()
    .get();
  const templateId = createTemplate(db, STANDARD_TEMPLATE_JA, csm.id);
  const ctx = (user: typeof csm): RoomContext => ({ ...getRoomAccess(user, room.id)!, user });
  return { db, csm, customer, room, templateId, staff: ctx(csm), member: ctx(customer), itStakeholder: it };
}

const task = (title: string) => t.db().select().from(tasks).where(eq(tasks.title, title)).get()!;
const milestone = (title: string) =>
  t.db().select().from(milestones).where(eq(milestones.title, title)).get()!;

function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
}

describe("creating a plan from a template", () => {
  it("anchors every date on the kickoff and keeps baselines equal to targets", () => {
    const { staff, templateId, itStakeholder } = setup();
    expect(createPlanFromTemplate(staff, templateId)).toEqual({ tasks: 14, milestones: 4 });
    expect(task("キックオフミーティング")).toMatchObject({ startDate: "2026-12-07", dueDate: "2026-12-07" });
    expect(task("営業からの引き継ぎ内容を確認")).toMatchObject({
      startDate: "2026-12-02",
      dueDate: "2026-12-06",
      visibility: "internal",
    });
    expect(task("SSO設定")).toMatchObject({ dueDate: "2026-12-28", assigneeId: itStakeholder.id });
    expect(milestone("ファーストバリュー達成")).toMatchObject({
      targetDate: "2027-02-15",
      baselineDate: "2027-02-15",
      isFirstValue: true,
    });
    expect(t.db().select().from(events).where(eq(events.type, "plan.created")).all()).toHaveLength(1);
  });

  it("refuses a second plan, a room without kickoff, and customers", () => {
    const { staff, member, templateId } = setup();
    expect(domainError(() => createPlanFromTemplate(member, templateId)).status).toBe(403);
    createPlanFromTemplate(staff, templateId);
    expect(domainError(() => createPlanFromTemplate(staff, templateId)).messageKey).toBe(
      "plan.alreadyExists",
    );
    const other = setup(null);
    expect(domainError(() => createPlanFromTemplate(other.staff, other.templateId)).messageKey).toBe(
      "plan.needsKickoff",
    );
  });

  it("builds the English template as well", () => {
    const { staff, csm } = setup();
    const id = createTemplate(t.db(), STANDARD_TEMPLATE_EN, csm.id);
    createPlanFromTemplate(staff, id);
    expect(task("Configure SSO").dueDate).toBe("2026-12-28");
  });
});

describe("what customers see", () => {
  it("hides internal tasks and never lets them be reached by id", () => {
    const { staff, member, templateId } = setup();
    createPlanFromTemplate(staff, templateId);
    const titles = (ctx: RoomContext) => getPlan(ctx).tasks.map((x) => x.title);
    expect(titles(staff)).toContain("営業からの引き継ぎ内容を確認");
    expect(titles(member)).not.toContain("営業からの引き継ぎ内容を確認");
    expect(titles(member)).not.toContain("オンボーディング振り返り");
    const internal = task("営業からの引き継ぎ内容を確認");
    expect(
      domainError(() => setTaskStatus(member, internal.id, { status: "done", version: internal.version }))
        .status,
    ).toBe(404);
  });
});

describe("working the plan", () => {
  it("lets customers update customer-side and joint tasks, not vendor ones", () => {
    const { staff, member, templateId } = setup();
    createPlanFromTemplate(staff, templateId);
    const training = task("管理者トレーニング");
    expect(
      domainError(() => setTaskStatus(member, training.id, { status: "in_progress", version: 1 })).status,
    ).toBe(403);
    setTaskStatus(member, task("ユーザーアカウントと権限の設定").id, { status: "in_progress", version: 1 });
    expect(task("ユーザーアカウントと権限の設定").status).toBe("in_progress");
  });

  it("needs a reason to block, refuses stale versions and keeps the data as it was", () => {
    const { staff, member, templateId } = setup();
    createPlanFromTemplate(staff, templateId);
    const accounts = task("ユーザーアカウントと権限の設定");
    const noReason = domainError(() =>
      setTaskStatus(member, accounts.id, { status: "blocked", blockedReason: "  ", version: 1 }),
    );
    expect([noReason.messageKey, noReason.field]).toEqual(["plan.blockedNeedsReason", "blockedReason"]);
    setTaskStatus(member, accounts.id, {
      status: "blocked",
      blockedReason: "情報システム部の承認待ち",
      version: 1,
    });
    expect(task("ユーザーアカウントと権限の設定")).toMatchObject({
      status: "blocked",
      blockedReason: "情報システム部の承認待ち",
      version: 2,
    });
    const stale = domainError(() => setTaskStatus(staff, accounts.id, { status: "done", version: 1 }));
    expect([stale.status, stale.messageKey]).toEqual([409, "plan.staleVersion"]);
    expect(task("ユーザーアカウントと権限の設定").status).toBe("blocked");
  });

  it("refuses done before the tasks it depends on, naming them", () => {
    const { staff, templateId } = setup();
    createPlanFromTemplate(staff, templateId);
    const sso = task("SSO設定");
    const error = domainError(() => setTaskStatus(staff, sso.id, { status: "done", version: 1 }));
    expect(error.messageKey).toBe("plan.dependenciesOpen");
    expect(error.params.tasks).toContain("ユーザーアカウントと権限の設定");
  });

  it("completes an auto-complete milestone, proposes the others, and the CSM confirms", () => {
    const { staff, templateId } = setup();
    createPlanFromTemplate(staff, templateId);
    const done = (title: string) =>
      setTaskStatus(staff, task(title).id, { status: "done", version: task(title).version });
    done("営業からの引き継ぎ内容を確認");
    expect(done("キックオフミーティング")).toEqual({
      proposed: [],
      completed: [milestone("キックオフ完了").id],
    });
    expect(milestone("キックオフ完了").completedAt).not.toBeNull();
    done("ユーザーアカウントと権限の設定");
    done("SSO設定");
    done("既存データの移行");
    const result = done("既存システムとの連携設定");
    const setupDone = milestone("環境準備完了");
    expect(result.proposed).toEqual([setupDone.id]);
    expect(setupDone.completedAt).toBeNull();
    expect(setupDone.completionProposedAt).not.toBeNull();
    completeMilestone(staff, setupDone.id, setupDone.version);
    expect(milestone("環境準備完了").completedAt).not.toBeNull();
    expect(t.db().select().from(events).where(eq(events.type, "milestone.completed")).all()).toHaveLength(2);
  });

  it("withdraws a proposal when a required task is reopened", () => {
    const { staff, templateId } = setup();
    createPlanFromTemplate(staff, templateId);
    const done = (title: string, status: "done" | "in_progress" = "done") =>
      setTaskStatus(staff, task(title).id, { status, version: task(title).version });
    [
      "営業からの引き継ぎ内容を確認",
      "キックオフミーティング",
      "ユーザーアカウントと権限の設定",
      "SSO設定",
      "既存データの移行",
      "既存システムとの連携設定",
    ].forEach((x) => done(x));
    expect(milestone("環境準備完了").completionProposedAt).not.toBeNull();
    done("既存データの移行", "in_progress");
    expect(milestone("環境準備完了").completionProposedAt).toBeNull();
  });

  it("moves a milestone's target and keeps its baseline", () => {
    const { staff, member, templateId } = setup();
    createPlanFromTemplate(staff, templateId);
    const live = milestone("本番稼働");
    expect(domainError(() => moveMilestone(member, live.id, "2027-03-01", live.version)).status).toBe(403);
    moveMilestone(staff, live.id, "2027-03-01", live.version);
    expect(milestone("本番稼働")).toMatchObject({ targetDate: "2027-03-01", baselineDate: "2027-02-01" });
    expect(domainError(() => moveMilestone(staff, live.id, "2027-03-08", live.version)).status).toBe(409);
  });

  it("never touches another room's task by id", () => {
    const a = setup();
    createPlanFromTemplate(a.staff, a.templateId);
    const foreign = task("SSO設定");
    const db = t.db();
    const csm = makeStaff(db, { staffRole: "csm" });
    const { room } = makeAccountWithRoom(db, { csmId: csm.id });
    const ctx = { ...getRoomAccess(csm, room.id)!, user: csm, role: "owner" as EffectiveRoomRole };
    expect(
      domainError(() => setTaskStatus(ctx, foreign.id, { status: "in_progress", version: 1 })).status,
    ).toBe(404);
  });
});
