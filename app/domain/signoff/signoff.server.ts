/**
 * Customer sign-off (検収) of milestones: what the milestone page shows, the A's decision, and the CSM's
 * "request again". See docs/decisions/0018-customer-sign-off.md.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { getDb, writeTransaction, type DbOrTx } from "#db/client.server";
import { milestones, milestoneSignOffs, milestoneTasks, stakeholders, tasks, users } from "#db/schema";
import { can } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import {
  markMilestoneCompleted,
  seesInternal,
  type Milestone,
  type RoomContext,
} from "~/domain/plan/plan.server";
import { DomainError } from "~/utils/errors";
import type { SignOffDecision } from "~/vocabulary";
import {
  approverById,
  approverProblem,
  currentApprover,
  pendingSignOff,
  requestSignOffTx,
  sendSignOffEmail,
  type Approver,
  type ApproverProblem,
} from "./requests.server";

/** The longest comment kept with a decision. */
export const SIGN_OFF_COMMENT_MAX = 2000;

type ViewCtx = Pick<RoomContext, "room" | "role" | "user">;

function loadMilestone(db: DbOrTx, ctx: Pick<RoomContext, "room" | "role">, milestoneId: string): Milestone {
  const m = db
    .select()
    .from(milestones)
    .where(and(eq(milestones.id, milestoneId), eq(milestones.roomId, ctx.room.id)))
    .get();
  if (!m || (m.visibility === "internal" && !seesInternal(ctx.role)))
    throw new DomainError(404, "errors.notFound");
  return m;
}

/** Whether this user is the A the request is addressed to (linked, or the same address as the stakeholder). */
function isApprover(ctx: ViewCtx, approver: Approver | null): boolean {
  if (!approver || !can(ctx.role, "milestones.signOff")) return false;
  return approver.user?.id === ctx.user.id;
}

function requiredTasksDone(db: DbOrTx, milestoneId: string): boolean {
  const required = db
    .select({ status: tasks.status })
    .from(milestoneTasks)
    .innerJoin(tasks, eq(tasks.id, milestoneTasks.taskId))
    .where(eq(milestoneTasks.milestoneId, milestoneId))
    .all();
  return required.every((t) => t.status === "done");
}

export type SignOffRecord = {
  id: string;
  requestedAt: Date;
  approverName: string | null;
  decision: SignOffDecision | null;
  decidedAt: Date | null;
  decidedByName: string | null;
  comment: string | null;
  reminderCount: number;
  lastRemindedAt: Date | null;
};

/** Every request of a milestone, oldest first, with names for the page and the acceptance record. */
export function signOffHistory(db: DbOrTx, milestoneId: string): SignOffRecord[] {
  return db
    .select({ r: milestoneSignOffs, approverName: stakeholders.name, decidedByName: users.name })
    .from(milestoneSignOffs)
    .leftJoin(stakeholders, eq(stakeholders.id, milestoneSignOffs.approverId))
    .leftJoin(users, eq(users.id, milestoneSignOffs.decidedById))
    .where(eq(milestoneSignOffs.milestoneId, milestoneId))
    .orderBy(asc(milestoneSignOffs.requestedAt), asc(milestoneSignOffs.createdAt))
    .all()
    .map(({ r, approverName, decidedByName }) => ({
      id: r.id,
      requestedAt: r.requestedAt,
      approverName,
      decision: r.decision,
      decidedAt: r.decidedAt,
      decidedByName,
      comment: r.comment,
      reminderCount: r.reminderCount,
      lastRemindedAt: r.lastRemindedAt,
    }));
}

export type SignOffView = {
  required: boolean;
  history: SignOffRecord[];
  pending: SignOffRecord | null;
  latest: SignOffRecord | null;
  /** The A as the RACI says now (name only), and what keeps them from being asked, for the CSM. */
  approverName: string | null;
  problem: ApproverProblem | null;
  /** This viewer may approve or request changes on the pending request. */
  canDecide: boolean;
  /** The CSM may ask (again): after changes were requested, or re-send a waiting request's email. */
  canRequest: boolean;
  canResend: boolean;
  tasksDone: boolean;
};

/** The sign-off state of a milestone as this viewer may see it; null when the milestone needs none. */
export function getSignOffView(ctx: ViewCtx, milestoneId: string): SignOffView | null {
  const db = getDb();
  const m = loadMilestone(db, ctx, milestoneId);
  const history = signOffHistory(db, m.id);
  if (!m.signOffRequired && !history.length) return null;
  const pending = history.find((r) => r.decision === null) ?? null;
  const latest = history.at(-1) ?? null;
  const approver = currentApprover(db, ctx.room.id, m.id);
  const pendingRow = pending ? pendingSignOff(db, m.id) : undefined;
  const addressed = pendingRow ? approverById(db, ctx.room.id, pendingRow.approverId) : null;
  const editor = can(ctx.role, "plan.edit");
  const tasksDone = requiredTasksDone(db, m.id);
  return {
    required: m.signOffRequired,
    history,
    pending,
    latest,
    approverName: approver?.stakeholder.name ?? null,
    problem: approverProblem(approver),
    canDecide: !!pending && !m.completedAt && isApprover(ctx, addressed),
    canRequest: editor && m.signOffRequired && !m.completedAt && !pending && tasksDone,
    canResend: editor && !m.completedAt && !!pending && approverProblem(approver) === null,
    tasksDone,
  };
}

/**
 * The A decides the waiting request: approve completes the milestone (by them, now, with the usual
 * milestone emails); request changes keeps it open with the reason. A request already decided (a second
 * tab, a double click) is a 409, never a second decision.
 */
export function decideSignOff(
  ctx: RoomContext,
  milestoneId: string,
  input: { signOffId: string; decision: SignOffDecision; comment?: string | null },
  now = new Date(),
): void {
  writeTransaction(getDb(), (tx) => {
    const m = loadMilestone(tx, ctx, milestoneId);
    const row = tx
      .select()
      .from(milestoneSignOffs)
      .where(and(eq(milestoneSignOffs.id, input.signOffId), eq(milestoneSignOffs.milestoneId, m.id)))
      .get();
    if (!row) throw new DomainError(404, "errors.notFound");
    if (!isApprover(ctx, approverById(tx, ctx.room.id, row.approverId)))
      throw new DomainError(403, "signOff.notApprover");
    if (row.decision || m.completedAt) throw new DomainError(409, "signOff.alreadyDecided");
    const comment = input.comment?.trim() || null;
    if (input.decision === "changes_requested" && !comment)
      throw new DomainError(400, "signOff.reasonRequired", {}, "comment");
    if (comment && comment.length > SIGN_OFF_COMMENT_MAX)
      throw new DomainError(400, "signOff.commentTooLong", { max: SIGN_OFF_COMMENT_MAX }, "comment");
    // The claim: only one decision moves the row off "waiting".
    const claimed = tx
      .update(milestoneSignOffs)
      .set({ decision: input.decision, decidedAt: now, decidedById: ctx.user.id, comment })
      .where(and(eq(milestoneSignOffs.id, row.id), isNull(milestoneSignOffs.decision)))
      .run();
    if (claimed.changes !== 1) throw new DomainError(409, "signOff.alreadyDecided");
    const approverName = ctx.user.name;
    recordEvent(
      tx,
      {
        actorId: ctx.user.id,
        type: input.decision === "approved" ? "milestone.signed_off" : "milestone.changes_requested",
        accountId: ctx.account.id,
        roomId: ctx.room.id,
        subjectType: "milestone",
        subjectId: m.id,
        data: { title: m.title, approver: approverName, reason: comment, visibility: m.visibility },
      },
      now,
    );
    if (input.decision === "approved") markMilestoneCompleted(tx, ctx, m, now);
  });
}

/**
 * The CSM asks again: a new request after changes were requested (the required tasks must be done), or
 * the same waiting request's email sent again to the A the RACI names now (set later, or invited later).
 */
export function requestSignOffAgain(
  ctx: RoomContext,
  milestoneId: string,
  now = new Date(),
): "requested" | "resent" {
  if (!can(ctx.role, "plan.edit")) throw new DomainError(403, "errors.forbidden");
  return writeTransaction(getDb(), (tx) => {
    const m = loadMilestone(tx, ctx, milestoneId);
    if (!m.signOffRequired) throw new DomainError(400, "signOff.notRequired");
    if (m.completedAt) throw new DomainError(409, "plan.milestoneAlreadyCompleted");
    const approver = currentApprover(tx, ctx.room.id, m.id);
    const pending = pendingSignOff(tx, m.id);
    if (pending) {
      const problem = approverProblem(approver);
      if (problem) throw new DomainError(400, `signOff.problem.${problem}`);
      tx.update(milestoneSignOffs)
        .set({ approverId: approver!.stakeholder.id })
        .where(eq(milestoneSignOffs.id, pending.id))
        .run();
      sendSignOffEmail(tx, ctx, m, approver, pending.requestedAt, false);
      return "resent";
    }
    if (!requiredTasksDone(tx, m.id)) throw new DomainError(400, "signOff.tasksOpen");
    requestSignOffTx(tx, ctx, ctx.user.id, m, now);
    return "requested";
  });
}

/** Milestones of a room with a request waiting: id, title, since (for health and the demo). */
export function waitingSignOffs(db: DbOrTx, roomId: string) {
  return db
    .select({
      milestoneId: milestones.id,
      title: milestones.title,
      requestedAt: milestoneSignOffs.requestedAt,
    })
    .from(milestoneSignOffs)
    .innerJoin(milestones, eq(milestones.id, milestoneSignOffs.milestoneId))
    .where(
      and(
        eq(milestoneSignOffs.roomId, roomId),
        isNull(milestoneSignOffs.decision),
        isNull(milestones.completedAt),
        inArray(milestones.roomId, [roomId]),
      ),
    )
    .orderBy(asc(milestoneSignOffs.requestedAt))
    .all();
}

/**
 * The acceptance record (検収記録) of a milestone: what was accepted, by whom and when, with every round
 * of the request. Required tasks the viewer may not see are left out (and counted).
 */
export function getAcceptanceRecord(
  ctx: Pick<RoomContext, "room" | "role" | "account">,
  milestoneId: string,
) {
  const db = getDb();
  const m = loadMilestone(db, ctx, milestoneId);
  const history = signOffHistory(db, m.id);
  if (!history.length) throw new DomainError(404, "errors.notFound");
  const internal = seesInternal(ctx.role);
  const required = db
    .select({
      id: tasks.id,
      title: tasks.title,
      status: tasks.status,
      completedAt: tasks.completedAt,
      visibility: tasks.visibility,
    })
    .from(milestoneTasks)
    .innerJoin(tasks, eq(tasks.id, milestoneTasks.taskId))
    .where(eq(milestoneTasks.milestoneId, m.id))
    .orderBy(asc(tasks.position))
    .all();
  const visible = required.filter((r) => internal || r.visibility === "shared");
  const completedBy = m.completedById
    ? (db.select({ name: users.name }).from(users).where(eq(users.id, m.completedById)).get()?.name ?? null)
    : null;
  return {
    milestone: {
      id: m.id,
      title: m.title,
      targetDate: m.targetDate,
      completedAt: m.completedAt,
      completedBy,
    },
    roomTitle: ctx.room.title,
    accountName: ctx.account.name,
    tasks: visible.map(({ visibility: _v, ...t }) => t),
    hiddenTasks: required.length - visible.length,
    history,
  };
}
