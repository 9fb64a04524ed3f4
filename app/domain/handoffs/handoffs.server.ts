/**
 * The sales → CS handoff of an account: what was sold and why, to whom, with which promises and risks.
 * Staff only (customers never reach it: the route answers 404). Lifecycle: draft (saved without checks)
 * → submitted (required fields checked; the account's CSM is emailed and finds it in their inbox) →
 * acknowledged by the CSM (then read-only; there is no re-open, the thread stays open). The thread holds
 * the CSM's questions and sales' answers; every message emails the other side through the outbox.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, writeTransaction, type Tx } from "#db/client.server";
import {
  accounts,
  handoffMessages,
  handoffs,
  rooms,
  stakeholders,
  users,
  type HandoffPerson,
} from "#db/schema";
import { can, staffCan, type EffectiveRoomRole } from "~/access/capabilities";
import type { SessionUser, StaffUser } from "~/access/users";
import { recordEvent } from "~/domain/events/events.server";
import { guessLocale } from "~/domain/notifications/locale";
import type { RoomContext } from "~/domain/plan/plan.server";
import { storedRichText } from "~/domain/richtext/richtext";
import { effectiveRole, type Account } from "~/domain/rooms/access.server";
import { addStakeholder } from "~/domain/stakeholders/stakeholders.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { env } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import type { HandoffStatus, Locale } from "~/vocabulary";
import type { HandoffInput } from "./schemas";

export type Handoff = typeof handoffs.$inferSelect;

export type HandoffAccess = {
  user: StaffUser;
  account: Account;
  role: EffectiveRoomRole;
  /** Write and submit (sales of this account, its CSMs, admins) while it is not acknowledged. */
  canWrite: boolean;
  /** Acknowledge: the account's CSM, or an admin. */
  canAcknowledge: boolean;
};

/**
 * Who may open an account's handoff: staff whose job gives them the account's rooms (admins, CSMs, the
 * account's salesperson), by the same rule as the rooms. Everyone else, customers first, gets 404: the
 * page never reveals that the account exists.
 */
export function getHandoffAccess(user: SessionUser, accountId: string): HandoffAccess {
  if (user.kind !== "staff" || !user.staffRole) throw new DomainError(404, "errors.notFound");
  const account = getDb().select().from(accounts).where(eq(accounts.id, accountId)).get();
  if (!account) throw new DomainError(404, "errors.notFound");
  const role = effectiveRole(user, account, null);
  if (!can(role, "handoff.view") || !role) throw new DomainError(404, "errors.notFound");
  const staff = user as StaffUser;
  return {
    user: staff,
    account,
    role,
    canWrite: staffCan(staff.staffRole, "handoffs.write"),
    canAcknowledge:
      staffCan(staff.staffRole, "handoffs.acknowledge") &&
      (staff.staffRole === "admin" || account.csmId === staff.id),
  };
}

/**
 * The handoff's status for the room header's link ("missing" before sales starts one), or null when the
 * user may not open it (customers, sales of another account).
 */
export function handoffLinkStatus(
  user: SessionUser,
  account: Pick<Account, "id" | "csmId" | "ownerId">,
): HandoffStatus | "missing" | null {
  if (user.kind !== "staff" || !can(effectiveRole(user, account, null), "handoff.view")) return null;
  const row = getDb()
    .select({ status: handoffs.status })
    .from(handoffs)
    .where(eq(handoffs.accountId, account.id))
    .get();
  return row?.status ?? "missing";
}

export function handoffUrl(accountId: string): string {
  return new URL(`/accounts/${encodeURIComponent(accountId)}/handoff`, env().APP_URL).toString();
}

function findHandoff(tx: Tx | ReturnType<typeof getDb>, accountId: string): Handoff | undefined {
  return tx.select().from(handoffs).where(eq(handoffs.accountId, accountId)).get();
}

/** The handoff with its notes checked again and its thread, or null when sales has not started one. */
export function getHandoff(accountId: string) {
  const db = getDb();
  const row = findHandoff(db, accountId);
  if (!row) return null;
  const names = new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(
        inArray(
          users.id,
          [row.submittedById, row.acknowledgedById, row.createdById].filter((id): id is string => !!id),
        ),
      )
      .all()
      .map((u) => [u.id, u.name]),
  );
  const messages = db
    .select({
      id: handoffMessages.id,
      body: handoffMessages.body,
      createdAt: handoffMessages.createdAt,
      authorId: handoffMessages.authorId,
      authorName: users.name,
    })
    .from(handoffMessages)
    .innerJoin(users, eq(users.id, handoffMessages.authorId))
    .where(eq(handoffMessages.handoffId, row.id))
    .orderBy(asc(handoffMessages.createdAt), asc(handoffMessages.id))
    .all();
  return {
    ...row,
    notes: storedRichText(row.notes),
    submittedByName: row.submittedById ? (names.get(row.submittedById) ?? null) : null,
    acknowledgedByName: row.acknowledgedById ? (names.get(row.acknowledgedById) ?? null) : null,
    messages,
  };
}

function values(input: HandoffInput) {
  return {
    productsBought: input.productsBought ?? null,
    whyBought: input.whyBought ?? null,
    successMetrics: input.successMetrics ?? null,
    constraints: input.constraints ?? null,
    promises: input.promises ?? null,
    risks: input.risks ?? null,
    competitors: input.competitors ?? null,
    contractStart: input.contractStart ?? null,
    contractEnd: input.contractEnd ?? null,
    crmDealUrl: input.crmDealUrl ?? null,
    people: input.people,
    notes: input.notes,
  };
}

/**
 * Writes the form (creating the handoff on its first save, at version 0 in the form). A stale version is
 * 409 and changes nothing; an acknowledged handoff is read-only (409).
 */
function write(tx: Tx, access: HandoffAccess, input: HandoffInput, now: Date): Handoff {
  if (!access.canWrite) throw new DomainError(403, "errors.forbidden");
  const current = findHandoff(tx, access.account.id);
  if (!current) {
    if (input.version !== 0) throw new DomainError(409, "handoff.stale");
    return tx
      .insert(handoffs)
      .values({
        ...values(input),
        accountId: access.account.id,
        createdById: access.user.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
  }
  if (current.version !== input.version) throw new DomainError(409, "handoff.stale");
  if (current.status === "acknowledged") throw new DomainError(409, "handoff.readOnly");
  return tx
    .update(handoffs)
    .set({ ...values(input), updatedAt: now, version: current.version + 1 })
    .where(eq(handoffs.id, current.id))
    .returning()
    .get();
}

function event(
  tx: Tx,
  access: HandoffAccess,
  type: "handoff.saved" | "handoff.submitted" | "handoff.acknowledged" | "handoff.message_added",
  handoffId: string,
) {
  // No roomId: the event never reaches a room's activity feed, which customers read.
  recordEvent(tx, {
    actorId: access.user.id,
    type,
    accountId: access.account.id,
    subjectType: "handoff",
    subjectId: handoffId,
    data: { accountName: access.account.name, visibility: "internal" },
  });
}

/** Keeps the handoff as it stands (a draft stays a draft, a submitted one stays submitted). */
export function saveHandoff(access: HandoffAccess, input: HandoffInput): void {
  writeTransaction(getDb(), (tx) => {
    const row = write(tx, access, input, new Date());
    event(tx, access, "handoff.saved", row.id);
  });
}

type Recipient = { id: string; email: string; name: string; locale: Locale | null };

function recipient(tx: Tx, userId: string | null): Recipient | null {
  if (!userId) return null;
  const row = tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      active: users.active,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  return row && row.active ? row : null;
}

/**
 * Saves and submits (the schema has checked the required fields). The first submission emails the
 * account's CSM and puts it in their inbox; saving an already submitted handoff again notifies no one.
 */
export function submitHandoff(access: HandoffAccess, input: HandoffInput): void {
  writeTransaction(getDb(), (tx) => {
    const now = new Date();
    const before = findHandoff(tx, access.account.id);
    const row = write(tx, access, input, now);
    if (before?.status === "submitted") {
      event(tx, access, "handoff.saved", row.id);
      return;
    }
    tx.update(handoffs)
      .set({ status: "submitted", submittedAt: now, submittedById: access.user.id })
      .where(eq(handoffs.id, row.id))
      .run();
    event(tx, access, "handoff.submitted", row.id);
    const csm = recipient(tx, access.account.csmId);
    if (csm && csm.id !== access.user.id) {
      enqueueEmail(tx, {
        to: csm.email,
        locale: csm.locale ?? guessLocale(access.account.timeZone),
        template: "handoff_submitted",
        props: {
          recipientName: csm.name,
          authorName: access.user.name,
          accountName: access.account.name,
          url: handoffUrl(access.account.id),
        },
      });
    }
  });
}

/** The CSM (or an admin) takes the handoff over: from here on it is read-only, the thread aside. */
export function acknowledgeHandoff(access: HandoffAccess, version: number): void {
  if (!access.canAcknowledge) throw new DomainError(403, "errors.forbidden");
  writeTransaction(getDb(), (tx) => {
    const current = findHandoff(tx, access.account.id);
    if (!current) throw new DomainError(404, "errors.notFound");
    if (current.version !== version) throw new DomainError(409, "handoff.stale");
    if (current.status !== "submitted") throw new DomainError(409, "handoff.notSubmitted");
    tx.update(handoffs)
      .set({
        status: "acknowledged",
        acknowledgedAt: new Date(),
        acknowledgedById: access.user.id,
        version: current.version + 1,
      })
      .where(eq(handoffs.id, current.id))
      .run();
    event(tx, access, "handoff.acknowledged", current.id);
  });
}

/**
 * A message in the thread of a submitted (or acknowledged) handoff. It emails the other side: the
 * account's CSM when sales (or anyone else) writes, sales (who submitted it, else the account owner)
 * when the CSM writes.
 */
export function addHandoffMessage(access: HandoffAccess, body: string): void {
  writeTransaction(getDb(), (tx) => {
    const current = findHandoff(tx, access.account.id);
    if (!current || current.status === "draft") throw new DomainError(409, "handoff.notSubmitted");
    tx.insert(handoffMessages).values({ handoffId: current.id, authorId: access.user.id, body }).run();
    event(tx, access, "handoff.message_added", current.id);
    const salesId = current.submittedById ?? access.account.ownerId;
    const to = recipient(tx, access.user.id === access.account.csmId ? salesId : access.account.csmId);
    if (!to || to.id === access.user.id) return;
    enqueueEmail(tx, {
      to: to.email,
      locale: to.locale ?? guessLocale(access.account.timeZone),
      template: "handoff_message",
      props: {
        recipientName: to.name,
        authorName: access.user.name,
        accountName: access.account.name,
        message: body,
        url: handoffUrl(access.account.id),
      },
    });
  });
}

// ---- the CSM's inbox and the portfolio ----------------------------------------------------------

/**
 * Submitted handoffs not yet acknowledged: for the accounts one runs as CSM, or all of them for those who
 * see every account's alerts (admins), unless they narrow the inbox to their own.
 */
export function listHandoffInbox(user: StaffUser, mineOnly: boolean) {
  const all = staffCan(user.staffRole, "alerts.viewAll") && !mineOnly;
  const submitter = users;
  return getDb()
    .select({
      accountId: accounts.id,
      accountName: accounts.name,
      timeZone: accounts.timeZone,
      submittedAt: handoffs.submittedAt,
      submittedByName: submitter.name,
      messages: sql<number>`(select count(*) from ${handoffMessages} where ${handoffMessages.handoffId} = ${handoffs.id})`,
    })
    .from(handoffs)
    .innerJoin(accounts, eq(accounts.id, handoffs.accountId))
    .leftJoin(submitter, eq(submitter.id, handoffs.submittedById))
    .where(and(eq(handoffs.status, "submitted"), all ? undefined : eq(accounts.csmId, user.id)))
    .orderBy(desc(handoffs.submittedAt), asc(accounts.name))
    .all();
}

// ---- the handoff's people become the room's team -------------------------------------------------

/** The handoff's people as they would join a room: those not on its team yet (same email, or same name without one). */
export function peopleToAdd(roomId: string, people: HandoffPerson[]): HandoffPerson[] {
  const team = getDb()
    .select({ name: stakeholders.name, email: stakeholders.email })
    .from(stakeholders)
    .where(eq(stakeholders.roomId, roomId))
    .all();
  const emails = new Set(team.map((p) => p.email?.toLowerCase()).filter(Boolean));
  const names = new Set(team.map((p) => p.name.trim()));
  return people.filter((p) => (p.email ? !emails.has(p.email.toLowerCase()) : !names.has(p.name.trim())));
}

/**
 * Adds the handoff's people to the room's team as the customer side, with their team roles, skipping
 * those already on it. Needs the right to edit the team (the room's CSMs and admins). Returns how many
 * joined.
 */
export function addHandoffPeopleToTeam(ctx: RoomContext): number {
  const row = findHandoff(getDb(), ctx.account.id);
  if (!row || row.status === "draft") throw new DomainError(409, "handoff.notSubmitted");
  const toAdd = peopleToAdd(ctx.room.id, row.people);
  writeTransaction(getDb(), () => {
    for (const p of toAdd)
      addStakeholder(ctx, {
        name: p.name,
        side: "customer",
        title: p.title,
        teamRole: p.teamRole,
        email: p.email,
        responsibility: undefined,
        phone: undefined,
        isSponsor: p.teamRole === "sponsor",
      });
  });
  return toAdd.length;
}

/** The rooms of the account, for the "add these people" buttons. */
export function accountRooms(accountId: string) {
  return getDb()
    .select({ id: rooms.id, title: rooms.title })
    .from(rooms)
    .where(eq(rooms.accountId, accountId))
    .orderBy(asc(rooms.createdAt), asc(rooms.title))
    .all();
}
