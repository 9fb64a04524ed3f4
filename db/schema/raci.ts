import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, idColumn, timestamp } from "./columns";
import { RACI_LETTERS, RACI_SUBJECTS, SIGN_OFF_DECISIONS, TEAM_ROLES } from "../../app/vocabulary";
import { milestones, stakeholders } from "./plan";
import { planTemplates } from "./templates";
import { rooms } from "./rooms";
import { users } from "./users";

/**
 * One cell of a room's RACI: a team member's letter on a row (a phase, a milestone, or a task marked as a
 * deliverable). An empty cell has no row here. `subjectId` is the phase's, milestone's or task's id; rows
 * of a removed subject are deleted with it by the domain (there is no foreign key across three tables).
 */
export const raciAssignments = sqliteTable(
  "raci_assignments",
  {
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    subjectType: text({ enum: RACI_SUBJECTS }).notNull(),
    subjectId: text().notNull(),
    stakeholderId: text()
      .notNull()
      .references(() => stakeholders.id, { onDelete: "cascade" }),
    letter: text({ enum: RACI_LETTERS }).notNull(),
    updatedAt: timestamp("updated_at"),
  },
  (t) => [
    primaryKey({ columns: [t.subjectType, t.subjectId, t.stakeholderId] }),
    index("raci_assignments_room_idx").on(t.roomId),
    index("raci_assignments_stakeholder_idx").on(t.stakeholderId),
  ],
);

/**
 * A template's default RACI by team role: filled in with the room's people of that role when the plan is
 * made. `subjectId` is the template phase's, milestone's or task's id.
 */
export const templateRaci = sqliteTable(
  "template_raci",
  {
    templateId: text()
      .notNull()
      .references(() => planTemplates.id, { onDelete: "cascade" }),
    subjectType: text({ enum: RACI_SUBJECTS }).notNull(),
    subjectId: text().notNull(),
    teamRole: text({ enum: TEAM_ROLES }).notNull(),
    letter: text({ enum: RACI_LETTERS }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subjectType, t.subjectId, t.teamRole] }),
    index("template_raci_template_idx").on(t.templateId),
  ],
);

/**
 * A customer sign-off (検収) of a milestone: one row per request. It is asked of the milestone's customer-
 * side A when the required tasks are done; the A approves (the milestone completes) or requests changes
 * (the milestone reopens with the reason). A new request after changes is a new row, so the record keeps
 * every round.
 */
export const milestoneSignOffs = sqliteTable(
  "milestone_sign_offs",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    milestoneId: text()
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
    /** The customer-side A at the time of the request (null once that person leaves the team). */
    approverId: text().references(() => stakeholders.id, { onDelete: "set null" }),
    requestedAt: timestamp("requested_at").notNull(),
    /** Reminders sent while it waits (the job spaces them out). */
    lastRemindedAt: timestamp("last_reminded_at"),
    reminderCount: integer().notNull().default(0),
    decision: text({ enum: SIGN_OFF_DECISIONS }),
    decidedAt: timestamp("decided_at"),
    decidedById: text().references(() => users.id),
    /** Required when requesting changes; optional with an approval. */
    comment: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("milestone_sign_offs_milestone_idx").on(t.milestoneId, t.requestedAt),
    index("milestone_sign_offs_room_idx").on(t.roomId, t.decision),
  ],
);
