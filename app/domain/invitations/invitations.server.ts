import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, type Tx, writeTransaction } from "#db/client.server";
import {
  accounts,
  invitations,
  memberships,
  rooms,
  stakeholders,
  users,
  type Locale,
  type RoomRole,
} from "#db/schema";
import { can, invitableRoles, isCustomerRole, type EffectiveRoomRole } from "~/access/capabilities";
import type { SessionUser } from "~/access/users";
import { generateToken, hashToken } from "~/utils/tokens.server";
import type { Account, Room } from "~/domain/rooms/access.server";
import { recordEvent } from "~/domain/events/events.server";
import { findUserByEmail } from "~/domain/users/users.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { DomainError } from "~/utils/errors";
import { env } from "~/utils/env.server";

export const INVITATION_TTL_DAYS = 7;

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

type Inviter = { user: SessionUser; role: EffectiveRoomRole; room: Room; account: Account; locale: Locale };

/**
 * Invites someone to the guarded room and queues the email in the same transaction. Staff may invite any
 * role; customer invites stay within the account's domains unless staff confirm an exception. A customer
 * admin may invite colleagues of their own email domain only.
 */
export function inviteToRoom(
  inviter: Inviter,
  input: { email: string; role: RoomRole; domainException: boolean },
): { invitationId: string } {
  const { user, role, room, account } = inviter;
  if (!invitableRoles(role).includes(input.role)) throw new DomainError(403, "errors.forbidden");
  const staffInviter = can(role, "members.invite");
  const domain = emailDomain(input.email);
  const existing = findUserByEmail(input.email);

  if (input.role === "collaborator" || input.role === "owner") {
    if (existing?.kind !== "staff" || !existing.active)
      throw new DomainError(400, "invite.collaboratorMustBeStaff", {}, "email");
  } else if (existing?.kind === "staff") {
    throw new DomainError(400, "invite.staffAsCustomer", {}, "email");
  } else if (staffInviter) {
    if (!account.allowedDomains.includes(domain) && !input.domainException) {
      throw new DomainError(
        400,
        "invite.domainNotAllowed",
        { domain, allowed: account.allowedDomains.join(", ") },
        "email",
      );
    }
  } else if (domain !== emailDomain(user.email)) {
    throw new DomainError(400, "invite.colleagueDomainOnly", { domain: emailDomain(user.email) }, "email");
  }
  if (existing && !existing.active) throw new DomainError(400, "invite.userDeactivated", {}, "email");

  const token = generateToken();
  const now = new Date();
  return writeTransaction(getDb(), (tx) => {
    if (existing) {
      const member = tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.roomId, room.id), eq(memberships.userId, existing.id)))
        .get();
      if (member) throw new DomainError(400, "invite.alreadyMember", {}, "email");
    }
    // A new invitation replaces any open one for the same address, so only the latest link works.
    tx.update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.roomId, room.id),
          eq(invitations.email, input.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .run();
    const locale = existing?.locale ?? inviter.locale;
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 3600 * 1000);
    const invitation = tx
      .insert(invitations)
      .values({
        roomId: room.id,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedById: user.id,
        locale,
        domainException: staffInviter && input.domainException && !account.allowedDomains.includes(domain),
        createdAt: now,
        expiresAt,
      })
      .returning({ id: invitations.id })
      .get();
    enqueueEmail(tx, {
      to: input.email,
      locale,
      template: "invitation",
      props: {
        inviterName: user.name,
        accountName: account.name,
        roomTitle: room.title,
        role: input.role,
        url: new URL(`/invite?token=${encodeURIComponent(token)}`, env().APP_URL).toString(),
        expiresAt: expiresAt.toISOString(),
      },
    });
    recordEvent(tx, {
      actorId: user.id,
      type: "invitation.sent",
      accountId: account.id,
      roomId: room.id,
      subjectType: "invitation",
      subjectId: invitation.id,
      data: { email: input.email, role: input.role, domainException: input.domainException },
    });
    return { invitationId: invitation.id };
  });
}

function openInvitationWhere(token: string, now: Date) {
  return and(
    eq(invitations.tokenHash, hashToken(token)),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, now),
  );
}

/** What the confirmation page shows (GET): nothing is consumed. */
export function peekInvitation(token: string, now = new Date()) {
  return (
    getDb()
      .select({
        email: invitations.email,
        role: invitations.role,
        /** An invitee who already has a user keeps their name; a new one may give theirs. */
        hasAccount: sql<number>`exists (select 1 from users u where u.email = ${invitations.email})`.mapWith(
          Boolean,
        ),
        roomTitle: rooms.title,
        accountName: accounts.name,
        logoUrl: accounts.logoUrl,
        inviterName: users.name,
      })
      .from(invitations)
      .innerJoin(rooms, eq(rooms.id, invitations.roomId))
      .innerJoin(accounts, eq(accounts.id, rooms.accountId))
      .innerJoin(users, eq(users.id, invitations.invitedById))
      .where(openInvitationWhere(token, now))
      .get() ?? null
  );
}

/**
 * Accepts an invitation (POST only): consumes it, creates the customer user on first visit and adds the
 * membership, in the caller's transaction. Signing the invitee in belongs to app/auth
 * (signInWithInvitation), which opens the transaction and adds the session to it.
 */
export function acceptInvitation(
  tx: Tx,
  token: string,
  opts: { name?: string } = {},
  now = new Date(),
): { roomId: string; userId: string } {
  const invitation = tx.select().from(invitations).where(openInvitationWhere(token, now)).get();
  if (!invitation) throw new DomainError(400, "invite.invalid");
  const claimed = tx
    .update(invitations)
    .set({ acceptedAt: now })
    .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
    .run();
  if (claimed.changes !== 1) throw new DomainError(400, "invite.invalid");
  const room = tx
    .select({ accountId: rooms.accountId })
    .from(rooms)
    .where(eq(rooms.id, invitation.roomId))
    .get()!;

  let user = findUserByEmail(invitation.email, tx);
  if (user && !user.active) throw new DomainError(400, "invite.userDeactivated");
  if (!user) {
    if (!isCustomerRole(invitation.role)) throw new DomainError(400, "invite.invalid");
    const localPart = invitation.email.slice(0, invitation.email.indexOf("@"));
    user = tx
      .insert(users)
      .values({
        email: invitation.email,
        name: opts.name || localPart,
        kind: "customer",
        locale: invitation.locale,
        createdAt: now,
      })
      .returning()
      .get();
    recordEvent(tx, {
      actorId: user.id,
      type: "user.joined",
      accountId: room.accountId,
      subjectType: "user",
      subjectId: user.id,
    });
  }
  tx.insert(memberships)
    .values({ roomId: invitation.roomId, userId: user.id, role: invitation.role, createdAt: now })
    .onConflictDoNothing()
    .run();
  // The team member who was invited (same address, not yet linked) is now this user.
  tx.update(stakeholders)
    .set({ userId: user.id })
    .where(
      and(
        eq(stakeholders.roomId, invitation.roomId),
        isNull(stakeholders.userId),
        eq(sql`lower(${stakeholders.email})`, invitation.email.toLowerCase()),
      ),
    )
    .run();
  recordEvent(tx, {
    actorId: user.id,
    type: "invitation.accepted",
    accountId: room.accountId,
    roomId: invitation.roomId,
    subjectType: "invitation",
    subjectId: invitation.id,
    data: { role: invitation.role },
  });
  return { roomId: invitation.roomId, userId: user.id };
}

export function revokeInvitation(
  actor: SessionUser,
  role: EffectiveRoomRole,
  roomId: string,
  invitationId: string,
): void {
  if (!can(role, "members.invite")) throw new DomainError(403, "errors.forbidden");
  writeTransaction(getDb(), (tx) => {
    const result = tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.roomId, roomId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .run();
    if (result.changes !== 1) throw new DomainError(404, "errors.notFound");
    recordEvent(tx, {
      actorId: actor.id,
      type: "invitation.revoked",
      roomId,
      subjectType: "invitation",
      subjectId: invitationId,
    });
  });
}
