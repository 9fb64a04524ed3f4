/**
 * A goal's standing from its check-ins: pure, shared by the success plan, the "goal at risk" alert and the
 * weekly report, so the three always agree. The goal runs from its baseline on `startDate` (the room's
 * kickoff or the goal's creation) to its target on `dueDate`; the target may be above or below the
 * baseline (more logins, fewer tickets).
 */
import { daysBetween, type IsoDate } from "~/domain/plan/dates";
import type { GoalStatus } from "~/vocabulary";

export type Checkin = { date: IsoDate; value: number };

export type Trajectory = {
  status: GoalStatus;
  /** The latest measured value, or null before the first check-in. */
  latest: number | null;
  /** The value the trend reaches on the due date (null without check-ins or once achieved). */
  projected: number | null;
  /** Share of the way from baseline to target, 0–1 and beyond, by the latest value. */
  progress: number | null;
};

export function goalTrajectory(
  goal: { baseline: number; target: number; startDate: IsoDate; dueDate: IsoDate },
  checkins: readonly Checkin[],
  today: IsoDate,
): Trajectory {
  const sorted = [...checkins].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const last = sorted.at(-1);
  if (!last) return { status: "no_data", latest: null, projected: null, progress: null };
  const span = goal.target - goal.baseline;
  const progress = span === 0 ? 1 : (last.value - goal.baseline) / span;
  if (progress >= 1) return { status: "achieved", latest: last.value, projected: null, progress };
  if (today > goal.dueDate) return { status: "at_risk", latest: last.value, projected: last.value, progress };

  // Least-squares line through the baseline at the start and every check-in, read at the due date.
  const points = [
    { x: 0, y: goal.baseline },
    ...sorted.map((c) => ({ x: daysBetween(goal.startDate, c.date), y: c.value })),
  ];
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  const sxx = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  const slope = sxx === 0 ? 0 : points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0) / sxx;
  const dueX = daysBetween(goal.startDate, goal.dueDate);
  const projected = meanY + slope * (dueX - meanX);
  const reaches = span > 0 ? projected >= goal.target : projected <= goal.target;
  return { status: reaches ? "on_track" : "at_risk", latest: last.value, projected, progress };
}
