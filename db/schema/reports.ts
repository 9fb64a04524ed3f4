import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, idColumn, timestamp } from "./columns";
import { rooms } from "./rooms";
import { users } from "./users";

/** A weekly status report as sent: the facts are kept so the printable page shows what people received. */
export const statusReports = sqliteTable(
  "status_reports",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    /** The 7 days reported on, as calendar dates in the account's time zone. */
    periodStart: text().notNull(),
    periodEnd: text().notNull(),
    intro: text(),
    /** The report's sections as built at sending (JSON, shared items only). */
    content: text({ mode: "json" }).$type<unknown>().notNull(),
    /** Null when the schedule sent it. */
    sentById: text().references(() => users.id, { onDelete: "set null" }),
    sentAt: timestamp("sent_at").notNull(),
    recipientCount: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("status_reports_room_idx").on(t.roomId, t.sentAt)],
);

/** When a room's weekly report goes out by itself, and the intro the CSM has ready for the next one. */
export const reportSchedules = sqliteTable("report_schedules", {
  roomId: text()
    .primaryKey()
    .references(() => rooms.id, { onDelete: "cascade" }),
  enabled: integer({ mode: "boolean" }).notNull().default(false),
  /** ISO weekday in the account's time zone: 1 Monday … 7 Sunday. */
  weekday: integer().notNull().default(1),
  /** "HH:MM" in the account's time zone. */
  timeOfDay: text().notNull().default("09:00"),
  nextIntro: text(),
  /** The local date of the last scheduled sending, so one week sends once. */
  lastSentOn: text(),
  updatedAt: timestamp("updated_at"),
});
