/**
 * The review report across rooms: findings by category and template over a period, the customers'
 * survey results by month, and time to first value per template beside that template's findings.
 * Scope as the alert inbox: CSMs see the accounts they run, admins all.
 */
import { and, count, eq, gte, isNotNull, lt, sql, type SQL } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { accounts, planTemplates, reviewFindings, rooms, surveyRequests } from "#db/schema";
import { staffCan } from "~/access/capabilities";
import type { StaffUser } from "~/access/users";
import { firstValueByTemplate } from "~/domain/health/portfolio.server";
import { addDays, todayIn } from "~/domain/plan/dates";
import { isCalendarDate } from "~/utils/forms";
import { FINDING_CATEGORIES, FINDING_COSTS, type FindingCategory, type FindingCost } from "~/vocabulary";
import { netPromoterScore } from "./schemas";

export type ReportPeriod = { from: string; to: string };

/** The period asked for, or the last 12 months; an inverted or malformed one falls back to the default. */
export function reportPeriod(params: URLSearchParams, now = new Date()): ReportPeriod {
  const to = todayIn("UTC", now);
  const fallback = { from: addDays(to, -365), to };
  const from = params.get("from") ?? "";
  const until = params.get("to") ?? "";
  if (!isCalendarDate(from) || !isCalendarDate(until) || from > until) return fallback;
  return { from, to: until };
}

function scope(user: StaffUser): SQL | undefined {
  return staffCan(user.staffRole, "alerts.viewAll") ? undefined : eq(accounts.csmId, user.id);
}

/** [from 00:00 UTC, the day after `to` 00:00 UTC) as instants. */
function bounds(period: ReportPeriod) {
  return { start: new Date(`${period.from}T00:00:00Z`), end: new Date(`${addDays(period.to, 1)}T00:00:00Z`) };
}

export function reviewReport(user: StaffUser, period: ReportPeriod) {
  const db = getDb();
  const { start, end } = bounds(period);
  const findingRows = db
    .select({
      templateId: reviewFindings.templateId,
      templateName: planTemplates.name,
      category: reviewFindings.category,
      cost: reviewFindings.cost,
      n: count(),
    })
    .from(reviewFindings)
    .innerJoin(rooms, eq(rooms.id, reviewFindings.roomId))
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .leftJoin(planTemplates, eq(planTemplates.id, reviewFindings.templateId))
    .where(and(scope(user), gte(reviewFindings.createdAt, start), lt(reviewFindings.createdAt, end)))
    .groupBy(reviewFindings.templateId, reviewFindings.category, reviewFindings.cost)
    .all();

  type Row = {
    templateId: string | null;
    templateName: string | null;
    byCategory: Record<FindingCategory, number>;
    byCost: Record<FindingCost, number>;
    total: number;
  };
  const zero = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const byTemplate = new Map<string, Row>();
  for (const r of findingRows) {
    const key = r.templateId ?? "";
    const row =
      byTemplate.get(key) ??
      ({
        templateId: r.templateId,
        templateName: r.templateName,
        byCategory: zero(FINDING_CATEGORIES),
        byCost: zero(FINDING_COSTS),
        total: 0,
      } satisfies Row);
    row.byCategory[r.category] += r.n;
    row.byCost[r.cost] += r.n;
    row.total += r.n;
    byTemplate.set(key, row);
  }
  const findings = [...byTemplate.values()].sort(
    (a, b) =>
      Number(!a.templateId) - Number(!b.templateId) ||
      (a.templateName ?? "").localeCompare(b.templateName ?? ""),
  );
  const totals = {
    byCategory: zero(FINDING_CATEGORIES),
    byCost: zero(FINDING_COSTS),
    total: 0,
  };
  for (const row of findings) {
    for (const c of FINDING_CATEGORIES) totals.byCategory[c] += row.byCategory[c];
    for (const c of FINDING_COSTS) totals.byCost[c] += row.byCost[c];
    totals.total += row.total;
  }

  const answers = db
    .select({
      month: sql<string>`strftime('%Y-%m', ${surveyRequests.answeredAt} / 1000, 'unixepoch')`,
      satisfaction: surveyRequests.satisfaction,
      recommend: surveyRequests.recommend,
    })
    .from(surveyRequests)
    .innerJoin(rooms, eq(rooms.id, surveyRequests.roomId))
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .where(
      and(
        scope(user),
        isNotNull(surveyRequests.answeredAt),
        gte(surveyRequests.answeredAt, start),
        lt(surveyRequests.answeredAt, end),
      ),
    )
    .all();
  const months = new Map<string, { satisfaction: number[]; recommend: number[] }>();
  for (const a of answers) {
    const m = months.get(a.month) ?? { satisfaction: [], recommend: [] };
    if (a.satisfaction !== null) m.satisfaction.push(a.satisfaction);
    if (a.recommend !== null) m.recommend.push(a.recommend);
    months.set(a.month, m);
  }
  const summarize = (m: { satisfaction: number[]; recommend: number[] }) => ({
    n: Math.max(m.satisfaction.length, m.recommend.length),
    satisfaction: m.satisfaction.length
      ? Math.round((m.satisfaction.reduce((s, x) => s + x, 0) / m.satisfaction.length) * 10) / 10
      : null,
    nps: netPromoterScore(m.recommend),
  });
  const surveys = [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, m]) => ({ month, ...summarize(m) }));
  const surveyTotal = summarize({
    satisfaction: answers.flatMap((a) => (a.satisfaction === null ? [] : [a.satisfaction])),
    recommend: answers.flatMap((a) => (a.recommend === null ? [] : [a.recommend])),
  });

  // Time to first value per template (the portfolio's median), beside that template's findings.
  const firstValue = firstValueByTemplate(user, {
    scope: staffCan(user.staffRole, "alerts.viewAll") ? "all" : "mine",
  });
  const templateIds = new Set([...findings.map((f) => f.templateId), ...firstValue.map((f) => f.templateId)]);
  const timeToValue = [...templateIds]
    .filter((id): id is string => !!id)
    .map((id) => {
      const fv = firstValue.find((f) => f.templateId === id);
      const f = findings.find((x) => x.templateId === id);
      return {
        templateId: id,
        templateName: fv?.name ?? f?.templateName ?? "",
        medianDays: fv ? fv.medianDays : null,
        rooms: fv?.n ?? 0,
        findings: f?.total ?? 0,
      };
    })
    .sort((a, b) => a.templateName.localeCompare(b.templateName));

  return { period, findings, totals, surveys, surveyTotal, timeToValue };
}

export type ReviewReport = ReturnType<typeof reviewReport>;
