import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, idColumn, timestamp } from "./columns";
import { LOCALES, PLAN_SIDES, VISIBILITIES } from "../../app/vocabulary";
import { users } from "./users";

/** A reusable onboarding plan; offsets are calendar days from the room's kickoff date. */
export const planTemplates = sqliteTable("plan_templates", {
  id: idColumn(),
  name: text().notNull(),
  description: text(),
  locale: text({ enum: LOCALES }).notNull(),
  /** Default welcome notes for rooms made from this template, as validated Tiptap JSON per language. */
  welcomeNoteJa: text({ mode: "json" }).$type<unknown>(),
  welcomeNoteEn: text({ mode: "json" }).$type<unknown>(),
  /** Achieving a room's first goal marks its first-value milestone done (time to value). */
  firstGoalMarksFirstValue: integer({ mode: "boolean" }).notNull().default(false),
  /** Bumped when an accepted review finding changes the template (template_revisions says what changed). */
  revision: integer().notNull().default(1),
  createdById: text().references(() => users.id),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at"),
  version: integer().notNull().default(1),
});

export const templatePhases = sqliteTable(
  "template_phases",
  {
    id: idColumn(),
    templateId: text()
      .notNull()
      .references(() => planTemplates.id, { onDelete: "cascade" }),
    title: text().notNull(),
    position: integer().notNull(),
  },
  (t) => [index("template_phases_template_idx").on(t.templateId, t.position)],
);

export const templateTasks = sqliteTable(
  "template_tasks",
  {
    id: idColumn(),
    templateId: text()
      .notNull()
      .references(() => planTemplates.id, { onDelete: "cascade" }),
    phaseId: text()
      .notNull()
      .references(() => templatePhases.id, { onDelete: "cascade" }),
    title: text().notNull(),
    description: text(),
    side: text({ enum: PLAN_SIDES }).notNull(),
    /** Who usually does it, one of TEAM_ROLES: matched to a team member's role when the plan is made. */
    defaultRole: text(),
    startOffsetDays: integer().notNull(),
    dueOffsetDays: integer().notNull(),
    visibility: text({ enum: VISIBILITIES }).notNull().default("shared"),
    isDeliverable: integer({ mode: "boolean" }).notNull().default(false),
    position: integer().notNull(),
  },
  (t) => [index("template_tasks_template_idx").on(t.templateId, t.position)],
);

export const templateTaskDependencies = sqliteTable(
  "template_task_dependencies",
  {
    taskId: text()
      .notNull()
      .references(() => templateTasks.id, { onDelete: "cascade" }),
    dependsOnId: text()
      .notNull()
      .references(() => templateTasks.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.dependsOnId] })],
);

export const templateMilestones = sqliteTable(
  "template_milestones",
  {
    id: idColumn(),
    templateId: text()
      .notNull()
      .references(() => planTemplates.id, { onDelete: "cascade" }),
    title: text().notNull(),
    offsetDays: integer().notNull(),
    isFirstValue: integer({ mode: "boolean" }).notNull().default(false),
    /** Complete without the CSM's confirmation once its last required task is done. */
    autoComplete: integer({ mode: "boolean" }).notNull().default(false),
    signOffRequired: integer({ mode: "boolean" }).notNull().default(false),
    visibility: text({ enum: VISIBILITIES }).notNull().default("shared"),
    position: integer().notNull(),
  },
  (t) => [index("template_milestones_template_idx").on(t.templateId, t.position)],
);

export const templateMilestoneTasks = sqliteTable(
  "template_milestone_tasks",
  {
    milestoneId: text()
      .notNull()
      .references(() => templateMilestones.id, { onDelete: "cascade" }),
    taskId: text()
      .notNull()
      .references(() => templateTasks.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.milestoneId, t.taskId] })],
);
