/**
 * Active time (issue 12): heartbeats from the browser become seconds in engagement_days, and staff read
 * them back per customer person. One upsert per heartbeat; span state lives in memory (one server process,
 * see docs/decisions), so a restart only makes the next heartbeat of each span open it again (adds 0 s).
 */
import { preparedSql, writeTransactionUnsynced, getDb } from "#db/client.server";
import { rawSql } from "#db/raw-sql";
import { newId } from "#db/ids";
import { and, eq, isNull } from "drizzle-orm";
import { documents, engagementDays, memberships, roomTrainingItems, users } from "#db/schema";
import { CUSTOMER_ROLES } from "~/access/capabilities";
import { markHealthDirty } from "~/domain/events/events.server";
import { addDays, todayIn, type IsoDate } from "~/domain/plan/dates";
import { HEARTBEAT_MAX_CREDIT_MS, creditFor, type Heartbeat } from "./rules";

const SQL = {
  upsert: rawSql`INSERT INTO ${engagementDays} (${engagementDays.id}, ${engagementDays.roomId}, ${engagementDays.userId},
           ${engagementDays.subjectKind}, ${engagementDays.subjectId}, ${engagementDays.day}, ${engagementDays.activeSeconds},
           ${engagementDays.spans}, ${engagementDays.firstAt}, ${engagementDays.lastAt})
           VALUES (@id, @roomId, @userId, @kind, @subjectId, @day, @seconds, @spans, @at, @at)
           ON CONFLICT (${engagementDays.roomId}, ${engagementDays.userId}, ${engagementDays.subjectKind},
             ${engagementDays.subjectId}, ${engagementDays.day}) DO UPDATE
           SET ${engagementDays.activeSeconds} = ${engagementDays.activeSeconds} + excluded.${engagementDays.activeSeconds},
               ${engagementDays.spans} = ${engagementDays.spans} + excluded.${engagementDays.spans},
               ${engagementDays.lastAt} = excluded.${engagementDays.lastAt}
           RETURNING ${engagementDays.firstAt} AS firstAt`,
  // Customer people of the room with their active time and distinct active days since a day.
  people:
    rawSql`SELECT u.${users.id} AS userId, u.${users.name} AS name, m.${memberships.role} AS role,
             COALESCE(SUM(e.${engagementDays.activeSeconds}), 0) AS seconds,
             COUNT(DISTINCT e.${engagementDays.day}) AS days, MAX(e.${engagementDays.lastAt}) AS lastAt
           FROM ${memberships} m JOIN ${users} u ON u.${users.id} = m.${memberships.userId}
           LEFT JOIN ${engagementDays} e ON e.${engagementDays.roomId} = m.${memberships.roomId}
             AND e.${engagementDays.userId} = m.${memberships.userId} AND e.${engagementDays.day} >= @since
             AND e.${engagementDays.subjectKind} = 'page'
           WHERE m.${memberships.roomId} = @roomId AND u.${users.kind} = 'customer'
             AND m.${memberships.role} IN ` +
    `(${CUSTOMER_ROLES.map((r) => `'${r}'`).join(",")})` +
    rawSql`
           GROUP BY u.${users.id} ORDER BY u.${users.name}`,
};

type Span = { lastAt: number };
/** Open spans by user and span id; an entry older than the largest credit is as good as gone. */
const spans = new Map<string, Span>();
/** How far each person's time of each subject kind has been counted (the wall-clock bound). */
const watermarks = new Map<string, number>();

function prune(now: number) {
  if (spans.size < 20_000) return;
  for (const [key, span] of spans) if (now - span.lastAt > HEARTBEAT_MAX_CREDIT_MS) spans.delete(key);
  for (const [key, at] of watermarks) if (now - at > HEARTBEAT_MAX_CREDIT_MS) watermarks.delete(key);
}

/** Forgets every span and watermark (tests). */
export function resetHeartbeats() {
  spans.clear();
  watermarks.clear();
}

/**
 * Records one heartbeat of `userId` in the room. The first heartbeat of a span opens it (0 s); each next one
 * adds the time since the previous, at most HEARTBEAT_MAX_CREDIT_MS, never overlapping time already
 * counted for the same person and subject kind. Customer activity marks the room's health for a recompute
 * when it is the first of the day for that subject (a new active day is a health input).
 */
export function recordHeartbeat(
  input: { roomId: string; userId: string; isCustomer: boolean; timeZone: string; heartbeat: Heartbeat },
  now = new Date(),
): { addedSeconds: number } {
  const { roomId, userId, heartbeat } = input;
  const at = now.getTime();
  prune(at);
  const spanKey = `${userId}|${heartbeat.spanId}`;
  const markKey = `${userId}|${heartbeat.subjectKind}`;
  const span = spans.get(spanKey);
  // A span id reused for another room or subject is a new span (it adds nothing the first time).
  const spanLastAt = span && at - span.lastAt <= 24 * 3600_000 ? span.lastAt : null;
  const { creditMs, creditedUntil } = creditFor(at, spanLastAt, watermarks.get(markKey) ?? 0);
  spans.set(spanKey, { lastAt: at });
  if (spanLastAt !== null) watermarks.set(markKey, creditedUntil);
  // Whole seconds only; the remainder is not carried (under a second per heartbeat).
  const seconds = Math.floor(creditMs / 1000);
  const day = todayIn(input.timeZone, now);
  // Unsynced: a heartbeat every 15 s per viewer is the app's most frequent write; a power cut may lose
  // the last seconds of active time, never the database's consistency.
  writeTransactionUnsynced(getDb(), (tx) => {
    const row = preparedSql("engagement", SQL, tx).upsert.get({
      id: newId(),
      roomId,
      userId,
      kind: heartbeat.subjectKind,
      subjectId: heartbeat.subjectId,
      day,
      seconds,
      spans: spanLastAt === null ? 1 : 0,
      at,
    }) as { firstAt: number };
    if (input.isCustomer && row.firstAt === at) markHealthDirty(tx, roomId, now);
  });
  return { addedSeconds: seconds };
}

export type PersonEngagement = {
  userId: string;
  name: string;
  /** Active seconds anywhere in the room in the window. */
  seconds: number;
  /** Distinct days with any active time in the window. */
  days: number;
  lastActiveAt: Date | null;
};

/** Active time of each customer person of the room over the last `windowDays` days (today included). */
export function customerEngagement(
  roomId: string,
  timeZone: string,
  windowDays = 14,
  now = new Date(),
): { since: IsoDate; people: PersonEngagement[] } {
  const since = addDays(todayIn(timeZone, now), -(windowDays - 1));
  const rows = preparedSql("engagement", SQL).people.all({ roomId, since }) as {
    userId: string;
    name: string;
    seconds: number;
    days: number;
    lastAt: number | null;
  }[];
  return {
    since,
    people: rows.map((r) => ({
      userId: r.userId,
      name: r.name,
      seconds: r.seconds,
      days: r.days,
      lastActiveAt: r.lastAt === null ? null : new Date(r.lastAt),
    })),
  };
}

/**
 * Whether a heartbeat's subject is part of the room: a module of the room's curriculum, a document of the
 * room that is not removed; "page" always is. Time is never counted against another room's subject.
 */
export function subjectInRoom(
  roomId: string,
  heartbeat: Pick<Heartbeat, "subjectKind" | "subjectId">,
): boolean {
  const db = getDb();
  if (heartbeat.subjectKind === "module")
    return !!db
      .select({ id: roomTrainingItems.id })
      .from(roomTrainingItems)
      .where(and(eq(roomTrainingItems.roomId, roomId), eq(roomTrainingItems.moduleId, heartbeat.subjectId)))
      .get();
  if (heartbeat.subjectKind === "document")
    return !!db
      .select({ id: documents.id })
      .from(documents)
      .where(
        and(eq(documents.roomId, roomId), eq(documents.id, heartbeat.subjectId), isNull(documents.deletedAt)),
      )
      .get();
  return true;
}
