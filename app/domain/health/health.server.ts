/**
 * Health commands (pulse, override, milestone rating, alert acknowledge/snooze) and the queries behind
 * the room's health panel and the alert inbox. Commands write their event in the same transaction and
 * then recompute the room at once, so the person who acted sees the result.
 */
import { and, asc, desc, eq, gte, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "#db/client.server";
import {
  accounts,
  healthAlerts,
  healthOverrides,
  healthPulses,
  healthSnapshots,
  milestoneRatings,
  milestones,
  roomHealth,
  rooms,
  users,
} from "#db/schema";
import { can, type StaffRole } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import { addDays, todayIn } from "~/domain/plan/dates";
import type { RoomContext } from "~/domain/plan/plan.server";
import { DomainError } from "~/utils/errors";
import { fields } from "~/utils/forms";
import { getHealthConfig } from "./config.server";
import {
  MEASURE_KEYS,
  OVERRIDE_MAX_DAYS,
  PULSES,
  SNOOZE_MAX_DAYS,
  type AlertFilter,
  type Band,
  type HealthResult,
  type MeasureKey,
} from "./model";
import { recomputeRoomHealth } from "./recompute.server";

const DAY_MS = 24 * 60 * 60 * 1000;
export const HISTORY_WEEKS = 18;

const intField = (min: number, max: number, message: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : undefined),
    z.number({ error: "validation.required" }).int({ message }).min(min, { message }).max(max, { message }),
  );

export const PulseSchema = z.object({
  value: fields.enumOf(PULSES),
  comment: fields.requiredText(1000),
});

export const OverrideSchema = z
  .object({
    band: z.preprocess((v) => (v === "" ? undefined : v), z.enum(PULSES).optional()),
    score: z.preprocess(
      (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : undefined),
      z
        .number({ error: "health.errors.score" })
        .min(0, { message: "health.errors.score" })
        .max(100, { message: "health.errors.score" })
        .optional(),
    ),
    reason: fields.requiredText(1000),
    days: intField(1, OVERRIDE_MAX_DAYS, "health.errors.overrideDays"),
  })
  .refine((o) => o.band !== undefined || o.score !== undefined, {
    message: "health.errors.bandOrScore",
    path: ["band"],
  });

export const RatingSchema = z.object({
  milestoneId: z.string().min(1),
  stars: intField(1, 5, "health.errors.stars"),
  comment: fields.optionalText(1000),
});

export const SnoozeSchema = z.object({
  alertId: z.string().min(1),
  days: intField(1, SNOOZE_MAX_DAYS, "health.errors.snoozeDays"),
  reason: fields.requiredText(500),
});

function requireHealthManager(ctx: RoomContext) {
  if (!can(ctx.role, "health.manage")) throw new DomainError(403, "errors.forbidden");
}

const eventBase = (ctx: RoomContext) => ({
  actorId: ctx.user.id,
  accountId: ctx.account.id,
  roomId: ctx.room.id,
});

export function setPulse(ctx: RoomContext, input: z.output<typeof PulseSchema>, now = new Date()): void {
  requireHealthManager(ctx);
  getDb().transaction((tx) => {
    const row = tx
      .insert(healthPulses)
      .values({
        roomId: ctx.room.id,
        value: input.value,
        comment: input.comment,
        setById: ctx.user.id,
        createdAt: now,
      })
      .returning({ id: healthPulses.id })
      .get();
    recordEvent(
      tx,
      {
        ...eventBase(ctx),
        type: "health.pulse_set",
        subjectType: "health_pulse",
        subjectId: row.id,
        data: { value: input.value },
      },
      now,
    );
  });
  recomputeRoomHealth(ctx.room.id, now);
}

export function setOverride(
  ctx: RoomContext,
  input: z.output<typeof OverrideSchema>,
  now = new Date(),
): void {
  requireHealthManager(ctx);
  const today = todayIn(ctx.account.timeZone, now);
  // Active through its last day: 14 days from today means today plus 13 more.
  const expiresOn = addDays(today, input.days - 1);
  getDb().transaction((tx) => {
    tx.update(healthOverrides)
      .set({ clearedAt: now, clearedById: ctx.user.id })
      .where(and(eq(healthOverrides.roomId, ctx.room.id), isNull(healthOverrides.clearedAt)))
      .run();
    const row = tx
      .insert(healthOverrides)
      .values({
        roomId: ctx.room.id,
        band: input.band ?? null,
        score: input.score ?? null,
        reason: input.reason,
        expiresOn,
        createdById: ctx.user.id,
        createdAt: now,
      })
      .returning({ id: healthOverrides.id })
      .get();
    recordEvent(
      tx,
      {
        ...eventBase(ctx),
        type: "health.override_set",
        subjectType: "health_override",
        subjectId: row.id,
        data: { band: input.band ?? null, score: input.score ?? null, expiresOn },
      },
      now,
    );
  });
  recomputeRoomHealth(ctx.room.id, now);
}

export function clearOverride(ctx: RoomContext, now = new Date()): void {
  requireHealthManager(ctx);
  const cleared = getDb().transaction((tx) => {
    const open = tx
      .select({ id: healthOverrides.id })
      .from(healthOverrides)
      .where(and(eq(healthOverrides.roomId, ctx.room.id), isNull(healthOverrides.clearedAt)))
      .all();
    if (open.length === 0) return false;
    tx.update(healthOverrides)
      .set({ clearedAt: now, clearedById: ctx.user.id })
      .where(
        inArray(
          healthOverrides.id,
          open.map((o) => o.id),
        ),
      )
      .run();
    recordEvent(
      tx,
      {
        ...eventBase(ctx),
        type: "health.override_cleared",
        subjectType: "room",
        subjectId: ctx.room.id,
      },
      now,
    );
    return true;
  });
  if (!cleared) throw new DomainError(409, "health.errors.noOverride");
  recomputeRoomHealth(ctx.room.id, now);
}

/** A customer rates a completed, shared milestone; rating again replaces their earlier rating. */
export function rateMilestone(
  ctx: RoomContext,
  input: z.output<typeof RatingSchema>,
  now = new Date(),
): void {
  if (!can(ctx.role, "milestones.rate")) throw new DomainError(403, "errors.forbidden");
  getDb().transaction((tx) => {
    const milestone = tx
      .select()
      .from(milestones)
      .where(and(eq(milestones.id, input.milestoneId), eq(milestones.roomId, ctx.room.id)))
      .get();
    if (!milestone || milestone.visibility !== "shared") throw new DomainError(404, "errors.notFound");
    if (!milestone.completedAt) throw new DomainError(409, "health.errors.rateOpenMilestone", {}, "stars");
    const values = {
      roomId: ctx.room.id,
      milestoneId: milestone.id,
      userId: ctx.user.id,
      stars: input.stars,
      comment: input.comment ?? null,
      createdAt: now,
    };
    tx.insert(milestoneRatings)
      .values(values)
      .onConflictDoUpdate({ target: [milestoneRatings.milestoneId, milestoneRatings.userId], set: values })
      .run();
    // No visibility in the data: ratings are the vendor's to read, never other customers'.
    recordEvent(
      tx,
      {
        ...eventBase(ctx),
        type: "milestone.rated",
        subjectType: "milestone",
        subjectId: milestone.id,
        data: { title: milestone.title, stars: input.stars },
      },
      now,
    );
  });
  recomputeRoomHealth(ctx.room.id, now);
}

export function myMilestoneRating(ctx: RoomContext, milestoneId: string) {
  return (
    getDb()
      .select({ stars: milestoneRatings.stars, comment: milestoneRatings.comment })
      .from(milestoneRatings)
      .where(
        and(
          eq(milestoneRatings.milestoneId, milestoneId),
          eq(milestoneRatings.roomId, ctx.room.id),
          eq(milestoneRatings.userId, ctx.user.id),
        ),
      )
      .get() ?? null
  );
}

/** An alert of this room, or 404 (ids from a request are checked against the guarded room). */
function loadAlert(ctx: RoomContext, alertId: string) {
  const alert = getDb()
    .select()
    .from(healthAlerts)
    .where(and(eq(healthAlerts.id, alertId), eq(healthAlerts.roomId, ctx.room.id)))
    .get();
  if (!alert) throw new DomainError(404, "errors.notFound");
  if (alert.resolvedAt) throw new DomainError(409, "health.errors.alertResolved");
  return alert;
}

export function acknowledgeAlert(ctx: RoomContext, alertId: string, now = new Date()): void {
  requireHealthManager(ctx);
  const alert = loadAlert(ctx, alertId);
  getDb().transaction((tx) => {
    tx.update(healthAlerts)
      .set({ acknowledgedAt: now, acknowledgedById: ctx.user.id })
      .where(eq(healthAlerts.id, alert.id))
      .run();
    recordEvent(
      tx,
      {
        ...eventBase(ctx),
        type: "health.alert_acknowledged",
        subjectType: "health_alert",
        subjectId: alert.id,
        data: { rule: alert.rule },
      },
      now,
    );
  });
}

export function snoozeAlert(ctx: RoomContext, input: z.output<typeof SnoozeSchema>, now = new Date()): void {
  requireHealthManager(ctx);
  const alert = loadAlert(ctx, input.alertId);
  const until = new Date(now.getTime() + input.days * DAY_MS);
  getDb().transaction((tx) => {
    tx.update(healthAlerts)
      .set({ snoozedUntil: until, snoozeReason: input.reason })
      .where(eq(healthAlerts.id, alert.id))
      .run();
    recordEvent(
      tx,
      {
        ...eventBase(ctx),
        type: "health.alert_snoozed",
        subjectType: "health_alert",
        subjectId: alert.id,
        data: { rule: alert.rule, until: until.toISOString(), reason: input.reason },
      },
      now,
    );
  });
}

export type HealthAlertView = {
  id: string;
  rule: string;
  severity: "warning" | "critical";
  facts: Record<string, unknown>;
  openedAt: string;
  acknowledgedAt: string | null;
  snoozedUntil: string | null;
  snoozeReason: string | null;
};

/** Critical before warning (the column's alphabetical order is the opposite). */
const CRITICAL_FIRST = sql`case ${healthAlerts.severity} when 'critical' then 0 else 1 end`;

const alertView = (a: typeof healthAlerts.$inferSelect): HealthAlertView => ({
  id: a.id,
  rule: a.rule,
  severity: a.severity,
  facts: a.facts,
  openedAt: a.openedAt.toISOString(),
  acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
  snoozedUntil: a.snoozedUntil?.toISOString() ?? null,
  snoozeReason: a.snoozeReason,
});

/** Everything the staff-only health panel shows; computes the room first if it never was. */
export function getHealthPanel(ctx: RoomContext, now = new Date()) {
  if (!can(ctx.role, "health.view")) throw new DomainError(403, "errors.forbidden");
  const db = getDb();
  let state = db.select().from(roomHealth).where(eq(roomHealth.roomId, ctx.room.id)).get();
  if (!state?.computedAt || state.dirtySince) {
    recomputeRoomHealth(ctx.room.id, now);
    state = db.select().from(roomHealth).where(eq(roomHealth.roomId, ctx.room.id)).get();
  }
  const config = getHealthConfig();
  const today = todayIn(ctx.account.timeZone, now);
  const since = addDays(today, -HISTORY_WEEKS * 7);
  const snapshots = db
    .select({
      day: healthSnapshots.day,
      score: healthSnapshots.score,
      band: healthSnapshots.band,
      effectiveScore: healthSnapshots.effectiveScore,
      result: healthSnapshots.result,
    })
    .from(healthSnapshots)
    .where(and(eq(healthSnapshots.roomId, ctx.room.id), gte(healthSnapshots.day, since)))
    .orderBy(asc(healthSnapshots.day))
    .all();
  const weekAgo = addDays(today, -7);
  const weekAgoSnapshot = [...snapshots].reverse().find((s) => s.day <= weekAgo) ?? null;
  const result = (state?.result ?? null) as HealthResult | null;
  const before = new Map(
    (
      (weekAgoSnapshot?.result as { measures?: { key: MeasureKey; score: number | null }[] } | undefined)
        ?.measures ?? []
    ).map((m) => [m.key, m.score]),
  );
  const changes = result
    ? MEASURE_KEYS.flatMap((key) => {
        const nowScore = result.measures.find((m) => m.key === key)?.score ?? null;
        const then = before.get(key) ?? null;
        if (!weekAgoSnapshot || nowScore === then) return [];
        if (nowScore !== null && then !== null && Math.abs(nowScore - then) < 1) return [];
        return [{ key, from: then, to: nowScore }];
      })
    : [];
  const pulse =
    db
      .select({
        value: healthPulses.value,
        comment: healthPulses.comment,
        at: healthPulses.createdAt,
        by: users.name,
      })
      .from(healthPulses)
      .innerJoin(users, eq(users.id, healthPulses.setById))
      .where(eq(healthPulses.roomId, ctx.room.id))
      .orderBy(desc(healthPulses.createdAt))
      .limit(1)
      .get() ?? null;
  const override =
    db
      .select({
        band: healthOverrides.band,
        score: healthOverrides.score,
        reason: healthOverrides.reason,
        expiresOn: healthOverrides.expiresOn,
        by: users.name,
      })
      .from(healthOverrides)
      .innerJoin(users, eq(users.id, healthOverrides.createdById))
      .where(
        and(
          eq(healthOverrides.roomId, ctx.room.id),
          isNull(healthOverrides.clearedAt),
          gte(healthOverrides.expiresOn, today),
        ),
      )
      .orderBy(desc(healthOverrides.createdAt))
      .limit(1)
      .get() ?? null;
  const alerts = db
    .select()
    .from(healthAlerts)
    .where(and(eq(healthAlerts.roomId, ctx.room.id), isNull(healthAlerts.resolvedAt)))
    .orderBy(CRITICAL_FIRST, desc(healthAlerts.openedAt))
    .all()
    .map((a) => ({ ...alertView(a), roomId: a.roomId }));
  const ratings = db
    .select({
      stars: milestoneRatings.stars,
      comment: milestoneRatings.comment,
      at: milestoneRatings.createdAt,
      milestone: milestones.title,
      by: users.name,
    })
    .from(milestoneRatings)
    .innerJoin(milestones, eq(milestones.id, milestoneRatings.milestoneId))
    .innerJoin(users, eq(users.id, milestoneRatings.userId))
    .where(eq(milestoneRatings.roomId, ctx.room.id))
    .orderBy(desc(milestoneRatings.createdAt))
    .limit(5)
    .all();
  return {
    today,
    state: state
      ? {
          score: state.score,
          band: state.band as Band,
          effectiveScore: state.effectiveScore,
          effectiveBand: state.effectiveBand as Band,
          mode: state.mode,
          modelVersion: state.modelVersion,
          computedAt: state.computedAt?.toISOString() ?? null,
        }
      : null,
    result,
    history: snapshots.map((s) => ({
      day: s.day,
      score: s.score,
      band: s.band,
      effectiveScore: s.effectiveScore,
    })),
    changes,
    pulse: pulse ? { ...pulse, at: pulse.at.toISOString() } : null,
    override,
    alerts,
    ratings: ratings.map((r) => ({ ...r, at: r.at.toISOString() })),
    historyWeeks: HISTORY_WEEKS,
    config: {
      pulseMaxAgeDays: config.pulseMaxAgeDays,
      overrideMaxDays: OVERRIDE_MAX_DAYS,
      bands: { green: config.bands.green, yellow: config.bands.yellow },
    },
  };
}

/** The room header's badge: the band and score in force (override included) and the mode. */
export function getHealthBadge(roomId: string) {
  const row = getDb()
    .select({ band: roomHealth.effectiveBand, score: roomHealth.effectiveScore, mode: roomHealth.mode })
    .from(roomHealth)
    .where(eq(roomHealth.roomId, roomId))
    .get();
  return row ?? { band: "grey" as Band, score: null, mode: "proactive" as const };
}

/** The alert inbox: CSMs see the alerts of the accounts they run, admins all. */
export function listAlertInbox(
  actor: { id: string; staffRole: StaffRole },
  opts: { filter: AlertFilter; mineOnly: boolean },
  now = new Date(),
) {
  const scope: SQL | undefined =
    actor.staffRole === "admin" && !opts.mineOnly ? undefined : eq(accounts.csmId, actor.id);
  const rows = getDb()
    .select({ alert: healthAlerts, roomTitle: rooms.title, accountName: accounts.name })
    .from(healthAlerts)
    .innerJoin(rooms, eq(rooms.id, healthAlerts.roomId))
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .where(
      and(
        scope,
        opts.filter === "resolved"
          ? gte(healthAlerts.resolvedAt, new Date(now.getTime() - 30 * DAY_MS))
          : isNull(healthAlerts.resolvedAt),
      ),
    )
    .orderBy(CRITICAL_FIRST, desc(healthAlerts.openedAt))
    .limit(500)
    .all();
  const snoozed = (a: typeof healthAlerts.$inferSelect) => !!a.snoozedUntil && a.snoozedUntil > now;
  return rows
    .filter(({ alert }) => {
      switch (opts.filter) {
        case "open":
          return !alert.acknowledgedAt && !snoozed(alert);
        case "acknowledged":
          return !!alert.acknowledgedAt && !snoozed(alert);
        case "snoozed":
          return snoozed(alert);
        default:
          return true;
      }
    })
    .map(({ alert, roomTitle, accountName }) => ({
      ...alertView(alert),
      roomId: alert.roomId,
      roomTitle,
      accountName,
      resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    }));
}

/** Open, unacknowledged, unsnoozed alerts for the header badge. */
export function countOpenAlerts(actor: { id: string; staffRole: StaffRole }, now = new Date()): number {
  return listAlertInbox(actor, { filter: "open", mineOnly: actor.staffRole !== "admin" }, now).length;
}
