/**
 * `npm run jobs -- <job> [--force]`: runs one background job from a separate process, against the same
 * DATABASE_PATH as the server. Jobs take a lease row (job_locks) first, so running this while the server
 * runs the same job is safe: whichever comes second does nothing and says so. It needs the server's
 * APP_SECRET (queued email is sealed with it); against the demo database, run it with DEMO=1.
 *
 *   health-recompute   rooms whose inputs changed (debounced)
 *   health-daily       every live room: snapshots and time-based alerts (once per UTC day; --force reruns)
 *   notifications      batched mention emails and the daily reminder digests
 *   reports            weekly status reports whose schedule is due (once per room and local day)
 *   sign-offs          reminders of customer sign-offs (検収) still waiting (every few days per request)
 */
import { closeDatabase } from "#db/client.server";
import { runDailyHealth, runHealthRecompute } from "~/domain/health/jobs.server";
import { runNotificationJobs } from "~/domain/notifications/jobs.server";
import { runScheduledReports } from "~/domain/reports/jobs.server";
import { runSignOffReminders } from "~/domain/signoff/jobs.server";
import { loadEnvOrExit } from "~/utils/env.server";

const log = {
  info: (obj: object, msg?: string) =>
    process.stdout.write(`${JSON.stringify({ level: "info", msg, ...obj })}\n`),
  error: (obj: object, msg?: string) =>
    process.stderr.write(`${JSON.stringify({ level: "error", msg, ...obj })}\n`),
};

const [job, ...flags] = process.argv.slice(2);
// Same rule as the server: in production APP_SECRET must be set (DEMO=1 for the demo database).
loadEnvOrExit();
let ran: unknown;
switch (job) {
  case "health-recompute":
    ran = runHealthRecompute(new Date(), { log });
    break;
  case "health-daily":
    ran = runDailyHealth(new Date(), { log, force: flags.includes("--force") });
    break;
  case "notifications":
    runNotificationJobs(log);
    ran = true;
    break;
  case "reports":
    ran = runScheduledReports(new Date(), { log });
    break;
  case "sign-offs":
    ran = runSignOffReminders(new Date(), { log });
    break;
  default:
    process.stderr.write(
      "usage: npm run jobs -- health-recompute | health-daily [--force] | notifications | reports | sign-offs\n",
    );
    process.exit(2);
}
if (ran === null) log.info({ job }, "skipped: another process holds this job, or it already ran today");
else if (ran !== true) log.info({ job, ...(ran as object) }, "done");
closeDatabase();
