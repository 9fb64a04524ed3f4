/**
 * Recomputes a room's health: gather facts, score them (pure), apply the override, judge the alert
 * rules, then store the state, today's snapshot and the alerts in one transaction, with the alert
 * emails in the outbox of that same transaction.
 */
import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { getDb, type Tx } from "#db/client.server";
import {
  accounts,
  healthAlerts,
  healthOverrides,
  healthSnapshots,
  roomHealth,
  rooms,
  users,
} from "#db/schema";
import { recordEvent } from "~/domain/events/events.server";
import { guessLocale, roomUrl } from "~/domain/notifications/locale";
import { daysBetween, todayIn } from "~/domain/plan/dates";
import { i18nFor } from "~/i18n/i18n.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { env } from "~/utils/env.server";
import { evaluateAlerts } from "./alerts";
import { getHealthConfig } from "./config.server";
import { gatherHealthInputs } from "./inputs.server";
import { alertText } from "./text";
import type { AlertFinding, Band, HealthConfig, HealthInputs, HealthResult } from "./model";
import { applyOverride, computeHealth } from "./score";

const DAY_MS = 24 * 60 * 60 * 1000;

export type RecomputeOutcome = { roomId: string; band: Band; score: number | null; alertsNotified: number };

/** Rooms whose health is kept current; completed and archived rooms keep their last state. */
const LIVE_STATUSES = ["active", "paused"] as const;

export function recomputeRoomHealth(
  roomId: string,
  now: Date = new Date(),
  config: HealthConfig = getHealthConfig(),
): RecomputeOutcome | null {
  const db = getDb();
  return db.transaction((tx) => {
    const row = tx
      .select({
        id: rooms.id,
        title: rooms.title,
        status: rooms.status,
        accountId: accounts.id,
        accountName: accounts.name,
        timeZone: accounts.timeZone,
        csmId: accounts.csmId,
        kickoffDate: rooms.kickoffDate,
      })
      .from(rooms)
      .innerJoin(accounts, eq(accounts.id, rooms.accountId))
      .where(eq(rooms.id, roomId))
      .get();
    if (!row) return null;
    if (!(LIVE_STATUSES as readonly string[]).includes(row.status)) {
      tx.update(roomHealth).set({ dirtySince: null }).where(eq(roomHealth.roomId, roomId)).run();
      return null;
    }
    const today = todayIn(row.timeZone, now);
    const inputs = gatherHealthInputs({ id: row.id, timeZone: row.timeZone }, now);
    const result = computeHealth(inputs, config);
    const override = activeOverride(tx, roomId, today, now);
    const effective = applyOverride(result, override, today, config);
    const findings = evaluateAlerts(inputs, result, config);

    const previous = tx.select().from(roomHealth).where(eq(roomHealth.roomId, roomId)).get();
    // Raw facts decide the mode, never an override: critical or red → reactive until green again.
    const mode =
      result.band === "red" || findings.some((f) => f.severity === "critical")
        ? "reactive"
        : result.band === "green"
          ? "proactive"
          : (previous?.mode ?? "proactive");
    const state = {
      score: result.score,
      band: result.band,
      rawBand: result.rawBand,
      effectiveScore: effective.effectiveScore,
      effectiveBand: effective.effectiveBand,
      trendDelta: result.trend.delta,
      mode,
      result: result as unknown as Record<string, unknown>,
      modelVersion: config.version,
      ...portfolioFacts(inputs, row.kickoffDate),
      openAlerts: findings.length,
      computedAt: now,
      dirtySince: null,
    };
    tx.insert(roomHealth)
      .values({ roomId, ...state })
      .onConflictDoUpdate({ target: roomHealth.roomId, set: state })
      .run();
    const snapshot = {
      score: result.score,
      band: result.band,
      rawBand: result.rawBand,
      effectiveScore: effective.effectiveScore,
      effectiveBand: effective.effectiveBand,
      result: {
        measures: result.measures.map((m) => ({
          key: m.key,
          raw: m.raw,
          score: m.score,
          effectiveWeight: m.effectiveWeight,
        })),
        caps: result.caps,
        override: override && effective.overridden ? override : null,
      },
      overridden: effective.overridden,
      modelVersion: config.version,
      createdAt: now,
    };
    tx.insert(healthSnapshots)
      .values({ roomId, day: today, ...snapshot })
      .onConflictDoUpdate({ target: [healthSnapshots.roomId, healthSnapshots.day], set: snapshot })
      .run();

    const base = { actorId: null, accountId: row.accountId, roomId, subjectType: "room", subjectId: roomId };
    if (previous?.computedAt && previous.band !== result.band)
      recordEvent(tx, {
        ...base,
        type: "health.band_changed",
        data: { from: previous.band, to: result.band, score: result.score },
      });
    if (previous?.computedAt && previous.mode !== mode)
      recordEvent(tx, { ...base, type: "health.mode_changed", data: { from: previous.mode, to: mode } });

    const alertsNotified = syncAlerts(tx, {
      room: row,
      findings,
      result,
      config,
      now,
    });
    return { roomId, band: result.band, score: result.score, alertsNotified };
  });
}

/** What the portfolio lists per room, derived from the same facts as the score. */
function portfolioFacts(inputs: HealthInputs, kickoffDate: string | null) {
  const { today } = inputs;
  const done = inputs.tasks.filter((t) => t.status === "done").length;
  const next = inputs.milestones
    .filter((m) => !m.completedDate)
    .sort((a, b) => a.targetDate.localeCompare(b.targetDate))[0];
  const firstValue = inputs.milestones.find((m) => m.isFirstValue && m.completedDate);
  return {
    progressPercent: inputs.tasks.length ? Math.round((done / inputs.tasks.length) * 100) : 0,
    nextMilestoneTitle: next?.title ?? null,
    nextMilestoneDate: next?.targetDate ?? null,
    nextMilestoneSlipDays: next
      ? Math.max(0, daysBetween(next.baselineDate, next.targetDate > today ? next.targetDate : today))
      : null,
    lastCustomerActivityOn: inputs.lastCustomerActivityDate,
    firstValueDays:
      firstValue?.completedDate && kickoffDate ? daysBetween(kickoffDate, firstValue.completedDate) : null,
  };
}

/** The override in force today; expired ones are cleared (with an event) on the way. */
function activeOverride(tx: Tx, roomId: string, today: string, now: Date) {
  const open = tx
    .select()
    .from(healthOverrides)
    .where(and(eq(healthOverrides.roomId, roomId), isNull(healthOverrides.clearedAt)))
    .all();
  let active: { band: Band | null; score: number | null; expiresOn: string; reason: string } | null = null;
  for (const o of open) {
    if (o.expiresOn < today) {
      tx.update(healthOverrides).set({ clearedAt: now }).where(eq(healthOverrides.id, o.id)).run();
      recordEvent(tx, {
        actorId: null,
        roomId,
        type: "health.override_expired",
        subjectType: "health_override",
        subjectId: o.id,
        data: { expiresOn: o.expiresOn },
      });
    } else active = { band: o.band, score: o.score, expiresOn: o.expiresOn, reason: o.reason };
  }
  return active;
}

type AlertRoom = {
  id: string;
  title: string;
  accountId: string;
  accountName: string;
  timeZone: string;
  csmId: string;
};

/**
 * One open alert per room and rule: opens new ones, updates and escalates open ones, resolves those
 * whose condition cleared. Emails: on opening, on escalation to critical, and again after
 * `renotifyDays` unless acknowledged or snoozed. Returns the number of alerts that were emailed about.
 */
function syncAlerts(
  tx: Tx,
  input: { room: AlertRoom; findings: AlertFinding[]; result: HealthResult; config: HealthConfig; now: Date },
): number {
  const { room, findings, now, config } = input;
  const open = tx
    .select()
    .from(healthAlerts)
    .where(and(eq(healthAlerts.roomId, room.id), isNull(healthAlerts.resolvedAt)))
    .all();
  const byRule = new Map(open.map((a) => [a.rule, a]));
  const base = { actorId: null, accountId: room.accountId, roomId: room.id, subjectType: "health_alert" };
  const toNotify: { id: string; finding: AlertFinding }[] = [];

  for (const finding of findings) {
    const existing = byRule.get(finding.rule);
    byRule.delete(finding.rule);
    if (!existing) {
      const created = tx
        .insert(healthAlerts)
        .values({
          roomId: room.id,
          rule: finding.rule,
          severity: finding.severity,
          facts: finding.facts,
          openedAt: now,
        })
        .returning({ id: healthAlerts.id })
        .get();
      recordEvent(tx, {
        ...base,
        subjectId: created.id,
        type: "health.alert_opened",
        data: { rule: finding.rule, severity: finding.severity },
      });
      toNotify.push({ id: created.id, finding });
      continue;
    }
    const escalated = finding.severity === "critical" && existing.notifiedSeverity !== "critical";
    const snoozed = !!existing.snoozedUntil && existing.snoozedUntil > now;
    const renotifyDue =
      !existing.acknowledgedAt &&
      (!existing.lastNotifiedAt ||
        now.getTime() - existing.lastNotifiedAt.getTime() >= config.alerts.renotifyDays * DAY_MS);
    tx.update(healthAlerts)
      .set({
        severity: finding.severity,
        facts: finding.facts,
        // An escalation asks for a fresh look.
        ...(escalated ? { acknowledgedAt: null, acknowledgedById: null } : {}),
      })
      .where(eq(healthAlerts.id, existing.id))
      .run();
    if (escalated)
      recordEvent(tx, {
        ...base,
        subjectId: existing.id,
        type: "health.alert_escalated",
        data: { rule: finding.rule },
      });
    if (!snoozed && (escalated || renotifyDue)) toNotify.push({ id: existing.id, finding });
  }
  for (const cleared of byRule.values()) {
    tx.update(healthAlerts).set({ resolvedAt: now }).where(eq(healthAlerts.id, cleared.id)).run();
    recordEvent(tx, {
      ...base,
      subjectId: cleared.id,
      type: "health.alert_resolved",
      data: { rule: cleared.rule },
    });
  }
  if (toNotify.length === 0) return 0;

  notifyAlerts(tx, room, toNotify, input.result);
  for (const n of toNotify)
    tx.update(healthAlerts)
      .set({ lastNotifiedAt: now, notifiedSeverity: n.finding.severity })
      .where(eq(healthAlerts.id, n.id))
      .run();
  return toNotify.length;
}

/** One email per recipient per computation: warnings to the room's CSM, critical ones also to admins. */
function notifyAlerts(
  tx: Tx,
  room: AlertRoom,
  items: { finding: AlertFinding }[],
  result: HealthResult,
): void {
  const critical = items.some((i) => i.finding.severity === "critical");
  const recipients = tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      staffRole: users.staffRole,
    })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        eq(users.kind, "staff"),
        critical ? or(eq(users.id, room.csmId), eq(users.staffRole, "admin")) : eq(users.id, room.csmId),
      ),
    )
    .all();
  const url = roomUrl(env().APP_URL, room.id, "health");
  for (const r of recipients) {
    const isCsm = r.id === room.csmId;
    // Admins hear only of the critical ones; the CSM of everything.
    const mine = items.filter((i) => isCsm || i.finding.severity === "critical");
    if (mine.length === 0) continue;
    const locale = r.locale ?? guessLocale(room.timeZone);
    const t = i18nFor(locale).t;
    enqueueEmail(tx, {
      to: r.email,
      locale,
      template: "health_alert",
      props: {
        recipientName: r.name,
        accountName: room.accountName,
        roomTitle: room.title,
        score: result.score,
        band: result.band,
        alerts: mine.map((i) => ({
          severity: i.finding.severity,
          text: alertText(t, locale, i.finding.rule, i.finding.facts),
        })),
        url,
      },
    });
  }
}

/** Rooms whose inputs changed at least `debounceMs` ago (so a burst of events costs one computation). */
export function dirtyRoomIds(now: Date, debounceMs: number, limit = 500): string[] {
  return getDb()
    .select({ roomId: roomHealth.roomId })
    .from(roomHealth)
    .where(lt(roomHealth.dirtySince, new Date(now.getTime() - debounceMs + 1)))
    .limit(limit)
    .all()
    .map((r) => r.roomId);
}

export function liveRoomIds(): string[] {
  return getDb()
    .select({ id: rooms.id })
    .from(rooms)
    .where(inArray(rooms.status, [...LIVE_STATUSES]))
    .all()
    .map((r) => r.id);
}
