import { asc, count, eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "#db/client.server";
import {
  planTemplates,
  templateMilestones,
  templateMilestoneTasks,
  templatePhases,
  templateTaskDependencies,
  templateTasks,
} from "#db/schema";
import { DomainError } from "~/utils/errors";
import type { TemplateDefinition } from "./definition";

/** Writes a template from its definition; task keys become ids, dependencies and milestones follow them. */
export function createTemplate(tx: DbOrTx, def: TemplateDefinition, createdById: string | null): string {
  const template = tx
    .insert(planTemplates)
    .values({ name: def.name, description: def.description, locale: def.locale, createdById })
    .returning({ id: planTemplates.id })
    .get();
  const idByKey = new Map<string, string>();
  let position = 0;
  def.phases.forEach((phase, phaseIndex) => {
    const { id: phaseId } = tx
      .insert(templatePhases)
      .values({ templateId: template.id, title: phase.title, position: phaseIndex })
      .returning({ id: templatePhases.id })
      .get();
    for (const task of phase.tasks) {
      if (idByKey.has(task.key)) throw new DomainError(400, "templates.duplicateKey", { key: task.key });
      const { id } = tx
        .insert(templateTasks)
        .values({
          templateId: template.id,
          phaseId,
          title: task.title,
          description: task.description ?? null,
          side: task.side,
          defaultRole: task.defaultRole ?? null,
          startOffsetDays: task.start,
          dueOffsetDays: task.due,
          visibility: task.visibility ?? "shared",
          position: position++,
        })
        .returning({ id: templateTasks.id })
        .get();
      idByKey.set(task.key, id);
    }
  });
  const resolve = (key: string) => {
    const id = idByKey.get(key);
    if (!id) throw new DomainError(400, "templates.unknownTask", { key });
    return id;
  };
  for (const phase of def.phases) {
    for (const task of phase.tasks) {
      for (const dep of task.dependsOn ?? []) {
        tx.insert(templateTaskDependencies)
          .values({ taskId: resolve(task.key), dependsOnId: resolve(dep) })
          .run();
      }
    }
  }
  def.milestones.forEach((milestone, index) => {
    const { id } = tx
      .insert(templateMilestones)
      .values({
        templateId: template.id,
        title: milestone.title,
        offsetDays: milestone.offset,
        isFirstValue: milestone.firstValue ?? false,
        autoComplete: milestone.autoComplete ?? false,
        position: index,
      })
      .returning({ id: templateMilestones.id })
      .get();
    for (const key of milestone.tasks)
      tx.insert(templateMilestoneTasks)
        .values({ milestoneId: id, taskId: resolve(key) })
        .run();
  });
  return template.id;
}

export function listTemplates() {
  const db = getDb();
  return db
    .select({
      id: planTemplates.id,
      name: planTemplates.name,
      locale: planTemplates.locale,
      description: planTemplates.description,
      tasks: count(templateTasks.id),
    })
    .from(planTemplates)
    .leftJoin(templateTasks, eq(templateTasks.templateId, planTemplates.id))
    .groupBy(planTemplates.id)
    .orderBy(asc(planTemplates.name))
    .all();
}

/** Everything needed to build a room plan from a template. */
export function loadTemplate(tx: DbOrTx, templateId: string) {
  const template = tx.select().from(planTemplates).where(eq(planTemplates.id, templateId)).get();
  if (!template) return null;
  return {
    template,
    phases: tx
      .select()
      .from(templatePhases)
      .where(eq(templatePhases.templateId, templateId))
      .orderBy(asc(templatePhases.position))
      .all(),
    tasks: tx
      .select()
      .from(templateTasks)
      .where(eq(templateTasks.templateId, templateId))
      .orderBy(asc(templateTasks.position))
      .all(),
    dependencies: tx
      .select({ taskId: templateTaskDependencies.taskId, dependsOnId: templateTaskDependencies.dependsOnId })
      .from(templateTaskDependencies)
      .innerJoin(templateTasks, eq(templateTasks.id, templateTaskDependencies.taskId))
      .where(eq(templateTasks.templateId, templateId))
      .all(),
    milestones: tx
      .select()
      .from(templateMilestones)
      .where(eq(templateMilestones.templateId, templateId))
      .orderBy(asc(templateMilestones.position))
      .all(),
    milestoneTasks: tx
      .select({ milestoneId: templateMilestoneTasks.milestoneId, taskId: templateMilestoneTasks.taskId })
      .from(templateMilestoneTasks)
      .innerJoin(templateMilestones, eq(templateMilestones.id, templateMilestoneTasks.milestoneId))
      .where(eq(templateMilestones.templateId, templateId))
      .all(),
  };
}
