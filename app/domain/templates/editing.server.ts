/**
 * Editing a plan template: its name, phases, tasks and milestones. Every change names the template
 * version it was based on (409 when stale) and bumps it, every id from a form is checked against the
 * template (404 otherwise), and every change writes a "template.changed" event in its transaction.
 */
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { getDb, type Tx, writeTransaction } from "#db/client.server";
import {
  planTemplates,
  templateMilestones,
  templateMilestoneTasks,
  templatePhases,
  templateTaskDependencies,
  templateTasks,
} from "#db/schema";
import type { StaffUser } from "~/access/users";
import { staffCan } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import { reaches } from "~/domain/plan/dependencies";
import type {
  TemplateMilestoneInput as MilestoneInput,
  TemplateTaskInput as TaskInput,
} from "~/domain/plan/schemas";
import { deleteTemplateRaci } from "~/domain/raci/template-raci.server";
import { DomainError } from "~/utils/errors";
import { loadTemplate } from "./templates.server";

const notFound = () => new DomainError(404, "errors.notFound");

function requireTemplateManager(actor: StaffUser) {
  if (!staffCan(actor.staffRole, "templates.manage")) throw new DomainError(403, "errors.forbidden");
}

/**
 * Runs one change: checks the actor, the template and its version, runs `fn`, bumps the version and
 * records the event, all in one transaction.
 */
export function change<T>(
  actor: StaffUser,
  templateId: string,
  expected: number,
  fn: (tx: Tx) => { result: T; data: Record<string, unknown> },
): T {
  requireTemplateManager(actor);
  return writeTransaction(getDb(), (tx) => {
    const template = tx.select().from(planTemplates).where(eq(planTemplates.id, templateId)).get();
    if (!template) throw notFound();
    if (template.version !== expected) throw new DomainError(409, "templateEdit.stale");
    const { result, data } = fn(tx);
    tx.update(planTemplates)
      .set({ version: template.version + 1, updatedAt: new Date() })
      .where(eq(planTemplates.id, templateId))
      .run();
    recordEvent(tx, {
      actorId: actor.id,
      type: "template.changed",
      subjectType: "template",
      subjectId: templateId,
      data,
    });
    return result;
  });
}

function loadPhase(tx: Tx, templateId: string, phaseId: string) {
  const phase = tx
    .select()
    .from(templatePhases)
    .where(and(eq(templatePhases.id, phaseId), eq(templatePhases.templateId, templateId)))
    .get();
  if (!phase) throw notFound();
  return phase;
}

function loadTask(tx: Tx, templateId: string, taskId: string) {
  const task = tx
    .select()
    .from(templateTasks)
    .where(and(eq(templateTasks.id, taskId), eq(templateTasks.templateId, templateId)))
    .get();
  if (!task) throw notFound();
  return task;
}

function loadMilestone(tx: Tx, templateId: string, milestoneId: string) {
  const milestone = tx
    .select()
    .from(templateMilestones)
    .where(and(eq(templateMilestones.id, milestoneId), eq(templateMilestones.templateId, templateId)))
    .get();
  if (!milestone) throw notFound();
  return milestone;
}

/** All ids must be tasks of this template: a foreign id is refused as if it did not exist. */
function checkTaskIds(tx: Tx, templateId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  const found = tx
    .select({ id: templateTasks.id })
    .from(templateTasks)
    .where(and(eq(templateTasks.templateId, templateId), inArray(templateTasks.id, unique)))
    .all();
  if (found.length !== unique.length) throw notFound();
  return unique;
}

/** The template with ids of its dependencies and milestone tasks, for the editor. */
export function getTemplateForEditing(actor: StaffUser, templateId: string) {
  requireTemplateManager(actor);
  const source = loadTemplate(getDb(), templateId);
  if (!source) throw notFound();
  const { template } = source;
  return {
    template: {
      id: template.id,
      name: template.name,
      description: template.description,
      version: template.version,
    },
    phases: source.phases.map((p) => ({ id: p.id, title: p.title })),
    tasks: source.tasks.map((t) => ({
      id: t.id,
      phaseId: t.phaseId,
      title: t.title,
      description: t.description,
      side: t.side,
      defaultRole: t.defaultRole,
      startOffsetDays: t.startOffsetDays,
      dueOffsetDays: t.dueOffsetDays,
      visibility: t.visibility,
      isDeliverable: t.isDeliverable,
      dependsOn: source.dependencies.filter((d) => d.taskId === t.id).map((d) => d.dependsOnId),
    })),
    milestones: source.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      offsetDays: m.offsetDays,
      isFirstValue: m.isFirstValue,
      autoComplete: m.autoComplete,
      signOffRequired: m.signOffRequired,
      visibility: m.visibility,
      taskIds: source.milestoneTasks.filter((l) => l.milestoneId === m.id).map((l) => l.taskId),
    })),
  };
}

// ---- template -----------------------------------------------------------------------------------

export function updateTemplateInfo(
  actor: StaffUser,
  templateId: string,
  input: { name: string; description?: string; version: number },
) {
  change(actor, templateId, input.version, (tx) => {
    const before = tx.select().from(planTemplates).where(eq(planTemplates.id, templateId)).get()!;
    tx.update(planTemplates)
      .set({ name: input.name, description: input.description ?? null })
      .where(eq(planTemplates.id, templateId))
      .run();
    return { result: undefined, data: { change: "renamed", from: before.name, name: input.name } };
  });
}

// ---- phases -------------------------------------------------------------------------------------

export function addPhase(actor: StaffUser, templateId: string, input: { title: string; version: number }) {
  return change(actor, templateId, input.version, (tx) => {
    const last = tx
      .select({ position: templatePhases.position })
      .from(templatePhases)
      .where(eq(templatePhases.templateId, templateId))
      .orderBy(desc(templatePhases.position))
      .get();
    const { id } = tx
      .insert(templatePhases)
      .values({ templateId, title: input.title, position: (last?.position ?? -1) + 1 })
      .returning({ id: templatePhases.id })
      .get();
    return { result: id, data: { change: "phase.added", phaseId: id, title: input.title } };
  });
}

export function renamePhase(
  actor: StaffUser,
  templateId: string,
  phaseId: string,
  input: { title: string; version: number },
) {
  change(actor, templateId, input.version, (tx) => {
    const phase = loadPhase(tx, templateId, phaseId);
    tx.update(templatePhases).set({ title: input.title }).where(eq(templatePhases.id, phaseId)).run();
    return {
      result: undefined,
      data: { change: "phase.renamed", phaseId, from: phase.title, title: input.title },
    };
  });
}

/** Only an empty phase can be removed: tasks are never deleted as a side effect. */
export function removePhase(actor: StaffUser, templateId: string, phaseId: string, expected: number) {
  change(actor, templateId, expected, (tx) => {
    const phase = loadPhase(tx, templateId, phaseId);
    if (
      tx.select({ id: templateTasks.id }).from(templateTasks).where(eq(templateTasks.phaseId, phaseId)).get()
    )
      throw new DomainError(400, "templateEdit.phaseNotEmpty");
    tx.delete(templatePhases).where(eq(templatePhases.id, phaseId)).run();
    deleteTemplateRaci(tx, "phase", [phaseId]);
    return { result: undefined, data: { change: "phase.removed", phaseId, title: phase.title } };
  });
}

// ---- tasks --------------------------------------------------------------------------------------

/** True when one of the new prerequisites already (transitively) depends on the task itself. */
function createsCycle(tx: Tx, templateId: string, taskId: string, deps: string[]): boolean {
  const edges = tx
    .select({ taskId: templateTaskDependencies.taskId, dependsOnId: templateTaskDependencies.dependsOnId })
    .from(templateTaskDependencies)
    .innerJoin(templateTasks, eq(templateTasks.id, templateTaskDependencies.taskId))
    .where(and(eq(templateTasks.templateId, templateId), ne(templateTaskDependencies.taskId, taskId)))
    .all();
  return reaches(edges, deps, taskId);
}

function checkTaskInput(tx: Tx, templateId: string, input: TaskInput, taskId: string | null) {
  loadPhase(tx, templateId, input.phaseId);
  const deps = checkTaskIds(tx, templateId, input.dependsOn);
  if (input.dueOffsetDays < input.startOffsetDays)
    throw new DomainError(400, "templateEdit.dueBeforeStart", {}, "dueOffsetDays");
  if (taskId && (deps.includes(taskId) || createsCycle(tx, templateId, taskId, deps)))
    throw new DomainError(400, "templateEdit.dependencyCycle", {}, "dependsOn");
  return deps;
}

function taskValues(input: TaskInput) {
  return {
    phaseId: input.phaseId,
    title: input.title,
    description: input.description ?? null,
    side: input.side,
    defaultRole: input.defaultRole ?? null,
    startOffsetDays: input.startOffsetDays,
    dueOffsetDays: input.dueOffsetDays,
    visibility: input.visibility,
    // Left out (not false) when the caller does not say: an update then keeps the stored mark.
    ...(input.isDeliverable === undefined ? {} : { isDeliverable: input.isDeliverable }),
  };
}

function nextTaskPosition(tx: Tx, templateId: string) {
  const last = tx
    .select({ position: templateTasks.position })
    .from(templateTasks)
    .where(eq(templateTasks.templateId, templateId))
    .orderBy(desc(templateTasks.position))
    .get();
  return (last?.position ?? -1) + 1;
}

export function addTask(actor: StaffUser, templateId: string, input: TaskInput): string {
  return change(actor, templateId, input.version, (tx) => {
    const deps = checkTaskInput(tx, templateId, input, null);
    const { id } = tx
      .insert(templateTasks)
      .values({ ...taskValues(input), templateId, position: nextTaskPosition(tx, templateId) })
      .returning({ id: templateTasks.id })
      .get();
    for (const dependsOnId of deps)
      tx.insert(templateTaskDependencies).values({ taskId: id, dependsOnId }).run();
    return { result: id, data: { change: "task.added", taskId: id, title: input.title } };
  });
}

export function updateTask(actor: StaffUser, templateId: string, taskId: string, input: TaskInput) {
  change(actor, templateId, input.version, (tx) => {
    const task = loadTask(tx, templateId, taskId);
    const deps = checkTaskInput(tx, templateId, input, taskId);
    // A task moved to another phase goes to the end of the template's order.
    const position = task.phaseId === input.phaseId ? task.position : nextTaskPosition(tx, templateId);
    tx.update(templateTasks)
      .set({ ...taskValues(input), position })
      .where(eq(templateTasks.id, taskId))
      .run();
    tx.delete(templateTaskDependencies).where(eq(templateTaskDependencies.taskId, taskId)).run();
    for (const dependsOnId of deps) tx.insert(templateTaskDependencies).values({ taskId, dependsOnId }).run();
    // No longer a deliverable: its default RACI row goes.
    if (task.isDeliverable && input.isDeliverable === false) deleteTemplateRaci(tx, "task", [taskId]);
    return {
      result: undefined,
      data: { change: "task.updated", taskId, title: input.title, previousTitle: task.title },
    };
  });
}

/** Removing a task also drops the dependencies and milestone links that name it (cascade). */
export function removeTask(actor: StaffUser, templateId: string, taskId: string, expected: number) {
  change(actor, templateId, expected, (tx) => {
    const task = loadTask(tx, templateId, taskId);
    tx.delete(templateTasks).where(eq(templateTasks.id, taskId)).run();
    deleteTemplateRaci(tx, "task", [taskId]);
    return { result: undefined, data: { change: "task.removed", taskId, title: task.title } };
  });
}

// ---- milestones ---------------------------------------------------------------------------------

function checkMilestoneInput(tx: Tx, templateId: string, input: MilestoneInput, milestoneId: string | null) {
  const taskIds = checkTaskIds(tx, templateId, input.taskIds);
  if (input.isFirstValue) {
    const other = tx
      .select({ title: templateMilestones.title })
      .from(templateMilestones)
      .where(
        and(
          eq(templateMilestones.templateId, templateId),
          eq(templateMilestones.isFirstValue, true),
          milestoneId ? ne(templateMilestones.id, milestoneId) : undefined,
        ),
      )
      .get();
    if (other)
      throw new DomainError(400, "templateEdit.firstValueTaken", { title: other.title }, "isFirstValue");
  }
  return taskIds;
}

function milestoneValues(input: MilestoneInput) {
  return {
    title: input.title,
    offsetDays: input.offsetDays,
    isFirstValue: input.isFirstValue,
    autoComplete: input.autoComplete,
    signOffRequired: input.signOffRequired,
    visibility: input.visibility,
  };
}

export function addMilestone(actor: StaffUser, templateId: string, input: MilestoneInput): string {
  return change(actor, templateId, input.version, (tx) => {
    const taskIds = checkMilestoneInput(tx, templateId, input, null);
    const last = tx
      .select({ position: templateMilestones.position })
      .from(templateMilestones)
      .where(eq(templateMilestones.templateId, templateId))
      .orderBy(desc(templateMilestones.position))
      .get();
    const { id } = tx
      .insert(templateMilestones)
      .values({ ...milestoneValues(input), templateId, position: (last?.position ?? -1) + 1 })
      .returning({ id: templateMilestones.id })
      .get();
    for (const taskId of taskIds) tx.insert(templateMilestoneTasks).values({ milestoneId: id, taskId }).run();
    return { result: id, data: { change: "milestone.added", milestoneId: id, title: input.title } };
  });
}

export function updateMilestone(
  actor: StaffUser,
  templateId: string,
  milestoneId: string,
  input: MilestoneInput,
) {
  change(actor, templateId, input.version, (tx) => {
    const milestone = loadMilestone(tx, templateId, milestoneId);
    const taskIds = checkMilestoneInput(tx, templateId, input, milestoneId);
    tx.update(templateMilestones)
      .set(milestoneValues(input))
      .where(eq(templateMilestones.id, milestoneId))
      .run();
    tx.delete(templateMilestoneTasks).where(eq(templateMilestoneTasks.milestoneId, milestoneId)).run();
    for (const taskId of taskIds) tx.insert(templateMilestoneTasks).values({ milestoneId, taskId }).run();
    return {
      result: undefined,
      data: { change: "milestone.updated", milestoneId, title: input.title, previousTitle: milestone.title },
    };
  });
}

export function removeMilestone(actor: StaffUser, templateId: string, milestoneId: string, expected: number) {
  change(actor, templateId, expected, (tx) => {
    const milestone = loadMilestone(tx, templateId, milestoneId);
    tx.delete(templateMilestones).where(eq(templateMilestones.id, milestoneId)).run();
    deleteTemplateRaci(tx, "milestone", [milestoneId]);
    return { result: undefined, data: { change: "milestone.removed", milestoneId, title: milestone.title } };
  });
}
