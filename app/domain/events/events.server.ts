import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client.server";
import { events, roomHealth } from "#db/schema";

export type EventInput = {
  actorId: string | null;
  type: string;
  accountId?: string | null;
  roomId?: string | null;
  subjectType?: string;
  subjectId?: string;
  data?: Record<string, unknown>;
};

/** Appends to the activity log; call it inside the transaction of the change it records. */
export function recordEvent(tx: DbOrTx, event: EventInput): void {
  tx.insert(events)
    .values({
      actorId: event.actorId,
      type: event.type,
      accountId: event.accountId ?? null,
      roomId: event.roomId ?? null,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      data: event.data,
    })
    .run();
  if (event.roomId && !event.type.startsWith("health.")) markHealthDirty(tx, event.roomId);
}

/**
 * Tells the debounced health job that a room's inputs changed. Health's own events do not count: they
 * are outputs of a computation, and counting them would recompute forever.
 */
export function markHealthDirty(tx: DbOrTx, roomId: string, at: Date = new Date()): void {
  tx.insert(roomHealth)
    .values({ roomId, dirtySince: at })
    .onConflictDoUpdate({ target: roomHealth.roomId, set: { dirtySince: sql`coalesce(dirty_since, ${at.getTime()})` } })
    .run();
}
