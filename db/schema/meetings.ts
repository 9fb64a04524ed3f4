import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, idColumn, timestamp } from "./columns";
import { stakeholders, tasks } from "./plan";
import { rooms } from "./rooms";
import { users } from "./users";
import { MEETING_STATUSES, MEETING_TYPES } from "../../app/vocabulary";

/** A meeting of the room (kickoff, planning, 定例 …) with its notes: the room's working memory. */
export const meetings = sqliteTable(
  "meetings",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    type: text({ enum: MEETING_TYPES }).notNull(),
    title: text().notNull(),
    /** The start as an instant; shown and entered in the account's time zone. */
    startsAt: timestamp("starts_at").notNull(),
    durationMinutes: integer().notNull(),
    location: text(),
    videoUrl: text(),
    status: text({ enum: MEETING_STATUSES }).notNull().default("scheduled"),
    /** Validated Tiptap JSON: the part customers read (starts as the agenda). */
    sharedNotes: text({ mode: "json" }).$type<unknown>(),
    /** Validated Tiptap JSON: vendor staff only. */
    internalNotes: text({ mode: "json" }).$type<unknown>(),
    /** Bumped by every notes save: a save made from an older version is a conflict, never an overwrite. */
    notesVersion: integer().notNull().default(1),
    notesUpdatedAt: timestamp("notes_updated_at"),
    notesUpdatedById: text().references(() => users.id, { onDelete: "set null" }),
    /** iCalendar SEQUENCE: bumped whenever attendees get an updated or cancelled invitation. */
    icsSequence: integer().notNull().default(0),
    minutesSentAt: timestamp("minutes_sent_at"),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
    version: integer().notNull().default(1),
  },
  (t) => [index("meetings_room_starts_idx").on(t.roomId, t.startsAt)],
);

/** Who is invited, from the room's team; `attended` is recorded after the meeting (null: not recorded). */
export const meetingAttendees = sqliteTable(
  "meeting_attendees",
  {
    meetingId: text()
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    stakeholderId: text()
      .notNull()
      .references(() => stakeholders.id, { onDelete: "cascade" }),
    attended: integer({ mode: "boolean" }),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.stakeholderId] }),
    index("meeting_attendees_stakeholder_idx").on(t.stakeholderId),
  ],
);

export const meetingDecisions = sqliteTable(
  "meeting_decisions",
  {
    id: idColumn(),
    meetingId: text()
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    text: text().notNull(),
    position: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("meeting_decisions_meeting_idx").on(t.meetingId, t.position)],
);

/**
 * An action item agreed in a meeting. One click makes it a plan task (`taskId`, linked both ways); while
 * open it carries over to the room's next meeting, marked with the meeting it came from.
 */
export const actionItems = sqliteTable(
  "action_items",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    meetingId: text()
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    text: text().notNull(),
    ownerId: text().references(() => stakeholders.id, { onDelete: "set null" }),
    dueDate: text(),
    taskId: text().references(() => tasks.id, { onDelete: "set null" }),
    /** Done by hand; an item with a task is done when its task is. */
    doneAt: timestamp("done_at"),
    position: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("action_items_room_idx").on(t.roomId, t.doneAt),
    index("action_items_meeting_idx").on(t.meetingId, t.position),
    index("action_items_task_idx").on(t.taskId),
  ],
);

/** The agenda each meeting type starts from, edited by admins in both languages (null: the built-in one). */
export const meetingAgendaTemplates = sqliteTable("meeting_agenda_templates", {
  type: text({ enum: MEETING_TYPES }).primaryKey(),
  agendaJa: text({ mode: "json" }).$type<unknown>(),
  agendaEn: text({ mode: "json" }).$type<unknown>(),
  updatedById: text().references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at"),
});
