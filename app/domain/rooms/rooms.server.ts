import { and, asc, count, eq, gt, isNull } from "drizzle-orm";
import { getDb, writeTransaction } from "#db/client.server";
import { accounts, invitations, memberships, rooms, users } from "#db/schema";
import type { SessionUser } from "~/access/users";
import { can, type EffectiveRoomRole } from "~/access/capabilities";
import { invalidateUserSessionsIfOrphaned } from "~/domain/users/users.server";
import { recordEvent } from "~/domain/events/events.server";
import { accountLogoUrl } from "~/domain/accounts/logo.server";
import { DomainError } from "~/utils/errors";

/** Rooms a customer user is a member of. */
export function listRoomsOfMember(userId: string) {
  return getDb()
    .select({
      roomId: rooms.id,
      roomTitle: rooms.title,
      stage: rooms.stage,
      status: rooms.status,
      accountName: accounts.name,
      logoUrl: accounts.logoUrl,
      logoFileId: accounts.logoFileId,
    })
    .from(memberships)
    .innerJoin(rooms, eq(rooms.id, memberships.roomId))
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(accounts.name), asc(rooms.title))
    .all()
    .map(({ logoFileId, ...room }) => ({
      ...room,
      logoUrl: accountLogoUrl({ logoFileId, logoUrl: room.logoUrl }),
    }));
}

export function listMembers(roomId: string) {
  return getDb()
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      kind: users.kind,
      active: users.active,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.roomId, roomId))
    .orderBy(asc(users.name))
    .all();
}

export function listPendingInvitations(roomId: string, now = new Date()) {
  return getDb()
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.roomId, roomId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(asc(invitations.createdAt))
    .all();
}

/** Removes a membership of the guarded room; the removed user loses access on their next request. */
export function removeMember(
  actor: SessionUser,
  role: EffectiveRoomRole,
  roomId: string,
  membershipId: string,
): void {
  if (!can(role, "members.remove")) throw new DomainError(403, "errors.forbidden");
  const db = getDb();
  writeTransaction(db, (tx) => {
    const member = tx
      .select({
        id: memberships.id,
        userId: memberships.userId,
        role: memberships.role,
        accountId: rooms.accountId,
      })
      .from(memberships)
      .innerJoin(rooms, eq(rooms.id, memberships.roomId))
      .where(and(eq(memberships.id, membershipId), eq(memberships.roomId, roomId)))
      .get();
    if (!member) throw new DomainError(404, "errors.memberNotFound");
    if (member.role === "owner") {
      const owners =
        tx
          .select({ n: count() })
          .from(memberships)
          .where(and(eq(memberships.roomId, roomId), eq(memberships.role, "owner")))
          .get()?.n ?? 0;
      if (owners <= 1) throw new DomainError(400, "errors.lastOwner");
    }
    tx.delete(memberships).where(eq(memberships.id, member.id)).run();
    invalidateUserSessionsIfOrphaned(tx, member.userId);
    recordEvent(tx, {
      actorId: actor.id,
      type: "member.removed",
      accountId: member.accountId,
      roomId,
      subjectType: "user",
      subjectId: member.userId,
      data: { role: member.role },
    });
  });
}
