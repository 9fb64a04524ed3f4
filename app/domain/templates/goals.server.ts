/**
 * A template's suggested goals and its "first goal marks first value" setting, edited like the rest of
 * the template (editing.server.ts `change`: manager only, the template's version, a template.changed
 * event). Rooms get copies when their plan is made (app/domain/goals/template-goals.server.ts).
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Tx } from "#db/client.server";
import { planTemplates, templateGoals } from "#db/schema";
import type { StaffUser } from "~/access/users";
import { optionalDecimalField } from "~/domain/goals/goals.server";
import { OFFSET_MAX, OFFSET_MIN } from "~/domain/plan/schemas";
import { DomainError } from "~/utils/errors";
import { fields } from "~/utils/forms";
import { change } from "./editing.server";

const dueOffset = () =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.normalize("NFKC").trim())) : v),
    z
      .number({ error: "templateEdit.offsetRequired" })
      .int({ message: "templateEdit.offsetInteger" })
      .min(OFFSET_MIN, { message: "templateEdit.offsetRange" })
      .max(OFFSET_MAX, { message: "templateEdit.offsetRange" }),
  );

const goalFields = {
  version: fields.version(),
  statement: fields.requiredText(300),
  kpi: fields.requiredText(120),
  unit: fields.optionalText(20),
  baseline: optionalDecimalField(),
  target: optionalDecimalField(),
  dueOffsetDays: dueOffset(),
};
const differs = (g: { baseline?: number; target?: number }) =>
  g.baseline === undefined || g.target === undefined || g.baseline !== g.target;
const SAME = { message: "goals.errors.targetEqualsBaseline", path: ["target"] };

export const TemplateGoalSchema = z.object(goalFields).refine(differs, SAME);
export const TemplateGoalUpdateSchema = z
  .object({ ...goalFields, goalId: z.string().catch("") })
  .refine(differs, SAME);
export const TemplateGoalRefSchema = z.object({ version: fields.version(), goalId: z.string().catch("") });
export const FirstGoalSchema = z.object({
  version: fields.version(),
  firstGoalMarksFirstValue: fields.checkbox(),
});

type GoalInput = z.output<typeof TemplateGoalSchema>;

const values = (input: GoalInput) => ({
  statement: input.statement,
  kpi: input.kpi,
  unit: input.unit ?? "",
  baseline: input.baseline ?? null,
  target: input.target ?? null,
  dueOffsetDays: input.dueOffsetDays,
});

function loadGoal(tx: Tx, templateId: string, goalId: string) {
  const goal = tx
    .select()
    .from(templateGoals)
    .where(and(eq(templateGoals.id, goalId), eq(templateGoals.templateId, templateId)))
    .get();
  if (!goal) throw new DomainError(404, "errors.notFound");
  return goal;
}

/** The suggested goals and the setting, for the editor (the page checked the actor already). */
export function getTemplateGoals(templateId: string) {
  const db = getDb();
  const template = db
    .select({ marks: planTemplates.firstGoalMarksFirstValue })
    .from(planTemplates)
    .where(eq(planTemplates.id, templateId))
    .get();
  const goals = db
    .select()
    .from(templateGoals)
    .where(eq(templateGoals.templateId, templateId))
    .orderBy(asc(templateGoals.position))
    .all();
  return { firstGoalMarksFirstValue: !!template?.marks, goals };
}

export function addTemplateGoal(actor: StaffUser, templateId: string, input: GoalInput): string {
  return change(actor, templateId, input.version, (tx) => {
    const last = tx
      .select({ position: templateGoals.position })
      .from(templateGoals)
      .where(eq(templateGoals.templateId, templateId))
      .orderBy(desc(templateGoals.position))
      .get();
    const { id } = tx
      .insert(templateGoals)
      .values({ ...values(input), templateId, position: (last?.position ?? -1) + 1 })
      .returning({ id: templateGoals.id })
      .get();
    return { result: id, data: { change: "goal.added", goalId: id, title: input.statement } };
  });
}

export function updateTemplateGoal(actor: StaffUser, templateId: string, goalId: string, input: GoalInput) {
  change(actor, templateId, input.version, (tx) => {
    const goal = loadGoal(tx, templateId, goalId);
    tx.update(templateGoals).set(values(input)).where(eq(templateGoals.id, goalId)).run();
    return {
      result: undefined,
      data: { change: "goal.updated", goalId, title: input.statement, previousTitle: goal.statement },
    };
  });
}

export function removeTemplateGoal(actor: StaffUser, templateId: string, goalId: string, expected: number) {
  change(actor, templateId, expected, (tx) => {
    const goal = loadGoal(tx, templateId, goalId);
    tx.delete(templateGoals).where(eq(templateGoals.id, goalId)).run();
    return { result: undefined, data: { change: "goal.removed", goalId, title: goal.statement } };
  });
}

export function setFirstGoalMarksFirstValue(
  actor: StaffUser,
  templateId: string,
  input: { version: number; firstGoalMarksFirstValue: boolean },
) {
  change(actor, templateId, input.version, (tx) => {
    tx.update(planTemplates)
      .set({ firstGoalMarksFirstValue: input.firstGoalMarksFirstValue })
      .where(eq(planTemplates.id, templateId))
      .run();
    return {
      result: undefined,
      data: { change: "firstGoalMarksFirstValue", value: input.firstGoalMarksFirstValue },
    };
  });
}
