/**
 * The alert rules ("fuel lamps") of ../shared/health-model.md: pure, one finding at most per rule, at the
 * highest severity that applies. They judge the raw facts and the computed result, never an override.
 * Opening, closing and re-notifying alerts happens elsewhere.
 */
import { goalTrajectory } from "~/domain/goals/trajectory";
import { daysBetween, isOverdue } from "~/domain/plan/dates";
import { milestoneSchedule } from "~/domain/plan/schedule";
import {
  ALERT_RULES,
  type AlertFinding,
  type AlertRule,
  type AlertSeverity,
  type HealthConfig,
  type HealthInputs,
  type HealthResult,
} from "~/domain/health/model";
import { isPulseFresh } from "~/domain/health/score";

type Finding = { severity: AlertSeverity; facts: AlertFinding["facts"] } | null;
type Context = { inputs: HealthInputs; result: HealthResult; config: HealthConfig };

/** critical when days ≥ criticalDays, warning when ≥ warningDays, else nothing. */
const byDays = (days: number, t: { warningDays: number; criticalDays: number }): AlertSeverity | null =>
  days >= t.criticalDays ? "critical" : days >= t.warningDays ? "warning" : null;

function worstBy<T>(items: T[], value: (item: T) => number): { item: T; value: number } | null {
  let worst: { item: T; value: number } | null = null;
  for (const item of items) {
    const v = value(item);
    if (worst === null || v > worst.value) worst = { item, value: v };
  }
  return worst;
}

const RULES: Record<AlertRule, (ctx: Context) => Finding> = {
  milestoneLate({ inputs, config }) {
    const open = inputs.milestones.filter((m) => m.completedDate === null);
    // Days late as every page counts them (milestoneSchedule).
    const worst = worstBy(open, (m) => milestoneSchedule(m, inputs.today).daysLate);
    const severity = worst && byDays(worst.value, config.alerts.milestoneLate);
    if (!worst || !severity) return null;
    return {
      severity,
      facts: { milestoneId: worst.item.id, title: worst.item.title, daysLate: worst.value },
    };
  },

  firstValueLate({ inputs, config }) {
    const m = inputs.milestones.find((x) => x.isFirstValue && x.completedDate === null);
    if (!m || m.forecastDate === null) return null;
    const daysLate = daysBetween(m.targetDate, m.forecastDate);
    const t = config.alerts.firstValueLate;
    // Strictly later than the thresholds: with warningDays 0, a forecast one day late already warns.
    const severity = daysLate > t.criticalDays ? "critical" : daysLate > t.warningDays ? "warning" : null;
    if (!severity) return null;
    return { severity, facts: { milestoneId: m.id, title: m.title, daysLate, forecastDate: m.forecastDate } };
  },

  customerInactive({ inputs, config }) {
    if (inputs.customerUsers.length === 0) return null;
    const last = inputs.lastCustomerActivityDate;
    // Invited but never seen is the worst silence there is.
    if (last === null) return { severity: "critical", facts: { daysSince: null } };
    const daysSince = daysBetween(last, inputs.today);
    const severity = byDays(daysSince, config.alerts.customerInactive);
    return severity ? { severity, facts: { daysSince } } : null;
  },

  customerTasksOverdue({ inputs, config }) {
    const overdue = inputs.tasks.filter((t) => t.side !== "vendor" && isOverdue(t, inputs.today));
    const worst = worstBy(overdue, (t) => daysBetween(t.dueDate ?? inputs.today, inputs.today));
    if (!worst) return null;
    const t = config.alerts.customerTasksOverdue;
    const count = overdue.length;
    const severity: AlertSeverity | null =
      count >= t.criticalCount || worst.value > t.criticalDays
        ? "critical"
        : count >= t.warningCount || worst.value > t.warningDays
          ? "warning"
          : null;
    if (!severity) return null;
    return {
      severity,
      facts: { count, worstDays: worst.value, taskId: worst.item.id, title: worst.item.title },
    };
  },

  scoreDrop({ inputs, result, config }) {
    const { scoreSevenDaysAgo: from, bandSevenDaysAgo: fromBand } = inputs.history;
    const to = result.score;
    const delta = from === null || to === null ? null : Math.round((to - from) * 10) / 10;
    const facts = { from, to, delta, fromBand, toBand: result.band };
    if (result.band === "red" && (fromBand === "green" || fromBand === "yellow")) {
      return { severity: "critical", facts };
    }
    if (delta !== null && -delta >= config.alerts.scoreDrop.warningPoints)
      return { severity: "warning", facts };
    return null;
  },

  redStreak({ inputs, result, config }) {
    const since = inputs.history.redSince;
    if (result.band !== "red" || since === null) return null;
    const days = daysBetween(since, inputs.today);
    if (days < config.alerts.redStreak.criticalDays) return null;
    return { severity: "critical", facts: { days, redSince: since } };
  },

  negativeSentiment({ inputs, config }) {
    const { pulse, latestRating } = inputs;
    const redPulse = pulse?.value === "red" && isPulseFresh(pulse, inputs.today, config);
    const lowRating =
      latestRating !== null && latestRating.stars <= config.alerts.negativeSentiment.ratingAtMost;
    if (!redPulse && !lowRating) return null;
    return {
      severity: "warning",
      facts: {
        pulse: pulse?.value ?? null,
        stars: latestRating?.stars ?? null,
        milestoneTitle: latestRating?.milestoneTitle ?? null,
      },
    };
  },

  pulseStale({ inputs, config }) {
    const daysSince = inputs.pulse === null ? null : daysBetween(inputs.pulse.setOn, inputs.today);
    // "Older than" like the score's pulseMaxAgeDays: the pulse turns N/A and this warns on the same day.
    // A room that never had a pulse is given the same time from the day it was created.
    const age = daysSince ?? daysBetween(inputs.roomStartedOn, inputs.today);
    if (age <= config.alerts.pulseStale.warningDays) return null;
    return { severity: "warning", facts: { daysSince } };
  },

  sponsorInactive({ inputs, config }) {
    const s = inputs.stakeholders;
    // No sponsor and no customer A in the RACI: nobody to be inactive (coverage says so).
    if (!s.accountableDefined || s.accountableNamed === false) return null;
    if (s.accountableLastActiveDate === null) return { severity: "critical", facts: { daysSince: null } };
    const daysSince = daysBetween(s.accountableLastActiveDate, inputs.today);
    const severity = byDays(daysSince, config.alerts.sponsorInactive);
    // Never signed in: the days count from the naming, and the text says "not joined".
    const facts: AlertFinding["facts"] =
      s.accountableJoined === false ? { daysSince, sponsor: "notJoined" } : { daysSince };
    return severity ? { severity, facts } : null;
  },

  trainingOverdue({ inputs, config }) {
    const oldest = inputs.training?.oldestOverdueDueDate ?? null;
    if (oldest === null) return null;
    const daysOverdue = daysBetween(oldest, inputs.today);
    const severity = byDays(daysOverdue, config.alerts.trainingOverdue);
    return severity ? { severity, facts: { daysOverdue, oldestOverdueDueDate: oldest } } : null;
  },

  planHygiene({ inputs }) {
    const open = inputs.tasks.filter((t) => t.status !== "done");
    const unassigned = open.filter((t) => t.assigneeId === null).length;
    const undated = open.filter((t) => t.dueDate === null).length;
    const rebaselined = inputs.milestones.filter((m) => m.targetDate !== m.baselineDate).length;
    if (unassigned + undated + rebaselined === 0) return null;
    return { severity: "warning", facts: { unassigned, undated, rebaselined } };
  },

  signOffWaiting({ inputs, config }) {
    // The longest-waiting request decides; the count says how many wait.
    const waiting = inputs.signOffsWaiting ?? [];
    const worst = worstBy(waiting, (w) => daysBetween(w.requestedOn, inputs.today));
    if (!worst) return null;
    const severity = byDays(worst.value, config.alerts.signOffWaiting);
    if (!severity) return null;
    return {
      severity,
      facts: {
        milestoneId: worst.item.milestoneId,
        title: worst.item.title,
        days: worst.value,
        requestedOn: worst.item.requestedOn,
        waiting: waiting.length,
      },
    };
  },

  goalAtRisk({ inputs, config }) {
    // Due within the horizon (today counts, the past does not) and projected to miss by the one rule.
    const horizon = config.alerts.goalAtRisk.dueWithinDays;
    const atRisk = inputs.goals
      .filter(
        (g) => !g.achieved && g.dueDate >= inputs.today && daysBetween(inputs.today, g.dueDate) <= horizon,
      )
      .map((g) => ({ goal: g, trajectory: goalTrajectory(g, g.checkins, inputs.today) }))
      .filter((x) => x.trajectory.status === "at_risk");
    // The soonest due first: one finding per rule.
    const first = atRisk.sort((a, b) => a.goal.dueDate.localeCompare(b.goal.dueDate))[0];
    if (!first) return null;
    return {
      severity: "warning",
      facts: {
        goalId: first.goal.id,
        title: first.goal.statement,
        dueDate: first.goal.dueDate,
        target: first.goal.target,
        projected:
          first.trajectory.projected === null ? null : Math.round(first.trajectory.projected * 10) / 10,
        goalsAtRisk: atRisk.length,
      },
    };
  },
};

/** Every rule's finding, in ALERT_RULES order; rules whose condition does not hold are left out. */
export function evaluateAlerts(
  inputs: HealthInputs,
  result: HealthResult,
  config: HealthConfig,
): AlertFinding[] {
  const findings: AlertFinding[] = [];
  for (const rule of ALERT_RULES) {
    const finding = RULES[rule]({ inputs, result, config });
    if (finding) findings.push({ rule, ...finding });
  }
  return findings;
}
