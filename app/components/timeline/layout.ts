/**
 * Pure layout of the timeline (Gantt) chart: calendar dates to x, phases and tasks to rows, dependency
 * arrows to SVG paths. No React, no IO, so it is unit-tested on its own and shared by server and browser.
 * All dates are calendar dates ("YYYY-MM-DD"); a bar covers its start and due days inclusive.
 */
import { pack, unpack, type Packed } from "~/components/packed";
import { addDays, daysBetween, isOverdue, startOfWeek, type IsoDate } from "~/domain/plan/dates";
import { isLate, type MilestoneSchedule } from "~/domain/plan/schedule";

export type TimelineTask = {
  id: string;
  title: string;
  phaseId: string;
  startDate: IsoDate | null;
  dueDate: IsoDate | null;
  status: string;
  visibility: string;
  position: number;
};
export type TimelinePhase = { id: string; title: string; position: number };
export type TimelineMilestone = {
  id: string;
  title: string;
  targetDate: IsoDate;
  baselineDate: IsoDate;
  completedAt: Date | string | null;
  visibility: string;
  isFirstValue: boolean;
  /** On time or late, from milestoneSchedule (the room's loader gives it; plain layouts may not). */
  schedule?: MilestoneSchedule;
};
export type TimelineDependency = { taskId: string; dependsOnId: string };

type PackedTask = [string, string, string, IsoDate | null, IsoDate | null, string, string, number];
export type TimelineRows = { tasks: TimelineTask[]; dependencies: TimelineDependency[] };
type PackedRows = { tasks: PackedTask[]; dependencies: [string, string][] };

/** The tasks and dependencies for the route's loader data, as arrays in one string (see `pack`). */
export function packTimeline(rows: TimelineRows): Packed<TimelineRows> {
  return pack(rows, (r): PackedRows => ({
    tasks: r.tasks.map((t) => [
      t.id,
      t.title,
      t.phaseId,
      t.startDate,
      t.dueDate,
      t.status,
      t.visibility,
      t.position,
    ]),
    dependencies: r.dependencies.map((d) => [d.taskId, d.dependsOnId]),
  }));
}

export function unpackTimeline(packed: Packed<TimelineRows>): TimelineRows {
  return unpack(packed, (r: PackedRows) => ({
    tasks: r.tasks.map(([id, title, phaseId, startDate, dueDate, status, visibility, position]) => ({
      id,
      title,
      phaseId,
      startDate,
      dueDate,
      status,
      visibility,
      position,
    })),
    dependencies: r.dependencies.map(([taskId, dependsOnId]) => ({ taskId, dependsOnId })),
  }));
}

export type LayoutOptions = {
  dayWidth: number;
  rowHeight: number;
  labelWidth: number;
  headerHeight: number;
  /** Days of margin after the last date. */
  padDays: number;
};

export const DEFAULT_LAYOUT: LayoutOptions = {
  dayWidth: 12,
  rowHeight: 28,
  labelWidth: 260,
  headerHeight: 44,
  padDays: 7,
};

export type Bar = { x: number; width: number };
export type TaskRow = {
  kind: "task";
  y: number;
  task: TimelineTask;
  bar: Bar | null;
  overdue: boolean;
  done: boolean;
};
export type PhaseRow = { kind: "phase"; y: number; phase: TimelinePhase };
export type Row = PhaseRow | TaskRow;

export type MilestoneMark = {
  milestone: TimelineMilestone;
  /** Top of the milestone's row. */
  y: number;
  /** Centre of the diamond. */
  cx: number;
  cy: number;
  done: boolean;
  /** Open past its target, or done after it (milestoneSchedule). */
  late: boolean;
  /** Baseline position when the target moved, so slippage is visible. */
  baselineX: number | null;
};

export type Arrow = { from: string; to: string; path: string };

export type TimelineLayout = {
  start: IsoDate;
  end: IsoDate;
  days: number;
  width: number;
  height: number;
  options: LayoutOptions;
  todayX: number | null;
  weeks: { date: IsoDate; x: number }[];
  months: { date: IsoDate; x: number }[];
  /** Top of the milestones heading row (absent rows when there are no milestones). */
  milestoneRowY: number;
  milestones: MilestoneMark[];
  rows: Row[];
  arrows: Arrow[];
};

/** x of the left edge of a day's column. */
export function dateToX(
  date: IsoDate,
  start: IsoDate,
  o: Pick<LayoutOptions, "dayWidth" | "labelWidth">,
): number {
  return o.labelWidth + daysBetween(start, date) * o.dayWidth;
}

/** A bar from start to due inclusive; a task with only one of the dates is one day long. */
export function barFor(
  task: Pick<TimelineTask, "startDate" | "dueDate">,
  start: IsoDate,
  o: Pick<LayoutOptions, "dayWidth" | "labelWidth">,
): Bar | null {
  const from = task.startDate ?? task.dueDate;
  const to = task.dueDate ?? task.startDate;
  if (!from || !to) return null;
  const [a, b] = from <= to ? [from, to] : [to, from];
  return { x: dateToX(a, start, o), width: (daysBetween(a, b) + 1) * o.dayWidth };
}

/**
 * An arrow from the end of the prerequisite's bar to the start of the dependent's bar. When the
 * dependent starts before the prerequisite ends (overlap), the path steps down between the rows and
 * back left, so it never runs through either bar.
 */
export function arrowPath(
  from: { bar: Bar; y: number },
  to: { bar: Bar; y: number },
  rowHeight: number,
): string {
  const gap = 6;
  const x1 = from.bar.x + from.bar.width;
  const y1 = from.y + rowHeight / 2;
  const x2 = to.bar.x;
  const y2 = to.y + rowHeight / 2;
  if (x2 - x1 >= gap * 2) return `M ${x1} ${y1} H ${x1 + gap} V ${y2} H ${x2}`;
  const between = to.y > from.y ? to.y : from.y + rowHeight;
  return `M ${x1} ${y1} H ${x1 + gap} V ${between} H ${x2 - gap} V ${y2} H ${x2}`;
}

export function layoutTimeline(
  input: {
    phases: TimelinePhase[];
    tasks: TimelineTask[];
    milestones: TimelineMilestone[];
    dependencies: TimelineDependency[];
    today: IsoDate;
  },
  options: Partial<LayoutOptions> = {},
): TimelineLayout {
  const o = { ...DEFAULT_LAYOUT, ...options };
  const dates: IsoDate[] = [input.today];
  for (const t of input.tasks) {
    if (t.startDate) dates.push(t.startDate);
    if (t.dueDate) dates.push(t.dueDate);
  }
  for (const m of input.milestones) dates.push(m.targetDate, m.baselineDate);
  const min = dates.reduce((a, b) => (b < a ? b : a));
  const max = dates.reduce((a, b) => (b > a ? b : a));
  const start = startOfWeek(min);
  const end = addDays(max, o.padDays);
  const days = daysBetween(start, end) + 1;
  const x = (d: IsoDate) => dateToX(d, start, o);

  const weeks: { date: IsoDate; x: number }[] = [];
  for (let d = start; d <= end; d = addDays(d, 7)) weeks.push({ date: d, x: x(d) });
  const months: { date: IsoDate; x: number }[] = [{ date: start, x: x(start) }];
  for (let d = addDays(start, 1); d <= end; d = addDays(d, 1))
    if (d.endsWith("-01")) months.push({ date: d, x: x(d) });

  // Milestones first, one row each under their own heading, so labels never collide.
  const milestoneRowY = o.headerHeight;
  const milestones: MilestoneMark[] = input.milestones.map((m, i) => {
    const done = !!m.completedAt;
    return {
      milestone: m,
      y: milestoneRowY + (i + 1) * o.rowHeight,
      cx: x(m.targetDate) + o.dayWidth / 2,
      cy: milestoneRowY + (i + 1) * o.rowHeight + o.rowHeight / 2,
      done,
      late: m.schedule ? isLate(m.schedule) : !done && m.targetDate < input.today,
      baselineX: m.baselineDate !== m.targetDate ? x(m.baselineDate) + o.dayWidth / 2 : null,
    };
  });

  const rows: Row[] = [];
  let y = milestones.length ? milestoneRowY + (milestones.length + 1) * o.rowHeight : milestoneRowY;
  const phases = [...input.phases].sort((a, b) => a.position - b.position);
  for (const phase of phases) {
    const phaseTasks = input.tasks
      .filter((t) => t.phaseId === phase.id)
      .sort((a, b) => a.position - b.position);
    rows.push({ kind: "phase", y, phase });
    y += o.rowHeight;
    for (const task of phaseTasks) {
      rows.push({
        kind: "task",
        y,
        task,
        bar: barFor(task, start, o),
        overdue: isOverdue(task, input.today),
        done: task.status === "done",
      });
      y += o.rowHeight;
    }
  }

  const byId = new Map<string, TaskRow>();
  for (const r of rows) if (r.kind === "task") byId.set(r.task.id, r);
  const arrows: Arrow[] = [];
  for (const dep of input.dependencies) {
    const from = byId.get(dep.dependsOnId);
    const to = byId.get(dep.taskId);
    if (!from?.bar || !to?.bar) continue;
    arrows.push({
      from: dep.dependsOnId,
      to: dep.taskId,
      path: arrowPath({ bar: from.bar, y: from.y }, { bar: to.bar, y: to.y }, o.rowHeight),
    });
  }

  const todayX = input.today >= start && input.today <= end ? x(input.today) + o.dayWidth / 2 : null;
  return {
    start,
    end,
    days,
    width: o.labelWidth + days * o.dayWidth,
    height: y + 24,
    options: o,
    todayX,
    weeks,
    months,
    milestoneRowY,
    milestones,
    rows,
    arrows,
  };
}
