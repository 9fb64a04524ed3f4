/**
 * The scheduled weekly reports: each run sends the report of every live room whose schedule is due
 * (weekday and time reached in the account's time zone, not sent yet that local day). Safe with several
 * processes: the send claims the day by a conditional update of `lastSentOn` inside the same transaction
 * that stores the report and queues its emails, so only one process's claim succeeds. A failure in one
 * room is logged and the others go on.
 */
import { and, eq, inArray, isNull, ne, or } from "drizzle-orm";
import { getDb, writeTransaction } from "#db/client.server";
import { accounts, reportSchedules, rooms } from "#db/schema";
import { LIVE_ROOM_STATUSES } from "~/vocabulary";
import { reportDueOn } from "./schedule";
import { reportRecipients, sendReportTx } from "./reports.server";

type Log = { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };

export type ReportJobResult = { sent: number; skippedNoRecipients: number; failed: number };

export function runScheduledReports(now: Date = new Date(), opts: { log?: Log } = {}): ReportJobResult {
  const db = getDb();
  const result: ReportJobResult = { sent: 0, skippedNoRecipients: 0, failed: 0 };
  const due = db
    .select({ schedule: reportSchedules, room: rooms, account: accounts })
    .from(reportSchedules)
    .innerJoin(rooms, eq(rooms.id, reportSchedules.roomId))
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .where(and(eq(reportSchedules.enabled, true), inArray(rooms.status, [...LIVE_ROOM_STATUSES])))
    .all()
    .map((r) => ({ ...r, day: reportDueOn(r.schedule, r.account.timeZone, now) }))
    .filter((r) => r.day !== null);
  for (const { room, account, day } of due) {
    try {
      const outcome = writeTransaction(db, (tx) => {
        // The claim: only one process moves lastSentOn to today; the others find it done.
        const claimed = tx
          .update(reportSchedules)
          .set({ lastSentOn: day })
          .where(
            and(
              eq(reportSchedules.roomId, room.id),
              eq(reportSchedules.enabled, true),
              or(isNull(reportSchedules.lastSentOn), ne(reportSchedules.lastSentOn, day!)),
            ),
          )
          .run();
        if (claimed.changes !== 1) return "taken" as const;
        // Nobody to send to this week: the day stays claimed, so the job does not retry every tick.
        if (!reportRecipients(tx, room, account).length) return "noRecipients" as const;
        const intro = tx
          .select({ intro: reportSchedules.nextIntro })
          .from(reportSchedules)
          .where(eq(reportSchedules.roomId, room.id))
          .get()?.intro;
        sendReportTx(tx, { room, account, actorId: null, intro: intro ?? null, now });
        return "sent" as const;
      });
      if (outcome === "sent") result.sent += 1;
      if (outcome === "noRecipients") {
        result.skippedNoRecipients += 1;
        opts.log?.info({ roomId: room.id }, "weekly report not sent: no customer recipients");
      }
    } catch (err) {
      result.failed += 1;
      opts.log?.error({ err, roomId: room.id }, "weekly report failed for a room");
    }
  }
  return result;
}

/** Interval body for the server. */
export function runReportJobs(log: Log, now: Date = new Date()): void {
  try {
    const r = runScheduledReports(now, { log });
    if (r.sent || r.failed) log.info(r, "scheduled weekly reports");
  } catch (err) {
    log.error({ err }, "weekly report job failed");
  }
}
