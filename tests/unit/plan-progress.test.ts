import { describe, expect, it } from "vitest";
import { computeProgress, forecastFirstValue } from "~/domain/plan/progress";
import { reaches } from "~/domain/plan/dependencies";

const task = (id: string, over: Partial<Parameters<typeof computeProgress>[0]["tasks"][number]> = {}) => ({
  id,
  title: id,
  side: "customer" as const,
  status: "todo",
  dueDate: "2026-12-10",
  visibility: "shared",
  assigneeId: null,
  ...over,
});

describe("plan progress", () => {
  const tasks = [
    task("a", { status: "done" }),
    task("b", { assigneeId: "me", dueDate: "2026-12-20" }),
    task("c", { assigneeId: "me", dueDate: "2026-11-20", side: "joint" }),
    task("d", { assigneeId: "me", dueDate: "2026-12-01" }),
    task("e", { assigneeId: "me", dueDate: "2026-12-30" }),
    task("f", { visibility: "internal", side: "vendor", dueDate: "2026-11-01" }),
  ];
  const milestones = [
    {
      id: "m1",
      title: "Setup",
      targetDate: "2026-12-01",
      completedAt: new Date("2026-11-20T00:00:00Z"),
      isFirstValue: false,
      taskIds: ["a"],
    },
    {
      id: "m2",
      title: "Live",
      targetDate: "2026-12-15",
      completedAt: null,
      isFirstValue: false,
      taskIds: ["b"],
    },
    {
      id: "m3",
      title: "First value",
      targetDate: "2027-01-15",
      completedAt: null,
      isFirstValue: true,
      taskIds: ["b", "c"],
    },
  ];
  const progress = computeProgress({ tasks, milestones, mine: ["me"], today: "2026-11-23" });

  it("counts shared tasks for the customer and all tasks for staff", () => {
    expect(progress.sharedPercent).toBe(20);
    expect(progress.allPercent).toBe(17);
  });

  it("lists my next three open tasks by due date", () => {
    expect(progress.nextForMe.map((t) => t.id)).toEqual(["c", "d", "b"]);
  });

  it("shows the next open milestone with days left (negative when late)", () => {
    expect(progress.nextMilestone).toMatchObject({ id: "m2", daysLeft: 22 });
    const late = computeProgress({ tasks, milestones, mine: [], today: "2026-12-20" });
    expect(late.nextMilestone?.daysLeft).toBe(-5);
  });

  it("counts overdue tasks by side", () => {
    expect(progress.overdueBySide).toEqual({ vendor: 1, customer: 0, joint: 1 });
  });

  it("forecasts first value from the latest open prerequisite, late ones counting as today", () => {
    expect(progress.firstValueForecast).toBe("2026-12-20");
    expect(forecastFirstValue(milestones, tasks, "2026-12-25")).toBe("2026-12-25");
    expect(
      forecastFirstValue(
        [{ ...milestones[2]!, completedAt: new Date("2027-01-10T03:00:00Z") }],
        tasks,
        "2027-02-01",
      ),
    ).toBe("2027-01-10");
  });
});

describe("dependency loops", () => {
  const edges = [
    { taskId: "b", dependsOnId: "a" },
    { taskId: "c", dependsOnId: "b" },
  ];
  it("finds a loop through other tasks, and none where the chain does not come back", () => {
    // a depending on c would close a → c → b → a.
    expect(reaches(edges, ["c"], "a")).toBe(true);
    expect(reaches(edges, ["a"], "c")).toBe(false);
    expect(reaches(edges, ["a"], "a")).toBe(true);
    expect(reaches([], ["x"], "y")).toBe(false);
  });
});
