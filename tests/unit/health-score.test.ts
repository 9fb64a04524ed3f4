import { describe, expect, it } from "vitest";
import {
  DEFAULT_HEALTH_CONFIG,
  MEASURE_KEYS,
  type Anchor,
  type Band,
  type HealthConfig,
  type HealthInputs,
  type HealthResult,
  type MeasureKey,
  type Pulse,
} from "~/domain/health/model";
import { applyOverride, bandForScore, computeHealth, interpolate } from "~/domain/health/score";
import { addDays } from "~/domain/plan/dates";
import { ago, healthy, milestone, task, TODAY, withInputs } from "../helpers/health-inputs";

const config = DEFAULT_HEALTH_CONFIG;

type Milestone = HealthInputs["milestones"][number];
const measure = (result: HealthResult, key: MeasureKey) => result.measures.find((m) => m.key === key)!;
const run = (inputs: HealthInputs, cfg: HealthConfig = config) => computeHealth(inputs, cfg);

/** Only training counts, so the overall score equals the completion percentage we set. */
const trainingOnly: HealthConfig = {
  ...config,
  measures: Object.fromEntries(
    MEASURE_KEYS.map((k) => [k, { ...config.measures[k], weight: k === "trainingCompletion" ? 100 : 0 }]),
  ) as HealthConfig["measures"],
};
const scoring = (score: number, history: Partial<HealthInputs["history"]> = {}) =>
  run(
    withInputs({
      training: { dueAssigned: 1000, dueCompleted: Math.round(score * 10), oldestOverdueDueDate: null },
      history: { ...healthy().history, ...history },
    }),
    trainingOnly,
  );

describe("interpolate", () => {
  const punctuality: Anchor[] = [
    [0, 100],
    [20, 70],
    [60, 40],
    [100, 0],
  ];
  it.each([
    [-5, 100],
    [0, 100],
    [10, 85],
    [20, 70],
    [40, 55],
    [60, 40],
    [80, 20],
    [100, 0],
    [150, 0],
  ])("decreasing anchors: %d → %d", (raw, score) => {
    expect(interpolate(punctuality, raw)).toBeCloseTo(score, 9);
  });

  it.each([
    [-1, 0],
    [0.2, 20],
    [0.55, 55],
    [1, 100],
    [3, 100],
  ])("increasing anchors: %d → %d", (raw, score) => {
    expect(interpolate(config.measures.activityTrend.anchors, raw)).toBeCloseTo(score, 9);
  });

  it("is constant with a single anchor and refuses none", () => {
    expect(interpolate([[5, 42]], -10)).toBe(42);
    expect(interpolate([[5, 42]], 10)).toBe(42);
    expect(() => interpolate([], 1)).toThrow();
  });
});

describe("healthy baseline", () => {
  it("scores 100 and green with every measure counted", () => {
    const r = run(healthy());
    expect(r.measures.map((m) => [m.key, m.score])).toEqual(MEASURE_KEYS.map((k) => [k, 100]));
    expect(r).toMatchObject({ score: 100, preCapScore: 100, band: "green", rawBand: "green", dataShare: 1 });
    expect(r.caps).toEqual([]);
    expect(r.drags).toEqual([]);
    expect(r.modelVersion).toBe(config.version);
  });
});

describe("task punctuality", () => {
  // 10 tasks due before today, `overdue` of them still open, plus one due later that never counts.
  const tasksWith = (overdue: number) => [
    ...Array.from({ length: 10 }, (_, i) =>
      task(`d${i}`, { dueDate: ago(3), status: i < overdue ? "todo" : "done" }),
    ),
    task("future", { dueDate: ago(-3) }),
  ];
  it.each([
    [0, 100],
    [10, 85],
    [20, 70],
    [30, 62.5],
    [40, 55],
    [60, 40],
    [80, 20],
    [100, 0],
  ])("%d%% of due tasks overdue → %d", (percent, score) => {
    const m = measure(run(withInputs({ tasks: tasksWith(percent / 10) })), "taskPunctuality");
    expect(m.raw).toBe(percent);
    expect(m.score).toBe(score);
    expect(m.facts).toMatchObject({ overdue: percent / 10, due: 10 });
  });

  it("does not count a task due today as due yet", () => {
    const m = measure(run(withInputs({ tasks: [task("a", { dueDate: TODAY })] })), "taskPunctuality");
    expect(m).toMatchObject({ raw: null, score: null, effectiveWeight: 0, contribution: 0 });
  });

  it("is N/A when no task is due yet (future or undated)", () => {
    const m = measure(
      run(withInputs({ tasks: [task("a"), task("b", { dueDate: null })] })),
      "taskPunctuality",
    );
    expect(m.score).toBeNull();
  });

  it("splits by side, joint tasks counting as customer side", () => {
    const tasks = [
      task("c", { side: "customer", dueDate: ago(2) }),
      task("j", { side: "joint", dueDate: ago(2), status: "done" }),
      task("v1", { side: "vendor", dueDate: ago(2), status: "blocked" }),
      task("v2", { side: "vendor", dueDate: ago(2), status: "done" }),
    ];
    expect(measure(run(withInputs({ tasks })), "taskPunctuality").facts).toEqual({
      overdue: 2,
      due: 4,
      customerOverdue: 1,
      customerDue: 2,
      vendorOverdue: 1,
      vendorDue: 2,
    });
  });
});

describe("milestone slippage", () => {
  it.each([
    [0, 100],
    [3, 87.1],
    [7, 70],
    [14, 55],
    [21, 40],
    [33, 20],
    [45, 0],
    [60, 0],
  ])("one milestone completed %d days after its baseline → %d", (days, score) => {
    const late = milestone("m", {
      baselineDate: ago(70),
      targetDate: ago(70),
      completedDate: ago(70 - days),
    });
    const m = measure(run(withInputs({ milestones: [late] })), "milestoneSlippage");
    expect(m.raw).toBe(days);
    expect(m.score).toBe(score);
  });

  it("takes half the worst plus half the average", () => {
    const milestones = [
      milestone("late", { title: "Late", baselineDate: ago(10), targetDate: ago(-5) }),
      milestone("fine", { baselineDate: ago(20), completedDate: ago(25) }),
    ];
    const m = measure(run(withInputs({ milestones })), "milestoneSlippage");
    // worst 10, average 5 → 7.5 days → 70 + (40 − 70) × 0.5 / 14
    expect(m.raw).toBe(7.5);
    expect(m.score).toBe(68.9);
    expect(m.facts).toEqual({ worstDays: 10, averageDays: 5, worstTitle: "Late", milestones: 2 });
  });

  it("judges open milestones against today and the baseline, not the moved target", () => {
    const moved = milestone("m", { baselineDate: ago(7), targetDate: ago(-30) });
    expect(measure(run(withInputs({ milestones: [moved] })), "milestoneSlippage").score).toBe(70);
  });

  it("counts open milestones with a future baseline and early completions as 0 days late", () => {
    const milestones = [
      milestone("future"),
      milestone("early", { baselineDate: ago(5), completedDate: ago(9) }),
    ];
    expect(measure(run(withInputs({ milestones })), "milestoneSlippage")).toMatchObject({
      raw: 0,
      score: 100,
    });
  });

  it("is N/A without milestones", () => {
    expect(measure(run(withInputs({ milestones: [] })), "milestoneSlippage").score).toBeNull();
  });
});

describe("time to first value", () => {
  const firstValue = (over: Partial<Milestone>) =>
    milestone("fv", { title: "First value", isFirstValue: true, targetDate: ago(-30), ...over });
  it.each([
    [-3, 100],
    [0, 100],
    [7, 70],
    [14, 55],
    [21, 40],
    [45, 0],
    [50, 0],
  ])("forecast %d days after target → %d", (days, score) => {
    const m = measure(
      run(withInputs({ milestones: [firstValue({ forecastDate: ago(-30 - days) })] })),
      "timeToFirstValue",
    );
    expect(m.raw).toBe(Math.max(0, days));
    expect(m.score).toBe(score);
    expect(m.facts).toMatchObject({ targetDate: ago(-30), forecastDate: ago(-30 - days), actualDate: null });
  });

  it("uses the actual date once the milestone is completed", () => {
    const done = firstValue({ targetDate: ago(20), completedDate: ago(13), forecastDate: ago(20) });
    const m = measure(run(withInputs({ milestones: [done] })), "timeToFirstValue");
    expect(m).toMatchObject({ raw: 7, score: 70 });
    expect(m.facts).toMatchObject({ actualDate: ago(13), forecastDate: null, daysLate: 7 });
  });

  it.each([
    ["no first-value milestone", [milestone("m")]],
    ["no forecast", [firstValue({ forecastDate: null })]],
  ])("is N/A with %s", (_, milestones) => {
    expect(measure(run(withInputs({ milestones })), "timeToFirstValue").score).toBeNull();
  });
});

describe("customer presence (model version 2: distinct active days)", () => {
  it.each([
    ["all active, active on 7 days", [0, 0], [0, 1, 2, 3, 4, 5, 6], 7, 100],
    ["one of two came back today after weeks away", [0, 30], [0], 1, 0.5 * 50 + 0.5 * 30],
    ["both active, on 2 days", [0, 1], [0, 1], 2, 0.5 * 100 + 0.5 * 50],
    ["half active, on 3 days", [1, 20], [1, 3, 5], 3, 0.5 * 50 + 0.5 * 70],
    ["three of four active, on 6 days", [10, 10, 10, null], [0, 2, 4, 6, 8, 10], 6, 0.5 * 75 + 0.5 * 100],
    ["a day 13 days ago still counts", [13], [13], 1, 0.5 * 100 + 0.5 * 30],
    ["a day 14 days ago no longer does", [14], [14, 20], 0, 0],
    ["never active", [null, null], [], 0, 0],
  ] as [string, (number | null)[], number[], number, number][])("%s", (_, users, days, raw, score) => {
    const inputs = withInputs({
      customerUsers: users.map((d, i) => ({ userId: `c${i}`, lastActiveDate: d === null ? null : ago(d) })),
      lastCustomerActivityDate: days.length ? ago(Math.min(...days)) : null,
      customerActiveDays: days.map((d) => ago(d)).sort(),
    });
    const m = measure(run(inputs), "customerPresence");
    expect(m.raw).toBe(raw);
    expect(m.score).toBe(score);
    expect(m.facts).toEqual({
      active: users.filter((d) => d !== null && d < 14).length,
      invited: users.length,
      activeDays: raw,
    });
  });

  it("ignores days after today", () => {
    const m = measure(
      run(withInputs({ customerActiveDays: [ago(1), TODAY, ago(-1), ago(-2)] })),
      "customerPresence",
    );
    expect(m.raw).toBe(2);
  });

  it("is N/A when no customer user was invited", () => {
    expect(measure(run(withInputs({ customerUsers: [] })), "customerPresence").score).toBeNull();
  });
});

describe("activity trend", () => {
  it.each([
    [10, 20, 1, 100],
    [7, 20, 0.7, 70],
    [4, 20, 0.4, 40],
    [11, 40, 0.55, 55],
    [1, 6, 0.33, 33.3],
    [0, 20, 0, 0],
    [40, 20, 4, 100],
    [5, 0, 1, 100],
  ])("%d events after %d → ratio %d → %d", (last14Days, prior28Days, ratio, score) => {
    const m = measure(run(withInputs({ customerEvents: { last14Days, prior28Days } })), "activityTrend");
    expect(m.raw).toBe(ratio);
    expect(m.score).toBe(score);
    expect(m.facts).toEqual({ last14Days, prior28Days, ratio });
  });

  it("is N/A with no events at all", () => {
    const m = measure(
      run(withInputs({ customerEvents: { last14Days: 0, prior28Days: 0 } })),
      "activityTrend",
    );
    expect(m.score).toBeNull();
  });
});

describe("stakeholder coverage", () => {
  it.each([
    [0, null, 2, 100],
    [29, null, 2, 100],
    [30, 29, 1, 50],
    [null, 0, 1, 50],
    [30, 30, 0, 0],
    [null, null, 0, 0],
  ])("accountable seen %s days ago, responsible %s → raw %d, %d", (a, r, raw, score) => {
    const stakeholders = {
      accountableDefined: true,
      accountableLastActiveDate: a === null ? null : ago(a),
      responsibleLastActiveDate: r === null ? null : ago(r),
    };
    const m = measure(run(withInputs({ stakeholders })), "stakeholderCoverage");
    expect(m).toMatchObject({ raw, score });
    expect(m.facts).toEqual({ accountableDaysSince: a, responsibleDaysSince: r });
  });

  it("is N/A when the room names no sponsor", () => {
    const stakeholders = {
      accountableDefined: false,
      accountableLastActiveDate: null,
      responsibleLastActiveDate: TODAY,
    };
    expect(measure(run(withInputs({ stakeholders })), "stakeholderCoverage").score).toBeNull();
  });
});

describe("training completion", () => {
  it.each([
    [10, 10, 100],
    [7, 10, 70],
    [4, 10, 40],
    [11, 20, 55],
    [1, 8, 12.5],
    [0, 10, 0],
  ])("%d of %d due modules completed → %d", (dueCompleted, dueAssigned, score) => {
    const training = { dueAssigned, dueCompleted, oldestOverdueDueDate: null };
    expect(measure(run(withInputs({ training })), "trainingCompletion").score).toBe(score);
  });

  it.each([
    ["no training", null],
    ["nothing due yet", { dueAssigned: 0, dueCompleted: 0, oldestOverdueDueDate: null }],
  ])("is N/A with %s", (_, training) => {
    expect(measure(run(withInputs({ training })), "trainingCompletion").score).toBeNull();
  });
});

describe("CSM pulse", () => {
  it.each([
    ["green", 0, 100],
    ["yellow", 0, 60],
    ["red", 0, 0],
    ["yellow", 30, 60],
    ["green", 31, null],
  ] as [Pulse, number, number | null][])("%s set %d days ago → %s", (value, age, score) => {
    const m = measure(run(withInputs({ pulse: { value, setOn: ago(age), comment: "" } })), "csmPulse");
    expect(m.score).toBe(score);
  });

  it("is N/A without a pulse", () => {
    expect(measure(run(withInputs({ pulse: null })), "csmPulse").score).toBeNull();
  });
});

describe("milestone satisfaction", () => {
  it.each([
    [1, 0],
    [2, 25],
    [3, 50],
    [4, 75],
    [5, 100],
  ])("%d stars → %d", (stars, score) => {
    const latestRating = { stars, on: ago(1), milestoneTitle: "Setup" };
    expect(measure(run(withInputs({ latestRating })), "milestoneSatisfaction").score).toBe(score);
  });

  it("is N/A without a rating", () => {
    expect(measure(run(withInputs({ latestRating: null })), "milestoneSatisfaction").score).toBeNull();
  });
});

describe("N/A measures and rescaling", () => {
  // How to take each measure's data away (milestone slippage also takes time to first value with it).
  const withoutData: Record<MeasureKey, (i: HealthInputs) => HealthInputs> = {
    taskPunctuality: (i) => ({ ...i, tasks: [] }),
    milestoneSlippage: (i) => ({ ...i, milestones: [] }),
    timeToFirstValue: (i) => ({ ...i, milestones: i.milestones.map((m) => ({ ...m, isFirstValue: false })) }),
    customerPresence: (i) => ({ ...i, customerUsers: [] }),
    activityTrend: (i) => ({ ...i, customerEvents: { last14Days: 0, prior28Days: 0 } }),
    stakeholderCoverage: (i) => ({ ...i, stakeholders: { ...i.stakeholders, accountableDefined: false } }),
    trainingCompletion: (i) => ({ ...i, training: null }),
    csmPulse: (i) => ({ ...i, pulse: null }),
    milestoneSatisfaction: (i) => ({ ...i, latestRating: null }),
  };
  // Training at 40 % and a 3-star rating; everything else scores 100.
  const scores: Record<MeasureKey, number> = {
    ...(Object.fromEntries(MEASURE_KEYS.map((k) => [k, 100])) as Record<MeasureKey, number>),
    trainingCompletion: 40,
    milestoneSatisfaction: 50,
  };
  const base = () =>
    withInputs({
      training: { dueAssigned: 10, dueCompleted: 4, oldestOverdueDueDate: null },
      latestRating: { stars: 3, on: ago(1), milestoneTitle: "Setup" },
    });

  it.each([
    [[], 88.5],
    [["trainingCompletion"], 97.1],
    [["csmPulse", "milestoneSatisfaction"], 89.4],
    [["timeToFirstValue", "stakeholderCoverage", "activityTrend"], 84],
    [["milestoneSlippage", "timeToFirstValue", "customerPresence"], 81.7],
  ] as [MeasureKey[], number][])("without %j scores %d", (missing, expected) => {
    const inputs = missing.reduce((i, key) => withoutData[key](i), base());
    const r = run(inputs);
    const present = MEASURE_KEYS.filter((k) => !missing.includes(k));
    const presentWeight = present.reduce((s, k) => s + config.measures[k].weight, 0);

    expect(r.dataShare).toBeCloseTo(presentWeight / 100, 9);
    expect(r.measures.reduce((s, m) => s + m.effectiveWeight, 0)).toBeCloseTo(100, 9);
    for (const m of r.measures) {
      if (missing.includes(m.key)) {
        expect(m).toMatchObject({ score: null, effectiveWeight: 0, contribution: 0, pointsLost: 0 });
      } else {
        expect(m.score).toBe(scores[m.key]);
        expect(Math.abs(m.effectiveWeight - (m.weight / presentWeight) * 100)).toBeLessThan(0.1);
      }
    }
    const weightedMean =
      present.reduce((s, k) => s + config.measures[k].weight * scores[k], 0) / presentWeight;
    expect(r.score).toBe(expected);
    expect(r.score).toBeCloseTo(weightedMean, 1);
  });

  const sparse = (keepSatisfaction: boolean) => {
    const missing: MeasureKey[] = [
      "timeToFirstValue",
      "customerPresence",
      "activityTrend",
      "stakeholderCoverage",
      "csmPulse",
      ...(keepSatisfaction ? [] : (["milestoneSatisfaction"] as MeasureKey[])),
    ];
    return run(missing.reduce((i, key) => withoutData[key](i), base()));
  };

  it("scores with exactly half the weight having data", () => {
    const r = sparse(true);
    expect(r.dataShare).toBe(0.5);
    // (15 × 100 + 15 × 100 + 15 × 40 + 5 × 50) / 50
    expect(r).toMatchObject({ score: 77, band: "green" });
  });

  it("is grey below half the weight, still reporting each measure", () => {
    const r = sparse(false);
    expect(r.dataShare).toBeCloseTo(0.45, 9);
    expect(r).toMatchObject({ score: null, preCapScore: null, band: "grey", rawBand: "grey", drags: [] });
    expect(r.trend).toEqual({ delta: null, direction: null });
    expect(measure(r, "trainingCompletion").score).toBe(40);
    expect(Math.abs(measure(r, "trainingCompletion").effectiveWeight - 100 / 3)).toBeLessThan(0.1);
    expect(measure(r, "csmPulse").score).toBeNull();
  });

  it("is grey with no data at all, whatever the previous band", () => {
    const empty = Object.values(withoutData).reduce((i, f) => f(i), healthy());
    const r = run(empty);
    expect(r).toMatchObject({ band: "grey", score: null, dataShare: 0 });
    expect(r.measures.every((m) => m.effectiveWeight === 0)).toBe(true);
  });
});

describe("caps", () => {
  const lateMilestone = (days: number) =>
    milestone("late", { title: "Late", targetDate: ago(days), baselineDate: ago(days) });

  it.each([
    [14, []],
    [15, [["milestoneOverdue", 69]]],
    [30, [["milestoneOverdue", 69]]],
    [31, [["milestoneSevereOverdue", 39]]],
    [60, [["milestoneSevereOverdue", 39]]],
  ] as [number, [string, number][]][])("an open milestone %d days past target caps at %j", (days, caps) => {
    const r = run(withInputs({ milestones: [...healthy().milestones, lateMilestone(days)] }));
    expect(r.caps.map((c) => [c.key, c.limit])).toEqual(caps);
    if (caps.length > 0) {
      expect(r.caps[0].facts).toEqual({ milestoneId: "late", title: "Late", daysOverdue: days });
      expect(r.preCapScore).toBeGreaterThan(caps[0][1]);
      expect(r.score).toBe(caps[0][1]);
    } else {
      expect(r.score).toBe(r.preCapScore);
    }
  });

  it("judges the current target, not the baseline, and ignores completed milestones", () => {
    const milestones = [
      milestone("moved", { baselineDate: ago(60), targetDate: ago(10) }),
      milestone("done", { baselineDate: ago(60), targetDate: ago(60), completedDate: ago(5) }),
    ];
    expect(run(withInputs({ milestones })).caps).toEqual([]);
  });

  it.each([
    ["silent 20 days", 20, true, false],
    ["silent 21 days", 21, true, true],
    ["never active, users invited", null, true, true],
    ["never active, nobody invited", null, false, false],
  ] as [string, number | null, boolean, boolean][])(
    "customer %s → capped: %s",
    (_, days, invited, capped) => {
      const last = days === null ? null : ago(days);
      const r = run(
        withInputs({
          lastCustomerActivityDate: last,
          customerActiveDays: last === null ? [] : [last],
          customerUsers: invited ? [{ userId: "c1", lastActiveDate: last }] : [],
        }),
      );
      expect(r.caps.map((c) => c.key)).toEqual(capped ? ["customerSilent"] : []);
      if (capped) {
        expect(r.caps[0]).toEqual({ key: "customerSilent", limit: 39, facts: { daysSince: days } });
        expect(r.score).toBe(39);
      }
    },
  );

  it.each([
    ["red today", "red", 0, true],
    ["red 30 days ago", "red", 30, true],
    ["red but stale", "red", 31, false],
    ["yellow", "yellow", 0, false],
  ] as [string, Pulse, number, boolean][])("pulse %s → capped: %s", (_, value, age, capped) => {
    const r = run(withInputs({ pulse: { value, setOn: ago(age), comment: "" } }));
    expect(r.caps.map((c) => c.key)).toEqual(capped ? ["redPulse"] : []);
    if (capped) expect(r).toMatchObject({ preCapScore: 90, score: 69, rawBand: "yellow" });
  });

  it("lists every cap that applies and takes the strictest", () => {
    const r = run(
      withInputs({
        pulse: { value: "red", setOn: TODAY, comment: "" },
        lastCustomerActivityDate: ago(25),
        customerUsers: [{ userId: "c1", lastActiveDate: ago(25) }],
      }),
    );
    expect(r.caps.map((c) => c.key)).toEqual(["customerSilent", "redPulse"]);
    expect(r.score).toBe(39);
  });

  it("never raises a score that is already below the cap", () => {
    const r = run(
      withInputs({
        tasks: [task("a", { dueDate: ago(5) })],
        training: { dueAssigned: 10, dueCompleted: 0, oldestOverdueDueDate: null },
        pulse: { value: "red", setOn: TODAY, comment: "" },
        latestRating: { stars: 1, on: TODAY, milestoneTitle: "Setup" },
        stakeholders: {
          accountableDefined: true,
          accountableLastActiveDate: null,
          responsibleLastActiveDate: null,
        },
      }),
    );
    expect(r.caps.map((c) => c.key)).toEqual(["redPulse"]);
    // 100 − 15 (tasks) − 15 (training) − 10 (pulse) − 5 (rating) − 8 (coverage)
    expect(r.preCapScore).toBe(47);
    expect(r.score).toBe(47);
  });
});

describe("bands and hysteresis", () => {
  it.each([
    [100, "green"],
    [70, "green"],
    [69.9, "yellow"],
    [40, "yellow"],
    [39.9, "red"],
    [0, "red"],
    [null, "grey"],
  ] as [number | null, Band][])("bandForScore(%s) is %s", (score, band) => {
    expect(bandForScore(score, config)).toBe(band);
  });

  it.each([
    // previous band, previous raw band, score → band
    ["green", "green", 70, "green"],
    ["green", "green", 69, "green"],
    ["green", "green", 67.1, "green"],
    ["green", "yellow", 69, "yellow"],
    ["green", "green", 67, "yellow"],
    ["green", "green", 66, "yellow"],
    ["green", "green", 38, "red"],
    ["yellow", "yellow", 72, "yellow"],
    ["yellow", "yellow", 72.9, "yellow"],
    ["yellow", "yellow", 73, "green"],
    ["yellow", "green", 71, "green"],
    ["yellow", "yellow", 38, "yellow"],
    ["yellow", "yellow", 37, "red"],
    ["yellow", "red", 39, "red"],
    ["red", "red", 42, "red"],
    ["red", "red", 43, "yellow"],
    ["red", "yellow", 41, "yellow"],
    ["red", "red", 71, "green"],
    [null, null, 69, "yellow"],
    ["grey", "grey", 70, "green"],
  ] as [Band | null, Band | null, number, Band][])(
    "after %s (raw %s), a score of %d is %s",
    (previousBand, previousRawBand, score, band) => {
      const r = scoring(score, { previousBand, previousRawBand });
      expect(r.score).toBe(score);
      expect(r.rawBand).toBe(bandForScore(score, config));
      expect(r.band).toBe(band);
    },
  );

  it("switches on the second computation in a row pointing to the new band", () => {
    const first = scoring(69, { previousBand: "green", previousRawBand: "green" });
    expect(first).toMatchObject({ band: "green", rawBand: "yellow" });
    const second = scoring(69, { previousBand: first.band, previousRawBand: first.rawBand });
    expect(second.band).toBe("yellow");

    const up1 = scoring(71, { previousBand: "yellow", previousRawBand: "yellow" });
    expect(up1.band).toBe("yellow");
    expect(scoring(71, { previousBand: up1.band, previousRawBand: up1.rawBand }).band).toBe("green");
  });
});

describe("trend", () => {
  it.each([
    [75, 5, "up"],
    [75.1, 4.9, "flat"],
    [80, 0, "flat"],
    [84.9, -4.9, "flat"],
    [85, -5, "down"],
    [60, 20, "up"],
  ])("80 now after %d seven days ago → %d, %s", (before, delta, direction) => {
    expect(scoring(80, { scoreSevenDaysAgo: before }).trend).toEqual({ delta, direction });
  });

  it("has no trend without a score seven days ago", () => {
    expect(scoring(80, { scoreSevenDaysAgo: null }).trend).toEqual({ delta: null, direction: null });
  });
});

describe("explanation", () => {
  it("reports contributions, points lost and the three largest drags", () => {
    const r = run(
      withInputs({
        training: { dueAssigned: 10, dueCompleted: 4, oldestOverdueDueDate: null },
        pulse: { value: "yellow", setOn: TODAY, comment: "" },
        latestRating: { stars: 3, on: TODAY, milestoneTitle: "Setup" },
        stakeholders: {
          accountableDefined: true,
          accountableLastActiveDate: null,
          responsibleLastActiveDate: null,
        },
      }),
    );
    expect(measure(r, "trainingCompletion")).toMatchObject({
      effectiveWeight: 15,
      contribution: 6,
      pointsLost: 9,
    });
    expect(measure(r, "stakeholderCoverage")).toMatchObject({ contribution: 0, pointsLost: 8 });
    expect(measure(r, "csmPulse")).toMatchObject({ contribution: 6, pointsLost: 4 });
    expect(measure(r, "milestoneSatisfaction")).toMatchObject({ contribution: 2.5, pointsLost: 2.5 });
    expect(r.drags).toEqual(["trainingCompletion", "stakeholderCoverage", "csmPulse"]);
    expect(r.preCapScore).toBe(100 - 9 - 8 - 4 - 2.5);
  });

  it("lists fewer drags when fewer measures lose points", () => {
    const r = run(withInputs({ latestRating: { stars: 4, on: TODAY, milestoneTitle: "Setup" } }));
    expect(r.drags).toEqual(["milestoneSatisfaction"]);
  });

  // mulberry32: a tiny seeded PRNG, so failures reproduce.
  function prng(seed: number) {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function randomCase(rand: () => number): { inputs: HealthInputs; cfg: HealthConfig } {
    const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const pick = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)];
    const maybe = <T>(p: number, value: () => T): T | null => (rand() < p ? value() : null);
    const date = (lo: number, hi: number) => ago(int(lo, hi));
    const tasks = Array.from({ length: int(0, 15) }, (_, i) =>
      task(`t${i}`, {
        side: pick(["vendor", "customer", "joint"] as const),
        status: pick(["todo", "in_progress", "blocked", "done"] as const),
        dueDate: maybe(0.9, () => date(-20, 60)),
      }),
    );
    const milestones = Array.from({ length: int(0, 4) }, (_, i) => {
      const baseline = int(-30, 80);
      return milestone(`m${i}`, {
        baselineDate: ago(baseline),
        targetDate: ago(baseline - int(0, 20)),
        completedDate: maybe(0.4, () => date(0, 90)),
        isFirstValue: i === 0,
        forecastDate: maybe(0.8, () => date(-40, 10)),
      });
    });
    const customerUsers = Array.from({ length: int(0, 5) }, (_, i) => ({
      userId: `c${i}`,
      lastActiveDate: maybe(0.8, () => date(0, 40)),
    }));
    const weights = Object.fromEntries(
      MEASURE_KEYS.map((k) => [k, { ...config.measures[k], weight: int(1, 23) }]),
    ) as HealthConfig["measures"];
    return {
      cfg: { ...config, measures: weights },
      inputs: {
        today: TODAY,
        roomStartedOn: ago(120),
        tasks,
        milestones,
        goals: [],
        customerUsers,
        lastCustomerActivityDate: maybe(0.8, () => date(0, 40)),
        customerActiveDays: [...new Set(Array.from({ length: int(0, 8) }, () => date(0, 41)))].sort(),
        customerEvents: { last14Days: int(0, 30), prior28Days: int(0, 60) },
        stakeholders: {
          accountableDefined: rand() < 0.8,
          accountableLastActiveDate: maybe(0.7, () => date(0, 60)),
          responsibleLastActiveDate: maybe(0.7, () => date(0, 60)),
        },
        training: maybe(0.7, () => {
          const dueAssigned = int(0, 12);
          return { dueAssigned, dueCompleted: int(0, dueAssigned), oldestOverdueDueDate: null };
        }),
        pulse: maybe(0.8, () => ({
          value: pick(["green", "yellow", "red"] as const),
          setOn: date(0, 40),
          comment: "",
        })),
        latestRating: maybe(0.6, () => ({ stars: int(1, 5), on: date(0, 30), milestoneTitle: "M" })),
        history: {
          previousBand: pick([null, "green", "yellow", "red", "grey"] as const),
          previousRawBand: pick([null, "green", "yellow", "red", "grey"] as const),
          scoreSevenDaysAgo: maybe(0.8, () => int(0, 1000) / 10),
          bandSevenDaysAgo: null,
          redSince: null,
        },
      },
    };
  }

  it("adds contributions up to the pre-cap score across random rooms", () => {
    const rand = prng(20261201);
    let scored = 0;
    for (let n = 0; n < 400; n++) {
      const { inputs, cfg } = randomCase(rand);
      const r = computeHealth(inputs, cfg);
      const counted = r.measures.filter((m) => m.score !== null);
      const mean =
        counted.reduce((s, m) => s + m.weight * (m.score ?? 0), 0) /
        counted.reduce((s, m) => s + m.weight, 0);
      if (r.score === null || r.preCapScore === null) {
        expect(r.band).toBe("grey");
        expect(r.dataShare).toBeLessThan(cfg.bands.minDataShare);
        continue;
      }
      scored++;
      const contributions = r.measures.reduce((s, m) => s + m.contribution, 0);
      const weights = r.measures.reduce((s, m) => s + m.effectiveWeight, 0);
      expect(Math.abs(contributions - r.preCapScore)).toBeLessThanOrEqual(0.1 + 1e-9);
      expect(Math.abs(weights - 100)).toBeLessThanOrEqual(0.1 + 1e-9);
      expect(Math.abs(r.preCapScore - mean)).toBeLessThanOrEqual(0.1 + 1e-9);
      expect(r.score).toBe(Math.min(r.preCapScore, ...r.caps.map((c) => c.limit)));
      for (const m of r.measures) {
        expect(m.pointsLost).toBeGreaterThanOrEqual(0);
        expect(m.pointsLost).toBeCloseTo(m.effectiveWeight - m.contribution, 9);
        if (m.score !== null)
          expect(Math.abs(m.contribution - (m.effectiveWeight * m.score) / 100)).toBeLessThan(0.3);
      }
      const losses = r.drags.map((k) => measure(r, k).pointsLost);
      expect(losses).toEqual([...losses].sort((a, b) => b - a));
      expect(r.drags.length).toBe(Math.min(3, r.measures.filter((m) => m.pointsLost > 0).length));
    }
    // Enough rooms must have been scored for the checks above to mean something.
    expect(scored).toBeGreaterThan(200);
  });
});

describe("applyOverride", () => {
  const result = scoring(55);
  it.each([
    ["no override", null, TODAY, "yellow", 55, false],
    ["a band, on its expiry day", { band: "green", score: null, expiresOn: TODAY }, TODAY, "green", 55, true],
    [
      "a band, the day after expiry",
      { band: "green", score: null, expiresOn: ago(1) },
      TODAY,
      "yellow",
      55,
      false,
    ],
    ["a score only (green)", { band: null, score: 72, expiresOn: ago(-14) }, TODAY, "green", 72, true],
    ["a score only (yellow)", { band: null, score: 69.9, expiresOn: ago(-14) }, TODAY, "yellow", 69.9, true],
    ["a score only (red)", { band: null, score: 39.9, expiresOn: ago(-14) }, TODAY, "red", 39.9, true],
    ["band and score", { band: "red", score: 80, expiresOn: ago(-14) }, TODAY, "red", 80, true],
    ["neither band nor score", { band: null, score: null, expiresOn: ago(-14) }, TODAY, "yellow", 55, false],
  ] as [string, Parameters<typeof applyOverride>[1], string, Band, number, boolean][])(
    "%s",
    (_, override, today, effectiveBand, effectiveScore, overridden) => {
      expect(applyOverride(result, override, today)).toEqual({ effectiveBand, effectiveScore, overridden });
    },
  );

  it("is active through its expiry day and gone the next day", () => {
    const override = { band: "red" as const, score: null, expiresOn: addDays(TODAY, 14) };
    expect(applyOverride(result, override, addDays(TODAY, 14)).overridden).toBe(true);
    expect(applyOverride(result, override, addDays(TODAY, 15)).overridden).toBe(false);
  });

  it("bands an override score with the room's thresholds", () => {
    const strict = { ...config, bands: { ...config.bands, green: 80 } };
    const override = { band: null, score: 72, expiresOn: TODAY };
    expect(applyOverride(result, override, TODAY, strict).effectiveBand).toBe("yellow");
  });
});
