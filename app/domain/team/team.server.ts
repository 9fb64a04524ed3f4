import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { getDb } from "#db/client.server";
import {
  invitations,
  memberships,
  stakeholders,
  TEAM_ROLES,
  users,
  type RoomRole,
  type StakeholderSide,
  type TeamRole,
} from "#db/schema";
import { can, invitableRoles } from "~/access/capabilities";
import { inviteToRoom } from "~/domain/invitations/invitations.server";
import type { RoomContext } from "~/domain/plan/plan.server";
import type { Locale } from "~/vocabulary";
import { DomainError } from "~/utils/errors";

/**
 * Where a person stands with the room: joined (a member), invited (an open invitation to their address),
 * not invited (an email but no access) or no email (cannot be invited until one is added).
 */
export type AccessState = "joined" | "invited" | "notInvited" | "noEmail";

export type TeamPerson = {
  /** Stable key for lists: the stakeholder, else the member, else the invitation. */
  key: string;
  side: StakeholderSide;
  name: string;
  stakeholderId: string | null;
  version: number | null;
  teamRole: TeamRole | null;
  title: string | null;
  responsibility: string | null;
  email: string | null;
  phone: string | null;
  isSponsor: boolean;
  userId: string | null;
  avatarFileId: string | null;
  membershipId: string | null;
  roomRole: RoomRole | null;
  access: AccessState;
  /** When the member last opened the room; null when they never did. */
  lastSeenAt: Date | null;
  /** Whether the room notes this member's visits (customers only), so lastSeenAt means something. */
  presenceTracked: boolean;
  invitation: {
    id: string;
    role: RoomRole;
    createdAt: Date;
    expiresAt: Date;
    domainException: boolean;
  } | null;
};

const lower = (s: string | null | undefined) => (s ? s.toLowerCase() : null);
const roleRank = (r: TeamRole | null) => (r ? TEAM_ROLES.indexOf(r) : TEAM_ROLES.length);

/**
 * The people of both sides of a room in one list: the stakeholder rows (linked to their user by id or by
 * email), the members who have no stakeholder row (no team role yet), and, for those who manage
 * invitations, open invitations that belong to nobody on the list. Sorted by team role, then name.
 */
export function listTeam(
  ctx: Pick<RoomContext, "room" | "role">,
  now: Date = new Date(),
): { vendor: TeamPerson[]; customer: TeamPerson[] } {
  const db = getDb();
  const roomId = ctx.room.id;
  const people = db
    .select()
    .from(stakeholders)
    .where(eq(stakeholders.roomId, roomId))
    .orderBy(asc(stakeholders.name))
    .all();
  const members = db
    .select({
      membershipId: memberships.id,
      roomRole: memberships.role,
      lastSeenAt: memberships.lastSeenAt,
      user: users,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.roomId, roomId))
    .orderBy(asc(users.name))
    .all();
  const open = db
    .select()
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
  const seesInvitations = can(ctx.role, "members.invite");

  const usedMembers = new Set<string>();
  const usedInvitations = new Set<string>();
  const result: TeamPerson[] = [];

  for (const s of people) {
    const member =
      members.find((m) => s.userId && m.user.id === s.userId) ??
      members.find(
        (m) => !usedMembers.has(m.membershipId) && s.email && lower(m.user.email) === lower(s.email),
      );
    if (member) usedMembers.add(member.membershipId);
    const invitation = member
      ? undefined
      : open.findLast((i) => s.email && lower(i.email) === lower(s.email));
    if (invitation) usedInvitations.add(invitation.id);
    result.push({
      key: `s-${s.id}`,
      side: s.side,
      name: s.name,
      stakeholderId: s.id,
      version: s.version,
      teamRole: s.teamRole ?? null,
      title: s.title ?? member?.user.jobTitle ?? null,
      responsibility: s.responsibility,
      email: s.email ?? member?.user.email ?? null,
      phone: s.phone ?? member?.user.phone ?? null,
      isSponsor: s.isSponsor,
      userId: member?.user.id ?? s.userId ?? null,
      avatarFileId: member?.user.avatarFileId ?? null,
      membershipId: member?.membershipId ?? null,
      roomRole: member?.roomRole ?? null,
      access: member ? "joined" : invitation ? "invited" : s.email ? "notInvited" : "noEmail",
      lastSeenAt: member?.lastSeenAt ?? null,
      presenceTracked: member?.user.kind === "customer",
      invitation: invitation && seesInvitations ? pickInvitation(invitation) : null,
    });
  }
  for (const m of members) {
    if (usedMembers.has(m.membershipId)) continue;
    result.push({
      key: `m-${m.membershipId}`,
      side: m.user.kind === "staff" ? "vendor" : "customer",
      name: m.user.name,
      stakeholderId: null,
      version: null,
      teamRole: null,
      title: m.user.jobTitle ?? null,
      responsibility: null,
      email: m.user.email,
      phone: m.user.phone ?? null,
      isSponsor: false,
      userId: m.user.id,
      avatarFileId: m.user.avatarFileId ?? null,
      membershipId: m.membershipId,
      roomRole: m.roomRole,
      access: "joined",
      lastSeenAt: m.lastSeenAt ?? null,
      presenceTracked: m.user.kind === "customer",
      invitation: null,
    });
  }
  if (seesInvitations) {
    // Older open invitations to the same address were revoked when the newest was sent.
    for (const i of open) {
      if (usedInvitations.has(i.id)) continue;
      result.push({
        key: `i-${i.id}`,
        side: i.role === "owner" || i.role === "collaborator" ? "vendor" : "customer",
        name: i.email,
        stakeholderId: null,
        version: null,
        teamRole: null,
        title: null,
        responsibility: null,
        email: i.email,
        phone: null,
        isSponsor: false,
        userId: null,
        avatarFileId: null,
        membershipId: null,
        roomRole: null,
        access: "invited",
        lastSeenAt: null,
        presenceTracked: false,
        invitation: pickInvitation(i),
      });
    }
  }
  const sorted = result.sort(
    (a, b) => roleRank(a.teamRole) - roleRank(b.teamRole) || a.name.localeCompare(b.name),
  );
  return {
    vendor: sorted.filter((p) => p.side === "vendor"),
    customer: sorted.filter((p) => p.side === "customer"),
  };
}

function pickInvitation(i: typeof invitations.$inferSelect): NonNullable<TeamPerson["invitation"]> {
  return {
    id: i.id,
    role: i.role,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    domainException: i.domainException,
  };
}

type Inviter = RoomContext & { locale: Locale };

/**
 * Invites a person of the team to the room: their stored email, the chosen room role, through the one
 * invitation command (same domain rules, same email). Only someone with an email and no access yet.
 */
export function inviteStakeholder(
  inviter: Inviter,
  stakeholderId: string,
  input: { role: RoomRole; domainException: boolean },
): { invitationId: string; email: string } {
  if (invitableRoles(inviter.role).length === 0) throw new DomainError(403, "errors.forbidden");
  const person = getDb()
    .select()
    .from(stakeholders)
    .where(and(eq(stakeholders.id, stakeholderId), eq(stakeholders.roomId, inviter.room.id)))
    .get();
  if (!person) throw new DomainError(404, "errors.notFound");
  if (person.side === "vendor" && !can(inviter.role, "team.editVendorSide"))
    throw new DomainError(403, "errors.forbidden");
  if (!person.email) throw new DomainError(400, "team.inviteNoEmail");
  const { invitationId } = inviteToRoom(inviter, {
    email: person.email,
    role: input.role,
    domainException: input.domainException,
  });
  return { invitationId, email: person.email };
}

/** Sends an open invitation again: a new link (the old one stops working) with the same role. */
export function resendInvitation(inviter: Inviter, invitationId: string, now: Date = new Date()) {
  if (!can(inviter.role, "members.invite")) throw new DomainError(403, "errors.forbidden");
  const invitation = getDb()
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.id, invitationId),
        eq(invitations.roomId, inviter.room.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .get();
  if (!invitation) throw new DomainError(404, "errors.notFound");
  return {
    ...inviteToRoom(inviter, {
      email: invitation.email,
      role: invitation.role,
      domainException: invitation.domainException,
    }),
    email: invitation.email,
  };
}
