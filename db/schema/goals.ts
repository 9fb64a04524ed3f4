import { index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, idColumn, timestamp } from "./columns";
import { milestones, stakeholders } from "./plan";
import { rooms } from "./rooms";
import { planTemplates } from "./templates";
import { users } from "./users";

/** A success-plan goal, shared with the customer: a KPI moving from a baseline to a target by a date. */
export const goals = sqliteTable(
  "goals",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    statement: text().notNull(),
    kpi: text().notNull(),
    /** Free text ("%", "件", "hours"); empty for a plain count. */
    unit: text().notNull().default(""),
    baseline: real().notNull(),
    target: real().notNull(),
    /** Calendar date (YYYY-MM-DD) in the account's time zone. */
    dueDate: text().notNull(),
    /** A team member of either side. */
    ownerId: text().references(() => stakeholders.id, { onDelete: "set null" }),
    position: integer().notNull(),
    /** When a check-in first reached the target (kept if a later check-in falls back). */
    achievedAt: timestamp("achieved_at"),
    createdById: text().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
    version: integer().notNull().default(1),
  },
  (t) => [index("goals_room_idx").on(t.roomId, t.position)],
);

export const goalMilestones = sqliteTable(
  "goal_milestones",
  {
    goalId: text()
      .notNull()
      .references(() => goals.id, { onDelete: "cascade" }),
    milestoneId: text()
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.goalId, t.milestoneId] }),
    index("goal_milestones_milestone_idx").on(t.milestoneId),
  ],
);

/** A measured value of the goal's KPI on a date; customers may add them too. */
export const goalCheckins = sqliteTable(
  "goal_checkins",
  {
    id: idColumn(),
    goalId: text()
      .notNull()
      .references(() => goals.id, { onDelete: "cascade" }),
    value: real().notNull(),
    /** Calendar date (YYYY-MM-DD) the value was measured. */
    date: text().notNull(),
    comment: text(),
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("goal_checkins_goal_idx").on(t.goalId, t.date)],
);

/** Goals a template suggests, in the template's language; due dates are days from kickoff. */
export const templateGoals = sqliteTable(
  "template_goals",
  {
    id: idColumn(),
    templateId: text()
      .notNull()
      .references(() => planTemplates.id, { onDelete: "cascade" }),
    statement: text().notNull(),
    kpi: text().notNull(),
    unit: text().notNull().default(""),
    baseline: real(),
    target: real(),
    dueOffsetDays: integer().notNull(),
    position: integer().notNull(),
  },
  (t) => [index("template_goals_template_idx").on(t.templateId, t.position)],
);
