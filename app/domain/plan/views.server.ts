import { asc, eq, sql } from "drizzle-orm";
import { cachedUntilWrite, getDb, prepared, writeTransaction } from "#db/client.server";
import { milestones, milestoneTasks, phases, stakeholders, taskDependencies, tasks } from "#db/schema";
import type { PlanSide, TaskStatus } from "~/vocabulary";
import { can } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import { DomainError } from "~/utils/errors";
import { addDays, daysBetween, isOverdue, startOfWeek, todayIn, type IsoDate } from "./dates";
import { canUpdateTask, seesInternal, type RoomContext } from "./plan.server";
import { computeProgress } from "./progress";
import { completedDateIn, milestoneSchedule } from "./schedule";

/*
 * The plan as the read pages (list, timeline, overview) need it: the same rows, order and visibility as
 * getPlan, but only the columns each page uses, from statements prepared once per connection. These run
 * on every page view; drizzle would otherwise rebuild and re-prepare each query every time.
 */

type Viewer = Pick<RoomContext, "room" | "role">;

/** Customers never see internal items (filtered here, as in getPlan). */
function visibleTo<T extends { visibility: string }>(viewer: Viewer, rows: T[]): T[] {
  return seesInternal(viewer.role) ? rows : rows.filter((r) => r.visibility === "shared");
}

/** The tasks with what the list and the timeline show, in plan order. */
function listTasks(viewer: Viewer) {
  const rows = prepared("planView.tasks", (db) =>
    db
      .select({
        id: tasks.id,
        phaseId: tasks.phaseId,
        title: tasks.title,
        side: tasks.side,
        status: tasks.status,
        startDate: tasks.startDate,
        dueDate: tasks.dueDate,
        blockedReason: tasks.blockedReason,
        visibility: tasks.visibility,
        assigneeId: tasks.assigneeId,
        position: tasks.position,
        version: tasks.version,
      })
      .from(tasks)
      .where(eq(tasks.roomId, sql.placeholder("roomId")))
      .orderBy(asc(tasks.position))
      .prepare(),
  ).all({ roomId: viewer.room.id });
  return visibleTo(viewer, rows);
}

/** The tasks with what progress is computed from, in plan order. */
function progressTasks(viewer: Viewer) {
  const rows = prepared("planView.progressTasks", (db) =>
    db
      .select({
        id: tasks.id,
        title: tasks.title,
        side: tasks.side,
        status: tasks.status,
        dueDate: tasks.dueDate,
        visibility: tasks.visibility,
        assigneeId: tasks.assigneeId,
      })
      .from(tasks)
      .where(eq(tasks.roomId, sql.placeholder("roomId")))
      .orderBy(asc(tasks.position))
      .prepare(),
  ).all({ roomId: viewer.room.id });
  return visibleTo(viewer, rows);
}

/**
 * The milestones by target date, each with the ids of its required tasks among `taskIds` (the tasks the
 * viewer sees; as in getPlan, the ones they cannot see are left out).
 */
function planMilestones(viewer: Viewer, taskIds: Set<string>) {
  const roomId = viewer.room.id;
  const rows = visibleTo(
    viewer,
    prepared("planView.milestones", (db) =>
      db
        .select({
          id: milestones.id,
          title: milestones.title,
          targetDate: milestones.targetDate,
          baselineDate: milestones.baselineDate,
          completedAt: milestones.completedAt,
          completionProposedAt: milestones.completionProposedAt,
          isFirstValue: milestones.isFirstValue,
          signOffRequired: milestones.signOffRequired,
          visibility: milestones.visibility,
          version: milestones.version,
        })
        .from(milestones)
        .where(eq(milestones.roomId, sql.placeholder("roomId")))
        .orderBy(asc(milestones.targetDate), asc(milestones.position))
        .prepare(),
    ).all({ roomId }),
  );
  const required = new Map<string, string[]>(rows.map((m) => [m.id, []]));
  if (rows.length) {
    const links = prepared("planView.milestoneTasks", (db) =>
      db
        .select({ milestoneId: milestoneTasks.milestoneId, taskId: milestoneTasks.taskId })
        .from(milestoneTasks)
        .innerJoin(milestones, eq(milestones.id, milestoneTasks.milestoneId))
        .where(eq(milestones.roomId, sql.placeholder("roomId")))
        .prepare(),
    ).all({ roomId });
    for (const l of links) if (taskIds.has(l.taskId)) required.get(l.milestoneId)?.push(l.taskId);
  }
  return rows.map((m) => ({ ...m, taskIds: required.get(m.id)! }));
}

/** Dependencies between the given (visible) tasks. */
function planDependencies(viewer: Viewer, taskIds: Set<string>) {
  return prepared("planView.dependencies", (db) =>
    db
      .select({ taskId: taskDependencies.taskId, dependsOnId: taskDependencies.dependsOnId })
      .from(taskDependencies)
      .innerJoin(tasks, eq(tasks.id, taskDependencies.taskId))
      .where(eq(tasks.roomId, sql.placeholder("roomId")))
      .prepare(),
  )
    .all({ roomId: viewer.room.id })
    .filter((d) => taskIds.has(d.taskId) && taskIds.has(d.dependsOnId));
}

function planPhases(roomId: string) {
  return prepared("planView.phases", (db) =>
    db
      .select({ id: phases.id, title: phases.title, position: phases.position })
      .from(phases)
      .where(eq(phases.roomId, sql.placeholder("roomId")))
      .orderBy(asc(phases.position))
      .prepare(),
  ).all({ roomId });
}

function planStakeholders(roomId: string) {
  return prepared("planView.stakeholders", (db) =>
    db
      .select({ id: stakeholders.id, name: stakeholders.name, userId: stakeholders.userId })
      .from(stakeholders)
      .where(eq(stakeholders.roomId, sql.placeholder("roomId")))
      .prepare(),
  ).all({ roomId });
}

/** The viewer's stakeholder ids in the room: the people whose tasks are "mine". */
function myStakeholderIds(people: { id: string; userId: string | null }[], userId: string): string[] {
  return people.filter((s) => s.userId === userId).map((s) => s.id);
}

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

/**
 * A read page's answer, reused until the next write to the database (cachedUntilWrite): the plan pages
 * are read far more often than the plan changes. The key must hold everything the answer depends on
 * (the room, what the viewer may see or update, whose tasks are "mine", the account's today, the page's
 * parameters), or one viewer would be shown another's answer. The answer is shared between requests:
 * callers never change it.
 */
function cachedView<T>(name: string, key: unknown[], read: () => T): T {
  return cachedUntilWrite(JSON.stringify([`planView.${name}`, ...key]), read);
}

/** The plan list as this viewer may see it: tasks grouped by phase after the filters, and milestones. */
export function getPlanList(ctx: RoomContext, filters: PlanFilters, now = new Date()) {
  const today = todayIn(ctx.account.timeZone, now);
  return cachedView("list", [ctx.room.id, ctx.role, ctx.user.id, today, filters], () =>
    readPlanList(ctx, filters, today),
  );
}

function readPlanList(ctx: RoomContext, filters: PlanFilters, today: IsoDate) {
  const planTasks = listTasks(ctx);
  const byId = new Map(planTasks.map((t) => [t.id, t]));
  const taskIds = new Set(byId.keys());
  const people = planStakeholders(ctx.room.id);
  const mine = myStakeholderIds(people, ctx.user.id);
  const names = new Map(people.map((s) => [s.id, s.name]));
  const dependsOn = new Map<string, string[]>();
  for (const d of planDependencies(ctx, taskIds)) {
    const list = dependsOn.get(d.taskId);
    if (list) list.push(d.dependsOnId);
    else dependsOn.set(d.taskId, [d.dependsOnId]);
  }
  const taskView = (t: (typeof planTasks)[number]) => ({
    id: t.id,
    title: t.title,
    side: t.side,
    status: t.status,
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
      .filter((id) => byId.get(id)!.status !== "done")
      .map((id) => byId.get(id)!.title),
  });
  const phaseRows = planPhases(ctx.room.id);
  const byPhase = new Map(phaseRows.map((p) => [p.id, [] as ReturnType<typeof taskView>[]]));
  let shownTasks = 0;
  for (const t of planTasks) {
    if (!matchesFilters(t, filters, { mine, today })) continue;
    shownTasks += 1;
    byPhase.get(t.phaseId)?.push(taskView(t));
  }
  return {
    today,
    weekStart: startOfWeek(today),
    weekEnd: addDays(startOfWeek(today), 6),
    hasPlan: phaseRows.length > 0,
    totalTasks: planTasks.length,
    shownTasks,
    phases: phaseRows.map((p) => ({ id: p.id, title: p.title, tasks: byPhase.get(p.id)! })),
    milestones: planMilestones(ctx, taskIds).map((m) => ({
      id: m.id,
      title: m.title,
      targetDate: m.targetDate,
      baselineDate: m.baselineDate,
      /** Days the target moved past the baseline (negative when pulled in). */
      slipDays: daysBetween(m.baselineDate, m.targetDate),
      completedAt: m.completedAt,
      completionProposed: !m.completedAt && !!m.completionProposedAt,
      isFirstValue: m.isFirstValue,
      signOffRequired: m.signOffRequired,
      internal: m.visibility === "internal",
      version: m.version,
      daysLeft: daysBetween(today, m.targetDate),
      schedule: milestoneSchedule(
        { targetDate: m.targetDate, completedDate: completedDateIn(m.completedAt, ctx.account.timeZone) },
        today,
      ),
      tasksDone: m.taskIds.filter((id) => byId.get(id)?.status === "done").length,
      tasksTotal: m.taskIds.length,
    })),
  };
}

export type PlanList = ReturnType<typeof getPlanList>;

/** The timeline (Gantt) of the plan as this viewer may see it: only what the chart draws. */
export function getPlanTimeline(ctx: RoomContext, now = new Date()) {
  const today = todayIn(ctx.account.timeZone, now);
  // The same for every viewer who sees the same items (nothing in it is about the user).
  return cachedView("timeline", [ctx.room.id, seesInternal(ctx.role), today], () =>
    readPlanTimeline(ctx, today),
  );
}

function readPlanTimeline(ctx: RoomContext, today: IsoDate) {
  const planTasks = listTasks(ctx);
  const taskIds = new Set(planTasks.map((t) => t.id));
  return {
    today,
    phases: planPhases(ctx.room.id),
    tasks: planTasks.map((t) => ({
      id: t.id,
      title: t.title,
      phaseId: t.phaseId,
      startDate: t.startDate,
      dueDate: t.dueDate,
      status: t.status,
      visibility: t.visibility,
      position: t.position,
    })),
    milestones: planMilestones(ctx, taskIds).map((m) => ({
      id: m.id,
      title: m.title,
      targetDate: m.targetDate,
      baselineDate: m.baselineDate,
      completedAt: m.completedAt ? m.completedAt.toISOString() : null,
      visibility: m.visibility,
      isFirstValue: m.isFirstValue,
      schedule: milestoneSchedule(
        { targetDate: m.targetDate, completedDate: completedDateIn(m.completedAt, ctx.account.timeZone) },
        today,
      ),
    })),
    dependencies: planDependencies(ctx, taskIds),
  };
}

/** Progress of the room for the overview: what the viewer may see, measured on the account's today. */
export function getRoomProgress(ctx: RoomContext, now = new Date()) {
  const today = todayIn(ctx.account.timeZone, now);
  return cachedView("progress", [ctx.room.id, ctx.role, ctx.user.id, today], () =>
    readRoomProgress(ctx, today),
  );
}

function readRoomProgress(ctx: RoomContext, today: IsoDate) {
  const planTasks = progressTasks(ctx);
  const roomMilestones = planMilestones(ctx, new Set(planTasks.map((t) => t.id)));
  const people = planStakeholders(ctx.room.id);
  const names = new Map(people.map((s) => [s.id, s.name]));
  const progress = computeProgress({
    tasks: planTasks,
    milestones: roomMilestones,
    mine: myStakeholderIds(people, ctx.user.id),
    today,
  });
  const staff = seesInternal(ctx.role);
  return {
    hasPlan: planPhases(ctx.room.id).length > 0,
    staff,
    today,
    taskCount: planTasks.length,
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
    firstValueTarget: staff ? (roomMilestones.find((m) => m.isFirstValue)?.targetDate ?? null) : null,
  };
}

/** Starts the room's plan with a single empty phase, for teams that build it from scratch. */
export function createEmptyPlan(ctx: RoomContext, phaseTitle: string): { phaseId: string } {
  if (!can(ctx.role, "plan.edit")) throw new DomainError(403, "errors.forbidden");
  const title = phaseTitle.trim();
  if (!title) throw new DomainError(400, "validation.required", {}, "phaseTitle");
  return writeTransaction(getDb(), (tx) => {
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
