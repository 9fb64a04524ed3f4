import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, idColumn, timestamp } from "./columns";
import {
  COMMENT_SUBJECTS,
  PLAN_SIDES,
  STAKEHOLDER_SIDES,
  TASK_STATUSES,
  TEAM_ROLES,
  VISIBILITIES,
} from "../../app/vocabulary";
import { rooms } from "./rooms";
import { users } from "./users";

/** A person in the project, on either side; linked to a user once they have one. */
export const stakeholders = sqliteTable(
  "stakeholders",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    name: text().notNull(),
    side: text({ enum: STAKEHOLDER_SIDES }).notNull(),
    title: text(),
    /** Their part in the onboarding, from TEAM_ROLES. */
    teamRole: text({ enum: TEAM_ROLES }),
    /** Free text: what they look after, beyond the role. */
    responsibility: text(),
    email: text(),
    phone: text(),
    userId: text().references(() => users.id, { onDelete: "set null" }),
    /** The customer's executive sponsor: receives milestone emails. */
    isSponsor: integer({ mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    version: integer().notNull().default(1),
  },
  (t) => [index("stakeholders_room_idx").on(t.roomId), index("stakeholders_user_idx").on(t.userId)],
);

export const phases = sqliteTable(
  "phases",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    title: text().notNull(),
    position: integer().notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [index("phases_room_idx").on(t.roomId, t.position)],
);

export const tasks = sqliteTable(
  "tasks",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    phaseId: text()
      .notNull()
      .references(() => phases.id, { onDelete: "cascade" }),
    title: text().notNull(),
    description: text(),
    side: text({ enum: PLAN_SIDES }).notNull(),
    assigneeId: text().references(() => stakeholders.id, { onDelete: "set null" }),
    /** Calendar dates (YYYY-MM-DD) in the account's time zone. */
    startDate: text(),
    dueDate: text(),
    status: text({ enum: TASK_STATUSES }).notNull().default("todo"),
    blockedReason: text(),
    visibility: text({ enum: VISIBILITIES }).notNull().default("shared"),
    /** A deliverable: gets its own row in the RACI. */
    isDeliverable: integer({ mode: "boolean" }).notNull().default(false),
    position: integer().notNull(),
    completedAt: timestamp("completed_at"),
    completedById: text().references(() => users.id),
    createdAt: createdAt(),
    /** Set by every update (calendar feeds send it as LAST-MODIFIED); null until the first one. */
    updatedAt: timestamp("updated_at").$onUpdateFn(() => new Date()),
    /** Optimistic concurrency: an update must name the version it was based on. */
    version: integer().notNull().default(1),
  },
  (t) => [
    index("tasks_room_idx").on(t.roomId, t.phaseId, t.position),
    index("tasks_room_due_idx").on(t.roomId, t.dueDate),
    index("tasks_assignee_idx").on(t.assigneeId),
  ],
);

export const taskDependencies = sqliteTable(
  "task_dependencies",
  {
    taskId: text()
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    dependsOnId: text()
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.dependsOnId] }),
    index("task_dependencies_on_idx").on(t.dependsOnId),
  ],
);

export const milestones = sqliteTable(
  "milestones",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    title: text().notNull(),
    /** Current target; baselineDate keeps the first target so slippage stays visible. */
    targetDate: text().notNull(),
    baselineDate: text().notNull(),
    completedAt: timestamp("completed_at"),
    completedById: text().references(() => users.id),
    /** Set when the last required task was done and the CSM has not confirmed yet. */
    completionProposedAt: timestamp("completion_proposed_at"),
    isFirstValue: integer({ mode: "boolean" }).notNull().default(false),
    autoComplete: integer({ mode: "boolean" }).notNull().default(false),
    /** Completed only by the customer's sign-off (検収) of its RACI "A" (see milestone_sign_offs). */
    signOffRequired: integer({ mode: "boolean" }).notNull().default(false),
    visibility: text({ enum: VISIBILITIES }).notNull().default("shared"),
    position: integer().notNull(),
    createdAt: createdAt(),
    /** Set by every update (calendar feeds send it as LAST-MODIFIED); null until the first one. */
    updatedAt: timestamp("updated_at").$onUpdateFn(() => new Date()),
    /** Bumped by every update; calendar feeds send version - 1 as the event's SEQUENCE. */
    version: integer().notNull().default(1),
  },
  (t) => [index("milestones_room_idx").on(t.roomId, t.targetDate)],
);

export const milestoneTasks = sqliteTable(
  "milestone_tasks",
  {
    milestoneId: text()
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
    taskId: text()
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.milestoneId, t.taskId] }), index("milestone_tasks_task_idx").on(t.taskId)],
);

export const comments = sqliteTable(
  "comments",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    subjectType: text({ enum: COMMENT_SUBJECTS }).notNull(),
    subjectId: text().notNull(),
    authorId: text()
      .notNull()
      .references(() => users.id),
    body: text().notNull(),
    /** Staff-only: never shown to customers. */
    internal: integer({ mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("comments_subject_idx").on(t.roomId, t.subjectType, t.subjectId, t.createdAt)],
);

export const commentMentions = sqliteTable(
  "comment_mentions",
  {
    commentId: text()
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Set when the batched mention email that covers it was queued. */
    notifiedAt: timestamp("notified_at"),
  },
  (t) => [
    primaryKey({ columns: [t.commentId, t.userId] }),
    index("comment_mentions_pending_idx").on(t.notifiedAt),
  ],
);

/** Per user and room: which emails they want. Absent row = all on. */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    milestoneEmails: integer({ mode: "boolean" }).notNull().default(true),
    reminderEmails: integer({ mode: "boolean" }).notNull().default(true),
    mentionEmails: integer({ mode: "boolean" }).notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roomId] })],
);

/** One row per person and calendar day a reminder digest went out: the once-a-day guarantee. */
export const reminderDigests = sqliteTable(
  "reminder_digests",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

/** Secret per-user calendar feed of a room; only the token's hash is stored. */
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    id: idColumn(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [
    uniqueIndex("calendar_feeds_token_unique").on(t.tokenHash),
    index("calendar_feeds_user_room_idx").on(t.userId, t.roomId),
  ],
);
