import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Tx, writeTransaction } from "#db/client.server";
import {
  memberships,
  stakeholders,
  STAKEHOLDER_SIDES,
  TEAM_ROLES,
  users,
  type StakeholderSide,
  type TeamRole,
} from "#db/schema";
import { can } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import type { RoomContext } from "~/domain/plan/plan.server";
import { DomainError } from "~/utils/errors";
import { fields } from "~/utils/forms";

export type Stakeholder = typeof stakeholders.$inferSelect;

const optionalEmail = () =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
    z
      .string()
      .max(254, { message: "validation.tooLong" })
      .pipe(z.email({ message: "validation.email" }))
      .optional(),
  );

/** One form for adding and editing; the role is from TEAM_ROLES, responsibility is free text. */
export const StakeholderSchema = z.object({
  name: fields.requiredText(120),
  side: fields.enumOf(STAKEHOLDER_SIDES),
  title: fields.optionalText(120),
  teamRole: fields.optionalEnumOf(TEAM_ROLES),
  responsibility: fields.optionalText(120),
  email: optionalEmail(),
  phone: fields.optionalText(40),
  isSponsor: fields.checkbox(),
});
export type StakeholderInput = z.output<typeof StakeholderSchema>;

export function listStakeholders(ctx: Pick<RoomContext, "room">) {
  return getDb()
    .select({
      id: stakeholders.id,
      name: stakeholders.name,
      side: stakeholders.side,
      title: stakeholders.title,
      teamRole: stakeholders.teamRole,
      responsibility: stakeholders.responsibility,
      email: stakeholders.email,
      phone: stakeholders.phone,
      isSponsor: stakeholders.isSponsor,
      userId: stakeholders.userId,
      userName: users.name,
      version: stakeholders.version,
    })
    .from(stakeholders)
    .leftJoin(users, eq(users.id, stakeholders.userId))
    .where(eq(stakeholders.roomId, ctx.room.id))
    .orderBy(asc(stakeholders.side), asc(stakeholders.name))
    .all();
}

/**
 * Who may change a person of this side: customer admins edit the customer's side only; the vendor's
 * people are edited by vendor staff alone (checked against the row as stored and as submitted).
 */
function requireEditor(ctx: Pick<RoomContext, "role">, ...sides: StakeholderSide[]) {
  if (!can(ctx.role, "stakeholders.edit")) throw new DomainError(403, "errors.forbidden");
  if (sides.includes("vendor") && !can(ctx.role, "team.editVendorSide"))
    throw new DomainError(403, "errors.forbidden");
}

/** Whether this role may change people of this side (for the UI; the commands check it again). */
export function canEditSide(role: RoomContext["role"], side: StakeholderSide): boolean {
  return can(role, "stakeholders.edit") && (side === "customer" || can(role, "team.editVendorSide"));
}

/** The room member whose email is this one, if any: a stakeholder is linked to them automatically. */
function memberUserIdByEmail(tx: Tx, roomId: string, email: string | undefined): string | null {
  if (!email) return null;
  const row = tx
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.roomId, roomId), eq(sql`lower(${users.email})`, email.toLowerCase())))
    .get();
  return row?.id ?? null;
}

function loadStakeholder(tx: Tx, ctx: RoomContext, id: string, version: number): Stakeholder {
  const row = tx
    .select()
    .from(stakeholders)
    .where(and(eq(stakeholders.id, id), eq(stakeholders.roomId, ctx.room.id)))
    .get();
  if (!row) throw new DomainError(404, "errors.notFound");
  requireEditor(ctx, row.side);
  if (row.version !== version) throw new DomainError(409, "stakeholders.stale");
  return row;
}

/**
 * The row's values. The sponsor flag (milestone emails, health) follows the team role: a legacy caller
 * that only ticks isSponsor gets the sponsor role, and any other role clears the flag.
 */
function values(input: StakeholderInput) {
  const teamRole = input.teamRole ?? (input.isSponsor ? "sponsor" : null);
  return {
    name: input.name,
    side: input.side,
    title: input.title ?? null,
    teamRole,
    responsibility: input.responsibility ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    isSponsor: teamRole === "sponsor",
  };
}

export function addStakeholder(ctx: RoomContext, input: StakeholderInput): string {
  requireEditor(ctx, input.side);
  return writeTransaction(getDb(), (tx) => {
    const row = tx
      .insert(stakeholders)
      .values({
        ...values(input),
        roomId: ctx.room.id,
        userId: memberUserIdByEmail(tx, ctx.room.id, input.email),
      })
      .returning({ id: stakeholders.id })
      .get();
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "stakeholder.added",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "stakeholder",
      subjectId: row.id,
      data: { name: input.name, side: input.side, visibility: "shared" },
    });
    return row.id;
  });
}

export function updateStakeholder(
  ctx: RoomContext,
  id: string,
  input: StakeholderInput & { version: number },
): void {
  requireEditor(ctx, input.side);
  writeTransaction(getDb(), (tx) => {
    const current = loadStakeholder(tx, ctx, id, input.version);
    tx.update(stakeholders)
      .set({
        ...values(input),
        userId: memberUserIdByEmail(tx, ctx.room.id, input.email),
        version: current.version + 1,
      })
      .where(eq(stakeholders.id, id))
      .run();
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "stakeholder.updated",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "stakeholder",
      subjectId: id,
      data: { name: input.name, previousName: current.name, visibility: "shared" },
    });
  });
}

/** Removes a stakeholder; their tasks become unassigned (the foreign key sets them null). */
export function removeStakeholder(ctx: RoomContext, id: string, version: number): void {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    const current = loadStakeholder(tx, ctx, id, version);
    tx.delete(stakeholders).where(eq(stakeholders.id, id)).run();
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "stakeholder.removed",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "stakeholder",
      subjectId: id,
      data: { name: current.name, visibility: "shared" },
    });
  });
}

/**
 * Gives a room member who is not yet on the team list a team role: creates their stakeholder row from
 * their user (name, email, job title, phone), linked to them. Their side follows the kind of user.
 */
export function setMemberTeamRole(ctx: RoomContext, userId: string, teamRole: TeamRole): string {
  return writeTransaction(getDb(), (tx) => {
    const member = tx
      .select({ user: users })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.roomId, ctx.room.id), eq(memberships.userId, userId)))
      .get();
    if (!member) throw new DomainError(404, "errors.memberNotFound");
    const side: StakeholderSide = member.user.kind === "staff" ? "vendor" : "customer";
    requireEditor(ctx, side);
    const linked = tx
      .select({ id: stakeholders.id })
      .from(stakeholders)
      .where(and(eq(stakeholders.roomId, ctx.room.id), eq(stakeholders.userId, userId)))
      .get();
    if (linked) throw new DomainError(409, "stakeholders.stale");
    const row = tx
      .insert(stakeholders)
      .values({
        roomId: ctx.room.id,
        userId,
        name: member.user.name,
        side,
        title: member.user.jobTitle ?? null,
        teamRole,
        email: member.user.email,
        phone: member.user.phone ?? null,
        isSponsor: teamRole === "sponsor",
      })
      .returning({ id: stakeholders.id })
      .get();
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "stakeholder.added",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "stakeholder",
      subjectId: row.id,
      data: { name: member.user.name, side, visibility: "shared" },
    });
    return row.id;
  });
}
