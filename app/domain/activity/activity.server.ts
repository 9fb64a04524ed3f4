import { and, count, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { events, users } from "#db/schema";
import { eventTypesOf } from "~/domain/events/types";
import type { RoomContext } from "~/domain/plan/plan.server";
import { seesInternal } from "~/domain/plan/plan.server";
import type { ActivityKind } from "./sentences";

export const ACTIVITY_PAGE_SIZE = 50;

/**
 * What a customer may see: only events that say they are about a shared item, plus people joining the
 * room. Everything else (sign-ins, invitations with other people's addresses, internal items, events
 * written without a visibility) stays with the vendor.
 */
function customerFilter(): SQL {
  return or(
    sql`json_extract(${events.data}, '$.visibility') = 'shared' and coalesce(json_extract(${events.data}, '$.internal'), 0) = 0`,
    inArray(events.type, ["invitation.accepted", "room.created"]),
  )!;
}

function kindFilter(kind: ActivityKind): SQL | undefined {
  switch (kind) {
    case "tasks":
      return inArray(events.type, eventTypesOf("task"));
    case "milestones":
      return inArray(events.type, eventTypesOf("milestone"));
    case "comments":
      return inArray(events.type, eventTypesOf("comment"));
    case "members":
      return inArray(events.type, [...eventTypesOf("member"), ...eventTypesOf("invitation")]);
    default:
      return undefined;
  }
}

export function listActivity(
  ctx: Pick<RoomContext, "room" | "role">,
  opts: { kind: ActivityKind; page: number },
) {
  const db = getDb();
  const where = and(
    eq(events.roomId, ctx.room.id),
    seesInternal(ctx.role) ? undefined : customerFilter(),
    kindFilter(opts.kind),
  );
  const total = db.select({ n: count() }).from(events).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / ACTIVITY_PAGE_SIZE));
  const page = Math.min(Math.max(1, opts.page), pageCount);
  const rows = db
    .select()
    .from(events)
    .where(where)
    .orderBy(desc(events.at), desc(events.id))
    .limit(ACTIVITY_PAGE_SIZE)
    .offset((page - 1) * ACTIVITY_PAGE_SIZE)
    .all();
  const userIds = new Set<string>();
  for (const r of rows) {
    if (r.actorId) userIds.add(r.actorId);
    if (r.subjectType === "user" && r.subjectId) userIds.add(r.subjectId);
  }
  const names = new Map(
    userIds.size
      ? db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, [...userIds]))
          .all()
          .map((u) => [u.id, u.name])
      : [],
  );
  return {
    page,
    pageCount,
    total,
    events: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      type: r.type,
      actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
      subjectName: r.subjectType === "user" && r.subjectId ? (names.get(r.subjectId) ?? null) : null,
      data: r.data ?? null,
    })),
  };
}

/**
 * The room's last `limit` events the viewer may see (customers: the shared ones only, as listActivity),
 * for the overview's recent-activity card.
 */
export function recentActivity(ctx: Pick<RoomContext, "room" | "role">, limit = 5) {
  const db = getDb();
  const where = and(eq(events.roomId, ctx.room.id), seesInternal(ctx.role) ? undefined : customerFilter());
  const rows = db
    .select()
    .from(events)
    .where(where)
    .orderBy(desc(events.at), desc(events.id))
    .limit(limit)
    .all();
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => !!id))];
  const names = new Map(
    actorIds.length
      ? db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, actorIds))
          .all()
          .map((u) => [u.id, u.name])
      : [],
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    type: r.type,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
    data: r.data ?? null,
  }));
}
