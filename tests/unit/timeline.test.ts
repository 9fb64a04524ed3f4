import { describe, expect, it } from "vitest";
import { arrowPath, barFor, dateToX, DEFAULT_LAYOUT, layoutTimeline } from "~/components/timeline/layout";
import { fitLabel } from "~/components/timeline/TimelineChart";

const o = { ...DEFAULT_LAYOUT, dayWidth: 10, labelWidth: 100, rowHeight: 20, headerHeight: 40 };

const task = (id: string, over: Partial<Parameters<typeof layoutTimeline>[0]["tasks"][number]> = {}) => ({
  id,
  title: id,
  phaseId: "p1",
  startDate: "2026-12-07",
  dueDate: "2026-12-09",
  status: "todo",
  visibility: "shared",
  position: 0,
  ...over,
});

describe("dates to x", () => {
  it("places a day's column after the label column, one dayWidth per calendar day", () => {
    expect(dateToX("2026-12-07", "2026-12-07", o)).toBe(100);
    expect(dateToX("2026-12-10", "2026-12-07", o)).toBe(130);
    // Across a month and a year boundary, no off-by-one.
    expect(dateToX("2027-01-01", "2026-12-28", o)).toBe(140);
  });

  it("draws a bar from start to due inclusive, one day when only one date is known", () => {
    expect(barFor({ startDate: "2026-12-07", dueDate: "2026-12-09" }, "2026-12-07", o)).toEqual({
      x: 100,
      width: 30,
    });
    expect(barFor({ startDate: null, dueDate: "2026-12-08" }, "2026-12-07", o)).toEqual({
      x: 110,
      width: 10,
    });
    expect(barFor({ startDate: "2026-12-08", dueDate: null }, "2026-12-07", o)).toEqual({
      x: 110,
      width: 10,
    });
    expect(barFor({ startDate: null, dueDate: null }, "2026-12-07", o)).toBeNull();
  });
});

describe("layoutTimeline", () => {
  const input = {
    phases: [
      { id: "p2", title: "Second", position: 1 },
      { id: "p1", title: "First", position: 0 },
    ],
    tasks: [
      task("b", { position: 1, startDate: "2026-12-10", dueDate: "2026-12-20" }),
      task("a", { position: 0 }),
      task("c", { phaseId: "p2", startDate: "2026-12-08", dueDate: "2026-12-08", status: "done" }),
      task("late", { phaseId: "p2", position: 1, startDate: "2026-12-01", dueDate: "2026-12-02" }),
    ],
    milestones: [
      {
        id: "m1",
        title: "Go-live",
        targetDate: "2027-01-04",
        baselineDate: "2026-12-28",
        completedAt: null,
        visibility: "shared",
        isFirstValue: true,
      },
    ],
    dependencies: [
      { taskId: "b", dependsOnId: "a" },
      { taskId: "c", dependsOnId: "b" },
    ],
    today: "2026-12-09",
  };
  const layout = layoutTimeline(input, o);

  it("starts on the Monday on or before the earliest date and pads the end", () => {
    expect(layout.start).toBe("2026-11-30"); // 2026-12-01 is a Tuesday
    expect(layout.end).toBe("2027-01-11");
    expect(layout.days).toBe(43);
    expect(layout.width).toBe(100 + 43 * 10);
  });

  it("groups tasks by phase in position order, after one row per milestone", () => {
    const rows = layout.rows.map((r) => (r.kind === "phase" ? `P:${r.phase.title}` : r.task.id));
    expect(rows).toEqual(["P:First", "a", "b", "P:Second", "c", "late"]);
    // heading row of milestones + one milestone row, then the phases
    expect(layout.rows[0]!.y).toBe(40 + 2 * 20);
    expect(layout.rows.map((r) => r.y)).toEqual([80, 100, 120, 140, 160, 180]);
    expect(layout.height).toBe(200 + 24);
  });

  it("marks overdue (not done, due before today) and done tasks", () => {
    const byId = Object.fromEntries(layout.rows.flatMap((r) => (r.kind === "task" ? [[r.task.id, r]] : [])));
    expect(byId.late).toMatchObject({ overdue: true, done: false });
    expect(byId.c).toMatchObject({ overdue: false, done: true });
    expect(byId.a).toMatchObject({ overdue: false }); // due today is not overdue
  });

  it("puts the today line in the middle of today's column, stretching the range to include today", () => {
    expect(layout.todayX).toBe(100 + 9 * 10 + 5);
    const early = layoutTimeline({ ...input, today: "2026-11-29" }, o); // a Sunday before every task
    expect(early.start).toBe("2026-11-23");
    expect(early.todayX).toBe(100 + 6 * 10 + 5);
  });

  it("week lines fall on Mondays and month labels on the first of each month", () => {
    expect(layout.weeks.slice(0, 3).map((w) => w.date)).toEqual(["2026-11-30", "2026-12-07", "2026-12-14"]);
    expect(layout.months.map((m) => m.date)).toEqual(["2026-11-30", "2026-12-01", "2027-01-01"]);
  });

  it("milestone diamonds sit on the target day and keep the baseline when moved", () => {
    const [m] = layout.milestones;
    expect(m!.cx).toBe(dateToX("2027-01-04", layout.start, o) + 5);
    expect(m!.baselineX).toBe(dateToX("2026-12-28", layout.start, o) + 5);
    expect(m!.late).toBe(false);
    expect(layoutTimeline({ ...input, today: "2027-01-05" }, o).milestones[0]!.late).toBe(true);
  });

  it("draws one arrow per visible dependency, from the end of the prerequisite to the dependent's start", () => {
    expect(layout.arrows.map((a) => `${a.from}>${a.to}`)).toEqual(["a>b", "b>c"]);
    // a ends 2026-12-09 (x=100+10*10=200), b starts 2026-12-10 (x=200): overlapping → detour between rows
    expect(layout.arrows[0]!.path).toBe("M 200 110 H 206 V 120 H 194 V 130 H 200");
    // a dependency on a task the viewer cannot see is dropped rather than pointing nowhere
    expect(
      layoutTimeline({ ...input, dependencies: [{ taskId: "b", dependsOnId: "hidden" }] }, o).arrows,
    ).toEqual([]);
  });

  it("routes a simple arrow straight across when there is room", () => {
    expect(arrowPath({ bar: { x: 100, width: 30 }, y: 0 }, { bar: { x: 200, width: 10 }, y: 40 }, 20)).toBe(
      "M 130 10 H 136 V 50 H 200",
    );
  });

  it("copes with an empty plan", () => {
    const empty = layoutTimeline(
      { phases: [], tasks: [], milestones: [], dependencies: [], today: "2026-12-09" },
      o,
    );
    expect(empty.rows).toEqual([]);
    expect(empty.todayX).not.toBeNull();
  });
});

describe("fitLabel", () => {
  it("counts wide characters double and adds an ellipsis only when cut", () => {
    expect(fitLabel("Kickoff", 10)).toBe("Kickoff");
    expect(fitLabel("キックオフミーティング", 10)).toBe("キックオフ…");
  });
});
