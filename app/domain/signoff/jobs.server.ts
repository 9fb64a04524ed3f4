/**
 * Sign-off reminders: while a request waits, the A gets the request email again every
 * SIGN_OFF_REMINDER_DAYS days. Safe with several processes (the server and `npm run jobs -- sign-offs`):
 * each reminder claims its request by a conditional update of lastRemindedAt inside the transaction that
 * queues the email and records the event, so only one process's claim succeeds.
 */
import { and, eq, inArray, isNull, lte, or } from "drizzle-orm";
import { getDb, writeTransaction } from "#db/client.server";
import { accounts, milestones, milestoneSignOffs, rooms } from "#db/schema";
import { recordEvent } from "~/domain/events/events.server";
import { LIVE_ROOM_STATUSES } from "~/vocabulary";
import { approverById, approverProblem, currentApprover, sendSignOffEmail } from "./requests.server";

/** Days between the request (or the last reminder) and the next reminder. */
export const SIGN_OFF_REMINDER_DAYS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

type Log = { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };

export type SignOffReminderResult = { reminded: number; unreachable: number; failed: number };

export function runSignOffReminders(now: Date = new Date(), opts: { log?: Log } = {}): SignOffReminderResult {
  const db = getDb();
  const cutoff = new Date(now.getTime() - SIGN_OFF_REMINDER_DAYS * DAY_MS);
  // Due: never reminded and asked before the cutoff, or last reminded before it.
  const due = and(
    isNull(milestoneSignOffs.decision),
    or(
      and(isNull(milestoneSignOffs.lastRemindedAt), lte(milestoneSignOffs.requestedAt, cutoff)),
      lte(milestoneSignOffs.lastRemindedAt, cutoff),
    ),
  );
  const rows = db
    .select({ request: milestoneSignOffs, milestone: milestones, room: rooms, account: accounts })
    .from(milestoneSignOffs)
    .innerJoin(milestones, eq(milestones.id, milestoneSignOffs.milestoneId))
    .innerJoin(rooms, eq(rooms.id, milestoneSignOffs.roomId))
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .where(and(due, isNull(milestones.completedAt), inArray(rooms.status, [...LIVE_ROOM_STATUSES])))
    .all();
  const result: SignOffReminderResult = { reminded: 0, unreachable: 0, failed: 0 };
  for (const { request, milestone, room, account } of rows) {
    try {
      const outcome = writeTransaction(db, (tx) => {
        const approver =
          approverById(tx, room.id, request.approverId) ?? currentApprover(tx, room.id, milestone.id);
        // Nobody to remind: the milestone page tells the CSM what to fix; nothing is claimed.
        if (approverProblem(approver)) return "unreachable" as const;
        const claimed = tx
          .update(milestoneSignOffs)
          .set({
            lastRemindedAt: now,
            reminderCount: request.reminderCount + 1,
            approverId: approver!.stakeholder.id,
          })
          .where(and(eq(milestoneSignOffs.id, request.id), due))
          .run();
        if (claimed.changes !== 1) return "taken" as const;
        sendSignOffEmail(tx, { room, account }, milestone, approver, request.requestedAt, true);
        recordEvent(
          tx,
          {
            actorId: null,
            type: "milestone.signoff_reminded",
            accountId: account.id,
            roomId: room.id,
            subjectType: "milestone",
            subjectId: milestone.id,
            data: {
              title: milestone.title,
              approver: approver!.stakeholder.name,
              count: request.reminderCount + 1,
              visibility: milestone.visibility,
            },
          },
          now,
        );
        return "reminded" as const;
      });
      if (outcome === "reminded") result.reminded += 1;
      if (outcome === "unreachable") result.unreachable += 1;
    } catch (err) {
      result.failed += 1;
      opts.log?.error({ err, signOffId: request.id }, "sign-off reminder failed");
    }
  }
  return result;
}

/** Interval body for the server. */
export function runSignOffJobs(log: Log, now: Date = new Date()): void {
  try {
    const r = runSignOffReminders(now, { log });
    if (r.reminded || r.failed) log.info(r, "sign-off reminders");
  } catch (err) {
    log.error({ err }, "sign-off reminder job failed");
  }
}
