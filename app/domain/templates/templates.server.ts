import { asc, count, eq } from "drizzle-orm";
import { getDb, type DbOrTx, writeTransaction } from "#db/client.server";
import {
  planTemplates,
  templateGoals,
  templateMilestones,
  templateMilestoneTasks,
  templatePhases,
  templateTaskDependencies,
  templateTasks,
} from "#db/schema";
import type { StaffUser } from "~/access/users";
import { staffCan } from "~/access/capabilities";
import { copyTemplateTaskForms } from "~/domain/forms/template-forms.server";
import { recordEvent } from "~/domain/events/events.server";
import { insertTemplateRaci } from "~/domain/raci/template-raci.server";
import { DomainError } from "~/utils/errors";
import type { TemplateDefinition } from "./definition";
import { parseRichText } from "~/domain/richtext/richtext";

/** Writes a template from its definition; task keys become ids, dependencies and milestones follow them. */
export function createTemplate(tx: DbOrTx, def: TemplateDefinition, createdById: string | null): string {
  const template = tx
    .insert(planTemplates)
    .values({
      name: def.name,
      description: def.description,
      locale: def.locale,
      welcomeNoteJa: def.welcomeNote?.ja ? parseRichText(def.welcomeNote.ja) : null,
      welcomeNoteEn: def.welcomeNote?.en ? parseRichText(def.welcomeNote.en) : null,
      firstGoalMarksFirstValue: def.firstGoalMarksFirstValue ?? false,
      createdById,
    })
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
    insertTemplateRaci(tx, template.id, "phase", phaseId, phase.raci);
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
          isDeliverable: task.deliverable ?? false,
          position: position++,
        })
        .returning({ id: templateTasks.id })
        .get();
      if (task.deliverable) insertTemplateRaci(tx, template.id, "task", id, task.raci);
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
    insertTemplateRaci(tx, template.id, "milestone", id, milestone.raci);
    for (const key of milestone.tasks)
      tx.insert(templateMilestoneTasks)
        .values({ milestoneId: id, taskId: resolve(key) })
        .run();
  });
  (def.goals ?? []).forEach((goal, index) => {
    tx.insert(templateGoals)
      .values({
        templateId: template.id,
        statement: goal.statement,
        kpi: goal.kpi,
        unit: goal.unit ?? "",
        baseline: goal.baseline ?? null,
        target: goal.target ?? null,
        dueOffsetDays: goal.due,
        position: index,
      })
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
    goals: tx
      .select()
      .from(templateGoals)
      .where(eq(templateGoals.templateId, templateId))
      .orderBy(asc(templateGoals.position))
      .all(),
  };
}

/** A template with its phases, tasks (with dependency titles) and milestones, for the detail page. */
export function getTemplateDetail(templateId: string) {
  const source = loadTemplate(getDb(), templateId);
  if (!source) throw new DomainError(404, "errors.notFound");
  // Lists in plan order (by task position), whatever order the link tables return.
  const titlesOf = (ids: string[]) => source.tasks.filter((t) => ids.includes(t.id)).map((t) => t.title);
  return {
    template: source.template,
    phases: source.phases.map((phase) => ({
      ...phase,
      tasks: source.tasks
        .filter((t) => t.phaseId === phase.id)
        .map((t) => ({
          ...t,
          dependsOn: titlesOf(source.dependencies.filter((d) => d.taskId === t.id).map((d) => d.dependsOnId)),
        })),
    })),
    milestones: source.milestones.map((m) => ({
      ...m,
      tasks: titlesOf(source.milestoneTasks.filter((l) => l.milestoneId === m.id).map((l) => l.taskId)),
    })),
  };
}

function requireTemplateManager(actor: StaffUser) {
  if (!staffCan(actor.staffRole, "templates.manage")) throw new DomainError(403, "errors.forbidden");
}

/** Copies a template under a new name, as the starting point for a variant. */
export function duplicateTemplate(actor: StaffUser, templateId: string, name: string): string {
  requireTemplateManager(actor);
  return writeTransaction(getDb(), (tx) => {
    const source = loadTemplate(tx, templateId);
    if (!source) throw new DomainError(404, "errors.notFound");
    const keyOf = (id: string) => `t${source.tasks.findIndex((t) => t.id === id)}`;
    const id = createTemplate(
      tx,
      {
        name,
        description: source.template.description ?? "",
        locale: source.template.locale,
        welcomeNote: { ja: source.template.welcomeNoteJa, en: source.template.welcomeNoteEn },
        phases: source.phases.map((phase) => ({
          title: phase.title,
          tasks: source.tasks
            .filter((t) => t.phaseId === phase.id)
            .map((t) => ({
              key: keyOf(t.id),
              title: t.title,
              description: t.description ?? undefined,
              side: t.side,
              defaultRole: t.defaultRole ?? undefined,
              start: t.startOffsetDays,
              due: t.dueOffsetDays,
              visibility: t.visibility,
              dependsOn: source.dependencies
                .filter((d) => d.taskId === t.id)
                .map((d) => keyOf(d.dependsOnId)),
            })),
        })),
        milestones: source.milestones.map((m) => ({
          title: m.title,
          offset: m.offsetDays,
          firstValue: m.isFirstValue,
          autoComplete: m.autoComplete,
          tasks: source.milestoneTasks.filter((l) => l.milestoneId === m.id).map((l) => keyOf(l.taskId)),
        })),
        goals: source.goals.map((g) => ({
          statement: g.statement,
          kpi: g.kpi,
          unit: g.unit,
          baseline: g.baseline ?? undefined,
          target: g.target ?? undefined,
          due: g.dueOffsetDays,
        })),
        firstGoalMarksFirstValue: source.template.firstGoalMarksFirstValue,
      },
      actor.id,
    );
    // issue 12: forms extras — the copy's tasks were made in phase order, as listed above: pair them up
    // (the title check is a guard) so each keeps its library form.
    const made = source.phases.flatMap((phase) => source.tasks.filter((t) => t.phaseId === phase.id));
    const copied = loadTemplate(tx, id)!.tasks;
    copyTemplateTaskForms(
      tx,
      new Map(made.flatMap((t, i) => (copied[i]?.title === t.title ? [[t.id, copied[i]!.id] as const] : []))),
    );
    recordEvent(tx, {
      actorId: actor.id,
      type: "template.duplicated",
      subjectType: "template",
      subjectId: id,
      data: { from: source.template.name, name },
    });
    return id;
  });
}

/** Rooms built from a template keep their plan: a plan is a copy, not a reference. */
export function deleteTemplate(actor: StaffUser, templateId: string): void {
  requireTemplateManager(actor);
  writeTransaction(getDb(), (tx) => {
    const template = tx.select().from(planTemplates).where(eq(planTemplates.id, templateId)).get();
    if (!template) throw new DomainError(404, "errors.notFound");
    tx.delete(planTemplates).where(eq(planTemplates.id, templateId)).run();
    recordEvent(tx, {
      actorId: actor.id,
      type: "template.deleted",
      subjectType: "template",
      subjectId: templateId,
      data: { name: template.name },
    });
  });
}
