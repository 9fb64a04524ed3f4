import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, idColumn, timestamp } from "./columns";
import { FORM_FIELD_KINDS, FORM_RESPONSE_STATUSES, LOCALES } from "../../app/vocabulary";
import { tasks } from "./plan";
import { rooms } from "./rooms";
import { templateTasks } from "./templates";
import { users } from "./users";

/**
 * A form (ヒアリングシート and the like). A library form has no room; attaching a form to a room task
 * copies it into a form of that room (sourceFormId says which library form), so later library edits
 * never change what a customer is filling in.
 */
export const forms = sqliteTable(
  "forms",
  {
    id: idColumn(),
    /** Null for a library form; the room for a room's own copy. */
    roomId: text().references(() => rooms.id, { onDelete: "cascade" }),
    /** The library form a room's copy was made from (null for library forms and forms made in the room). */
    sourceFormId: text(),
    title: text().notNull(),
    description: text().notNull().default(""),
    /** The language the form is written in (labels are the author's text, not translated). */
    language: text({ enum: LOCALES }).notNull(),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
    /** Optimistic concurrency: bumped by every change to the form or its fields. */
    version: integer().notNull().default(1),
  },
  (t) => [index("forms_room_idx").on(t.roomId)],
);

/**
 * One question of a form. `options` holds the choices of single/multiple choice fields (strings) and
 * the typed columns of a table field ({ key, label, kind: FORM_COLUMN_KINDS, required }), as JSON.
 */
export const formFields = sqliteTable(
  "form_fields",
  {
    id: idColumn(),
    formId: text()
      .notNull()
      .references(() => forms.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    kind: text({ enum: FORM_FIELD_KINDS }).notNull(),
    label: text().notNull(),
    help: text().notNull().default(""),
    required: integer({ mode: "boolean" }).notNull().default(false),
    /** Choices (string[]) or table columns ({ key, label, kind, required }[]); [] for other kinds. */
    options: text({ mode: "json" }).$type<unknown>().notNull().default([]),
  },
  (t) => [index("form_fields_form_idx").on(t.formId, t.position)],
);

/**
 * A form attached to a template task or to a room task (exactly one of the two). When a room's plan is
 * made from a template, each template attachment becomes a copy of its form attached to the room's task.
 */
export const formAttachments = sqliteTable(
  "form_attachments",
  {
    id: idColumn(),
    formId: text()
      .notNull()
      .references(() => forms.id, { onDelete: "cascade" }),
    templateTaskId: text().references(() => templateTasks.id, { onDelete: "cascade" }),
    taskId: text().references(() => tasks.id, { onDelete: "cascade" }),
    /** Submitting the form sets the task done (through the plan's status command, so milestone rules apply). */
    completesTask: integer({ mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("form_attachments_task_idx").on(t.taskId),
    uniqueIndex("form_attachments_template_task_idx").on(t.templateTaskId),
  ],
);

/**
 * The customer's answers to a room task's form: the working copy (draft or the last submission) with its
 * status; every submission is also kept in form_submissions.
 */
export const formResponses = sqliteTable(
  "form_responses",
  {
    id: idColumn(),
    attachmentId: text()
      .notNull()
      .references(() => formAttachments.id, { onDelete: "cascade" }),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    status: text({ enum: FORM_RESPONSE_STATUSES }).notNull().default("draft"),
    /** Answers by field id: string, string[], or rows ({ column key: string }[]) for tables, file ids for files. */
    answers: text({ mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    updatedById: text().references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at"),
    acceptedById: text().references(() => users.id, { onDelete: "set null" }),
    acceptedAt: timestamp("accepted_at"),
    createdAt: createdAt(),
    /** Optimistic concurrency: a save, submission, return or acceptance must name the version it saw. */
    version: integer().notNull().default(1),
  },
  (t) => [uniqueIndex("form_responses_attachment_idx").on(t.attachmentId)],
);

/** Every submission of a response, numbered from 1, with the answers as submitted. */
export const formSubmissions = sqliteTable(
  "form_submissions",
  {
    id: idColumn(),
    responseId: text()
      .notNull()
      .references(() => formResponses.id, { onDelete: "cascade" }),
    number: integer().notNull(),
    answers: text({ mode: "json" }).$type<Record<string, unknown>>().notNull(),
    submittedById: text().references(() => users.id, { onDelete: "set null" }),
    submittedAt: timestamp("submitted_at").notNull(),
  },
  (t) => [uniqueIndex("form_submissions_number_idx").on(t.responseId, t.number)],
);

/** A field sent back (差し戻し) with the CSM's comment; resolved by the next submission. */
export const formReturns = sqliteTable(
  "form_returns",
  {
    id: idColumn(),
    responseId: text()
      .notNull()
      .references(() => formResponses.id, { onDelete: "cascade" }),
    fieldId: text()
      .notNull()
      .references(() => formFields.id, { onDelete: "cascade" }),
    comment: text().notNull(),
    returnedById: text().references(() => users.id, { onDelete: "set null" }),
    returnedAt: timestamp("returned_at").notNull(),
    /** The submission that answered it (null while open). */
    resolvedBySubmission: integer(),
    resolvedAt: timestamp("resolved_at"),
  },
  (t) => [index("form_returns_response_idx").on(t.responseId)],
);
