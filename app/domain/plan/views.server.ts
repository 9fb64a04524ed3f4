import { eq } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { phases } from "#db/schema";
import type { PlanSide, TaskStatus } from "#db/schema/enums";
import { can } from "~/auth/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import { DomainError } from "~/utils/errors";
import { addDays, daysBetween, isOverdue, startOfWeek, todayIn, type IsoDate } from "./dates";
import { canUpdateTask, getPlan, seesInternal, type Plan, type RoomContext } from "./plan.server";
import { computeProgress } from "./progress";

/** The list filters, read from GET query parameters so they work as a plain form without client JS. */
export type PlanFilters = { mine: boolean; customer: boolean; overdue: boolean; week: boolean };

export function parsePlanFilters(search: URLSearchParams): PlanFilters {
  const on = (name: string) => {
    const value = search.get(name);
    return value === "1" || value === "on" || value === "true";
  };
  return { mine: on("mine"), customer: on("customer"), overdue: on("overdue"), week: on("week") };
}

export function hasFilters(filters: PlanFilters): boolean {
  return filters.mine || filters.customer || filters.overdue || filters.week;
}

/** The viewer's stakeholder ids in the room: the people whose tasks are "mine". */
function myStakeholderIds(plan: Plan, userId: string): string[] {
  return plan.stakeholders.filter((s) => s.userId === userId).map((s) => s.id);
}

type TaskFacts = { side: PlanSide; status: string; dueDate: IsoDate | null; assigneeId: string | null };

/** Whether a task passes every active filter (they combine with AND). */
export function matchesFilters(
  task: TaskFacts,
  filters: PlanFilters,
  facts: { mine: string[]; today: IsoDate },
): boolean {
  if (filters.mine && !(task.assigneeId && facts.mine.includes(task.assigneeId))) return false;
  if (filters.customer && task.side === "vendor") return false;
  if (filters.overdue && !isOverdue(task, facts.today)) return false;
  if (filters.week) {
    const monday = startOfWeek(facts.today);
    if (!task.dueDate || task.dueDate < monday || task.dueDate > addDays(monday, 6)) return false;
  }
  return true;
}

/** The plan list as this viewer may see it: tasks grouped by phase after the filters, and milestones. */
export function getPlanList(ctx: RoomContext, filters: PlanFilters, now = new Date()) {
  const plan = getPlan(ctx);
  const today = todayIn(ctx.account.timeZone, now);
  const mine = myStakeholderIds(plan, ctx.user.id);
  const names = new Map(plan.stakeholders.map((s) => [s.id, s.name]));
  const titles = new Map(plan.tasks.map((t) => [t.id, t.title]));
  const statusById = new Map(plan.tasks.map((t) => [t.id, t.status]));
  const dependsOn = new Map<string, string[]>();
  for (const d of plan.dependencies)
    dependsOn.set(d.taskId, [...(dependsOn.get(d.taskId) ?? []), d.dependsOnId]);
  const shown = plan.tasks.filter((t) => matchesFilters(t, filters, { mine, today }));
  const taskView = (t: Plan["tasks"][number]) => ({
    id: t.id,
    title: t.title,
    description: t.description,
    side: t.side,
    status: t.status as TaskStatus,
    startDate: t.startDate,
    dueDate: t.dueDate,
    blockedReason: t.blockedReason,
    internal: t.visibility === "internal",
    version: t.version,
    assigneeName: t.assigneeId ? (names.get(t.assigneeId) ?? null) : null,
    mine: !!t.assigneeId && mine.includes(t.assigneeId),
    overdue: isOverdue(t, today),
    canUpdate: canUpdateTask(ctx.role, t),
    waitingOn: (dependsOn.get(t.id) ?? [])
      .filter((id) => statusById.get(id) !== "done")
      .map((id) => titles.get(id)!),
  });
  return {
    today,
    weekStart: startOfWeek(today),
    weekEnd: addDays(startOfWeek(today), 6),
    hasPlan: plan.phases.length > 0,
    totalTasks: plan.tasks.length,
    shownTasks: shown.length,
    phases: plan.phases.map((p) => ({
      id: p.id,
      title: p.title,
      tasks: shown.filter((t) => t.phaseId === p.id).map(taskView),
    })),
    milestones: plan.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      targetDate: m.targetDate,
      baselineDate: m.baselineDate,
      /** Days the target moved past the baseline (negative when pulled in). */
      slipDays: daysBetween(m.baselineDate, m.targetDate),
      completedAt: m.completedAt,
      completionProposed: !m.completedAt && !!m.completionProposedAt,
      isFirstValue: m.isFirstValue,
      internal: m.visibility === "internal",
      version: m.version,
      daysLeft: daysBetween(today, m.targetDate),
      tasksDone: m.taskIds.filter((id) => statusById.get(id) === "done").length,
      tasksTotal: m.taskIds.length,
    })),
  };
}

export type PlanList = ReturnType<typeof getPlanList>;

/** Progress of the room for the overview: what the viewer may see, measured on the account's today. */
export function getRoomProgress(ctx: RoomContext, now = new Date()) {
  const plan = getPlan(ctx);
  const today = todayIn(ctx.account.timeZone, now);
  const names = new Map(plan.stakeholders.map((s) => [s.id, s.name]));
  const progress = computeProgress({
    tasks: plan.tasks,
    milestones: plan.milestones,
    mine: myStakeholderIds(plan, ctx.user.id),
    today,
  });
  const staff = seesInternal(ctx.role);
  return {
    hasPlan: plan.phases.length > 0,
    staff,
    today,
    taskCount: plan.tasks.length,
    sharedPercent: progress.sharedPercent,
    nextForMe: progress.nextForMe.map((t) => ({
      id: t.id,
      title: t.title,
      dueDate: t.dueDate,
      status: t.status as TaskStatus,
      overdue: isOverdue(t, today),
      assigneeName: t.assigneeId ? (names.get(t.assigneeId) ?? null) : null,
    })),
    nextMilestone: progress.nextMilestone,
    // Internal-inclusive figures are for vendor staff only.
    allPercent: staff ? progress.allPercent : null,
    overdueBySide: staff ? progress.overdueBySide : null,
    firstValueForecast: staff ? progress.firstValueForecast : null,
    firstValueTarget: staff ? (plan.milestones.find((m) => m.isFirstValue)?.targetDate ?? null) : null,
  };
}

/** Starts the room's plan with a single empty phase, for teams that build it from scratch. */
export function createEmptyPlan(ctx: RoomContext, phaseTitle: string): { phaseId: string } {
  if (!can(ctx.role, "plan.edit")) throw new DomainError(403, "errors.forbidden");
  const title = phaseTitle.trim();
  if (!title) throw new DomainError(400, "validation.required", {}, "phaseTitle");
  return getDb().transaction((tx) => {
    if (tx.select({ id: phases.id }).from(phases).where(eq(phases.roomId, ctx.room.id)).get()) {
      throw new DomainError(400, "plan.alreadyExists");
    }
    const { id } = tx
      .insert(phases)
      .values({ roomId: ctx.room.id, title, position: 0 })
      .returning({ id: phases.id })
      .get();
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "plan.created",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "room",
      subjectId: ctx.room.id,
      data: { template: null, tasks: 0, milestones: 0, visibility: "shared" },
    });
    return { phaseId: id };
  });
}
