/**
 * The forms of the two plan editors, one set for both: a room's plan schedules its items on calendar
 * dates and assigns people, a template schedules them in days from the kickoff and names a default role.
 * Everything else (phases, task and milestone fields, references, versions) is the same.
 */
import { z } from "zod";
import { PLAN_SIDES, TEAM_ROLES, VISIBILITIES } from "~/vocabulary";
import { fields } from "~/utils/forms";

/** Days from the kickoff a template item may sit at (a year before to two years after). */
export const OFFSET_MIN = -365;
export const OFFSET_MAX = 730;
/** More dependencies or required tasks than a plan could sensibly hold is refused. */
const MAX_LINKED_TASKS = 500;

const id = () => z.string({ error: "validation.invalid" }).min(1, { message: "validation.invalid" }).max(64);
const optionalId = () => z.preprocess((v) => (v === "" ? undefined : v), z.string().max(64).optional());
/** A multi-select's ids: repeated keys, or none at all when nothing is selected. */
const idList = () =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : ([] as unknown[]).concat(v).filter((x) => x !== "")),
    z.array(z.string().max(64)).max(MAX_LINKED_TASKS, { message: "validation.tooMany" }),
  );
const offset = () =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: "templateEdit.offsetRequired" })
      .int({ message: "templateEdit.offsetInteger" })
      .min(OFFSET_MIN, { message: "templateEdit.offsetRange" })
      .max(OFFSET_MAX, { message: "templateEdit.offsetRange" }),
  );
const version = { version: fields.version() };
const title = (max: number) => ({ title: fields.requiredText(max) });

const taskFields = {
  phaseId: z.string({ error: "validation.choose" }).min(1, { message: "validation.choose" }),
  ...title(200),
  description: fields.optionalText(5000),
  side: fields.enumOf(PLAN_SIDES),
  visibility: fields.enumOf(VISIBILITIES),
  dependsOn: idList(),
  /** A deliverable gets its own row in the RACI. */
  isDeliverable: fields.checkbox(),
};
const milestoneFields = {
  ...title(200),
  taskIds: idList(),
  isFirstValue: fields.checkbox(),
  autoComplete: fields.checkbox(),
  signOffRequired: fields.checkbox(),
  visibility: fields.enumOf(VISIBILITIES),
};

/** What differs between the editors, by how items are scheduled. */
export const SCHEDULED_FIELDS = {
  dates: {
    task: { assigneeId: optionalId(), startDate: fields.optionalDate(), dueDate: fields.optionalDate() },
    milestone: { targetDate: fields.date() },
  },
  offsets: {
    task: {
      defaultRole: fields.optionalEnumOf(TEAM_ROLES),
      startOffsetDays: offset(),
      dueOffsetDays: offset(),
    },
    milestone: { offsetDays: offset() },
  },
};
export type Schedule = keyof typeof SCHEDULED_FIELDS;

/**
 * The add, update and remove forms of phases, tasks and milestones. `onAdd` is what an add form carries
 * besides its fields: nothing in a plan (items are versioned one by one), the template's version in a
 * template (it is versioned as a whole).
 */
function editorForms<T extends z.ZodRawShape, M extends z.ZodRawShape, A extends z.ZodRawShape>(
  task: T,
  milestone: M,
  onAdd: A,
) {
  const phaseRef = { phaseId: id(), ...version };
  const taskRef = { taskId: id(), ...version };
  const milestoneRef = { milestoneId: id(), ...version };
  return {
    addPhase: z.object({ ...title(120), ...onAdd }),
    renamePhase: z.object({ ...title(120), ...phaseRef }),
    removePhase: z.object(phaseRef),
    addTask: z.object({ ...taskFields, ...task, ...onAdd }),
    updateTask: z.object({ ...taskFields, ...task, ...taskRef }),
    removeTask: z.object(taskRef),
    addMilestone: z.object({ ...milestoneFields, ...milestone, ...onAdd }),
    updateMilestone: z.object({ ...milestoneFields, ...milestone, ...milestoneRef }),
    removeMilestone: z.object(milestoneRef),
  };
}

const direction = { direction: z.enum(["up", "down"], { error: "validation.choose" }) };

export const planForms = {
  ...editorForms(SCHEDULED_FIELDS.dates.task, SCHEDULED_FIELDS.dates.milestone, {}),
  movePhase: z.object({ phaseId: id(), ...version, ...direction }),
  moveTask: z.object({ taskId: id(), ...version, ...direction }),
};

export const templateForms = {
  ...editorForms(SCHEDULED_FIELDS.offsets.task, SCHEDULED_FIELDS.offsets.milestone, version),
  updateTemplate: z.object({
    name: fields.requiredText(120),
    description: fields.optionalText(2000),
    ...version,
  }),
};

/** Commands other than the forms (e.g. action items becoming tasks) may leave the deliverable mark out. */
type OptionalDeliverable<T> = Omit<T, "isDeliverable"> & { isDeliverable?: boolean };
export type PlanTaskInput = OptionalDeliverable<z.output<typeof planForms.addTask>>;
export type PlanMilestoneInput = z.output<typeof planForms.addMilestone>;
export type TemplateTaskInput = OptionalDeliverable<z.output<typeof templateForms.addTask>>;
export type TemplateMilestoneInput = z.output<typeof templateForms.addMilestone>;
