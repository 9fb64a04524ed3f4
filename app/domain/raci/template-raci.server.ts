/**
 * A template's default RACI by team role, and filling a room's RACI from it when the plan is made: every
 * team member whose role matches gets the letter; the R of a task without an assignee becomes its assignee.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { type DbOrTx, getDb, type Tx, writeTransaction } from "#db/client.server";
import {
  planTemplates,
  raciAssignments,
  stakeholders,
  tasks,
  templateMilestones,
  templatePhases,
  templateRaci,
  templateTasks,
} from "#db/schema";
import { staffCan } from "~/access/capabilities";
import type { StaffUser } from "~/access/users";
import { DomainError } from "~/utils/errors";
import { TEAM_ROLES, type RaciLetter, type RaciSubject, type TeamRole } from "~/vocabulary";
import { raciRowProblems, type RaciRowProblem } from "./rules";

export type TemplateRaciRow = {
  type: RaciSubject;
  id: string;
  title: string;
  cells: Partial<Record<TeamRole, RaciLetter>>;
  problems: RaciRowProblem[];
};

/** The template's matrix: phases with their deliverable tasks, then milestones; columns are TEAM_ROLES. */
export function getTemplateRaci(templateId: string, handle: DbOrTx = getDb()): TemplateRaciRow[] {
  const cells = handle.select().from(templateRaci).where(eq(templateRaci.templateId, templateId)).all();
  const row = (type: RaciSubject, id: string, title: string): TemplateRaciRow => {
    const letters: Partial<Record<TeamRole, RaciLetter>> = {};
    for (const c of cells) if (c.subjectType === type && c.subjectId === id) letters[c.teamRole] = c.letter;
    return { type, id, title, cells: letters, problems: raciRowProblems(Object.values(letters)) };
  };
  const phaseRows = handle
    .select()
    .from(templatePhases)
    .where(eq(templatePhases.templateId, templateId))
    .orderBy(asc(templatePhases.position))
    .all();
  const taskRows = handle
    .select()
    .from(templateTasks)
    .where(and(eq(templateTasks.templateId, templateId), eq(templateTasks.isDeliverable, true)))
    .orderBy(asc(templateTasks.position))
    .all();
  const milestoneRows = handle
    .select()
    .from(templateMilestones)
    .where(eq(templateMilestones.templateId, templateId))
    .orderBy(asc(templateMilestones.position))
    .all();
  return [
    ...phaseRows.flatMap((p) => [
      row("phase", p.id, p.title),
      ...taskRows.filter((t) => t.phaseId === p.id).map((t) => row("task", t.id, t.title)),
    ]),
    ...milestoneRows.map((m) => row("milestone", m.id, m.title)),
  ];
}

/**
 * Sets default cells of one row of a template (templates.manage); the subject must be a row of this
 * template. Several cells at once for the row form, one for the grid.
 */
export function setTemplateRaciCells(
  actor: StaffUser,
  templateId: string,
  input: {
    subjectType: RaciSubject;
    subjectId: string;
    cells: { teamRole: TeamRole; letter: RaciLetter | null }[];
  },
): RaciRowProblem[] {
  if (!staffCan(actor.staffRole, "templates.manage")) throw new DomainError(403, "errors.forbidden");
  return writeTransaction(getDb(), (tx) => {
    if (
      !tx.select({ id: planTemplates.id }).from(planTemplates).where(eq(planTemplates.id, templateId)).get()
    )
      throw new DomainError(404, "errors.notFound");
    const found =
      input.subjectType === "phase"
        ? tx
            .select({ id: templatePhases.id })
            .from(templatePhases)
            .where(and(eq(templatePhases.id, input.subjectId), eq(templatePhases.templateId, templateId)))
            .get()
        : input.subjectType === "milestone"
          ? tx
              .select({ id: templateMilestones.id })
              .from(templateMilestones)
              .where(
                and(
                  eq(templateMilestones.id, input.subjectId),
                  eq(templateMilestones.templateId, templateId),
                ),
              )
              .get()
          : tx
              .select({ id: templateTasks.id })
              .from(templateTasks)
              .where(
                and(
                  eq(templateTasks.id, input.subjectId),
                  eq(templateTasks.templateId, templateId),
                  eq(templateTasks.isDeliverable, true),
                ),
              )
              .get();
    if (!found) throw new DomainError(404, "errors.notFound");
    for (const cell of input.cells) {
      tx.delete(templateRaci)
        .where(
          and(
            eq(templateRaci.subjectType, input.subjectType),
            eq(templateRaci.subjectId, input.subjectId),
            eq(templateRaci.teamRole, cell.teamRole),
          ),
        )
        .run();
      if (cell.letter)
        tx.insert(templateRaci)
          .values({
            templateId,
            subjectType: input.subjectType,
            subjectId: input.subjectId,
            teamRole: cell.teamRole,
            letter: cell.letter,
          })
          .run();
    }
    tx.update(planTemplates).set({ updatedAt: new Date() }).where(eq(planTemplates.id, templateId)).run();
    return raciRowProblems(
      tx
        .select({ letter: templateRaci.letter })
        .from(templateRaci)
        .where(
          and(eq(templateRaci.subjectType, input.subjectType), eq(templateRaci.subjectId, input.subjectId)),
        )
        .all()
        .map((r) => r.letter),
    );
  });
}

/** Deletes a template's default cells of removed rows, in the transaction that removes them. */
export function deleteTemplateRaci(tx: Tx, type: RaciSubject, ids: string[]): void {
  if (!ids.length) return;
  tx.delete(templateRaci)
    .where(and(eq(templateRaci.subjectType, type), inArray(templateRaci.subjectId, ids)))
    .run();
}

/** Writes template default cells while a template is built from its definition (by role, per row). */
export function insertTemplateRaci(
  tx: DbOrTx,
  templateId: string,
  type: RaciSubject,
  subjectId: string,
  raci: Partial<Record<string, RaciLetter>> | undefined,
): void {
  for (const [role, letter] of Object.entries(raci ?? {})) {
    if (!letter || !(TEAM_ROLES as readonly string[]).includes(role)) continue;
    tx.insert(templateRaci)
      .values({ templateId, subjectType: type, subjectId, teamRole: role as TeamRole, letter })
      .run();
  }
}

/**
 * Fills a new plan's RACI from its template: each default cell goes to every team member of that role.
 * `ids` maps template ids to the room's new ids per row type. A task with R holders gets one of them as its
 * assignee (see below). Returns the number of cells written.
 */
export function fillRaciFromTemplate(
  tx: Tx,
  input: {
    roomId: string;
    templateId: string;
    ids: Record<RaciSubject, Map<string, string>>;
    now: Date;
  },
): number {
  const defaults = tx.select().from(templateRaci).where(eq(templateRaci.templateId, input.templateId)).all();
  if (!defaults.length) return 0;
  const people = tx
    .select()
    .from(stakeholders)
    .where(eq(stakeholders.roomId, input.roomId))
    .orderBy(asc(stakeholders.name))
    .all();
  let written = 0;
  const holdersOfR = new Map<string, string[]>();
  for (const d of defaults) {
    const subjectId = input.ids[d.subjectType].get(d.subjectId);
    if (!subjectId) continue;
    for (const p of people.filter((s) => s.teamRole === d.teamRole)) {
      tx.insert(raciAssignments)
        .values({
          roomId: input.roomId,
          subjectType: d.subjectType,
          subjectId,
          stakeholderId: p.id,
          letter: d.letter,
          updatedAt: input.now,
        })
        .onConflictDoNothing()
        .run();
      written++;
      if (d.subjectType === "task" && d.letter === "R")
        holdersOfR.set(subjectId, [...(holdersOfR.get(subjectId) ?? []), p.id]);
    }
  }
  // R is the default assignee: a task keeps the person of its default role when they are an R, else it
  // goes to its first R (by name).
  for (const [taskId, holders] of holdersOfR) {
    const task = tx.select({ assigneeId: tasks.assigneeId }).from(tasks).where(eq(tasks.id, taskId)).get();
    if (!task || (task.assigneeId && holders.includes(task.assigneeId))) continue;
    const first = people.find((p) => holders.includes(p.id));
    if (first) tx.update(tasks).set({ assigneeId: first.id }).where(eq(tasks.id, taskId)).run();
  }
  return written;
}
