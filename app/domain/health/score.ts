/**
 * The health score: a pure function of the room's facts and the (admin-editable) configuration.
 * No IO and no clock: "now" is inputs.today, so the same inputs always give the same result.
 * See ../shared/health-model.md for the model this implements.
 *
 * Date windows: "in the last N days" means daysBetween(date, today) < N, i.e. N calendar days counting
 * today. The alert rules use the complement (inactive for ≥ N days), so a day is never both.
 */
import { addDays, daysBetween, isOverdue, type IsoDate } from "~/domain/plan/dates";
import { milestoneSchedule } from "~/domain/plan/schedule";
import {
  DEFAULT_HEALTH_CONFIG,
  MEASURE_KEYS,
  type Anchor,
  type Band,
  type HealthConfig,
  type HealthInputs,
  type HealthResult,
  type MeasureKey,
  type MeasureResult,
  type Pulse,
} from "~/domain/health/model";

/** A customer user counts as active when seen in this many days (today included). */
export const PRESENCE_WINDOW_DAYS = 14;
/** How far back HealthInputs.customerActiveDays reaches (today included). */
export const ACTIVE_DAYS_LOOKBACK = 42;
/** The sponsor / responsible person counts as active when seen in this many days (today included). */
export const STAKEHOLDER_WINDOW_DAYS = 30;

export const PULSE_RAW: Record<Pulse, number> = { red: 0, yellow: 1, green: 2 };

type Facts = Record<string, number | string | null>;
type Measured = { raw: number | null; score: number | null; facts: Facts };

export const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Piecewise linear through the anchors (raw values increasing), flat beyond the first and last. */
export function interpolate(anchors: Anchor[], raw: number): number {
  if (anchors.length === 0) throw new Error("interpolate needs at least one anchor");
  const [firstRaw, firstScore] = anchors[0];
  const [lastRaw, lastScore] = anchors[anchors.length - 1];
  if (raw <= firstRaw) return firstScore;
  if (raw >= lastRaw) return lastScore;
  for (let i = 1; i < anchors.length; i++) {
    const [x1, y1] = anchors[i];
    if (raw <= x1) {
      const [x0, y0] = anchors[i - 1];
      return y0 + ((y1 - y0) * (raw - x0)) / (x1 - x0);
    }
  }
  return lastScore;
}

/** score ≥ green → green, ≥ yellow → yellow, else red; no score → grey. */
export function bandForScore(score: number | null, config: HealthConfig): Band {
  if (score === null) return "grey";
  if (score >= config.bands.green) return "green";
  if (score >= config.bands.yellow) return "yellow";
  return "red";
}

/** Whether a pulse still counts: one exactly pulseMaxAgeDays old does, a day older does not. */
export function isPulseFresh(pulse: HealthInputs["pulse"], today: IsoDate, config: HealthConfig): boolean {
  return pulse !== null && daysBetween(pulse.setOn, today) <= config.pulseMaxAgeDays;
}

const daysSince = (date: IsoDate | null, today: IsoDate) => (date === null ? null : daysBetween(date, today));
const within = (date: IsoDate | null, today: IsoDate, windowDays: number) =>
  date !== null && daysBetween(date, today) < windowDays;

function taskPunctuality(inputs: HealthInputs, anchors: Anchor[]): Measured {
  // "Due so far" is due before today: a task due today is not late yet, whatever its status.
  const due = inputs.tasks.filter((t) => t.dueDate !== null && t.dueDate < inputs.today);
  const overdue = due.filter((t) => isOverdue(t, inputs.today));
  const customerSide = (t: { side: string }) => t.side !== "vendor";
  const facts: Facts = {
    overdue: overdue.length,
    due: due.length,
    customerOverdue: overdue.filter(customerSide).length,
    customerDue: due.filter(customerSide).length,
    vendorOverdue: overdue.filter((t) => !customerSide(t)).length,
    vendorDue: due.filter((t) => !customerSide(t)).length,
  };
  if (due.length === 0) return { raw: null, score: null, facts };
  const raw = (overdue.length / due.length) * 100;
  return { raw, score: interpolate(anchors, raw), facts };
}

function milestoneSlippage(inputs: HealthInputs, anchors: Anchor[]): Measured {
  const late = inputs.milestones.map((m) => ({
    title: m.title,
    // Open milestones are judged against today; one whose baseline is still ahead is 0 days late.
    days: Math.max(0, daysBetween(m.baselineDate, m.completedDate ?? inputs.today)),
  }));
  if (late.length === 0) return { raw: null, score: null, facts: { milestones: 0 } };
  const worst = late.reduce((a, b) => (b.days > a.days ? b : a));
  const average = late.reduce((sum, m) => sum + m.days, 0) / late.length;
  const raw = 0.5 * worst.days + 0.5 * average;
  return {
    raw,
    score: interpolate(anchors, raw),
    facts: {
      worstDays: worst.days,
      averageDays: round2(average),
      worstTitle: worst.title,
      milestones: late.length,
    },
  };
}

function timeToFirstValue(inputs: HealthInputs, anchors: Anchor[]): Measured {
  const milestone = inputs.milestones.find((m) => m.isFirstValue);
  if (!milestone) return { raw: null, score: null, facts: {} };
  const date = milestone.completedDate ?? milestone.forecastDate;
  const facts: Facts = {
    title: milestone.title,
    targetDate: milestone.targetDate,
    actualDate: milestone.completedDate,
    forecastDate: milestone.completedDate ? null : milestone.forecastDate,
    daysLate: null,
  };
  if (date === null) return { raw: null, score: null, facts };
  // Reached: late by milestoneSchedule's count, the one the pages show; open: by the forecast.
  const raw = Math.max(
    0,
    milestone.completedDate
      ? milestoneSchedule(milestone, inputs.today).daysLate
      : daysBetween(milestone.targetDate, date),
  );
  return { raw, score: interpolate(anchors, raw), facts: { ...facts, daysLate: raw } };
}

/** Distinct customer active days within the last `windowDays` days (today included). */
export function activeDaysWithin(inputs: HealthInputs, windowDays: number): number {
  return inputs.customerActiveDays.filter((d) => d <= inputs.today && within(d, inputs.today, windowDays))
    .length;
}

/**
 * Model version 2: half the share of invited customer users active in 14 days, half the distinct days with
 * customer activity in 14 days through the anchors (0 → 0, 1 → 30, 3 → 70, ≥ 6 → 100). Version 1 scored
 * days since the last activity, so a single visit after weeks of silence scored 100 on that half.
 */
function customerPresence(inputs: HealthInputs, anchors: Anchor[]): Measured {
  const invited = inputs.customerUsers.length;
  const active = inputs.customerUsers.filter((u) =>
    within(u.lastActiveDate, inputs.today, PRESENCE_WINDOW_DAYS),
  ).length;
  const activeDays = activeDaysWithin(inputs, PRESENCE_WINDOW_DAYS);
  const facts: Facts = { active, invited, activeDays };
  if (invited === 0) return { raw: null, score: null, facts };
  const score = 0.5 * ((active / invited) * 100) + 0.5 * interpolate(anchors, activeDays);
  return { raw: activeDays, score, facts };
}

/**
 * Whether the customer came back after a silence long enough to set the cap without yet being active on
 * `customerSilentLiftDays` distinct days within any `customerSilentLiftWindowDays` days since. Read from the
 * active days alone (42 days back), so it holds on the first computation too; a silence that began before
 * that look-back is not seen here (history.silentCapped carries it from the previous computation).
 */
export function returnedWithoutRecovery(inputs: HealthInputs, config: HealthConfig): boolean {
  const c = config.caps;
  const days = [...new Set(inputs.customerActiveDays.filter((d) => d <= inputs.today))].sort();
  if (days.length === 0) return false;
  const lookbackStart = addDays(inputs.today, -(ACTIVE_DAYS_LOOKBACK - 1));
  const invitedOn = inputs.customerInvitedOn ?? null;
  // Before the first day seen, silence counts from the invitation, or at least from the look-back's start.
  const firstPrevious = invitedOn !== null && invitedOn > lookbackStart ? invitedOn : lookbackStart;
  let gapEnd = -1;
  for (let i = 0; i < days.length; i++) {
    const previous = i === 0 ? firstPrevious : days[i - 1];
    // The day before days[i] the silence was daysBetween − 1 days long: the cap was set if that is ≥ the limit.
    if (previous < days[i] && daysBetween(previous, days[i]) - 1 >= c.customerSilentDays) gapEnd = i;
  }
  if (gapEnd < 0) return false;
  const need = Math.max(1, c.customerSilentLiftDays);
  for (let j = gapEnd; j + need - 1 < days.length; j++) {
    if (daysBetween(days[j], days[j + need - 1]) < c.customerSilentLiftWindowDays) return false;
  }
  return true;
}

function activityTrend(inputs: HealthInputs, anchors: Anchor[]): Measured {
  const { last14Days, prior28Days } = inputs.customerEvents;
  if (prior28Days === 0 && last14Days === 0)
    return { raw: null, score: null, facts: { last14Days, prior28Days } };
  // Activity out of nothing is growth: score it as a steady trend rather than dividing by zero.
  const ratio = prior28Days === 0 ? 1 : last14Days / (prior28Days / 2);
  return {
    raw: ratio,
    score: interpolate(anchors, Math.min(ratio, anchors[anchors.length - 1][0])),
    facts: { last14Days, prior28Days, ratio: round2(ratio) },
  };
}

function stakeholderCoverage(inputs: HealthInputs, anchors: Anchor[]): Measured {
  const s = inputs.stakeholders;
  const facts: Facts = {
    accountableDaysSince: daysSince(s.accountableLastActiveDate, inputs.today),
    responsibleDaysSince: daysSince(s.responsibleLastActiveDate, inputs.today),
    // Named but never signed in: the days count from the naming, and the text says "not joined".
    ...(s.accountableJoined === false ? { sponsor: "notJoined" } : {}),
    // Which people were counted, so the explanation names them honestly (RACI A/R or the sponsor).
    ...(s.basis === "raci"
      ? { basis: "raci", ...(s.accountableNamed === false ? { accountable: "none" } : {}) }
      : {}),
  };
  if (!s.accountableDefined) return { raw: null, score: null, facts };
  const raw = within(s.accountableLastActiveDate, inputs.today, STAKEHOLDER_WINDOW_DAYS)
    ? 2
    : within(s.responsibleLastActiveDate, inputs.today, STAKEHOLDER_WINDOW_DAYS)
      ? 1
      : 0;
  return { raw, score: interpolate(anchors, raw), facts };
}

function trainingCompletion(inputs: HealthInputs, anchors: Anchor[]): Measured {
  const t = inputs.training;
  if (t === null) return { raw: null, score: null, facts: {} };
  const facts: Facts = { dueCompleted: t.dueCompleted, dueAssigned: t.dueAssigned };
  if (t.dueAssigned === 0) return { raw: null, score: null, facts };
  const raw = (t.dueCompleted / t.dueAssigned) * 100;
  return { raw, score: interpolate(anchors, raw), facts };
}

function csmPulse(inputs: HealthInputs, anchors: Anchor[], config: HealthConfig): Measured {
  const p = inputs.pulse;
  if (p === null) return { raw: null, score: null, facts: { pulse: null, daysSince: null } };
  const facts: Facts = { pulse: p.value, daysSince: daysBetween(p.setOn, inputs.today) };
  if (!isPulseFresh(p, inputs.today, config)) return { raw: null, score: null, facts };
  const raw = PULSE_RAW[p.value];
  return { raw, score: interpolate(anchors, raw), facts };
}

function milestoneSatisfaction(inputs: HealthInputs, anchors: Anchor[]): Measured {
  const r = inputs.latestRating;
  if (r === null) return { raw: null, score: null, facts: {} };
  return {
    raw: r.stars,
    score: interpolate(anchors, r.stars),
    facts: { stars: r.stars, milestoneTitle: r.milestoneTitle, on: r.on },
  };
}

const MEASURES: Record<
  MeasureKey,
  (inputs: HealthInputs, anchors: Anchor[], config: HealthConfig) => Measured
> = {
  taskPunctuality,
  milestoneSlippage,
  timeToFirstValue,
  customerPresence,
  activityTrend,
  stakeholderCoverage,
  trainingCompletion,
  csmPulse,
  milestoneSatisfaction,
};

/**
 * Rounds to tenths so that the rounded values add up to exactly round1(sum): largest remainder first.
 * Rounding each value on its own could leave the explanation's lines several tenths off its total.
 */
function roundToTotal(values: number[]): number[] {
  const tenths = values.map((v) => v * 10);
  // The epsilon keeps 4.9999999 (floating noise for 5) from being floored to 4.
  const floors = tenths.map((t) => Math.floor(t + 1e-9));
  let remaining = Math.round(tenths.reduce((a, b) => a + b, 0)) - floors.reduce((a, b) => a + b, 0);
  const byRemainder = values.map((_, i) => i).sort((a, b) => tenths[b] - floors[b] - (tenths[a] - floors[a]));
  for (const i of byRemainder) {
    if (remaining <= 0) break;
    floors[i] += 1;
    remaining -= 1;
  }
  for (const i of [...byRemainder].reverse()) {
    if (remaining >= 0) break;
    floors[i] -= 1;
    remaining += 1;
  }
  return floors.map((f) => f / 10);
}

/**
 * Rounds effective weights (to a total of 100) and contributions (to a total of the rounded pre-cap
 * score) while keeping every contribution ≤ its weight, so no measure shows negative points lost.
 */
function roundExplanation(weights: number[], contributions: number[]) {
  const w = roundToTotal(weights);
  const c = roundToTotal(contributions);
  for (let i = 0; i < c.length; i++) {
    while (c[i] > w[i] + 1e-9) {
      // Some other line must have room below its weight, since the contributions total ≤ the weights total.
      let j = -1;
      for (let k = 0; k < c.length; k++) {
        if (k !== i && c[k] < w[k] - 1e-9 && (j < 0 || contributions[k] - c[k] > contributions[j] - c[j]))
          j = k;
      }
      if (j < 0) break;
      c[i] = round1(c[i] - 0.1);
      c[j] = round1(c[j] + 0.1);
    }
  }
  return { weights: w, contributions: c };
}

function findCaps(inputs: HealthInputs, config: HealthConfig): HealthResult["caps"] {
  const caps: HealthResult["caps"] = [];
  const { today } = inputs;
  const c = config.caps;

  const worst = inputs.milestones
    .filter((m) => m.completedDate === null)
    // Days late exactly as every page says it (milestoneSchedule), so the cap and the pages agree.
    .map((m) => ({ m, days: milestoneSchedule(m, today).daysLate }))
    .reduce<{ m: HealthInputs["milestones"][number]; days: number } | null>(
      (a, b) => (a === null || b.days > a.days ? b : a),
      null,
    );
  if (worst) {
    const facts = { milestoneId: worst.m.id, title: worst.m.title, daysOverdue: worst.days };
    // Only the stricter milestone cap is listed: the milder one says nothing more about the same milestone.
    if (worst.days > c.milestoneSevereOverdueDays) {
      caps.push({ key: "milestoneSevereOverdue", limit: c.milestoneSevereOverdueCap, facts });
    } else if (worst.days > c.milestoneOverdueDays) {
      caps.push({ key: "milestoneOverdue", limit: c.milestoneOverdueCap, facts });
    }
  }

  const since = daysSince(inputs.lastCustomerActivityDate, today);
  // A room nobody was invited to cannot be "silent"; invited users who never came are.
  const invited = inputs.customerUsers.length > 0;
  const silent = since === null ? invited : since >= c.customerSilentDays;
  if (silent) caps.push({ key: "customerSilent", limit: c.customerSilentCap, facts: { daysSince: since } });
  else if (invited) {
    // Model version 2: once set, the cap lifts only after activity on 2 distinct days of the last 7.
    const recentDays = activeDaysWithin(inputs, c.customerSilentLiftWindowDays);
    const lifted = recentDays >= c.customerSilentLiftDays;
    if (!lifted && (inputs.history.silentCapped === true || returnedWithoutRecovery(inputs, config)))
      caps.push({
        key: "customerSilent",
        limit: c.customerSilentCap,
        facts: {
          recovering: "yes",
          activeDays: recentDays,
          needDays: c.customerSilentLiftDays,
          windowDays: c.customerSilentLiftWindowDays,
        },
      });
  }

  if (inputs.pulse?.value === "red" && isPulseFresh(inputs.pulse, today, config)) {
    caps.push({
      key: "redPulse",
      limit: c.redPulseCap,
      facts: { setOn: inputs.pulse.setOn, daysSince: daysBetween(inputs.pulse.setOn, today) },
    });
  }
  return caps;
}

const BAND_RANK: Record<Band, number> = { grey: -1, red: 0, yellow: 1, green: 2 };

/**
 * A change of band needs the score to be `hysteresis` points past the threshold nearest the previous band,
 * or a second computation in a row pointing to the new band. Keeps a score hovering at 69–70 from flickering.
 */
function applyHysteresis(
  rawBand: Band,
  score: number | null,
  history: HealthInputs["history"],
  config: HealthConfig,
) {
  const prev = history.previousBand;
  if (score === null || rawBand === "grey" || prev === null || prev === "grey" || prev === rawBand)
    return rawBand;
  if (history.previousRawBand === rawBand) return rawBand;
  const { green, yellow, hysteresis } = config.bands;
  const down = BAND_RANK[rawBand] < BAND_RANK[prev];
  const threshold = down ? (prev === "green" ? green : yellow) : prev === "red" ? yellow : green;
  const clear = down ? score <= threshold - hysteresis : score >= threshold + hysteresis;
  return clear ? rawBand : prev;
}

export function computeHealth(inputs: HealthInputs, config: HealthConfig): HealthResult {
  const measured = MEASURE_KEYS.map((key) => {
    const { weight, anchors } = config.measures[key];
    return { key, weight, ...MEASURES[key](inputs, anchors, config) };
  });

  const totalWeight = measured.reduce((sum, m) => sum + m.weight, 0);
  const withData = measured.filter((m) => m.score !== null);
  const dataWeight = withData.reduce((sum, m) => sum + m.weight, 0);
  const dataShare = totalWeight > 0 ? dataWeight / totalWeight : 0;

  const exactWeights = withData.map((m) => (dataWeight > 0 ? (m.weight / dataWeight) * 100 : 0));
  const exactContributions = withData.map((m, i) => (exactWeights[i] * (m.score ?? 0)) / 100);
  const rounded = roundExplanation(exactWeights, exactContributions);

  const measures: MeasureResult[] = measured.map((m) => {
    const i = withData.indexOf(m);
    const effectiveWeight = i < 0 ? 0 : rounded.weights[i];
    const contribution = i < 0 ? 0 : rounded.contributions[i];
    return {
      key: m.key,
      raw: m.raw === null ? null : round2(m.raw),
      facts: m.facts,
      score: m.score === null ? null : round1(m.score),
      weight: m.weight,
      effectiveWeight,
      contribution,
      pointsLost: round1(effectiveWeight - contribution),
    };
  });

  if (dataWeight === 0 || dataShare < config.bands.minDataShare) {
    return {
      modelVersion: config.version,
      model: config.model,
      score: null,
      preCapScore: null,
      band: "grey",
      rawBand: "grey",
      dataShare,
      measures,
      caps: [],
      drags: [],
      trend: { delta: null, direction: null },
    };
  }

  const preCapScore = round1(rounded.contributions.reduce((a, b) => a + b, 0));
  const caps = findCaps(inputs, config);
  const score = round1(Math.min(preCapScore, ...caps.map((c) => c.limit)));
  const rawBand = bandForScore(score, config);
  const band = applyHysteresis(rawBand, score, inputs.history, config);

  const before = inputs.history.scoreSevenDaysAgo;
  const delta = before === null ? null : round1(score - before);
  const direction =
    delta === null
      ? null
      : delta >= config.trendPoints
        ? "up"
        : delta <= -config.trendPoints
          ? "down"
          : "flat";

  const drags = measures
    .filter((m) => m.pointsLost > 0)
    .sort((a, b) => b.pointsLost - a.pointsLost)
    .slice(0, 3)
    .map((m) => m.key);

  return {
    modelVersion: config.version,
    model: config.model,
    score,
    preCapScore,
    band,
    rawBand,
    dataShare,
    measures,
    caps,
    drags,
    trend: { delta, direction },
  };
}

export type HealthOverride = { band: Band | null; score: number | null; expiresOn: IsoDate };

/**
 * The band and score to show, given the CSM's overall override. An override is active through its
 * expiresOn day and gone the day after. A score without a band takes its band from the thresholds; a
 * band without a score keeps the computed score (which stays visible beside the override anyway).
 * Pass the room's config: the default is only a fallback for callers without one.
 */
export function applyOverride(
  result: HealthResult,
  override: HealthOverride | null,
  today: IsoDate,
  config: HealthConfig = DEFAULT_HEALTH_CONFIG,
): { effectiveBand: Band; effectiveScore: number | null; overridden: boolean } {
  const active =
    override !== null && today <= override.expiresOn && (override.band !== null || override.score !== null);
  if (!active) return { effectiveBand: result.band, effectiveScore: result.score, overridden: false };
  return {
    effectiveBand: override.band ?? bandForScore(override.score, config),
    effectiveScore: override.score ?? result.score,
    overridden: true,
  };
}
