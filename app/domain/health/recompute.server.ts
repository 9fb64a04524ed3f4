/**
 * Recomputes a room's health: gather facts, score them (pure), apply the override, judge the alert
 * rules, then store the state, today's snapshot and the alerts in one transaction, with the alert
 * emails in the outbox of that same transaction.
 */
import { inArray, lt } from "drizzle-orm";
import { getDb, preparedSql, type Tx, writeTransaction } from "#db/client.server";
import { newId } from "#db/ids";
import { rawSql } from "#db/raw-sql";
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
  return writeTransaction(getDb(), (tx) => recomputeInTransaction(tx, roomId, now, config));
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
    writeTransaction(getDb(), (outer) => {
      for (const id of ids.slice(i, i + BATCH)) {
        try {
          alertsNotified +=
            writeTransaction(outer, (tx) => recomputeInTransaction(tx, id, now, config))?.alertsNotified ?? 0;
        } catch (err) {
          onError(id, err);
        }
      }
    });
  return alertsNotified;
}

/**
 * The statements every recompute runs; raw SQL because the full pass runs them for thousands of rooms.
 * Tables and columns are named through the schema (rawSql); each selected column has an explicit alias,
 * the key the code below reads, so renaming a column in the schema changes the text and nothing else.
 * Exported for tests/unit/raw-sql.test.ts.
 */
export const RECOMPUTE_SQL = {
  room: rawSql`SELECT r.${rooms.id} AS id, r.${rooms.title} AS title, r.${rooms.status} AS status,
           r.${rooms.kickoffDate} AS kickoffDate, r.${rooms.createdAt} AS createdAt, a.${accounts.id} AS accountId,
           a.${accounts.name} AS accountName, a.${accounts.timeZone} AS timeZone, a.${accounts.csmId} AS csmId
         FROM ${rooms} r JOIN ${accounts} a ON a.${accounts.id} = r.${rooms.accountId} WHERE r.${rooms.id} = ?`,
  previous: rawSql`SELECT ${roomHealth.band} AS band, ${roomHealth.mode} AS mode, ${roomHealth.computedAt} AS computedAt
             FROM ${roomHealth} WHERE ${roomHealth.roomId} = ?`,
  clearDirty: rawSql`UPDATE ${roomHealth} SET ${roomHealth.dirtySince} = NULL WHERE ${roomHealth.roomId} = ?`,
  saveState: rawSql`INSERT INTO ${roomHealth} (${roomHealth.roomId}, ${roomHealth.score}, ${roomHealth.band},
                ${roomHealth.rawBand}, ${roomHealth.effectiveScore}, ${roomHealth.effectiveBand}, ${roomHealth.trendDelta},
                ${roomHealth.mode}, ${roomHealth.result}, ${roomHealth.modelVersion}, ${roomHealth.progressPercent},
                ${roomHealth.nextMilestoneTitle}, ${roomHealth.nextMilestoneDate}, ${roomHealth.nextMilestoneSlipDays},
                ${roomHealth.lastCustomerActivityOn}, ${roomHealth.firstValueDays}, ${roomHealth.openAlerts},
                ${roomHealth.computedAt}, ${roomHealth.dirtySince})
              VALUES (@roomId, @score, @band, @rawBand, @effectiveScore, @effectiveBand, @trendDelta, @mode, @result,
                @modelVersion, @progressPercent, @nextMilestoneTitle, @nextMilestoneDate, @nextMilestoneSlipDays,
                @lastCustomerActivityOn, @firstValueDays, @openAlerts, @computedAt, NULL)
              ON CONFLICT (${roomHealth.roomId}) DO UPDATE SET ${roomHealth.score} = excluded.${roomHealth.score},
                ${roomHealth.band} = excluded.${roomHealth.band},
                ${roomHealth.rawBand} = excluded.${roomHealth.rawBand},
                ${roomHealth.effectiveScore} = excluded.${roomHealth.effectiveScore},
                ${roomHealth.effectiveBand} = excluded.${roomHealth.effectiveBand},
                ${roomHealth.trendDelta} = excluded.${roomHealth.trendDelta},
                ${roomHealth.mode} = excluded.${roomHealth.mode},
                ${roomHealth.result} = excluded.${roomHealth.result},
                ${roomHealth.modelVersion} = excluded.${roomHealth.modelVersion},
                ${roomHealth.progressPercent} = excluded.${roomHealth.progressPercent},
                ${roomHealth.nextMilestoneTitle} = excluded.${roomHealth.nextMilestoneTitle},
                ${roomHealth.nextMilestoneDate} = excluded.${roomHealth.nextMilestoneDate},
                ${roomHealth.nextMilestoneSlipDays} = excluded.${roomHealth.nextMilestoneSlipDays},
                ${roomHealth.lastCustomerActivityOn} = excluded.${roomHealth.lastCustomerActivityOn},
                ${roomHealth.firstValueDays} = excluded.${roomHealth.firstValueDays},
                ${roomHealth.openAlerts} = excluded.${roomHealth.openAlerts},
                ${roomHealth.computedAt} = excluded.${roomHealth.computedAt}, ${roomHealth.dirtySince} = NULL`,
  saveSnapshot: rawSql`INSERT INTO ${healthSnapshots} (${healthSnapshots.roomId}, ${healthSnapshots.day},
                   ${healthSnapshots.score}, ${healthSnapshots.band}, ${healthSnapshots.rawBand},
                   ${healthSnapshots.effectiveScore}, ${healthSnapshots.effectiveBand}, ${healthSnapshots.result},
                   ${healthSnapshots.overridden}, ${healthSnapshots.modelVersion}, ${healthSnapshots.createdAt})
                 VALUES (@roomId, @day, @score, @band, @rawBand, @effectiveScore, @effectiveBand, @result, @overridden,
                   @modelVersion, @createdAt)
                 ON CONFLICT (${healthSnapshots.roomId}, ${healthSnapshots.day}) DO UPDATE
                   SET ${healthSnapshots.score} = excluded.${healthSnapshots.score},
                   ${healthSnapshots.band} = excluded.${healthSnapshots.band},
                   ${healthSnapshots.rawBand} = excluded.${healthSnapshots.rawBand},
                   ${healthSnapshots.effectiveScore} = excluded.${healthSnapshots.effectiveScore},
                   ${healthSnapshots.effectiveBand} = excluded.${healthSnapshots.effectiveBand},
                   ${healthSnapshots.result} = excluded.${healthSnapshots.result},
                   ${healthSnapshots.overridden} = excluded.${healthSnapshots.overridden},
                   ${healthSnapshots.modelVersion} = excluded.${healthSnapshots.modelVersion},
                   ${healthSnapshots.createdAt} = excluded.${healthSnapshots.createdAt}`,
  openOverrides: rawSql`SELECT ${healthOverrides.id} AS id, ${healthOverrides.band} AS band,
                    ${healthOverrides.score} AS score, ${healthOverrides.expiresOn} AS expiresOn,
                    ${healthOverrides.reason} AS reason
                  FROM ${healthOverrides} WHERE ${healthOverrides.roomId} = ? AND ${healthOverrides.clearedAt} IS NULL`,
  clearOverride: rawSql`UPDATE ${healthOverrides} SET ${healthOverrides.clearedAt} = ? WHERE ${healthOverrides.id} = ?`,
  openAlerts: rawSql`SELECT ${healthAlerts.id} AS id, ${healthAlerts.rule} AS rule, ${healthAlerts.severity} AS severity,
                 ${healthAlerts.facts} AS facts, ${healthAlerts.lastNotifiedAt} AS lastNotifiedAt,
                 ${healthAlerts.notifiedSeverity} AS notifiedSeverity, ${healthAlerts.acknowledgedAt} AS acknowledgedAt,
                 ${healthAlerts.snoozedUntil} AS snoozedUntil
               FROM ${healthAlerts} WHERE ${healthAlerts.roomId} = ? AND ${healthAlerts.resolvedAt} IS NULL`,
  insertAlert: rawSql`INSERT INTO ${healthAlerts} (${healthAlerts.id}, ${healthAlerts.roomId}, ${healthAlerts.rule},
                  ${healthAlerts.severity}, ${healthAlerts.facts}, ${healthAlerts.openedAt}) VALUES (?, ?, ?, ?, ?, ?)`,
  updateAlert: rawSql`UPDATE ${healthAlerts} SET ${healthAlerts.severity} = ?, ${healthAlerts.facts} = ?
                  WHERE ${healthAlerts.id} = ?`,
  escalateAlert: rawSql`UPDATE ${healthAlerts} SET ${healthAlerts.severity} = ?, ${healthAlerts.facts} = ?,
                    ${healthAlerts.acknowledgedAt} = NULL, ${healthAlerts.acknowledgedById} = NULL
                  WHERE ${healthAlerts.id} = ?`,
  resolveAlert: rawSql`UPDATE ${healthAlerts} SET ${healthAlerts.resolvedAt} = ? WHERE ${healthAlerts.id} = ?`,
  notified: rawSql`UPDATE ${healthAlerts} SET ${healthAlerts.lastNotifiedAt} = ?, ${healthAlerts.notifiedSeverity} = ?
             WHERE ${healthAlerts.id} = ?`,
  csm: rawSql`SELECT ${users.id} AS id, ${users.email} AS email, ${users.name} AS name, ${users.locale} AS locale
        FROM ${users} WHERE ${users.id} = ? AND ${users.active} = 1 AND ${users.kind} = 'staff'`,
  csmAndAdmins: rawSql`SELECT ${users.id} AS id, ${users.email} AS email, ${users.name} AS name,
                   ${users.locale} AS locale
                 FROM ${users}
                 WHERE ${users.active} = 1 AND ${users.kind} = 'staff' AND (${users.id} = ? OR ${users.staffRole} = 'admin')`,
} as const;

const statements = (tx: Tx) => preparedSql("health.recompute", RECOMPUTE_SQL, tx);

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
