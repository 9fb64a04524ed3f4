import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Tx, writeTransaction } from "#db/client.server";
import { memberships, stakeholders, STAKEHOLDER_SIDES, TEAM_ROLES, users } from "#db/schema";
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

function requireEditor(ctx: RoomContext) {
  if (!can(ctx.role, "stakeholders.edit")) throw new DomainError(403, "errors.forbidden");
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
  if (row.version !== version) throw new DomainError(409, "stakeholders.stale");
  return row;
}

function values(input: StakeholderInput) {
  return {
    name: input.name,
    side: input.side,
    title: input.title ?? null,
    teamRole: input.teamRole ?? null,
    responsibility: input.responsibility ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    isSponsor: input.isSponsor,
  };
}

export function addStakeholder(ctx: RoomContext, input: StakeholderInput): string {
  requireEditor(ctx);
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
  requireEditor(ctx);
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
