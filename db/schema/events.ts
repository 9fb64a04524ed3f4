import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { timestamp } from "./columns";

/** Append-only activity log: written in the same transaction as the change it records, never updated. */
export const events = sqliteTable(
  "events",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: timestamp("at")
      .notNull()
      .$defaultFn(() => new Date()),
    /** Null for system actions (seed, relay). */
    actorId: text(),
    accountId: text(),
    roomId: text(),
    type: text().notNull(),
    subjectType: text(),
    subjectId: text(),
    data: text({ mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index("events_room_at_idx").on(t.roomId, t.at),
    index("events_actor_idx").on(t.actorId),
    // Health reads each person's last activity and trend windows per room from this index alone.
    index("events_room_actor_at_idx").on(t.roomId, t.actorId, t.at),
  ],
);
