import { preparedSql, type DbOrTx } from "#db/client.server";
import { rawSql } from "#db/raw-sql";
import { events, roomHealth } from "#db/schema";
import { eventGroup, type EventType } from "./types";

export type { EventType };

export type EventInput = {
  actorId: string | null;
  type: EventType;
  accountId?: string | null;
  roomId?: string | null;
  subjectType?: string;
  subjectId?: string;
  data?: Record<string, unknown>;
};

// Raw statements: every change in the app writes an event, and a full health pass writes thousands.
const SQL = {
  insert: rawSql`INSERT INTO ${events} (${events.at}, ${events.actorId}, ${events.accountId}, ${events.roomId},
           ${events.type}, ${events.subjectType}, ${events.subjectId}, ${events.data})
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  dirty: rawSql`INSERT INTO ${roomHealth} (${roomHealth.roomId}, ${roomHealth.dirtySince}) VALUES (?, ?)
          ON CONFLICT (${roomHealth.roomId}) DO UPDATE
          SET ${roomHealth.dirtySince} = coalesce(${roomHealth.dirtySince}, excluded.${roomHealth.dirtySince})`,
};

/** Appends to the activity log; call it inside the transaction of the change it records. */
export function recordEvent(tx: DbOrTx, event: EventInput, at: Date = new Date()): void {
  preparedSql("events", SQL, tx).insert.run(
    at.getTime(),
    event.actorId,
    event.accountId ?? null,
    event.roomId ?? null,
    event.type,
    event.subjectType ?? null,
    event.subjectId ?? null,
    event.data === undefined ? null : JSON.stringify(event.data),
  );
  if (event.roomId && eventGroup(event.type) !== "health") markHealthDirty(tx, event.roomId, at);
}

/**
 * Tells the debounced health job that a room's inputs changed. Health's own events do not count: they
 * are outputs of a computation, and counting them would recompute forever.
 */
export function markHealthDirty(tx: DbOrTx, roomId: string, at: Date = new Date()): void {
  preparedSql("events", SQL, tx).dirty.run(roomId, at.getTime());
}
