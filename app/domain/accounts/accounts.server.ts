import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { accounts, memberships, rooms, users } from "#db/schema";
import type { StaffUser } from "~/access/users";
import { staffCan } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import { DomainError } from "~/utils/errors";
import { toMinorUnits, type AccountWithRoomInput } from "./schemas";

/** Staff who can be picked as CSM or account owner on the account form. */
export function listAssignableStaff() {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, staffRole: users.staffRole })
    .from(users)
    .where(and(eq(users.kind, "staff"), eq(users.active, true)))
    .orderBy(users.name)
    .all();
}

/**
 * Creates the account, its first room and the CSM's owner membership in one transaction: either all of
 * it exists afterwards or none of it.
 */
export function createAccountWithRoom(
  actor: StaffUser,
  input: AccountWithRoomInput,
): { accountId: string; roomId: string } {
  if (!staffCan(actor.staffRole, "accounts.create")) throw new DomainError(403, "errors.forbidden");
  const db = getDb();
  const ids = [input.csmId, input.ownerId].filter((id): id is string => !!id);
  const staff = db
    .select({ id: users.id, staffRole: users.staffRole })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.kind, "staff"), eq(users.active, true)))
    .all();
  const csm = staff.find((s) => s.id === input.csmId);
  if (!csm || csm.staffRole === "sales") throw new DomainError(400, "validation.csmInvalid", {}, "csmId");
  if (input.ownerId && !staff.some((s) => s.id === input.ownerId)) {
    throw new DomainError(400, "validation.ownerInvalid", {}, "ownerId");
  }

  return db.transaction((tx) => {
    const now = new Date();
    const account = tx
      .insert(accounts)
      .values({
        name: input.name,
        allowedDomains: input.allowedDomains,
        logoUrl: input.logoUrl ?? null,
        crmDealUrl: input.crmDealUrl ?? null,
        mrrMinor: toMinorUnits(input.mrr, input.currency),
        currency: input.currency,
        contractStart: input.contractStart ?? null,
        renewalDate: input.renewalDate,
        touchModel: input.touchModel,
        timeZone: input.timeZone,
        ownerId: input.ownerId ?? null,
        csmId: input.csmId,
        createdAt: now,
      })
      .returning({ id: accounts.id })
      .get();
    const room = tx
      .insert(rooms)
      .values({
        accountId: account.id,
        title: input.roomTitle,
        stage: input.stage,
        kickoffDate: input.kickoffDate ?? null,
        targetGoLiveDate: input.targetGoLiveDate ?? null,
        createdAt: now,
      })
      .returning({ id: rooms.id })
      .get();
    tx.insert(memberships)
      .values({ roomId: room.id, userId: input.csmId, role: "owner", createdAt: now })
      .run();
    recordEvent(tx, {
      actorId: actor.id,
      type: "account.created",
      accountId: account.id,
      subjectType: "account",
      subjectId: account.id,
      data: { name: input.name },
    });
    recordEvent(tx, {
      actorId: actor.id,
      type: "room.created",
      accountId: account.id,
      roomId: room.id,
      subjectType: "room",
      subjectId: room.id,
      data: { title: input.roomTitle },
    });
    return { accountId: account.id, roomId: room.id };
  });
}
