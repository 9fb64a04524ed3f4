import type { HealthInputs } from "~/domain/health/model";
import { addDays } from "~/domain/plan/dates";

// Health model inputs for the pure score and alert tests: a healthy room, changed one fact at a time.

export const TODAY = "2026-12-01";
export const ago = (days: number) => addDays(TODAY, -days);

type Task = HealthInputs["tasks"][number];
type Milestone = HealthInputs["milestones"][number];

export const task = (id: string, over: Partial<Task> = {}): Task => ({
  id,
  title: `Task ${id}`,
  side: "customer",
  status: "todo",
  dueDate: ago(-10),
  assigneeId: "u1",
  ...over,
});

export const milestone = (id: string, over: Partial<Milestone> = {}): Milestone => ({
  id,
  title: `Milestone ${id}`,
  targetDate: ago(-20),
  baselineDate: ago(-20),
  completedDate: null,
  isFirstValue: false,
  forecastDate: null,
  ...over,
});

/** A success-plan goal from 0 to 100, started 50 days ago and due in 10 days, without check-ins. */
export const goal = (id: string, over: Partial<HealthInputs["goals"][number]> = {}) => ({
  id,
  statement: `Goal ${id}`,
  baseline: 0,
  target: 100,
  startDate: ago(50),
  dueDate: ago(-10),
  achieved: false,
  checkins: [] as { date: string; value: number }[],
  ...over,
});

/** A room where every measure has data and scores 100, no cap applies and nothing alerts. */
export function healthy(): HealthInputs {
  return {
    today: TODAY,
    roomStartedOn: ago(90),
    tasks: [
      task("t1", { status: "done", dueDate: ago(10) }),
      task("t2", { side: "vendor", status: "done", dueDate: ago(5) }),
      task("t3", { side: "joint" }),
    ],
    milestones: [
      milestone("m1", { targetDate: ago(15), baselineDate: ago(15), completedDate: ago(16) }),
      milestone("m2", { title: "First value", isFirstValue: true, forecastDate: ago(-10) }),
    ],
    customerUsers: [
      { userId: "c1", lastActiveDate: TODAY },
      { userId: "c2", lastActiveDate: ago(1) },
    ],
    lastCustomerActivityDate: TODAY,
    // Seven distinct active days in the last 14 (model version 2's presence needs ≥ 6 for 100).
    customerActiveDays: [ago(12), ago(10), ago(8), ago(5), ago(3), ago(1), TODAY],
    customerInvitedOn: ago(80),
    customerEvents: { last14Days: 10, prior28Days: 20 },
    stakeholders: {
      accountableDefined: true,
      accountableLastActiveDate: ago(3),
      responsibleLastActiveDate: ago(1),
    },
    training: { dueAssigned: 4, dueCompleted: 4, oldestOverdueDueDate: null },
    goals: [],
    pulse: { value: "green", setOn: ago(2), comment: "Going well" },
    latestRating: { stars: 5, on: ago(16), milestoneTitle: "Milestone m1" },
    history: {
      previousBand: "green",
      previousRawBand: "green",
      scoreSevenDaysAgo: 100,
      bandSevenDaysAgo: "green",
      redSince: null,
    },
  };
}

export const withInputs = (over: Partial<HealthInputs>): HealthInputs => ({ ...healthy(), ...over });
