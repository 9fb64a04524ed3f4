/**
 * Recomputes a room's health: gather facts, score them (pure), apply the override, judge the alert
 * rules, then store the state, today's snapshot and the alerts in one transaction, with the alert
 * emails in the outbox of that same transaction.
 */
import { inArray, lt } from "drizzle-orm";
import { getDb, preparedSql, type Tx } from "#db/client.server";
import { newId } from "#db/ids";
import { roomHealth, rooms } from "#db/schema";
import { recordEvent } from "~/domain/events/events.server";
import { guessLocale, roomUrl } from "~/domain/notifications/locale";
import { daysBetween, todayIn } from "~/domain/plan/dates";
import { i18nFor } from "~/i18n/i18n.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { env } from "~/utils/env.server";
import { LIVE_ROOM_STATUSES, type Locale } from "~/vocabulary";
import { evaluateAlerts } from "./alerts";
import { getHealthConfig } from "./config.server";
import { gatherHealthInputs } from "./inputs.server";
import { alertText } from "./text";
import type { AlertFinding, Band, HealthConfig, HealthInputs, HealthResult } from "./model";
import { applyOverride, computeHealth } from "./score";

const DAY_MS = 24 * 60 * 60 * 1000;

export type RecomputeOutcome = { roomId: string; band: Band; score: number | null; alertsNotified: number };

/** Rooms whose health is kept current; completed and archived rooms keep their last state. */

export function recomputeRoomHealth(
  roomId: string,
  now: Date = new Date(),
  config: HealthConfig = getHealthConfig(),
): RecomputeOutcome | null {
  return getDb().transaction((tx) => recomputeInTransaction(tx, roomId, now, config));
}

/** Rooms per transaction in a full pass: one commit (and fsync) per batch, short enough not to block writers. */
const BATCH = 250;

/**
 * Recomputes many rooms, a batch per transaction and a savepoint per room: a room that fails is
 * logged and skipped, never rolling back the others.
 */
export function recomputeRooms(
  ids: string[],
  now: Date,
  config: HealthConfig,
  onError: (roomId: string, err: unknown) => void,
): number {
  let alertsNotified = 0;
  for (let i = 0; i < ids.length; i += BATCH)
    getDb().transaction((outer) => {
      for (const id of ids.slice(i, i + BATCH)) {
        try {
          alertsNotified +=
            outer.transaction((tx) => recomputeInTransaction(tx, id, now, config))?.alertsNotified ?? 0;
        } catch (err) {
          onError(id, err);
        }
      }
    });
  return alertsNotified;
}

/** The statements every recompute runs; raw SQL because the full pass runs them for thousands of rooms. */
const SQL = {
  room: `SELECT r.id, r.title, r.status, r.kickoff_date AS kickoffDate, r.created_at AS createdAt, a.id AS accountId,
           a.name AS accountName, a.time_zone AS timeZone, a.csm_id AS csmId
         FROM rooms r JOIN accounts a ON a.id = r.account_id WHERE r.id = ?`,
  previous: `SELECT band, mode, computed_at AS computedAt FROM room_health WHERE room_id = ?`,
  clearDirty: `UPDATE room_health SET dirty_since = NULL WHERE room_id = ?`,
  saveState: `INSERT INTO room_health (room_id, score, band, raw_band, effective_score, effective_band, trend_delta,
                mode, result, model_version, progress_percent, next_milestone_title, next_milestone_date,
                next_milestone_slip_days, last_customer_activity_on, first_value_days, open_alerts, computed_at,
                dirty_since)
              VALUES (@roomId, @score, @band, @rawBand, @effectiveScore, @effectiveBand, @trendDelta, @mode, @result,
                @modelVersion, @progressPercent, @nextMilestoneTitle, @nextMilestoneDate, @nextMilestoneSlipDays,
                @lastCustomerActivityOn, @firstValueDays, @openAlerts, @computedAt, NULL)
              ON CONFLICT (room_id) DO UPDATE SET score = excluded.score, band = excluded.band,
                raw_band = excluded.raw_band, effective_score = excluded.effective_score,
                effective_band = excluded.effective_band, trend_delta = excluded.trend_delta, mode = excluded.mode,
                result = excluded.result, model_version = excluded.model_version,
                progress_percent = excluded.progress_percent, next_milestone_title = excluded.next_milestone_title,
                next_milestone_date = excluded.next_milestone_date,
                next_milestone_slip_days = excluded.next_milestone_slip_days,
                last_customer_activity_on = excluded.last_customer_activity_on,
                first_value_days = excluded.first_value_days, open_alerts = excluded.open_alerts,
                computed_at = excluded.computed_at, dirty_since = NULL`,
  saveSnapshot: `INSERT INTO health_snapshots (room_id, day, score, band, raw_band, effective_score, effective_band,
                   result, overridden, model_version, created_at)
                 VALUES (@roomId, @day, @score, @band, @rawBand, @effectiveScore, @effectiveBand, @result, @overridden,
                   @modelVersion, @createdAt)
                 ON CONFLICT (room_id, day) DO UPDATE SET score = excluded.score, band = excluded.band,
                   raw_band = excluded.raw_band, effective_score = excluded.effective_score,
                   effective_band = excluded.effective_band, result = excluded.result,
                   overridden = excluded.overridden, model_version = excluded.model_version,
                   created_at = excluded.created_at`,
  openOverrides: `SELECT id, band, score, expires_on AS expiresOn, reason FROM health_overrides
                  WHERE room_id = ? AND cleared_at IS NULL`,
  clearOverride: `UPDATE health_overrides SET cleared_at = ? WHERE id = ?`,
  openAlerts: `SELECT id, rule, severity, facts, last_notified_at AS lastNotifiedAt,
                 notified_severity AS notifiedSeverity, acknowledged_at AS acknowledgedAt,
                 snoozed_until AS snoozedUntil
               FROM health_alerts WHERE room_id = ? AND resolved_at IS NULL`,
  insertAlert: `INSERT INTO health_alerts (id, room_id, rule, severity, facts, opened_at) VALUES (?, ?, ?, ?, ?, ?)`,
  updateAlert: `UPDATE health_alerts SET severity = ?, facts = ? WHERE id = ?`,
  escalateAlert: `UPDATE health_alerts SET severity = ?, facts = ?, acknowledged_at = NULL, acknowledged_by_id = NULL
                  WHERE id = ?`,
  resolveAlert: `UPDATE health_alerts SET resolved_at = ? WHERE id = ?`,
  notified: `UPDATE health_alerts SET last_notified_at = ?, notified_severity = ? WHERE id = ?`,
  csm: `SELECT id, email, name, locale FROM users WHERE id = ? AND active = 1 AND kind = 'staff'`,
  csmAndAdmins: `SELECT id, email, name, locale FROM users
                 WHERE active = 1 AND kind = 'staff' AND (id = ? OR staff_role = 'admin')`,
} as const;

const statements = (tx: Tx) => preparedSql("health.recompute", SQL, tx);

type RoomRow = {
  id: string;
  createdAt: number;
  title: string;
  status: string;
  kickoffDate: string | null;
  accountId: string;
  accountName: string;
  timeZone: string;
  csmId: string;
};

function recomputeInTransaction(
  tx: Tx,
  roomId: string,
  now: Date,
  config: HealthConfig,
): RecomputeOutcome | null {
  const s = statements(tx);
  const row = s.room.get(roomId) as RoomRow | undefined;
  if (!row) return null;
  if (!(LIVE_ROOM_STATUSES as readonly string[]).includes(row.status)) {
    s.clearDirty.run(roomId);
    return null;
  }
  const today = todayIn(row.timeZone, now);
  const inputs = gatherHealthInputs({ id: row.id, timeZone: row.timeZone, createdAt: row.createdAt }, now);
  const result = computeHealth(inputs, config);
  const override = activeOverride(tx, roomId, today, now);
  const effective = applyOverride(result, override, today, config);
  const findings = evaluateAlerts(inputs, result, config);

  const previous = s.previous.get(roomId) as
    { band: Band; mode: "proactive" | "reactive"; computedAt: number | null } | undefined;
  // Raw facts decide the mode, never an override: critical or red → reactive until green again.
  const mode =
    result.band === "red" || findings.some((f) => f.severity === "critical")
      ? "reactive"
      : result.band === "green"
        ? "proactive"
        : (previous?.mode ?? "proactive");
  const shared = {
    roomId,
    score: result.score,
    band: result.band,
    rawBand: result.rawBand,
    effectiveScore: effective.effectiveScore,
    effectiveBand: effective.effectiveBand,
    modelVersion: config.version,
  };
  s.saveState.run({
    ...shared,
    trendDelta: result.trend.delta,
    mode,
    result: JSON.stringify(result),
    ...portfolioFacts(inputs, row.kickoffDate),
    openAlerts: findings.length,
    computedAt: now.getTime(),
  });
  s.saveSnapshot.run({
    ...shared,
    day: today,
    result: JSON.stringify({
      measures: result.measures.map((m) => ({
        key: m.key,
        raw: m.raw,
        score: m.score,
        effectiveWeight: m.effectiveWeight,
      })),
      caps: result.caps,
      override: override && effective.overridden ? override : null,
    }),
    overridden: effective.overridden ? 1 : 0,
    createdAt: now.getTime(),
  });

  const base = { actorId: null, accountId: row.accountId, roomId, subjectType: "room", subjectId: roomId };
  if (previous?.computedAt && previous.band !== result.band)
    recordEvent(
      tx,
      {
        ...base,
        type: "health.band_changed",
        data: { from: previous.band, to: result.band, score: result.score },
      },
      now,
    );
  if (previous?.computedAt && previous.mode !== mode)
    recordEvent(tx, { ...base, type: "health.mode_changed", data: { from: previous.mode, to: mode } }, now);

  const alertsNotified = syncAlerts(tx, { room: row, findings, result, config, now });
  return { roomId, band: result.band, score: result.score, alertsNotified };
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
  const s = statements(tx);
  const open = s.openOverrides.all(roomId) as {
    id: string;
    band: Band | null;
    score: number | null;
    expiresOn: string;
    reason: string;
  }[];
  let active: { band: Band | null; score: number | null; expiresOn: string; reason: string } | null = null;
  for (const o of open) {
    if (o.expiresOn < today) {
      s.clearOverride.run(now.getTime(), o.id);
      recordEvent(
        tx,
        {
          actorId: null,
          roomId,
          type: "health.override_expired",
          subjectType: "health_override",
          subjectId: o.id,
          data: { expiresOn: o.expiresOn },
        },
        now,
      );
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
  const s = statements(tx);
  const open = s.openAlerts.all(room.id) as {
    id: string;
    rule: string;
    severity: "warning" | "critical";
    facts: string;
    lastNotifiedAt: number | null;
    notifiedSeverity: "warning" | "critical" | null;
    acknowledgedAt: number | null;
    snoozedUntil: number | null;
  }[];
  const byRule = new Map(open.map((a) => [a.rule, a]));
  const base = { actorId: null, accountId: room.accountId, roomId: room.id, subjectType: "health_alert" };
  const toNotify: { id: string; finding: AlertFinding }[] = [];
  const nowMs = now.getTime();

  for (const finding of findings) {
    const existing = byRule.get(finding.rule);
    byRule.delete(finding.rule);
    const facts = JSON.stringify(finding.facts);
    if (!existing) {
      const id = newId();
      s.insertAlert.run(id, room.id, finding.rule, finding.severity, facts, nowMs);
      recordEvent(
        tx,
        {
          ...base,
          subjectId: id,
          type: "health.alert_opened",
          data: { rule: finding.rule, severity: finding.severity },
        },
        now,
      );
      toNotify.push({ id, finding });
      continue;
    }
    const becameCritical = finding.severity === "critical" && existing.severity !== "critical";
    if (becameCritical) {
      // An escalation asks for a fresh look.
      s.escalateAlert.run(finding.severity, facts, existing.id);
      recordEvent(
        tx,
        {
          ...base,
          subjectId: existing.id,
          type: "health.alert_escalated",
          data: { rule: finding.rule },
        },
        now,
      );
    } else if (existing.severity !== finding.severity || existing.facts !== facts)
      s.updateAlert.run(finding.severity, facts, existing.id);
    const snoozed = !!existing.snoozedUntil && existing.snoozedUntil > nowMs;
    const criticalUnannounced = finding.severity === "critical" && existing.notifiedSeverity !== "critical";
    const renotifyDue =
      !existing.acknowledgedAt &&
      (!existing.lastNotifiedAt || nowMs - existing.lastNotifiedAt >= config.alerts.renotifyDays * DAY_MS);
    if (!snoozed && (criticalUnannounced || renotifyDue)) toNotify.push({ id: existing.id, finding });
  }
  for (const cleared of byRule.values()) {
    s.resolveAlert.run(nowMs, cleared.id);
    recordEvent(
      tx,
      {
        ...base,
        subjectId: cleared.id,
        type: "health.alert_resolved",
        data: { rule: cleared.rule },
      },
      now,
    );
  }
  if (toNotify.length === 0) return 0;

  notifyAlerts(tx, room, toNotify, input.result);
  for (const n of toNotify) s.notified.run(nowMs, n.finding.severity, n.id);
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
  const recipients = (
    critical ? statements(tx).csmAndAdmins.all(room.csmId) : statements(tx).csm.all(room.csmId)
  ) as { id: string; email: string; name: string; locale: Locale | null }[];
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
    .where(inArray(rooms.status, [...LIVE_ROOM_STATUSES]))
    .all()
    .map((r) => r.id);
}
