/**
 * Forms (ヒアリングシート): the library and each room's copies, their fields, forms attached to template
 * and room tasks, and the customer's responses — drafts, submissions kept as numbered versions, fields
 * sent back (差し戻し) with a comment, acceptance. Every write in one transaction with its events and emails.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx, type Tx, writeTransaction } from "#db/client.server";
import {
  accounts,
  formAttachments,
  formFields,
  formResponses,
  formReturns,
  forms,
  formSubmissions,
  stakeholders,
  tasks,
  templateTasks,
  users,
} from "#db/schema";
import { can } from "~/access/capabilities";
import type { StaffUser } from "~/access/users";
import { copyForm, loadFormWithFields } from "./template-forms.server";
import { change as changeTemplate } from "~/domain/templates/editing.server";
import { recordEvent } from "~/domain/events/events.server";
import { recordUploadedFile, type CheckedUpload } from "~/domain/files/files.server";
import { guessLocale, roomUrl } from "~/domain/notifications/locale";
import { seesInternal, setTaskStatus, type RoomContext } from "~/domain/plan/plan.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { env } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { fields } from "~/utils/forms";
import { FORM_FIELD_KINDS, LOCALES, type FormFieldKind, type FormResponseStatus } from "~/vocabulary";
import {
  answerText,
  inputName,
  parseOptionsText,
  readAnswers,
  type Answers,
  type FileAnswer,
  type FormFieldDef,
} from "./fields";

export { loadFormWithFields };
export type FormRow = typeof forms.$inferSelect;
export type FieldRow = typeof formFields.$inferSelect;

const notFound = () => new DomainError(404, "errors.notFound");
const stale = () => new DomainError(409, "forms.errors.stale");

// ---------------------------------------------------------------------------------------------------------
// Schemas of the builder's forms
// ---------------------------------------------------------------------------------------------------------

export const FormSchema = z.object({
  title: fields.requiredText(200),
  description: fields.optionalText(2000),
  language: fields.enumOf(LOCALES),
});
export const FormUpdateSchema = FormSchema.extend({ version: fields.version() });
export const FieldSchema = z.object({
  kind: fields.enumOf(FORM_FIELD_KINDS),
  label: fields.requiredText(500),
  help: fields.optionalText(2000),
  required: fields.checkbox(),
  options: fields.optionalText(5000),
  version: fields.version(),
});
export const FieldUpdateSchema = FieldSchema.extend({ fieldId: fields.requiredText(64) });
export const FieldRefSchema = z.object({ fieldId: fields.requiredText(64), version: fields.version() });
export const FieldMoveSchema = FieldRefSchema.extend({ direction: fields.enumOf(["up", "down"] as const) });
export const AttachSchema = z.object({
  formId: fields.requiredText(64),
  completesTask: fields.checkbox(),
});
export const VersionSchema = z.object({ version: fields.version() });

// ---------------------------------------------------------------------------------------------------------
// Forms and fields (library: staff with forms.library; a room's copy: forms.manage in that room)
// ---------------------------------------------------------------------------------------------------------

export function listLibraryForms(db: DbOrTx = getDb()) {
  const rows = db.select().from(forms).where(isNull(forms.roomId)).orderBy(asc(forms.title)).all();
  const counts = fieldCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((f) => ({ ...f, fieldCount: counts.get(f.id) ?? 0 }));
}

function fieldCounts(db: DbOrTx, formIds: string[]) {
  const counts = new Map<string, number>();
  if (!formIds.length) return counts;
  for (const f of db
    .select({ formId: formFields.formId })
    .from(formFields)
    .where(inArray(formFields.formId, formIds))
    .all())
    counts.set(f.formId, (counts.get(f.formId) ?? 0) + 1);
  return counts;
}

/** A library form for the builder; a room's form is not found here. */
/** A library form with its fields, and how many template tasks use it (told before it is removed). */
export function getLibraryForm(formId: string) {
  const db = getDb();
  const found = loadFormWithFields(db, formId);
  if (!found || found.form.roomId) throw notFound();
  const templateTasks = db
    .select({ n: count() })
    .from(formAttachments)
    .where(and(eq(formAttachments.formId, formId), isNotNull(formAttachments.templateTaskId)))
    .get()!.n;
  return { ...found, templateTasks };
}

export type FormScope = { kind: "library"; actor: StaffUser } | { kind: "room"; ctx: RoomContext };

/** The form in the scope (a library form, or one of the room's), for an edit based on `version`. */
function loadEditable(tx: Tx, scope: FormScope, formId: string, version: number): FormRow {
  const form = tx.select().from(forms).where(eq(forms.id, formId)).get();
  if (!form) throw notFound();
  if (scope.kind === "library" ? form.roomId !== null : form.roomId !== scope.ctx.room.id) throw notFound();
  if (scope.kind === "room" && !can(scope.ctx.role, "forms.manage"))
    throw new DomainError(403, "errors.forbidden");
  if (form.version !== version) throw stale();
  // issue 12: forms extras — a room's form changes only until the customer starts answering it.
  if (scope.kind === "room" && isAnswered(tx, form.id))
    throw new DomainError(409, "forms.errors.alreadyAnswered");
  return form;
}

function isAnswered(tx: DbOrTx, formId: string) {
  return !!tx
    .select({ id: formResponses.id })
    .from(formResponses)
    .innerJoin(formAttachments, eq(formAttachments.id, formResponses.attachmentId))
    .where(eq(formAttachments.formId, formId))
    .get();
}

// issue 12: forms extras — a form made for one room (from a task's form page), edited with the builder.
export const RoomFormSchema = FormSchema.extend({ completesTask: fields.checkbox() });

/** Makes an empty form of the room's own and attaches it to the task (which must have none yet). */
export function createRoomForm(ctx: RoomContext, taskId: string, input: z.output<typeof RoomFormSchema>) {
  requireManage(ctx);
  return writeTransaction(getDb(), (tx) => {
    const task = loadRoomTask(tx, ctx, taskId);
    if (tx.select().from(formAttachments).where(eq(formAttachments.taskId, task.id)).get())
      throw new DomainError(409, "formsMore.room.taskHasForm");
    const { id } = tx
      .insert(forms)
      .values({
        roomId: ctx.room.id,
        title: input.title,
        description: input.description ?? "",
        language: input.language,
        createdById: ctx.user.id,
      })
      .returning({ id: forms.id })
      .get();
    attachFormRow(tx, ctx, task, { formId: id, title: input.title, completesTask: input.completesTask });
    return id;
  });
}

/** A form of the room for its builder (staff who run the room): the task it is on and whether it is answered. */
export function getRoomForm(ctx: RoomContext, formId: string) {
  requireManage(ctx);
  const db = getDb();
  const found = loadFormWithFields(db, formId);
  if (!found || found.form.roomId !== ctx.room.id) throw notFound();
  const attachment = db.select().from(formAttachments).where(eq(formAttachments.formId, formId)).get();
  const task = attachment?.taskId ? loadRoomTask(db, ctx, attachment.taskId) : null;
  return {
    ...found,
    taskId: task?.id ?? null,
    taskTitle: task?.title ?? null,
    answered: isAnswered(db, formId),
  };
}

function touch(tx: Tx, form: FormRow, now = new Date()) {
  tx.update(forms)
    .set({ version: form.version + 1, updatedAt: now })
    .where(eq(forms.id, form.id))
    .run();
}

export function createLibraryForm(actor: StaffUser, input: z.output<typeof FormSchema>): string {
  return writeTransaction(getDb(), (tx) => {
    const { id } = tx
      .insert(forms)
      .values({
        roomId: null,
        title: input.title,
        description: input.description ?? "",
        language: input.language,
        createdById: actor.id,
      })
      .returning({ id: forms.id })
      .get();
    return id;
  });
}

export function updateForm(scope: FormScope, formId: string, input: z.output<typeof FormUpdateSchema>) {
  writeTransaction(getDb(), (tx) => {
    const form = loadEditable(tx, scope, formId, input.version);
    tx.update(forms)
      .set({
        title: input.title,
        description: input.description ?? "",
        language: input.language,
        version: form.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(forms.id, form.id))
      .run();
  });
}

/** Removes a library form; room copies made from it stay (they belong to their rooms). */
export function removeLibraryForm(actor: StaffUser, formId: string, version: number) {
  writeTransaction(getDb(), (tx) => {
    const form = loadEditable(tx, { kind: "library", actor }, formId, version);
    tx.delete(forms).where(eq(forms.id, form.id)).run();
  });
}

function settingsOf(input: { kind: FormFieldKind; options?: string }) {
  const parsed = parseOptionsText(input.kind, input.options ?? "");
  if (!parsed.ok) throw new DomainError(400, parsed.error, {}, "options");
  return parsed.options;
}

export function addField(scope: FormScope, formId: string, input: z.output<typeof FieldSchema>) {
  writeTransaction(getDb(), (tx) => {
    const form = loadEditable(tx, scope, formId, input.version);
    const options = settingsOf(input);
    const last = tx
      .select({ position: formFields.position })
      .from(formFields)
      .where(eq(formFields.formId, form.id))
      .orderBy(desc(formFields.position))
      .get();
    tx.insert(formFields)
      .values({
        formId: form.id,
        position: (last?.position ?? 0) + 1,
        kind: input.kind,
        label: input.label,
        help: input.help ?? "",
        required: input.required,
        options,
      })
      .run();
    touch(tx, form);
  });
}

function loadField(tx: Tx, form: FormRow, fieldId: string): FieldRow {
  const field = tx
    .select()
    .from(formFields)
    .where(and(eq(formFields.id, fieldId), eq(formFields.formId, form.id)))
    .get();
  if (!field) throw notFound();
  return field;
}

export function updateField(scope: FormScope, formId: string, input: z.output<typeof FieldUpdateSchema>) {
  writeTransaction(getDb(), (tx) => {
    const form = loadEditable(tx, scope, formId, input.version);
    const field = loadField(tx, form, input.fieldId);
    const options = settingsOf(input);
    tx.update(formFields)
      .set({
        kind: input.kind,
        label: input.label,
        help: input.help ?? "",
        required: input.required,
        options,
      })
      .where(eq(formFields.id, field.id))
      .run();
    touch(tx, form);
  });
}

export function removeField(scope: FormScope, formId: string, input: z.output<typeof FieldRefSchema>) {
  writeTransaction(getDb(), (tx) => {
    const form = loadEditable(tx, scope, formId, input.version);
    const field = loadField(tx, form, input.fieldId);
    tx.delete(formFields).where(eq(formFields.id, field.id)).run();
    touch(tx, form);
  });
}

export function moveField(scope: FormScope, formId: string, input: z.output<typeof FieldMoveSchema>) {
  writeTransaction(getDb(), (tx) => {
    const form = loadEditable(tx, scope, formId, input.version);
    const list = tx
      .select()
      .from(formFields)
      .where(eq(formFields.formId, form.id))
      .orderBy(asc(formFields.position))
      .all();
    const i = list.findIndex((f) => f.id === input.fieldId);
    if (i < 0) throw notFound();
    const j = input.direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    list.forEach((f, k) =>
      tx
        .update(formFields)
        .set({ position: k + 1 })
        .where(eq(formFields.id, f.id))
        .run(),
    );
    touch(tx, form);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Attachments to template tasks and room tasks
// ---------------------------------------------------------------------------------------------------------

// issue 12: forms extras — the template editor attaches library forms to template tasks.
export const TemplateAttachSchema = AttachSchema.extend({
  taskId: z.string().trim().min(1, "formsMore.template.pickTask"),
  formId: z.string().trim().min(1, "forms.errors.pickForm"),
  version: fields.version(),
});
export const TemplateDetachSchema = z.object({ taskId: fields.requiredText(64), version: fields.version() });

function loadTemplateTask(tx: DbOrTx, templateId: string, templateTaskId: string) {
  const task = tx
    .select()
    .from(templateTasks)
    .where(and(eq(templateTasks.id, templateTaskId), eq(templateTasks.templateId, templateId)))
    .get();
  if (!task) throw new DomainError(400, "formsMore.template.pickTask", {}, "taskId");
  return task;
}

/**
 * Attaches a library form to a task of the template (replacing any form it had), as one change of the
 * template editor (its version, its "template.changed" event). The template links the library form; each
 * room's plan made from the template gets its own copy then (copyTemplateForms), so library edits reach
 * rooms created afterwards, never rooms already made.
 */
export function attachToTemplateTask(
  actor: StaffUser,
  templateId: string,
  input: z.output<typeof TemplateAttachSchema>,
) {
  changeTemplate(actor, templateId, input.version, (tx) => {
    const task = loadTemplateTask(tx, templateId, input.taskId);
    const form = tx.select().from(forms).where(eq(forms.id, input.formId)).get();
    if (!form || form.roomId) throw new DomainError(400, "forms.errors.pickForm", {}, "formId");
    tx.delete(formAttachments).where(eq(formAttachments.templateTaskId, task.id)).run();
    tx.insert(formAttachments)
      .values({ formId: form.id, templateTaskId: task.id, completesTask: input.completesTask })
      .run();
    return { result: undefined, data: { formAttached: form.title, task: task.title } };
  });
}

/** Takes the form off a template task; rooms already made from the template keep their copies. */
export function detachFromTemplateTask(
  actor: StaffUser,
  templateId: string,
  input: z.output<typeof TemplateDetachSchema>,
) {
  changeTemplate(actor, templateId, input.version, (tx) => {
    const task = loadTemplateTask(tx, templateId, input.taskId);
    const removed = tx
      .delete(formAttachments)
      .where(eq(formAttachments.templateTaskId, task.id))
      .returning({ formId: formAttachments.formId })
      .all();
    if (!removed.length) throw notFound();
    return { result: undefined, data: { formDetached: task.title } };
  });
}

/** The forms attached to a template's tasks, by template task id. */
export function templateTaskForms(templateTaskIds: string[], db: DbOrTx = getDb()) {
  if (!templateTaskIds.length)
    return new Map<string, { formId: string; title: string; completesTask: boolean }>();
  const rows = db
    .select({
      templateTaskId: formAttachments.templateTaskId,
      formId: forms.id,
      title: forms.title,
      completesTask: formAttachments.completesTask,
    })
    .from(formAttachments)
    .innerJoin(forms, eq(forms.id, formAttachments.formId))
    .where(inArray(formAttachments.templateTaskId, templateTaskIds))
    .all();
  return new Map(rows.map((r) => [r.templateTaskId!, r]));
}

function loadRoomTask(tx: DbOrTx, ctx: RoomContext, taskId: string) {
  const task = tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.roomId, ctx.room.id)))
    .get();
  if (!task || (task.visibility === "internal" && !seesInternal(ctx.role))) throw notFound();
  return task;
}

function requireManage(ctx: RoomContext) {
  if (!can(ctx.role, "forms.manage")) throw new DomainError(403, "errors.forbidden");
}

/** Attaches a copy of a library form to a room task; a task holds one form, and one already answered stays. */
export function attachToTask(ctx: RoomContext, taskId: string, input: z.output<typeof AttachSchema>) {
  requireManage(ctx);
  return writeTransaction(getDb(), (tx) => {
    const task = loadRoomTask(tx, ctx, taskId);
    const library = tx.select().from(forms).where(eq(forms.id, input.formId)).get();
    if (!library || library.roomId) throw new DomainError(400, "forms.errors.pickForm", {}, "formId");
    const existing = tx.select().from(formAttachments).where(eq(formAttachments.taskId, task.id)).get();
    if (existing) {
      const answered = tx
        .select({ id: formResponses.id })
        .from(formResponses)
        .where(eq(formResponses.attachmentId, existing.id))
        .get();
      if (answered) throw new DomainError(409, "forms.errors.alreadyAnswered");
      tx.delete(formAttachments).where(eq(formAttachments.id, existing.id)).run();
    }
    const formId = copyForm(tx, library.id, ctx.room.id, ctx.user.id);
    attachFormRow(tx, ctx, task, { formId, title: library.title, completesTask: input.completesTask });
    return formId;
  });
}

/** Puts a room form on a task and records it (the event carries the task's visibility). */
function attachFormRow(
  tx: Tx,
  ctx: RoomContext,
  task: { id: string; title: string; visibility: string },
  input: { formId: string; title: string; completesTask: boolean },
) {
  tx.insert(formAttachments)
    .values({ formId: input.formId, taskId: task.id, completesTask: input.completesTask })
    .run();
  recordEvent(tx, {
    actorId: ctx.user.id,
    type: "form.attached",
    accountId: ctx.account.id,
    roomId: ctx.room.id,
    subjectType: "task",
    subjectId: task.id,
    data: { title: input.title, task: task.title, visibility: task.visibility },
  });
}

/** Removes the task's form; refused once the customer has started answering it. */
export function detachFromTask(ctx: RoomContext, taskId: string) {
  requireManage(ctx);
  writeTransaction(getDb(), (tx) => {
    const task = loadRoomTask(tx, ctx, taskId);
    const a = tx.select().from(formAttachments).where(eq(formAttachments.taskId, task.id)).get();
    if (!a) throw notFound();
    const answered = tx
      .select({ id: formResponses.id })
      .from(formResponses)
      .where(eq(formResponses.attachmentId, a.id))
      .get();
    if (answered) throw new DomainError(409, "forms.errors.alreadyAnswered");
    const form = tx.select({ title: forms.title }).from(forms).where(eq(forms.id, a.formId)).get();
    tx.delete(forms).where(eq(forms.id, a.formId)).run();
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "form.detached",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "task",
      subjectId: task.id,
      data: { title: form?.title ?? "", task: task.title, visibility: task.visibility },
    });
  });
}

/** The task's form summary for the task page, or null. */
export function taskFormSummary(ctx: RoomContext, taskId: string) {
  const db = getDb();
  const row = db
    .select({ attachment: formAttachments, form: forms, response: formResponses })
    .from(formAttachments)
    .innerJoin(forms, eq(forms.id, formAttachments.formId))
    .leftJoin(formResponses, eq(formResponses.attachmentId, formAttachments.id))
    .where(eq(formAttachments.taskId, taskId))
    .get();
  if (!row || row.form.roomId !== ctx.room.id) return null;
  return {
    formId: row.form.id,
    title: row.form.title,
    status: (row.response?.status ?? "not_started") as FormResponseStatus | "not_started",
    completesTask: row.attachment.completesTask,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The task's form: filling, submitting, sending back, accepting
// ---------------------------------------------------------------------------------------------------------

function loadTaskForm(tx: DbOrTx, ctx: RoomContext, taskId: string) {
  const task = loadRoomTask(tx, ctx, taskId);
  const attachment = tx.select().from(formAttachments).where(eq(formAttachments.taskId, task.id)).get();
  if (!attachment) throw notFound();
  const found = loadFormWithFields(tx, attachment.formId);
  if (!found || found.form.roomId !== ctx.room.id) throw notFound();
  const response =
    tx.select().from(formResponses).where(eq(formResponses.attachmentId, attachment.id)).get() ?? null;
  return { task, attachment, ...found, response };
}

export type ReturnView = {
  id: string;
  fieldId: string;
  comment: string;
  returnedBy: string | null;
  returnedAt: Date;
  resolvedBySubmission: number | null;
};

/** Everything the task's form page shows to this viewer. */
export function getTaskForm(ctx: RoomContext, taskId: string) {
  const db = getDb();
  const task = loadRoomTask(db, ctx, taskId);
  const attached = db.select().from(formAttachments).where(eq(formAttachments.taskId, task.id)).get();
  if (!attached) {
    // Nothing to fill: only those who may attach a form have something to do here.
    if (!can(ctx.role, "forms.manage")) throw notFound();
    return null;
  }
  const { attachment, form, fields: fieldRows, response } = loadTaskForm(db, ctx, taskId);
  const submissions = response
    ? db
        .select({
          number: formSubmissions.number,
          answers: formSubmissions.answers,
          submittedAt: formSubmissions.submittedAt,
          submittedBy: users.name,
        })
        .from(formSubmissions)
        .leftJoin(users, eq(users.id, formSubmissions.submittedById))
        .where(eq(formSubmissions.responseId, response.id))
        .orderBy(desc(formSubmissions.number))
        .all()
    : [];
  const returns: ReturnView[] = response
    ? db
        .select({
          id: formReturns.id,
          fieldId: formReturns.fieldId,
          comment: formReturns.comment,
          returnedBy: users.name,
          returnedAt: formReturns.returnedAt,
          resolvedBySubmission: formReturns.resolvedBySubmission,
        })
        .from(formReturns)
        .leftJoin(users, eq(users.id, formReturns.returnedById))
        .where(eq(formReturns.responseId, response.id))
        .orderBy(asc(formReturns.returnedAt))
        .all()
    : [];
  const status: FormResponseStatus | "not_started" = response?.status ?? "not_started";
  return {
    task: { id: task.id, title: task.title, status: task.status },
    attachment: { completesTask: attachment.completesTask },
    form,
    fields: fieldRows,
    response: response
      ? {
          status: response.status,
          answers: response.answers as Answers,
          version: response.version,
          updatedAt: response.updatedAt,
          acceptedAt: response.acceptedAt,
        }
      : null,
    status,
    /** The version a post must name: 0 while nothing was saved. */
    version: response?.version ?? 0,
    submissions: submissions.map((s) => ({ ...s, answers: s.answers as Answers })),
    openReturns: returns.filter((r) => r.resolvedBySubmission === null),
    pastReturns: returns.filter((r) => r.resolvedBySubmission !== null),
    canFill: can(ctx.role, "forms.fill") && status !== "accepted" && status !== "submitted",
    canManage: can(ctx.role, "forms.manage"),
  };
}
export type TaskFormView = NonNullable<ReturnType<typeof getTaskForm>>;

export type PostedAnswers = {
  raw: Record<string, string | string[]>;
  /** New files by field id (checked by the file core), refusals by field id. */
  uploads: Map<string, CheckedUpload>;
  refused: Map<string, string>;
  version: number;
};

/** Refused answers: 400 with one message per field; the page echoes what was typed. */
export class AnswersRefused extends DomainError {
  constructor(public readonly fieldErrors: Record<string, string>) {
    super(400, "forms.errors.fix");
  }
}

function answersFrom(
  tx: Tx,
  ctx: RoomContext,
  defs: FormFieldDef[],
  previous: Answers,
  posted: PostedAnswers,
  mode: "draft" | "submit",
) {
  const fileAnswers: Record<string, FileAnswer | undefined> = {};
  const fileErrors: Record<string, string> = {};
  for (const def of defs) {
    if (def.kind !== "file") continue;
    const refusal = posted.refused.get(def.id);
    if (refusal) {
      fileErrors[inputName(def.id)] = refusal;
      continue;
    }
    const upload = posted.uploads.get(def.id);
    const keep = posted.raw[`${inputName(def.id)}.keep`];
    const prev = previous[def.id] as FileAnswer | undefined;
    if (upload) {
      const file = recordUploadedFile(tx, upload, { purpose: "form-answer", actorId: ctx.user.id });
      fileAnswers[def.id] = { fileId: file.id, name: file.originalName };
    } else if (prev && keep === prev.fileId) fileAnswers[def.id] = prev;
  }
  const { answers, errors } = readAnswers(defs, posted.raw, mode, fileAnswers);
  const all = { ...errors, ...fileErrors };
  if (Object.keys(all).length) throw new AnswersRefused(all);
  return answers;
}

function requireFill(ctx: RoomContext) {
  if (!can(ctx.role, "forms.fill")) throw new DomainError(403, "errors.forbidden");
}

/** Saves the customer's answers as a draft (formats are checked, required fields are not). */
export function saveDraft(ctx: RoomContext, taskId: string, posted: PostedAnswers, now = new Date()) {
  requireFill(ctx);
  writeTransaction(getDb(), (tx) => {
    const { attachment, fields: defs, response } = loadTaskForm(tx, ctx, taskId);
    if ((response?.version ?? 0) !== posted.version) throw stale();
    if (response && (response.status === "submitted" || response.status === "accepted"))
      throw new DomainError(409, "forms.errors.notEditable");
    const answers = answersFrom(tx, ctx, defs, (response?.answers ?? {}) as Answers, posted, "draft");
    if (response)
      tx.update(formResponses)
        .set({ answers, updatedById: ctx.user.id, updatedAt: now, version: response.version + 1 })
        .where(eq(formResponses.id, response.id))
        .run();
    else
      tx.insert(formResponses)
        .values({
          attachmentId: attachment.id,
          roomId: ctx.room.id,
          status: "draft",
          answers,
          updatedById: ctx.user.id,
          updatedAt: now,
        })
        .run();
  });
}

/**
 * Submits the answers (all checked): kept as the next numbered submission, open returns resolved, the
 * CSM told by email. When the attachment says so, the task is then set done through the plan's command
 * (its milestone and sign-off rules apply; a task that cannot be done yet keeps the submission).
 */
export function submitAnswers(ctx: RoomContext, taskId: string, posted: PostedAnswers, now = new Date()) {
  requireFill(ctx);
  const done = writeTransaction(getDb(), (tx) => {
    const { task, attachment, form, fields: defs, response } = loadTaskForm(tx, ctx, taskId);
    if ((response?.version ?? 0) !== posted.version) throw stale();
    if (response && (response.status === "submitted" || response.status === "accepted"))
      throw new DomainError(409, "forms.errors.notEditable");
    const answers = answersFrom(tx, ctx, defs, (response?.answers ?? {}) as Answers, posted, "submit");
    let responseId: string;
    if (response) {
      responseId = response.id;
      tx.update(formResponses)
        .set({
          answers,
          status: "submitted",
          updatedById: ctx.user.id,
          updatedAt: now,
          version: response.version + 1,
        })
        .where(eq(formResponses.id, response.id))
        .run();
    } else {
      responseId = tx
        .insert(formResponses)
        .values({
          attachmentId: attachment.id,
          roomId: ctx.room.id,
          status: "submitted",
          answers,
          updatedById: ctx.user.id,
          updatedAt: now,
        })
        .returning({ id: formResponses.id })
        .get().id;
    }
    const last = tx
      .select({ number: formSubmissions.number })
      .from(formSubmissions)
      .where(eq(formSubmissions.responseId, responseId))
      .orderBy(desc(formSubmissions.number))
      .get();
    const number = (last?.number ?? 0) + 1;
    tx.insert(formSubmissions)
      .values({ responseId, number, answers, submittedById: ctx.user.id, submittedAt: now })
      .run();
    tx.update(formReturns)
      .set({ resolvedBySubmission: number, resolvedAt: now })
      .where(and(eq(formReturns.responseId, responseId), isNull(formReturns.resolvedBySubmission)))
      .run();
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "form.submitted",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "task",
      subjectId: task.id,
      data: { title: form.title, task: task.title, number, visibility: task.visibility },
    });
    emailCsm(tx, ctx, { formTitle: form.title, taskId: task.id, taskTitle: task.title, number });
    return attachment.completesTask && task.status !== "done" ? task : null;
  });
  if (!done) return { taskDone: false };
  try {
    setTaskStatus(ctx, done.id, { status: "done", version: done.version + 0 }, now);
    return { taskDone: true };
  } catch (error) {
    // The submission stands; the task stays open when the plan refuses (e.g. its dependencies are open).
    if (error instanceof DomainError && error.status < 500) return { taskDone: false };
    throw error;
  }
}

export const ReturnSchema = z.object({ version: fields.version() });

/**
 * Sends fields back (差し戻し) with a comment each (`comments` by field id, empty ones ignored): the
 * response goes back to "returned" and the customer's people on the task are told which fields and why.
 */
export function returnFields(
  ctx: RoomContext,
  taskId: string,
  input: { version: number; comments: Record<string, string> },
  now = new Date(),
) {
  requireManage(ctx);
  writeTransaction(getDb(), (tx) => {
    const { task, form, fields: defs, response } = loadTaskForm(tx, ctx, taskId);
    if (!response || response.status !== "submitted") throw new DomainError(400, "forms.errors.notSubmitted");
    if (response.version !== input.version) throw stale();
    const chosen = defs
      .map((f) => ({ field: f, comment: (input.comments[f.id] ?? "").trim() }))
      .filter((c) => c.comment);
    if (!chosen.length) throw new DomainError(400, "forms.errors.noReturns");
    const tooLong = chosen.find((c) => c.comment.length > 2000);
    if (tooLong) throw new DomainError(400, "validation.tooLong", {}, `return_${tooLong.field.id}`);
    for (const c of chosen)
      tx.insert(formReturns)
        .values({
          responseId: response.id,
          fieldId: c.field.id,
          comment: c.comment,
          returnedById: ctx.user.id,
          returnedAt: now,
        })
        .run();
    tx.update(formResponses)
      .set({ status: "returned", updatedAt: now, version: response.version + 1 })
      .where(eq(formResponses.id, response.id))
      .run();
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "form.returned",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "task",
      subjectId: task.id,
      data: { title: form.title, task: task.title, fields: chosen.length, visibility: task.visibility },
    });
    emailCustomers(tx, ctx, {
      formTitle: form.title,
      taskId: task.id,
      taskTitle: task.title,
      assigneeId: task.assigneeId,
      submitterIds: [response.updatedById],
      returns: chosen.map((c) => ({ label: c.field.label, comment: c.comment })),
    });
  });
}

/** Accepts the submitted answers (the CSM); nothing more to fill. */
export function acceptAnswers(ctx: RoomContext, taskId: string, version: number, now = new Date()) {
  requireManage(ctx);
  writeTransaction(getDb(), (tx) => {
    const { task, form, response } = loadTaskForm(tx, ctx, taskId);
    if (!response || response.status !== "submitted") throw new DomainError(400, "forms.errors.notSubmitted");
    if (response.version !== version) throw stale();
    tx.update(formResponses)
      .set({
        status: "accepted",
        acceptedById: ctx.user.id,
        acceptedAt: now,
        updatedAt: now,
        version: response.version + 1,
      })
      .where(eq(formResponses.id, response.id))
      .run();
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "form.accepted",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "task",
      subjectId: task.id,
      data: { title: form.title, task: task.title, visibility: task.visibility },
    });
  });
}

/** Whether this file is a form answer in a room the user is staff of or a customer of (files route). */
export function formAnswerRooms(fileId: string, db: DbOrTx = getDb()): string[] {
  // Matched in SQL (instr on the stored JSON text), not by reading every answer into JS: still a scan of
  // the rooms' answers, but without parsing them. The needle is how JSON writes a file answer's id.
  const needle = JSON.stringify({ fileId }).slice(1, -1);
  const inResponses = db
    .selectDistinct({ roomId: formResponses.roomId })
    .from(formResponses)
    .where(sql`instr(${formResponses.answers}, ${needle}) > 0`)
    .all();
  const inSubmissions = db
    .selectDistinct({ roomId: formResponses.roomId })
    .from(formSubmissions)
    .innerJoin(formResponses, eq(formResponses.id, formSubmissions.responseId))
    .where(sql`instr(${formSubmissions.answers}, ${needle}) > 0`)
    .all();
  return [...new Set([...inResponses, ...inSubmissions].map((r) => r.roomId))];
}

// ---------------------------------------------------------------------------------------------------------
// Emails
// ---------------------------------------------------------------------------------------------------------

function emailCsm(
  tx: Tx,
  ctx: RoomContext,
  input: { formTitle: string; taskId: string; taskTitle: string; number: number },
) {
  const account = tx
    .select({ csmId: accounts.csmId })
    .from(accounts)
    .where(eq(accounts.id, ctx.account.id))
    .get();
  const csm = account?.csmId ? tx.select().from(users).where(eq(users.id, account.csmId)).get() : undefined;
  if (!csm || !csm.email) return;
  enqueueEmail(tx, {
    to: csm.email,
    locale: csm.locale ?? guessLocale(ctx.account.timeZone),
    template: "form_submitted",
    props: {
      recipientName: csm.name || csm.email,
      submitterName: ctx.user.name || ctx.user.email,
      accountName: ctx.account.name,
      roomTitle: ctx.room.title,
      formTitle: input.formTitle,
      taskTitle: input.taskTitle,
      number: input.number,
      url: roomUrl(env().APP_URL, ctx.room.id, `tasks/${encodeURIComponent(input.taskId)}/form`),
    },
  });
}

function emailCustomers(
  tx: Tx,
  ctx: RoomContext,
  input: {
    formTitle: string;
    taskId: string;
    taskTitle: string;
    assigneeId: string | null;
    submitterIds: (string | null)[];
    returns: { label: string; comment: string }[];
  },
) {
  const recipients = new Map<string, { email: string; name: string; locale: string | null }>();
  const submitters = input.submitterIds.filter((id): id is string => !!id);
  if (submitters.length)
    for (const u of tx.select().from(users).where(inArray(users.id, submitters)).all())
      if (u.kind === "customer" && u.email)
        recipients.set(u.email, { email: u.email, name: u.name, locale: u.locale });
  if (input.assigneeId) {
    const s = tx.select().from(stakeholders).where(eq(stakeholders.id, input.assigneeId)).get();
    if (s && s.side === "customer" && s.email && !recipients.has(s.email)) {
      const u = s.userId ? tx.select().from(users).where(eq(users.id, s.userId)).get() : undefined;
      recipients.set(s.email, {
        email: u?.email ?? s.email,
        name: u?.name ?? s.name,
        locale: u?.locale ?? null,
      });
    }
  }
  for (const r of recipients.values())
    enqueueEmail(tx, {
      to: r.email,
      locale: (r.locale as "ja" | "en" | null) ?? guessLocale(ctx.account.timeZone),
      template: "form_returned",
      props: {
        recipientName: r.name || r.email,
        senderName: ctx.user.name || ctx.user.email,
        accountName: ctx.account.name,
        roomTitle: ctx.room.title,
        formTitle: input.formTitle,
        taskTitle: input.taskTitle,
        returns: input.returns,
        url: roomUrl(env().APP_URL, ctx.room.id, `tasks/${encodeURIComponent(input.taskId)}/form`),
      },
    });
}

// ---------------------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------------------

/**
 * The answers to a form across the room as CSV rows: one row per task that carries this form (the room's
 * copies of the same library form), table fields flattened into numbered columns ("Users 1: Email").
 */
export function formAnswersTable(
  ctx: RoomContext,
  formId: string,
  labels: { task: string; status: (s: string) => string; submittedAt: string; yes: string; no: string },
) {
  requireManage(ctx);
  const db = getDb();
  const base = loadFormWithFields(db, formId);
  if (!base || base.form.roomId !== ctx.room.id) throw notFound();
  const family = base.form.sourceFormId
    ? db
        .select()
        .from(forms)
        .where(and(eq(forms.roomId, ctx.room.id), eq(forms.sourceFormId, base.form.sourceFormId)))
        .all()
    : [base.form];
  const entries = family
    .map((f) => {
      const row = db
        .select({ attachment: formAttachments, task: tasks, response: formResponses })
        .from(formAttachments)
        .innerJoin(tasks, eq(tasks.id, formAttachments.taskId))
        .leftJoin(formResponses, eq(formResponses.attachmentId, formAttachments.id))
        .where(eq(formAttachments.formId, f.id))
        .get();
      if (!row) return null;
      const flds = loadFormWithFields(db, f.id)?.fields ?? [];
      const last = row.response
        ? db
            .select()
            .from(formSubmissions)
            .where(eq(formSubmissions.responseId, row.response.id))
            .orderBy(desc(formSubmissions.number))
            .get()
        : undefined;
      return { task: row.task, response: row.response, fields: flds, last };
    })
    .filter((e) => e !== null);
  // Columns follow the base form's fields, matched by position across copies.
  const columns: string[] = [labels.task, "status", labels.submittedAt];
  const tableRows = new Map<number, number>();
  for (const e of entries)
    for (const f of e.fields)
      if (f.kind === "table") {
        const answer = (e.last?.answers ?? e.response?.answers ?? {}) as Answers;
        const n = Array.isArray(answer[f.id]) ? (answer[f.id] as unknown[]).length : 0;
        tableRows.set(f.position, Math.max(tableRows.get(f.position) ?? 0, n));
      }
  const header: string[] = [labels.task, labels.status("status"), labels.submittedAt];
  const keys: { position: number; column?: { key: string }; row?: number }[] = [];
  for (const f of base.fields) {
    if (f.kind === "table") {
      const cols = (f.options as { key: string; label: string }[]) ?? [];
      const n = Math.max(1, tableRows.get(f.position) ?? 0);
      for (let r = 0; r < n; r++)
        for (const c of cols) {
          header.push(`${f.label} ${r + 1}: ${c.label}`);
          keys.push({ position: f.position, column: c, row: r });
        }
    } else {
      header.push(f.label);
      keys.push({ position: f.position });
    }
  }
  void columns;
  const rows = entries.map((e) => {
    const answers = (e.response?.status === "draft" ? {} : (e.last?.answers ?? {})) as Answers;
    const cells = [
      e.task.title,
      labels.status(e.response?.status ?? "not_started"),
      e.last ? e.last.submittedAt.toISOString() : "",
    ];
    for (const k of keys) {
      const f = e.fields.find((x) => x.position === k.position);
      const a = f ? answers[f.id] : undefined;
      if (k.column) {
        const rows = Array.isArray(a) ? (a as Record<string, string>[]) : [];
        cells.push(rows[k.row!]?.[k.column.key] ?? "");
      } else if (f?.kind === "yes_no") cells.push(a === "yes" ? labels.yes : a === "no" ? labels.no : "");
      else cells.push(f ? answerText(f, a) : "");
    }
    return cells;
  });
  return { title: base.form.title, header, rows };
}
