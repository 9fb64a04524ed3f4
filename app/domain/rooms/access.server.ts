import { and, eq, sql } from "drizzle-orm";
import { getDb, prepared } from "#db/client.server";
import { accounts, memberships, rooms, type users } from "#db/schema";
import type { EffectiveRoomRole } from "~/access/capabilities";
import { markHealthDirty } from "~/domain/events/events.server";

export type Room = typeof rooms.$inferSelect;
export type Account = typeof accounts.$inferSelect;
export type RoomAccess = {
  room: Room;
  account: Account;
  role: EffectiveRoomRole;
  /** The member's last visit (undefined when the user is not a member, e.g. staff by job). */
  memberLastSeenAt?: Date | null;
};

const RANK: Record<EffectiveRoomRole, number> = {
  owner: 5,
  collaborator: 4,
  account_owner: 3,
  customer_admin: 3,
  customer_member: 2,
  viewer: 1,
};

/**
 * The user's effective role in a room, or null for no access. Customers need a membership. Staff get
 * access through their job as well: admins and the account's CSM run the room as owner, other CSMs
 * cover as collaborators, and the account's salesperson reads it as account_owner.
 */
export function effectiveRole(
  user: Pick<typeof users.$inferSelect, "id" | "kind" | "staffRole">,
  account: Pick<Account, "csmId" | "ownerId">,
  membershipRole: EffectiveRoomRole | null,
): EffectiveRoomRole | null {
  let role: EffectiveRoomRole | null = membershipRole;
  if (user.kind !== "staff") return role;
  const byJob: EffectiveRoomRole | null =
    user.staffRole === "admin" || account.csmId === user.id
      ? "owner"
      : user.staffRole === "csm"
        ? "collaborator"
        : account.ownerId === user.id
          ? "account_owner"
          : null;
  if (byJob && (!role || RANK[byJob] > RANK[role])) role = byJob;
  return role;
}

export function getRoomAccess(user: typeof users.$inferSelect, roomId: string): RoomAccess | null {
  const row = prepared("room.access", (db) =>
    db
      .select({
        room: rooms,
        account: accounts,
        membershipRole: memberships.role,
        lastSeenAt: memberships.lastSeenAt,
      })
      .from(rooms)
      .innerJoin(accounts, eq(accounts.id, rooms.accountId))
      .leftJoin(
        memberships,
        and(eq(memberships.roomId, rooms.id), eq(memberships.userId, sql.placeholder("userId"))),
      )
      .where(eq(rooms.id, sql.placeholder("roomId")))
      .prepare(),
  ).get({ userId: user.id, roomId });
  if (!row) return null;
  const role = effectiveRole(user, row.account, row.membershipRole);
  if (!role) return null;
  return {
    room: row.room,
    account: row.account,
    role,
    memberLastSeenAt: row.membershipRole ? row.lastSeenAt : undefined,
  };
}

const PRESENCE_RESOLUTION_MS = 5 * 60 * 1000;

/**
 * A customer opening their room is activity the health score counts (customer presence), even when they
 * change nothing. Called by the room guard for pages people open (not for calendar feeds, which apps
 * poll); written at most every few minutes per member so reading stays cheap.
 */
export function notePresence(
  roomId: string,
  userId: string,
  lastSeenAt: Date | null,
  now = new Date(),
): void {
  if (lastSeenAt && now.getTime() - lastSeenAt.getTime() < PRESENCE_RESOLUTION_MS) return;
  const db = getDb();
  db.transaction((tx) => {
    tx.update(memberships)
      .set({ lastSeenAt: now })
      .where(and(eq(memberships.roomId, roomId), eq(memberships.userId, userId)))
      .run();
    markHealthDirty(tx, roomId, now);
  });
}
