/**
 * The health jobs. Each runs under a lease row in job_locks, so two processes sharing the database
 * never run the same job at once; the daily one also records its day key and runs once per day.
 * The server runs them on an interval; `npm run jobs -- <name>` runs one from a separate process.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { rawSql } from "#db/raw-sql";
import { jobLocks } from "#db/schema";
import { getHealthConfig } from "./config.server";
import { dirtyRoomIds, liveRoomIds, recomputeRooms } from "./recompute.server";

const PROCESS_ID = randomUUID();

/** After an input changes, wait this long for more changes before recomputing (a burst costs one run). */
export const HEALTH_DEBOUNCE_MS = 3_000;

/** The lease statements, tables and columns named through the schema (rawSql). */
const LEASE_SQL = {
  ensure: rawSql`INSERT OR IGNORE INTO ${jobLocks} (${jobLocks.name}) VALUES (?)`,
  take: rawSql`UPDATE ${jobLocks} SET ${jobLocks.holder} = @holder, ${jobLocks.lockedUntil} = @until
       WHERE ${jobLocks.name} = @name
         AND (${jobLocks.lockedUntil} IS NULL OR ${jobLocks.lockedUntil} <= @now OR ${jobLocks.holder} = @holder)
         AND (@runKey IS NULL OR ${jobLocks.lastRunKey} IS NULL OR ${jobLocks.lastRunKey} <> @runKey)`,
  release: rawSql`UPDATE ${jobLocks} SET ${jobLocks.holder} = NULL, ${jobLocks.lockedUntil} = NULL,
           ${jobLocks.lastRunKey} = CASE WHEN @completed THEN COALESCE(@runKey, ${jobLocks.lastRunKey})
             ELSE ${jobLocks.lastRunKey} END,
           ${jobLocks.lastRunAt} = CASE WHEN @completed THEN @at ELSE ${jobLocks.lastRunAt} END
         WHERE ${jobLocks.name} = @name AND ${jobLocks.holder} = @holder`,
};

/**
 * Takes the named lease for `leaseMs` unless another holder's lease is still running; with `runKey`,
 * also refuses when that key already ran. Returns a release function, or null when not acquired.
 */
export function acquireJobLease(
  name: string,
  leaseMs: number,
  opts: { now?: Date; runKey?: string; holder?: string } = {},
): ((completed: boolean) => void) | null {
  const client = getDb().$client;
  const now = (opts.now ?? new Date()).getTime();
  const holder = opts.holder ?? PROCESS_ID;
  client.prepare(LEASE_SQL.ensure).run(name);
  const taken = client
    .prepare(LEASE_SQL.take)
    .run({ name, holder, until: now + leaseMs, now, runKey: opts.runKey ?? null });
  if (taken.changes !== 1) return null;
  return (completed) => {
    client
      .prepare(LEASE_SQL.release)
      .run({ name, holder, completed: completed ? 1 : 0, runKey: opts.runKey ?? null, at: Date.now() });
  };
}

type Log = { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };

function runUnderLease<T>(
  name: string,
  leaseMs: number,
  opts: { now?: Date; runKey?: string; holder?: string },
  work: () => T,
): T | null {
  const release = acquireJobLease(name, leaseMs, opts);
  if (!release) return null;
  let completed = false;
  try {
    const result = work();
    completed = true;
    return result;
  } finally {
    release(completed);
  }
}

export type JobReport = { rooms: number; alertsNotified: number; ms: number };

function recomputeAll(ids: string[], now: Date, log?: Log): JobReport {
  const started = performance.now();
  const alertsNotified = recomputeRooms(ids, now, getHealthConfig(), (roomId, err) =>
    log?.error({ err, roomId }, "health recompute failed for a room"),
  );
  return { rooms: ids.length, alertsNotified, ms: Math.round(performance.now() - started) };
}

/** Recomputes rooms whose inputs changed (debounced). Null when another process holds the job. */
export function runHealthRecompute(
  now: Date = new Date(),
  opts: { holder?: string; log?: Log } = {},
): JobReport | null {
  // Most ticks find nothing to do: look first, so an idle server does not write a lease every few seconds.
  if (dirtyRoomIds(now, HEALTH_DEBOUNCE_MS, 1).length === 0) return { rooms: 0, alertsNotified: 0, ms: 0 };
  return runUnderLease("health.recompute", 60_000, { now, holder: opts.holder }, () =>
    recomputeAll(dirtyRoomIds(now, HEALTH_DEBOUNCE_MS), now, opts.log),
  );
}

/**
 * The daily pass: every live room is recomputed, which writes its snapshot for the day and judges the
 * time-based alert rules (inactivity, lateness). Keyed by UTC day; a second run the same day does nothing,
 * and snapshots are one row per room and day anyway.
 */
export function runDailyHealth(
  now: Date = new Date(),
  opts: { holder?: string; force?: boolean; log?: Log } = {},
): JobReport | null {
  const runKey = opts.force ? undefined : now.toISOString().slice(0, 10);
  return runUnderLease("health.daily", 30 * 60_000, { now, runKey, holder: opts.holder }, () =>
    recomputeAll(liveRoomIds(), now, opts.log),
  );
}

/** Interval body for the server: cheap when there is nothing to do (one indexed query each). */
export function runHealthJobs(log: Log, now: Date = new Date()): void {
  try {
    const daily = runDailyHealth(now, { log });
    if (daily) log.info(daily, "daily health pass");
    const report = runHealthRecompute(now, { log });
    if (report?.rooms) log.info(report, "recomputed room health");
  } catch (err) {
    log.error({ err }, "health job failed");
  }
}

/** For tests and scripts: forget leases and day keys. */
export function resetJobLocks(): void {
  getDb().run(sql`DELETE FROM ${jobLocks}`);
}
