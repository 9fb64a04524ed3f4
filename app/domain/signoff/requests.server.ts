/**
 * Customer sign-off (検収) requests: created when a sign-off milestone's required tasks are all done,
 * withdrawn when one of them reopens while the request waits, re-sent by the CSM or the reminder job.
 * Runs on the caller's transaction, so the request, its event and its email commit together. Kept apart
 * from the decisions (signoff.server.ts) so the plan can call it without an import cycle.
 */
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx, Tx } from "#db/client.server";
import { memberships, milestoneSignOffs, stakeholders, users } from "#db/schema";
import { recordEvent } from "~/domain/events/events.server";
import { guessLocale, roomUrl } from "~/domain/notifications/locale";
import { raciHolders } from "~/domain/raci/lookup.server";
import type { Account, Room } from "~/domain/rooms/access.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { env } from "~/utils/env.server";

export type SignOffRow = typeof milestoneSignOffs.$inferSelect;
type MilestoneLike = { id: string; title: string; visibility: string; roomId: string };
type Ctx = { room: Pick<Room, "id" | "title">; account: Pick<Account, "id" | "name" | "timeZone"> };

/** Customer roles that may decide a sign-off (the capability `milestones.signOff`). */
const SIGN_OFF_ROLES = ["customer_admin", "customer_member"] as const;

/** Why the A cannot be asked by email; the milestone page says what the CSM should do about it. */
export type ApproverProblem = "noApprover" | "noEmail" | "noAccess";

export type Approver = {
  stakeholder: typeof stakeholders.$inferSelect;
  /** The customer user who is that person in this room (linked, or the same address), when a member. */
  user: typeof users.$inferSelect | null;
};

/** The milestone's customer-side A now (the RACI says exactly one; the first by name if it says more). */
export function currentApprover(tx: DbOrTx, roomId: string, milestoneId: string): Approver | null {
  const [holder] = raciHolders(tx as Tx, { type: "milestone", id: milestoneId }, "A", "customer");
  if (!holder || holder.roomId !== roomId) return null;
  return { stakeholder: holder, user: approverUser(tx, roomId, holder) };
}

export function approverById(tx: DbOrTx, roomId: string, stakeholderId: string | null): Approver | null {
  if (!stakeholderId) return null;
  const s = tx
    .select()
    .from(stakeholders)
    .where(and(eq(stakeholders.id, stakeholderId), eq(stakeholders.roomId, roomId)))
    .get();
  return s ? { stakeholder: s, user: approverUser(tx, roomId, s) } : null;
}

/** The active customer member of the room who is this stakeholder: by the link, else by email address. */
function approverUser(tx: DbOrTx, roomId: string, s: typeof stakeholders.$inferSelect) {
  const byLink = s.userId ? tx.select().from(users).where(eq(users.id, s.userId)).get() : undefined;
  const email = s.email?.trim().toLowerCase();
  const candidate =
    byLink ?? (email ? tx.select().from(users).where(eq(users.email, email)).get() : undefined);
  if (!candidate || !candidate.active || candidate.kind !== "customer") return null;
  const member = tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.roomId, roomId),
        eq(memberships.userId, candidate.id),
        inArray(memberships.role, [...SIGN_OFF_ROLES]),
      ),
    )
    .get();
  return member ? candidate : null;
}

export function approverProblem(a: Approver | null): ApproverProblem | null {
  if (!a) return "noApprover";
  if (!a.user) return a.stakeholder.email || a.stakeholder.userId ? "noAccess" : "noEmail";
  return null;
}

/** The open (undecided) request of a milestone, if any. */
export function pendingSignOff(tx: DbOrTx, milestoneId: string): SignOffRow | undefined {
  return tx
    .select()
    .from(milestoneSignOffs)
    .where(and(eq(milestoneSignOffs.milestoneId, milestoneId), isNull(milestoneSignOffs.decision)))
    .orderBy(desc(milestoneSignOffs.requestedAt))
    .get();
}

/**
 * Asks the milestone's customer-side A to sign off: a new request row, the event, and the email when the
 * A can be reached. Nothing happens when a request is already waiting. Returns the new row's id.
 */
export function requestSignOffTx(
  tx: Tx,
  ctx: Ctx,
  actorId: string | null,
  milestone: MilestoneLike,
  now: Date,
): string | null {
  if (pendingSignOff(tx, milestone.id)) return null;
  const approver = currentApprover(tx, ctx.room.id, milestone.id);
  const { id } = tx
    .insert(milestoneSignOffs)
    .values({
      roomId: ctx.room.id,
      milestoneId: milestone.id,
      approverId: approver?.stakeholder.id ?? null,
      requestedAt: now,
    })
    .returning({ id: milestoneSignOffs.id })
    .get();
  recordEvent(
    tx,
    {
      actorId,
      type: "milestone.signoff_requested",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "milestone",
      subjectId: milestone.id,
      data: {
        title: milestone.title,
        approver: approver?.stakeholder.name ?? null,
        visibility: milestone.visibility,
      },
    },
    now,
  );
  sendSignOffEmail(tx, ctx, milestone, approver, now, false);
  return id;
}

/**
 * Queues the request email to the A when they can be reached (an active customer member of the room
 * with an address). Returns whether it was queued.
 */
export function sendSignOffEmail(
  tx: DbOrTx,
  ctx: Ctx,
  milestone: MilestoneLike,
  approver: Approver | null,
  requestedAt: Date,
  reminder: boolean,
): boolean {
  const user = approver?.user;
  if (!approver || !user) return false;
  enqueueEmail(tx, {
    to: user.email,
    locale: user.locale ?? guessLocale(ctx.account.timeZone),
    template: "sign_off_request",
    props: {
      recipientName: user.name || approver.stakeholder.name,
      accountName: ctx.account.name,
      roomTitle: ctx.room.title,
      milestoneTitle: milestone.title,
      requestedAt: requestedAt.toISOString(),
      reminder,
      url: roomUrl(env().APP_URL, ctx.room.id, `milestones/${encodeURIComponent(milestone.id)}`),
    },
  });
  return true;
}

/**
 * A required task reopened while the request waits: the request is withdrawn (its row deleted, so only
 * requests the A could really decide stay on the record; the feed keeps the "requested" event). A new
 * one is made when the tasks are done again.
 */
export function withdrawPendingSignOff(tx: DbOrTx, milestoneId: string): boolean {
  const r = tx
    .delete(milestoneSignOffs)
    .where(and(eq(milestoneSignOffs.milestoneId, milestoneId), isNull(milestoneSignOffs.decision)))
    .run();
  return r.changes > 0;
}
