/**
 * Tailoring a room's plan: phases, tasks and milestones. Every update names the version it was based on
 * (409 when stale), every id from a form is checked against the room, and every change writes an event.
 */
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import { getDb, type Tx, writeTransaction } from "#db/client.server";
import { milestones, milestoneTasks, phases, stakeholders, taskDependencies, tasks } from "#db/schema";
import { can } from "~/access/capabilities";
import { recordEvent, type EventType } from "~/domain/events/events.server";
import { deleteRaciCells } from "~/domain/raci/raci.server";
import { DomainError } from "~/utils/errors";
import { seesInternal, type Milestone, type RoomContext, type Task } from "./plan.server";
import { reaches } from "./dependencies";
import type { PlanMilestoneInput as MilestoneInput, PlanTaskInput as TaskInput } from "./schemas";

function requireEditor(ctx: RoomContext) {
  if (!can(ctx.role, "plan.edit")) throw new DomainError(403, "errors.forbidden");
}

const stale = () => new DomainError(409, "planEdit.stale");

function event(
  tx: Tx,
  ctx: RoomContext,
  type: EventType,
  subjectType: string,
  subjectId: string,
  data: Record<string, unknown>,
) {
  recordEvent(tx, {
    actorId: ctx.user.id,
    type,
    accountId: ctx.account.id,
    roomId: ctx.room.id,
    subjectType,
    subjectId,
    data,
  });
}

// ---- phases -------------------------------------------------------------------------------------

function loadPhase(tx: Tx, ctx: RoomContext, id: string, expected?: number) {
  const phase = tx
    .select()
    .from(phases)
    .where(and(eq(phases.id, id), eq(phases.roomId, ctx.room.id)))
    .get();
  if (!phase) throw new DomainError(404, "errors.notFound");
  if (expected !== undefined && phase.version !== expected) throw stale();
  return phase;
}

export function addPhase(ctx: RoomContext, input: { title: string }): string {
  requireEditor(ctx);
  return writeTransaction(getDb(), (tx) => {
    const last = tx
      .select({ position: phases.position })
      .from(phases)
      .where(eq(phases.roomId, ctx.room.id))
      .orderBy(desc(phases.position))
      .get();
    const { id } = tx
      .insert(phases)
      .values({ roomId: ctx.room.id, title: input.title, position: (last?.position ?? -1) + 1 })
      .returning({ id: phases.id })
      .get();
    event(tx, ctx, "phase.added", "phase", id, { title: input.title, visibility: "shared" });
    return id;
  });
}

export function renamePhase(ctx: RoomContext, id: string, input: { title: string; version: number }) {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    const phase = loadPhase(tx, ctx, id, input.version);
    tx.update(phases)
      .set({ title: input.title, version: phase.version + 1 })
      .where(eq(phases.id, id))
      .run();
    event(tx, ctx, "phase.renamed", "phase", id, {
      from: phase.title,
      title: input.title,
      visibility: "shared",
    });
  });
}

/**
 * Swaps `id` with its neighbour in `rows` (ordered by position) and renumbers the list, since positions
 * may have gaps or ties; `write` stores a row's new position. Returns false at either end (a no-op).
 */
function swapWithNeighbour<T extends { id: string; position: number }>(
  rows: T[],
  id: string,
  direction: "up" | "down",
  write: (row: T, position: number) => void,
): boolean {
  const index = rows.findIndex((r) => r.id === id);
  const otherIndex = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || otherIndex < 0 || otherIndex >= rows.length) return false;
  const swapped = [...rows];
  [swapped[index], swapped[otherIndex]] = [rows[otherIndex]!, rows[index]!];
  swapped.forEach((row, position) => {
    if (row.position !== position || row.id === id || row.id === rows[otherIndex]!.id) write(row, position);
  });
  return true;
}

/** Swaps the phase with its neighbour above or below; a no-op at either end. */
export function movePhase(ctx: RoomContext, id: string, direction: "up" | "down", expected: number) {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    const phase = loadPhase(tx, ctx, id, expected);
    const all = tx
      .select()
      .from(phases)
      .where(eq(phases.roomId, ctx.room.id))
      .orderBy(asc(phases.position))
      .all();
    const moved = swapWithNeighbour(all, id, direction, (p, position) =>
      tx
        .update(phases)
        .set({ position, version: p.version + 1 })
        .where(eq(phases.id, p.id))
        .run(),
    );
    if (moved)
      event(tx, ctx, "phase.moved", "phase", id, { title: phase.title, direction, visibility: "shared" });
  });
}

/** Only an empty phase can be removed: tasks are never deleted as a side effect. */
export function removePhase(ctx: RoomContext, id: string, expected: number) {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    const phase = loadPhase(tx, ctx, id, expected);
    if (tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.phaseId, id)).get())
      throw new DomainError(400, "planEdit.phaseNotEmpty");
    tx.delete(phases).where(eq(phases.id, id)).run();
    deleteRaciCells(tx, "phase", [id]);
    event(tx, ctx, "phase.removed", "phase", id, { title: phase.title, visibility: "shared" });
  });
}

// ---- tasks --------------------------------------------------------------------------------------

function loadTask(tx: Tx, ctx: RoomContext, id: string, expected?: number): Task {
  const task = tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.roomId, ctx.room.id)))
    .get();
  if (!task) throw new DomainError(404, "errors.notFound");
  if (expected !== undefined && task.version !== expected) throw stale();
  return task;
}

/** Swaps the task with its neighbour in the same phase; a no-op at either end. */
export function moveTask(ctx: RoomContext, id: string, direction: "up" | "down", expected: number) {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    const task = loadTask(tx, ctx, id, expected);
    const siblings = tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.roomId, ctx.room.id), eq(tasks.phaseId, task.phaseId)))
      .orderBy(asc(tasks.position))
      .all();
    const moved = swapWithNeighbour(siblings, id, direction, (t, position) =>
      tx
        .update(tasks)
        .set({ position, version: t.version + 1 })
        .where(eq(tasks.id, t.id))
        .run(),
    );
    if (moved)
      event(tx, ctx, "task.moved", "task", id, { title: task.title, direction, visibility: task.visibility });
  });
}

/** Checks every id of the form against the room; a foreign id is refused as if it did not exist. */
function checkTaskInput(tx: Tx, ctx: RoomContext, input: TaskInput, taskId: string | null) {
  if (input.startDate && input.dueDate && input.dueDate < input.startDate)
    throw new DomainError(400, "planEdit.dueBeforeStart", {}, "dueDate");
  loadPhase(tx, ctx, input.phaseId);
  if (input.assigneeId) {
    const person = tx
      .select({ id: stakeholders.id })
      .from(stakeholders)
      .where(and(eq(stakeholders.id, input.assigneeId), eq(stakeholders.roomId, ctx.room.id)))
      .get();
    if (!person) throw new DomainError(400, "planEdit.unknownAssignee", {}, "assigneeId");
  }
  const deps = [...new Set(input.dependsOn)];
  if (taskId && deps.includes(taskId))
    throw new DomainError(400, "planEdit.dependencyCycle", {}, "dependsOn");
  if (deps.length) {
    const found = tx
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.roomId, ctx.room.id), inArray(tasks.id, deps)))
      .all();
    if (found.length !== deps.length)
      throw new DomainError(400, "planEdit.unknownDependency", {}, "dependsOn");
  }
  if (taskId && deps.length && createsCycle(tx, ctx, taskId, deps))
    throw new DomainError(400, "planEdit.dependencyCycle", {}, "dependsOn");
  return deps;
}

/** True when one of the new prerequisites already (transitively) depends on the task itself. */
function createsCycle(tx: Tx, ctx: RoomContext, taskId: string, deps: string[]): boolean {
  const edges = tx
    .select({ taskId: taskDependencies.taskId, dependsOnId: taskDependencies.dependsOnId })
    .from(taskDependencies)
    .innerJoin(tasks, eq(tasks.id, taskDependencies.taskId))
    .where(and(eq(tasks.roomId, ctx.room.id), ne(taskDependencies.taskId, taskId)))
    .all();
  return reaches(edges, deps, taskId);
}

function taskValues(input: TaskInput) {
  return {
    phaseId: input.phaseId,
    title: input.title,
    description: input.description ?? null,
    side: input.side,
    assigneeId: input.assigneeId ?? null,
    startDate: input.startDate ?? null,
    dueDate: input.dueDate ?? null,
    visibility: input.visibility,
    // Left out (not false) when the caller does not say: an update then keeps the stored mark.
    ...(input.isDeliverable === undefined ? {} : { isDeliverable: input.isDeliverable }),
  };
}

export function createTask(ctx: RoomContext, input: TaskInput): string {
  requireEditor(ctx);
  return writeTransaction(getDb(), (tx) => {
    const deps = checkTaskInput(tx, ctx, input, null);
    const last = tx
      .select({ position: tasks.position })
      .from(tasks)
      .where(eq(tasks.phaseId, input.phaseId))
      .orderBy(desc(tasks.position))
      .get();
    const { id } = tx
      .insert(tasks)
      .values({ ...taskValues(input), roomId: ctx.room.id, position: (last?.position ?? -1) + 1 })
      .returning({ id: tasks.id })
      .get();
    for (const dependsOnId of deps) tx.insert(taskDependencies).values({ taskId: id, dependsOnId }).run();
    event(tx, ctx, "task.added", "task", id, { title: input.title, visibility: input.visibility });
    return id;
  });
}

export function updateTask(ctx: RoomContext, id: string, input: TaskInput & { version: number }) {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    const task = loadTask(tx, ctx, id, input.version);
    const deps = checkTaskInput(tx, ctx, input, id);
    const position =
      task.phaseId === input.phaseId
        ? task.position
        : (tx
            .select({ position: tasks.position })
            .from(tasks)
            .where(eq(tasks.phaseId, input.phaseId))
            .orderBy(desc(tasks.position))
            .get()?.position ?? -1) + 1;
    tx.update(tasks)
      .set({ ...taskValues(input), position, version: task.version + 1, updatedAt: new Date() })
      .where(eq(tasks.id, id))
      .run();
    tx.delete(taskDependencies).where(eq(taskDependencies.taskId, id)).run();
    for (const dependsOnId of deps) tx.insert(taskDependencies).values({ taskId: id, dependsOnId }).run();
    // No longer a deliverable: its RACI row goes, with its letters.
    if (task.isDeliverable && input.isDeliverable === false) deleteRaciCells(tx, "task", [id]);
    // Internal either before or after: customers must not learn about the change.
    const visibility =
      task.visibility === "internal" || input.visibility === "internal" ? "internal" : "shared";
    event(tx, ctx, "task.updated", "task", id, { title: input.title, previousTitle: task.title, visibility });
  });
}

export function removeTask(ctx: RoomContext, id: string, expected: number) {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    const task = loadTask(tx, ctx, id, expected);
    tx.delete(tasks).where(eq(tasks.id, id)).run();
    deleteRaciCells(tx, "task", [id]);
    event(tx, ctx, "task.removed", "task", id, { title: task.title, visibility: task.visibility });
  });
}

// ---- milestones ---------------------------------------------------------------------------------

function loadMilestone(tx: Tx, ctx: RoomContext, id: string, expected?: number): Milestone {
  const milestone = tx
    .select()
    .from(milestones)
    .where(and(eq(milestones.id, id), eq(milestones.roomId, ctx.room.id)))
    .get();
  if (!milestone) throw new DomainError(404, "errors.notFound");
  if (expected !== undefined && milestone.version !== expected) throw stale();
  return milestone;
}

function checkMilestoneInput(tx: Tx, ctx: RoomContext, input: MilestoneInput, milestoneId: string | null) {
  const taskIds = [...new Set(input.taskIds)];
  if (taskIds.length) {
    const found = tx
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.roomId, ctx.room.id), inArray(tasks.id, taskIds)))
      .all();
    if (found.length !== taskIds.length) throw new DomainError(400, "planEdit.unknownTask", {}, "taskIds");
  }
  if (input.isFirstValue) {
    const other = tx
      .select({ title: milestones.title })
      .from(milestones)
      .where(
        and(
          eq(milestones.roomId, ctx.room.id),
          eq(milestones.isFirstValue, true),
          milestoneId ? ne(milestones.id, milestoneId) : undefined,
        ),
      )
      .get();
    if (other) throw new DomainError(400, "planEdit.firstValueTaken", { title: other.title }, "isFirstValue");
  }
  return taskIds;
}

export function createMilestone(ctx: RoomContext, input: MilestoneInput): string {
  requireEditor(ctx);
  return writeTransaction(getDb(), (tx) => {
    const taskIds = checkMilestoneInput(tx, ctx, input, null);
    const last = tx
      .select({ position: milestones.position })
      .from(milestones)
      .where(eq(milestones.roomId, ctx.room.id))
      .orderBy(desc(milestones.position))
      .get();
    const { id } = tx
      .insert(milestones)
      .values({
        roomId: ctx.room.id,
        title: input.title,
        targetDate: input.targetDate,
        baselineDate: input.targetDate,
        isFirstValue: input.isFirstValue,
        autoComplete: input.autoComplete,
        signOffRequired: input.signOffRequired,
        visibility: input.visibility,
        position: (last?.position ?? -1) + 1,
      })
      .returning({ id: milestones.id })
      .get();
    for (const taskId of taskIds) tx.insert(milestoneTasks).values({ milestoneId: id, taskId }).run();
    event(tx, ctx, "milestone.added", "milestone", id, {
      title: input.title,
      targetDate: input.targetDate,
      visibility: input.visibility,
    });
    return id;
  });
}

/** Edits a milestone; the baseline date never changes, so a moved target shows as a slip. */
export function updateMilestone(ctx: RoomContext, id: string, input: MilestoneInput & { version: number }) {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    const milestone = loadMilestone(tx, ctx, id, input.version);
    const taskIds = checkMilestoneInput(tx, ctx, input, id);
    tx.update(milestones)
      .set({
        title: input.title,
        targetDate: input.targetDate,
        isFirstValue: input.isFirstValue,
        autoComplete: input.autoComplete,
        signOffRequired: input.signOffRequired,
        visibility: input.visibility,
        version: milestone.version + 1,
      })
      .where(eq(milestones.id, id))
      .run();
    tx.delete(milestoneTasks).where(eq(milestoneTasks.milestoneId, id)).run();
    for (const taskId of taskIds) tx.insert(milestoneTasks).values({ milestoneId: id, taskId }).run();
    const visibility =
      milestone.visibility === "internal" || input.visibility === "internal" ? "internal" : "shared";
    event(tx, ctx, "milestone.updated", "milestone", id, {
      title: input.title,
      previousTitle: milestone.title,
      from: milestone.targetDate,
      to: input.targetDate,
      baseline: milestone.baselineDate,
      visibility,
    });
  });
}

export function removeMilestone(ctx: RoomContext, id: string, expected: number) {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    const milestone = loadMilestone(tx, ctx, id, expected);
    tx.delete(milestones).where(eq(milestones.id, id)).run();
    deleteRaciCells(tx, "milestone", [id]);
    event(tx, ctx, "milestone.removed", "milestone", id, {
      title: milestone.title,
      visibility: milestone.visibility,
    });
  });
}

// ---- detail pages -------------------------------------------------------------------------------

/** A task with its neighbours as this viewer may see them; internal or foreign tasks are 404 for customers. */
export function getTaskDetail(ctx: Pick<RoomContext, "room" | "role">, taskId: string) {
  const db = getDb();
  const internal = seesInternal(ctx.role);
  const task = db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.roomId, ctx.room.id)))
    .get();
  if (!task || (task.visibility === "internal" && !internal)) throw new DomainError(404, "errors.notFound");
  const visible = <T extends { visibility: string }>(rows: T[]) =>
    internal ? rows : rows.filter((r) => r.visibility === "shared");
  const dependsOn = visible(
    db
      .select({ id: tasks.id, title: tasks.title, status: tasks.status, visibility: tasks.visibility })
      .from(taskDependencies)
      .innerJoin(tasks, eq(tasks.id, taskDependencies.dependsOnId))
      .where(eq(taskDependencies.taskId, task.id))
      .all(),
  );
  const milestoneRows = visible(
    db
      .select({
        id: milestones.id,
        title: milestones.title,
        targetDate: milestones.targetDate,
        visibility: milestones.visibility,
      })
      .from(milestoneTasks)
      .innerJoin(milestones, eq(milestones.id, milestoneTasks.milestoneId))
      .where(eq(milestoneTasks.taskId, task.id))
      .all(),
  );
  const phase = db.select().from(phases).where(eq(phases.id, task.phaseId)).get();
  const assignee = task.assigneeId
    ? db
        .select({ id: stakeholders.id, name: stakeholders.name })
        .from(stakeholders)
        .where(eq(stakeholders.id, task.assigneeId))
        .get()
    : undefined;
  return {
    task,
    phase: phase ? { id: phase.id, title: phase.title } : null,
    assignee: assignee ?? null,
    dependsOn,
    milestones: milestoneRows,
  };
}

export function getMilestoneDetail(ctx: Pick<RoomContext, "room" | "role">, milestoneId: string) {
  const db = getDb();
  const internal = seesInternal(ctx.role);
  const milestone = db
    .select()
    .from(milestones)
    .where(and(eq(milestones.id, milestoneId), eq(milestones.roomId, ctx.room.id)))
    .get();
  if (!milestone || (milestone.visibility === "internal" && !internal))
    throw new DomainError(404, "errors.notFound");
  const required = db
    .select({ id: tasks.id, title: tasks.title, status: tasks.status, visibility: tasks.visibility })
    .from(milestoneTasks)
    .innerJoin(tasks, eq(tasks.id, milestoneTasks.taskId))
    .where(eq(milestoneTasks.milestoneId, milestone.id))
    .orderBy(asc(tasks.position))
    .all();
  const shown = internal ? required : required.filter((t) => t.visibility === "shared");
  return {
    milestone,
    requiredTasks: shown,
    // Hidden required tasks still count, so a customer sees "3 of 5" rather than a misleading total.
    requiredTotal: required.length,
    requiredDone: required.filter((t) => t.status === "done").length,
  };
}
