import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, idColumn, timestamp } from "./columns";
import { milestones } from "./plan";
import { rooms } from "./rooms";
import { users } from "./users";
import { HEALTH_BANDS, PULSES } from "../../app/vocabulary";

export const ROOM_MODES = ["proactive", "reactive"] as const;
export const ALERT_SEVERITIES = ["warning", "critical"] as const;

/** Every saved version of the health model's weights, anchors and thresholds; the newest one is in force. */
export const healthConfigs = sqliteTable("health_configs", {
  version: integer().primaryKey(),
  /** A HealthConfig (app/domain/health/model.ts), validated before it is stored. */
  config: text({ mode: "json" }).notNull().$type<Record<string, unknown>>(),
  createdById: text().references(() => users.id),
  createdAt: createdAt(),
});

/** The latest computation per room: what the portfolio sorts on and the room's health panel explains. */
export const roomHealth = sqliteTable(
  "room_health",
  {
    roomId: text()
      .primaryKey()
      .references(() => rooms.id, { onDelete: "cascade" }),
    /** Computed score (null when grey) and the band after hysteresis, before any override. */
    score: real(),
    band: text({ enum: HEALTH_BANDS }).notNull().default("grey"),
    rawBand: text({ enum: HEALTH_BANDS }).notNull().default("grey"),
    /** What the portfolio shows: the override's band/score while one is in force, else the computed ones. */
    effectiveScore: real(),
    effectiveBand: text({ enum: HEALTH_BANDS }).notNull().default("grey"),
    trendDelta: real(),
    mode: text({ enum: ROOM_MODES }).notNull().default("proactive"),
    /** The whole HealthResult, for the explanation. */
    result: text({ mode: "json" }).$type<Record<string, unknown>>(),
    modelVersion: integer().notNull().default(0),
    /** Portfolio columns, kept here so listing thousands of rooms needs no per-room plan queries. */
    progressPercent: integer().notNull().default(0),
    nextMilestoneTitle: text(),
    nextMilestoneDate: text(),
    /** Days the next milestone's target moved past its baseline, or is already past today. */
    nextMilestoneSlipDays: integer(),
    lastCustomerActivityOn: text(),
    /** Days from kickoff to the first-value milestone's completion; null until reached. */
    firstValueDays: integer(),
    openAlerts: integer().notNull().default(0),
    computedAt: timestamp("computed_at"),
    /** Set when an event touched an input; the debounced job recomputes and clears it. */
    dirtySince: timestamp("dirty_since"),
  },
  (t) => [
    index("room_health_dirty_idx").on(t.dirtySince),
    index("room_health_effective_idx").on(t.effectiveBand, t.effectiveScore),
  ],
);

/** One row per room and calendar day; rewriting the same day is idempotent. */
export const healthSnapshots = sqliteTable(
  "health_snapshots",
  {
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    day: text().notNull(),
    score: real(),
    band: text({ enum: HEALTH_BANDS }).notNull(),
    rawBand: text({ enum: HEALTH_BANDS }).notNull(),
    effectiveScore: real(),
    effectiveBand: text({ enum: HEALTH_BANDS }).notNull(),
    /** Measures (raw, score, effective weight), caps and the override in force. */
    result: text({ mode: "json" }).notNull().$type<Record<string, unknown>>(),
    overridden: integer({ mode: "boolean" }).notNull().default(false),
    modelVersion: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.day] })],
);

/** The CSM's manual reading of the customer; the newest row is the current pulse. */
export const healthPulses = sqliteTable(
  "health_pulses",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    value: text({ enum: PULSES }).notNull(),
    comment: text().notNull(),
    setById: text()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("health_pulses_room_idx").on(t.roomId, t.createdAt)],
);

/** An overall override with a reason and an expiry; the computed score stays visible beside it. */
export const healthOverrides = sqliteTable(
  "health_overrides",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    band: text({ enum: HEALTH_BANDS }),
    score: real(),
    reason: text().notNull(),
    /** Last calendar day (account zone) on which it is in force. */
    expiresOn: text().notNull(),
    createdById: text()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    clearedAt: timestamp("cleared_at"),
    clearedById: text().references(() => users.id),
  },
  (t) => [index("health_overrides_room_idx").on(t.roomId, t.createdAt)],
);

/** A customer's 1–5 rating of a completed milestone; one per person and milestone, replaced on re-rating. */
export const milestoneRatings = sqliteTable(
  "milestone_ratings",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    milestoneId: text()
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    stars: integer().notNull(),
    comment: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("milestone_ratings_unique").on(t.milestoneId, t.userId),
    index("milestone_ratings_room_idx").on(t.roomId, t.createdAt),
  ],
);

/** A fuel lamp: at most one open alert per room and rule (partial unique index). */
export const healthAlerts = sqliteTable(
  "health_alerts",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    rule: text().notNull(),
    severity: text({ enum: ALERT_SEVERITIES }).notNull(),
    /** The facts behind it at the last evaluation (what the message and the link to the cause use). */
    facts: text({ mode: "json" }).notNull().$type<Record<string, unknown>>(),
    openedAt: timestamp("opened_at").notNull(),
    lastNotifiedAt: timestamp("last_notified_at"),
    /** Severity of the last email, so an escalation to critical notifies at once. */
    notifiedSeverity: text({ enum: ALERT_SEVERITIES }),
    acknowledgedAt: timestamp("acknowledged_at"),
    acknowledgedById: text().references(() => users.id),
    snoozedUntil: timestamp("snoozed_until"),
    snoozeReason: text(),
    resolvedAt: timestamp("resolved_at"),
  },
  (t) => [
    uniqueIndex("health_alerts_open_unique")
      .on(t.roomId, t.rule)
      .where(sql`${t.resolvedAt} IS NULL`),
    index("health_alerts_room_idx").on(t.roomId, t.openedAt),
  ],
);

/**
 * Job leases: a process runs a job only while it holds the row's lease, so two processes never run the
 * same job at once; `lastRunKey` makes the daily job idempotent (one run per day key).
 */
export const jobLocks = sqliteTable("job_locks", {
  name: text().primaryKey(),
  holder: text(),
  lockedUntil: timestamp("locked_until"),
  lastRunKey: text(),
  lastRunAt: timestamp("last_run_at"),
});
