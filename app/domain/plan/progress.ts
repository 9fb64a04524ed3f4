import type { PlanSide } from "~/vocabulary";
import { daysBetween, isOverdue, maxDate, type IsoDate } from "./dates";
import { milestoneSchedule } from "./schedule";

type TaskFacts = {
  id: string;
  title: string;
  side: PlanSide;
  status: string;
  dueDate: IsoDate | null;
  visibility: string;
  assigneeId: string | null;
};
type MilestoneFacts = {
  id: string;
  title: string;
  targetDate: IsoDate;
  completedAt: Date | null;
  isFirstValue: boolean;
  taskIds: string[];
};

const percent = (done: number, total: number) => (total === 0 ? 0 : Math.round((done / total) * 100));

/**
 * Progress of a plan as seen by one viewer (the tasks given are already what they may see).
 * `mine` are the viewer's stakeholder ids: "next for me" lists their open tasks by due date.
 */
export function computeProgress(input: {
  tasks: TaskFacts[];
  milestones: MilestoneFacts[];
  mine: string[];
  today: IsoDate;
}) {
  const { tasks, today } = input;
  const shared = tasks.filter((t) => t.visibility === "shared");
  const open = (t: TaskFacts) => t.status !== "done";
  const nextForMe = tasks
    .filter((t) => open(t) && t.assigneeId && input.mine.includes(t.assigneeId))
    .sort((a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"))
    .slice(0, 3);
  const nextMilestone = input.milestones
    .filter((m) => !m.completedAt)
    .sort((a, b) => a.targetDate.localeCompare(b.targetDate))[0];
  const overdueBySide: Record<PlanSide, number> = { vendor: 0, customer: 0, joint: 0 };
  for (const t of tasks) if (isOverdue(t, today)) overdueBySide[t.side] += 1;
  return {
    sharedPercent: percent(shared.filter((t) => !open(t)).length, shared.length),
    allPercent: percent(tasks.filter((t) => !open(t)).length, tasks.length),
    nextForMe,
    nextMilestone: nextMilestone
      ? {
          id: nextMilestone.id,
          title: nextMilestone.title,
          targetDate: nextMilestone.targetDate,
          daysLeft: daysBetween(today, nextMilestone.targetDate),
          schedule: milestoneSchedule({ targetDate: nextMilestone.targetDate, completedDate: null }, today),
        }
      : null,
    overdueBySide,
    firstValueForecast: forecastFirstValue(input.milestones, tasks, today),
  };
}

/**
 * When first value will likely be reached: the latest due date among its open prerequisite tasks, and
 * today for those already late (a late task cannot finish in the past).
 */
export function forecastFirstValue(
  milestones: MilestoneFacts[],
  tasks: TaskFacts[],
  today: IsoDate,
): IsoDate | null {
  const milestone = milestones.find((m) => m.isFirstValue);
  if (!milestone) return null;
  if (milestone.completedAt) return milestone.completedAt.toISOString().slice(0, 10);
  const prerequisites = tasks.filter((t) => milestone.taskIds.includes(t.id) && t.status !== "done");
  if (prerequisites.length === 0) return today;
  return maxDate(prerequisites.map((t) => (t.dueDate && t.dueDate < today ? today : t.dueDate)));
}
