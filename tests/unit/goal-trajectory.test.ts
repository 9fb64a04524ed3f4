import { describe, expect, it } from "vitest";
import { goalTrajectory } from "~/domain/goals/trajectory";

const goal = { baseline: 0, target: 100, startDate: "2026-01-01", dueDate: "2026-04-11" }; // 100 days

describe("goalTrajectory", () => {
  it("has no status before the first check-in", () => {
    expect(goalTrajectory(goal, [], "2026-02-01")).toEqual({
      status: "no_data",
      latest: null,
      projected: null,
      progress: null,
    });
  });

  it("is on track when the trend reaches the target by the due date", () => {
    const t = goalTrajectory(goal, [{ date: "2026-02-20", value: 60 }], "2026-02-21");
    expect(t.status).toBe("on_track");
    expect(t.latest).toBe(60);
    expect(t.progress).toBeCloseTo(0.6);
    expect(t.projected!).toBeGreaterThanOrEqual(100);
  });

  it("is at risk when the trend falls short, and says by how much", () => {
    const t = goalTrajectory(goal, [{ date: "2026-02-20", value: 20 }], "2026-02-21");
    expect(t.status).toBe("at_risk");
    expect(t.projected!).toBeCloseTo(40, 0);
  });

  it("is achieved once a check-in reaches the target, even early", () => {
    expect(goalTrajectory(goal, [{ date: "2026-01-10", value: 100 }], "2026-01-11").status).toBe("achieved");
  });

  it("uses the latest check-in by date, not by entry order", () => {
    const checkins = [
      { date: "2026-03-01", value: 100 },
      { date: "2026-01-20", value: 5 },
    ];
    expect(goalTrajectory(goal, checkins, "2026-03-02").latest).toBe(100);
  });

  it("handles a target below the baseline (fewer tickets)", () => {
    const down = { baseline: 40, target: 10, startDate: "2026-01-01", dueDate: "2026-04-11" };
    expect(goalTrajectory(down, [{ date: "2026-02-20", value: 25 }], "2026-02-21").status).toBe("on_track");
    expect(goalTrajectory(down, [{ date: "2026-02-20", value: 38 }], "2026-02-21").status).toBe("at_risk");
    expect(goalTrajectory(down, [{ date: "2026-02-20", value: 9 }], "2026-02-21").status).toBe("achieved");
  });

  it("is at risk once the due date has passed short of the target", () => {
    expect(goalTrajectory(goal, [{ date: "2026-04-01", value: 99 }], "2026-04-12").status).toBe("at_risk");
  });
});
