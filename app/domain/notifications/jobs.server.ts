import { runMentionBatch } from "./mentions.server";
import { runReminderDigests } from "./reminders.server";

type Log = { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };

/** The periodic notification work: batched mention emails and the daily reminder digests. */
export function runNotificationJobs(log: Log, now: Date = new Date()): void {
  try {
    const mentions = runMentionBatch(now);
    if (mentions) log.info({ mentions }, "queued mention emails");
  } catch (err) {
    log.error({ err }, "mention batch failed");
  }
  try {
    const digests = runReminderDigests(now);
    if (digests) log.info({ digests }, "queued reminder digests");
  } catch (err) {
    log.error({ err }, "reminder digests failed");
  }
}
