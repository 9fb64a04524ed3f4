import type { DbOrTx } from "#db/client.server";
import { events } from "#db/schema";

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
}
