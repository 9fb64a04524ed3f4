import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { EngagementSubject } from "../../app/vocabulary";
import { idColumn, timestamp } from "./columns";
import { rooms } from "./rooms";
import { users } from "./users";

/**
 * Active time, rolled up per person, room, subject and day (issue 12): the browser reports a heartbeat
 * while a page, module or video is visible and the person is active; the server adds the time since the
 * last heartbeat of the same span (never more than the heartbeat interval allows), so an idle or hidden tab
 * adds nothing. One row per (room, user, subject, day); heartbeats update it in place.
 */
export const engagementDays = sqliteTable(
  "engagement_days",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    subjectKind: text().$type<EngagementSubject>().notNull(),
    /** The module's or document's id; "" for "page" (time anywhere in the room). */
    subjectId: text().notNull().default(""),
    /** The calendar day in the account's time zone, YYYY-MM-DD. */
    day: text().notNull(),
    activeSeconds: integer().notNull().default(0),
    /** Spans of activity begun that day (a span ends after 60 s without input or when the tab is hidden). */
    spans: integer().notNull().default(0),
    firstAt: timestamp("first_at").notNull(),
    lastAt: timestamp("last_at").notNull(),
  },
  (t) => [
    uniqueIndex("engagement_days_key").on(t.roomId, t.userId, t.subjectKind, t.subjectId, t.day),
    index("engagement_days_room_day_idx").on(t.roomId, t.day),
  ],
);
