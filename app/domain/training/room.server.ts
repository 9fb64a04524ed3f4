/** What the room's Training tab shows, per reader (issue 12). */
import { getDb } from "#db/client.server";
import { can } from "~/access/capabilities";
import { todayIn } from "~/domain/plan/dates";
import {
  assigneesOf,
  curriculumStart,
  dueDateOf,
  listItems,
  roomCustomers,
  type TrainingContext,
} from "./curriculum.server";
import { earnedPaths } from "./certificates.server";
import { listModules, listPaths } from "./library.server";
import { myTraining } from "./progress.server";

export function trainingTab(ctx: TrainingContext) {
  const db = getDb();
  const tailor = can(ctx.role, "training.tailor");
  const take = can(ctx.role, "training.take");
  const customers = roomCustomers(db, ctx.room.id);
  const start = curriculumStart(ctx.room, ctx.account.timeZone);
  const today = todayIn(ctx.account.timeZone);
  const staffView = can(ctx.role, "room.viewInternal");
  return {
    start,
    mine: take ? myTraining(ctx) : null,
    // Issue 12: the learning paths the reader completed, each with its printable certificate.
    certificates: take ? (earnedPaths(db, ctx, [ctx.user.id]).get(ctx.user.id) ?? []) : [],
    userId: ctx.user.id,
    curriculum: staffView
      ? listItems(db, ctx.room.id).map((r) => ({
          id: r.item.id,
          title: r.title,
          kind: r.kind,
          version: r.item.version,
          dueOffsetDays: r.item.dueOffsetDays,
          dueDate: dueDateOf(r.item, start),
          overdue: dueDateOf(r.item, start) < today,
          assignee: r.item.assigneeUserId ? `user:${r.item.assigneeUserId}` : (r.item.audience ?? ""),
          assigneeName: customers.find((c) => c.userId === r.item.assigneeUserId)?.name ?? null,
          audience: r.item.audience,
          people: assigneesOf(r.item, customers).length,
        }))
      : null,
    tailor,
    canSeeProgress: can(ctx.role, "engagement.view"),
    customers: tailor ? customers.map((c) => ({ userId: c.userId, name: c.name, role: c.role })) : [],
    modules: tailor ? listModules().map((m) => ({ id: m.id, title: m.title, kind: m.kind })) : [],
    paths: tailor ? listPaths().map((p) => ({ id: p.id, title: p.title, count: p.modules.length })) : [],
  };
}

/**
 * The module the customer's room home points to (issue 12): the one "my training" resumes (opened last and
 * not done, else the first not done), with its due date and overdue mark. Null for anyone who does not take
 * training here, and for a customer with nothing left to do.
 */
export function nextTrainingFor(ctx: TrainingContext) {
  if (!can(ctx.role, "training.take")) return null;
  const mine = myTraining(ctx);
  const next = mine.next;
  if (!next) return null;
  return {
    id: next.id,
    title: next.title,
    kind: next.kind,
    dueDate: next.dueDate,
    overdue: next.overdue,
    status: next.status,
    left: mine.items.filter((i) => i.status !== "completed").length,
  };
}
