import { sql } from "drizzle-orm";
import { closeDatabase, getDb } from "#db/client.server";
import { deleteExpiredCredentials } from "~/auth/session.server";
import { runHealthJobs } from "~/domain/health/jobs.server";
import { runNotificationJobs } from "~/domain/notifications/jobs.server";
import { runReportJobs } from "~/domain/reports/jobs.server";
import { runSignOffJobs } from "~/domain/signoff/jobs.server";
import { hasAnyUser } from "~/domain/users/users.server";
import { getMailBrand } from "~/domain/workspace/brand.server";
import { createRelay } from "~/mail/relay.server";
import { createMailTransport } from "~/mail/transport.server";
import { seedDemoData, type DemoCredentials } from "~/startup/demo.server";
import { env } from "~/utils/env.server";
import { runInRequestScope } from "~/utils/request-scope.server";

type Log = {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
};

let relay: ReturnType<typeof createRelay> | undefined;
let housekeeping: NodeJS.Timeout | undefined;
let notifications: NodeJS.Timeout | undefined;
let health: NodeJS.Timeout | undefined;
let reports: NodeJS.Timeout | undefined;
let signOffs: NodeJS.Timeout | undefined;

const HOUR = 60 * 60 * 1000;

/** Expired sessions and sign-in links are useless; delete them so the tables stay small. */
function sweepExpiredCredentials(log: Log): void {
  try {
    const removed = deleteExpiredCredentials();
    if (removed.sessions + removed.signInTokens > 0)
      log.info(removed, "removed expired sessions and sign-in links");
  } catch (err) {
    log.error({ err }, "could not remove expired sessions");
  }
}

/**
 * What server.ts needs from the app bundle. Exported through entry.server so the server and the routes
 * share one module instance (one database connection, one relay).
 */
export const runtime = {
  /**
   * Opens and migrates the database, starts the outbox relay and the jobs. Demo data only with `seed`
   * (demo mode), and then only into an empty database.
   */
  async start(
    log: Log,
    opts: { seed?: boolean; relay?: boolean } = {},
  ): Promise<{ demo: DemoCredentials | null }> {
    const { seed = false, relay: withRelay = true } = opts;
    const config = env();
    getDb();
    const demo = seed ? await seedDemoData() : null;
    if (!seed && !hasAnyUser())
      log.warn(
        {},
        "no users yet: create the first admin with `npm run admin -- create --email you@example.com`",
      );
    if (withRelay) {
      relay = createRelay({
        transport: createMailTransport(config.SMTP_URL),
        from: config.MAIL_FROM,
        brand: getMailBrand,
        intervalMs: config.OUTBOX_INTERVAL_MS,
        log,
      });
      relay.start();
      sweepExpiredCredentials(log);
      housekeeping = setInterval(() => sweepExpiredCredentials(log), HOUR);
      housekeeping.unref();
      // Mention batching needs about a minute's resolution; reminder digests are once a day per person.
      notifications = setInterval(() => runNotificationJobs(log), config.NOTIFY_INTERVAL_MS);
      notifications.unref();
      // Debounced recompute of changed rooms, and the daily pass once the UTC day turns.
      health = setInterval(() => runHealthJobs(log), config.HEALTH_INTERVAL_MS);
      health.unref();
      // Weekly status reports whose schedule is due (the minute's resolution of the notification jobs).
      reports = setInterval(() => runReportJobs(log), config.NOTIFY_INTERVAL_MS);
      reports.unref();
      // Sign-off reminders (every few days per waiting request; the minute's resolution is plenty).
      signOffs = setInterval(() => runSignOffJobs(log), config.NOTIFY_INTERVAL_MS);
      signOffs.unref();
    }
    return { demo };
  },
  /** Wraps one HTTP request so guards validate its session once, however many loaders run. */
  runInRequestScope,
  health(): { database: boolean } {
    try {
      getDb().get(sql`select 1`);
      return { database: true };
    } catch {
      return { database: false };
    }
  },
  async stop(): Promise<void> {
    clearInterval(housekeeping);
    clearInterval(notifications);
    clearInterval(health);
    clearInterval(reports);
    clearInterval(signOffs);
    await relay?.stop();
    relay = undefined;
    closeDatabase();
  },
};
