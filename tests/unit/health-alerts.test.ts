import { describe, expect, it } from "vitest";
import { evaluateAlerts } from "~/domain/health/alerts";
import {
  ALERT_RULES,
  DEFAULT_HEALTH_CONFIG,
  type AlertRule,
  type AlertSeverity,
  type Band,
  type HealthInputs,
  type HealthResult,
  type Pulse,
} from "~/domain/health/model";
import { computeHealth } from "~/domain/health/score";
import { ago, goal, healthy, milestone, task, TODAY, withInputs } from "../helpers/health-inputs";

const config = DEFAULT_HEALTH_CONFIG;

type Task = HealthInputs["tasks"][number];
type Milestone = HealthInputs["milestones"][number];
type Goal = HealthInputs["goals"][number];

/** Findings for the inputs, with the computed result optionally replaced in part (score, band). */
const alertsFor = (inputs: HealthInputs, result: Partial<HealthResult> = {}) =>
  evaluateAlerts(inputs, { ...computeHealth(inputs, config), ...result }, config);
const findingOf = (inputs: HealthInputs, rule: AlertRule, result: Partial<HealthResult> = {}) => {
  const matching = alertsFor(inputs, result).filter((f) => f.rule === rule);
  // At most one finding per rule, whatever the inputs.
  expect(matching.length).toBeLessThanOrEqual(1);
  return matching[0] ?? null;
};
const severityOf = (inputs: HealthInputs, rule: AlertRule, result: Partial<HealthResult> = {}) =>
  findingOf(inputs, rule, result)?.severity ?? null;

type Case = [string, HealthInputs, AlertSeverity | null];

describe("alert rules", () => {
  it("finds nothing in a healthy room", () => {
    expect(alertsFor(healthy())).toEqual([]);
  });

  describe("milestoneLate", () => {
    const lateBy = (days: number) =>
      withInputs({
        milestones: [
          ...healthy().milestones,
          milestone("late", { targetDate: ago(days), baselineDate: ago(days) }),
        ],
      });
    it.each([
      [0, null],
      [2, null],
      [3, "warning"],
      [13, "warning"],
      [14, "critical"],
      [40, "critical"],
    ] as [number, AlertSeverity | null][])("an open milestone %d days past target → %s", (days, severity) => {
      expect(severityOf(lateBy(days), "milestoneLate")).toBe(severity);
    });

    it("ignores completed milestones however late", () => {
      const done = milestone("done", { targetDate: ago(40), baselineDate: ago(40), completedDate: ago(1) });
      expect(severityOf(withInputs({ milestones: [done] }), "milestoneLate")).toBeNull();
    });

    it("judges the current target, not the baseline", () => {
      const moved = milestone("moved", { targetDate: ago(2), baselineDate: ago(40) });
      expect(severityOf(withInputs({ milestones: [moved] }), "milestoneLate")).toBeNull();
    });

    it("reports one finding for the worst of several late milestones", () => {
      const milestones = [5, 20, 3].map((d) =>
        milestone(`m${d}`, { title: `Late ${d}`, targetDate: ago(d), baselineDate: ago(d) }),
      );
      expect(alertsFor(withInputs({ milestones })).filter((f) => f.rule === "milestoneLate")).toEqual([
        {
          rule: "milestoneLate",
          severity: "critical",
          facts: { milestoneId: "m20", title: "Late 20", daysLate: 20 },
        },
      ]);
    });
  });

  describe("firstValueLate", () => {
    const forecastLateBy = (days: number, over: Partial<Milestone> = {}) =>
      withInputs({
        milestones: [
          milestone("fv", {
            title: "First value",
            isFirstValue: true,
            targetDate: ago(-30),
            baselineDate: ago(-30),
            forecastDate: ago(-30 - days),
            ...over,
          }),
        ],
      });
    it.each([
      [-5, null],
      [0, null],
      [1, "warning"],
      [14, "warning"],
      [15, "critical"],
    ] as [number, AlertSeverity | null][])("forecast %d days after target → %s", (days, severity) => {
      expect(severityOf(forecastLateBy(days), "firstValueLate")).toBe(severity);
    });

    it("reports the milestone and its forecast", () => {
      expect(findingOf(forecastLateBy(15), "firstValueLate")?.facts).toEqual({
        milestoneId: "fv",
        title: "First value",
        daysLate: 15,
        forecastDate: ago(-45),
      });
    });

    it.each([
      ["completed", forecastLateBy(20, { completedDate: ago(1) })],
      ["without forecast", forecastLateBy(20, { forecastDate: null })],
    ])("stays quiet once %s", (_, inputs) => {
      expect(severityOf(inputs, "firstValueLate")).toBeNull();
    });
  });

  describe("customerInactive", () => {
    const silentFor = (days: number | null, invited = true) =>
      withInputs({
        lastCustomerActivityDate: days === null ? null : ago(days),
        customerUsers: invited ? [{ userId: "c1", lastActiveDate: days === null ? null : ago(days) }] : [],
      });
    it.each([
      ["13 days", silentFor(13), null],
      ["14 days", silentFor(14), "warning"],
      ["20 days", silentFor(20), "warning"],
      ["21 days", silentFor(21), "critical"],
      ["never, users invited", silentFor(null), "critical"],
      ["never, nobody invited", silentFor(null, false), null],
      ["30 days, nobody invited", silentFor(30, false), null],
    ] as Case[])("no customer activity for %s → %s", (_, inputs, severity) => {
      expect(severityOf(inputs, "customerInactive")).toBe(severity);
    });

    it("reports the days since the last activity (null when never)", () => {
      expect(findingOf(silentFor(14), "customerInactive")?.facts).toEqual({ daysSince: 14 });
      expect(findingOf(silentFor(null), "customerInactive")?.facts).toEqual({ daysSince: null });
    });
  });

  describe("customerTasksOverdue", () => {
    const overdue = (count: number, days: number, over: Partial<Task> = {}) =>
      Array.from({ length: count }, (_, i) => task(`o${days}-${i}`, { dueDate: ago(days), ...over }));
    it.each([
      ["2 tasks 7 days late", overdue(2, 7), null],
      ["3 tasks 1 day late", overdue(3, 1), "warning"],
      ["1 task 8 days late", overdue(1, 8), "warning"],
      ["4 tasks 21 days late", overdue(4, 21), "warning"],
      ["5 tasks 1 day late", overdue(5, 1), "critical"],
      ["1 task 22 days late", overdue(1, 22), "critical"],
      ["3 joint tasks", overdue(3, 1, { side: "joint" }), "warning"],
      ["10 vendor tasks a month late", overdue(10, 30, { side: "vendor" }), null],
      ["done tasks past their date", overdue(10, 30, { status: "done" }), null],
      ["tasks due today", overdue(10, 0), null],
    ] as [string, Task[], AlertSeverity | null][])("%s → %s", (_, tasks, severity) => {
      expect(severityOf(withInputs({ tasks }), "customerTasksOverdue")).toBe(severity);
    });

    it("reports the count and the worst task", () => {
      const tasks = [
        ...overdue(1, 2),
        task("worst", { title: "Worst", dueDate: ago(9) }),
        ...overdue(1, 9, { side: "vendor" }),
      ];
      expect(findingOf(withInputs({ tasks }), "customerTasksOverdue")).toEqual({
        rule: "customerTasksOverdue",
        severity: "warning",
        facts: { count: 2, worstDays: 9, taskId: "worst", title: "Worst" },
      });
    });
  });

  describe("scoreDrop", () => {
    const weekAgo = (scoreSevenDaysAgo: number | null, bandSevenDaysAgo: Band | null) =>
      withInputs({ history: { ...healthy().history, scoreSevenDaysAgo, bandSevenDaysAgo } });
    it.each([
      ["80 → 65.1", weekAgo(80, "green"), 65.1, "yellow", null],
      ["80 → 65", weekAgo(80, "green"), 65, "yellow", "warning"],
      ["90 → 60", weekAgo(90, "green"), 60, "yellow", "warning"],
      ["45 (yellow) → 38 (red)", weekAgo(45, "yellow"), 38, "red", "critical"],
      ["75 (green) → 35 (red)", weekAgo(75, "green"), 35, "red", "critical"],
      ["55 (red, held) → 35", weekAgo(55, "red"), 35, "red", "warning"],
      ["red → red, small drop", weekAgo(38, "red"), 30, "red", null],
      ["nothing a week ago → red", weekAgo(null, null), 30, "red", null],
      ["rising", weekAgo(50, "yellow"), 80, "green", null],
    ] as [string, HealthInputs, number, Band, AlertSeverity | null][])(
      "%s → %s",
      (_, inputs, score, band, severity) => {
        expect(severityOf(inputs, "scoreDrop", { score, band })).toBe(severity);
      },
    );

    it("reports from, to and the change", () => {
      expect(findingOf(weekAgo(75, "green"), "scoreDrop", { score: 35, band: "red" })?.facts).toEqual({
        from: 75,
        to: 35,
        delta: -40,
        fromBand: "green",
        toBand: "red",
      });
    });
  });

  describe("redStreak", () => {
    const redSince = (days: number | null) =>
      withInputs({ history: { ...healthy().history, redSince: days === null ? null : ago(days) } });
    it.each([
      ["red for 6 days", redSince(6), "red", null],
      ["red for 7 days", redSince(7), "red", "critical"],
      ["red for 30 days", redSince(30), "red", "critical"],
      ["red with no start recorded", redSince(null), "red", null],
      ["yellow again", redSince(10), "yellow", null],
    ] as [string, HealthInputs, Band, AlertSeverity | null][])("%s → %s", (_, inputs, band, severity) => {
      expect(severityOf(inputs, "redStreak", { band, score: 30 })).toBe(severity);
    });

    it("reports the days", () => {
      expect(findingOf(redSince(7), "redStreak", { band: "red", score: 30 })?.facts).toMatchObject({
        days: 7,
      });
    });
  });

  describe("negativeSentiment", () => {
    const sentiment = (pulse: Pulse | null, pulseAge: number, stars: number | null) =>
      withInputs({
        pulse: pulse === null ? null : { value: pulse, setOn: ago(pulseAge), comment: "" },
        latestRating: stars === null ? null : { stars, on: ago(1), milestoneTitle: "Setup" },
      });
    it.each([
      ["red pulse", sentiment("red", 0, 5), "warning"],
      ["red pulse 30 days old", sentiment("red", 30, 5), "warning"],
      ["stale red pulse", sentiment("red", 31, 5), null],
      ["yellow pulse", sentiment("yellow", 0, 5), null],
      ["2-star rating", sentiment("green", 0, 2), "warning"],
      ["1-star rating, no pulse", sentiment(null, 0, 1), "warning"],
      ["3-star rating", sentiment("green", 0, 3), null],
      ["no pulse, no rating", sentiment(null, 0, null), null],
    ] as Case[])("%s → %s", (_, inputs, severity) => {
      expect(severityOf(inputs, "negativeSentiment")).toBe(severity);
    });

    it("reports both causes in one finding", () => {
      expect(findingOf(sentiment("red", 0, 2), "negativeSentiment")?.facts).toEqual({
        pulse: "red",
        stars: 2,
        milestoneTitle: "Setup",
      });
    });
  });

  describe("pulseStale", () => {
    const pulseAged = (days: number | null) =>
      withInputs({ pulse: days === null ? null : { value: "green", setOn: ago(days), comment: "" } });
    it.each([
      ["set today", pulseAged(0), null, null],
      ["30 days old", pulseAged(30), null, null],
      ["31 days old", pulseAged(31), "warning", 31],
      ["never set, room 90 days old", pulseAged(null), "warning", null],
      ["never set, room 30 days old", { ...pulseAged(null), roomStartedOn: ago(30) }, null, null],
      ["never set, room 31 days old", { ...pulseAged(null), roomStartedOn: ago(31) }, "warning", null],
    ] as [string, HealthInputs, AlertSeverity | null, number | null][])(
      "%s → %s",
      (_, inputs, severity, daysSince) => {
        const finding = findingOf(inputs, "pulseStale");
        expect(finding?.severity ?? null).toBe(severity);
        if (severity) expect(finding?.facts).toEqual({ daysSince });
      },
    );
  });

  describe("sponsorInactive", () => {
    const sponsorSeen = (days: number | null, accountableDefined = true) =>
      withInputs({
        stakeholders: {
          accountableDefined,
          accountableLastActiveDate: days === null ? null : ago(days),
          responsibleLastActiveDate: TODAY,
        },
      });
    it.each([
      ["29 days ago", sponsorSeen(29), null],
      ["30 days ago", sponsorSeen(30), "warning"],
      ["44 days ago", sponsorSeen(44), "warning"],
      ["45 days ago", sponsorSeen(45), "critical"],
      ["never", sponsorSeen(null), "critical"],
      ["never, but no sponsor named", sponsorSeen(null, false), null],
    ] as Case[])("sponsor last seen %s → %s", (_, inputs, severity) => {
      expect(severityOf(inputs, "sponsorInactive")).toBe(severity);
    });
  });

  describe("trainingOverdue", () => {
    const oldestOverdue = (days: number | null) =>
      withInputs({
        training: { dueAssigned: 4, dueCompleted: 3, oldestOverdueDueDate: days === null ? null : ago(days) },
      });
    it.each([
      ["6 days", oldestOverdue(6), null],
      ["7 days", oldestOverdue(7), "warning"],
      ["20 days", oldestOverdue(20), "warning"],
      ["21 days", oldestOverdue(21), "critical"],
      ["nothing overdue", oldestOverdue(null), null],
      ["no training", withInputs({ training: null }), null],
    ] as Case[])("oldest module overdue by %s → %s", (_, inputs, severity) => {
      expect(severityOf(inputs, "trainingOverdue")).toBe(severity);
    });
  });

  describe("planHygiene", () => {
    it.each([
      ["an open task without assignee", { tasks: [task("a", { assigneeId: null })] }, [1, 0, 0]],
      ["an open task without due date", { tasks: [task("a", { dueDate: null })] }, [0, 1, 0]],
      [
        "a done task without either",
        { tasks: [task("a", { status: "done", assigneeId: null, dueDate: null })] },
        null,
      ],
      ["a re-baselined milestone", { milestones: [milestone("m", { targetDate: ago(-30) })] }, [0, 0, 1]],
      [
        "several problems",
        {
          tasks: [task("a", { assigneeId: null, dueDate: null }), task("b", { assigneeId: null })],
          milestones: [
            milestone("m", { targetDate: ago(-30) }),
            milestone("n", { completedDate: ago(1), targetDate: ago(2) }),
          ],
        },
        [2, 1, 2],
      ],
    ] as [string, Partial<HealthInputs>, [number, number, number] | null][])("%s → %j", (_, over, counts) => {
      const finding = findingOf(withInputs(over), "planHygiene");
      if (counts === null) expect(finding).toBeNull();
      else {
        const [unassigned, undated, rebaselined] = counts;
        expect(finding).toEqual({
          rule: "planHygiene",
          severity: "warning",
          facts: { unassigned, undated, rebaselined },
        });
      }
    });
  });

  describe("goalAtRisk", () => {
    // From 0 to 100 over 60 days, started 50 days ago: on the line, 50 days in means about 83.
    const atRisk = (over: Partial<Goal> = {}) =>
      goal("g", { checkins: [{ date: ago(10), value: 20 }], ...over });
    it.each([
      ["due in 10 days, projected to miss", atRisk(), "warning"],
      ["due today, projected to miss", atRisk({ dueDate: TODAY }), "warning"],
      ["due in exactly 14 days", atRisk({ dueDate: ago(-14) }), "warning"],
      ["due in 15 days: not yet", atRisk({ dueDate: ago(-15) }), null],
      ["already past due: the milestone rules speak", atRisk({ dueDate: ago(1) }), null],
      ["achieved earlier (kept though the latest fell back)", atRisk({ achieved: true }), null],
      ["no check-ins yet", atRisk({ checkins: [] }), null],
      ["on track", atRisk({ checkins: [{ date: ago(5), value: 80 }] }), null],
      [
        "a falling KPI on track",
        goal("g", { baseline: 100, target: 0, checkins: [{ date: ago(5), value: 15 }] }),
        null,
      ],
      [
        "a falling KPI at risk",
        goal("g", { baseline: 100, target: 0, checkins: [{ date: ago(5), value: 90 }] }),
        "warning",
      ],
    ] as [string, Goal, AlertSeverity | null][])("%s → %s", (_, g, severity) => {
      expect(severityOf(withInputs({ goals: [g] }), "goalAtRisk")).toBe(severity);
    });

    it("names the soonest due goal at risk and counts them all", () => {
      const goals = [
        goal("late", { statement: "Later", dueDate: ago(-12), checkins: [{ date: ago(5), value: 10 }] }),
        goal("soon", { statement: "Sooner", dueDate: ago(-3), checkins: [{ date: ago(5), value: 10 }] }),
        goal("fine", { statement: "Fine", dueDate: ago(-3), checkins: [{ date: ago(5), value: 99 }] }),
      ];
      const finding = findingOf(withInputs({ goals }), "goalAtRisk");
      expect(finding?.facts).toMatchObject({
        goalId: "soon",
        title: "Sooner",
        dueDate: ago(-3),
        goalsAtRisk: 2,
      });
    });

    it("follows the configured horizon", () => {
      const cfg = { ...config, alerts: { ...config.alerts, goalAtRisk: { dueWithinDays: 30 } } };
      const inputs = withInputs({ goals: [atRisk({ dueDate: ago(-25) })] });
      expect(
        evaluateAlerts(inputs, computeHealth(inputs, cfg), cfg).some((f) => f.rule === "goalAtRisk"),
      ).toBe(true);
      expect(severityOf(inputs, "goalAtRisk")).toBeNull();
    });
  });

  it("raises every rule exactly once in a room where everything is wrong", () => {
    const inputs: HealthInputs = {
      ...healthy(),
      tasks: Array.from({ length: 6 }, (_, i) => task(`late${i}`, { dueDate: ago(30), assigneeId: null })),
      milestones: [
        milestone("a", { targetDate: ago(20), baselineDate: ago(40) }),
        milestone("b", { targetDate: ago(30), baselineDate: ago(30) }),
        milestone("fv", {
          isFirstValue: true,
          targetDate: ago(-5),
          baselineDate: ago(-5),
          forecastDate: ago(-40),
        }),
      ],
      lastCustomerActivityDate: null,
      customerUsers: [{ userId: "c1", lastActiveDate: null }],
      stakeholders: {
        accountableDefined: true,
        accountableLastActiveDate: null,
        responsibleLastActiveDate: null,
      },
      training: { dueAssigned: 4, dueCompleted: 0, oldestOverdueDueDate: ago(40) },
      pulse: null,
      latestRating: { stars: 1, on: ago(1), milestoneTitle: "Setup" },
      history: { ...healthy().history, scoreSevenDaysAgo: 80, bandSevenDaysAgo: "green", redSince: ago(10) },
      goals: [goal("g", { dueDate: ago(-5), checkins: [{ date: ago(30), value: 5 }] })],
      signOffsWaiting: [{ milestoneId: "m-s", title: "Acceptance", requestedOn: ago(20) }],
    };
    const findings = alertsFor(inputs);
    expect(findings.map((f) => f.rule)).toEqual([...ALERT_RULES]);
    expect(Object.fromEntries(findings.map((f) => [f.rule, f.severity]))).toEqual({
      milestoneLate: "critical",
      firstValueLate: "critical",
      customerInactive: "critical",
      customerTasksOverdue: "critical",
      scoreDrop: "critical",
      redStreak: "critical",
      negativeSentiment: "warning",
      pulseStale: "warning",
      sponsorInactive: "critical",
      trainingOverdue: "critical",
      planHygiene: "warning",
      goalAtRisk: "warning",
      signOffWaiting: "critical",
    });
  });

  it("raises a critical score drop when the computed band falls to red", () => {
    // Green a week ago; three silent weeks cap the score at 39, so this run computes red.
    const inputs = withInputs({
      lastCustomerActivityDate: ago(25),
      customerUsers: [{ userId: "c1", lastActiveDate: ago(25) }],
    });
    const result = computeHealth(inputs, config);
    expect(result.band).toBe("red");
    expect(evaluateAlerts(inputs, result, config).find((f) => f.rule === "scoreDrop")?.severity).toBe(
      "critical",
    );
  });
});
