import { and, asc, eq, inArray } from "drizzle-orm";
import { nextMeeting } from "~/domain/meetings/meetings.server";
import { getDb } from "#db/client.server";
import { milestones, phases, stakeholders, tasks, users } from "#db/schema";
import { recentActivity } from "~/domain/activity/activity.server";
import { successPlanSummary } from "~/domain/goals/goals.server";
import { addDays, isOverdue, maxDate, todayIn, type IsoDate } from "~/domain/plan/dates";
import { canUpdateTask, seesInternal, type RoomContext } from "~/domain/plan/plan.server";
import { getRoomProgress } from "~/domain/plan/views.server";
import type { PlanSide, TaskStatus, Visibility } from "~/vocabulary";

/** How far ahead "what we're waiting on from you" looks (overdue items are always in it). */
export const WAITING_ON_DAYS = 7;
const WAITING_ON_LIMIT = 6;
const MY_TASKS_LIMIT = 5;
const ACTIVITY_LIMIT = 5;

export type PhaseState = "done" | "current" | "next";

type VisibleTask = {
  id: string;
  phaseId: string;
  title: string;
  side: PlanSide;
  status: TaskStatus;
  startDate: IsoDate | null;
  dueDate: IsoDate | null;
  visibility: Visibility;
  assigneeId: string | null;
  version: number;
};

/** The room's tasks the viewer may see, in plan order (customers never see internal ones). */
function visibleTasks(ctx: RoomContext): VisibleTask[] {
  const rows = getDb()
    .select({
      id: tasks.id,
      phaseId: tasks.phaseId,
      title: tasks.title,
      side: tasks.side,
      status: tasks.status,
      startDate: tasks.startDate,
      dueDate: tasks.dueDate,
      visibility: tasks.visibility,
      assigneeId: tasks.assigneeId,
      version: tasks.version,
    })
    .from(tasks)
    .where(eq(tasks.roomId, ctx.room.id))
    .orderBy(asc(tasks.position))
    .all();
  return seesInternal(ctx.role) ? rows : rows.filter((t) => t.visibility === "shared");
}

/**
 * The phases as a stepper: each with its dates (earliest start to latest due of the tasks the viewer
 * sees), how many are done, and its state: done when every task is, the first unfinished one is current,
 * the rest are next. Phases without a task the viewer sees are left out.
 */
export function phaseSteps(
  phaseRows: { id: string; title: string }[],
  planTasks: Pick<VisibleTask, "phaseId" | "status" | "startDate" | "dueDate">[],
) {
  let currentFound = false;
  const steps: {
    id: string;
    title: string;
    startDate: IsoDate | null;
    endDate: IsoDate | null;
    done: number;
    total: number;
    state: PhaseState;
  }[] = [];
  for (const phase of phaseRows) {
    const own = planTasks.filter((t) => t.phaseId === phase.id);
    if (own.length === 0) continue;
    const done = own.filter((t) => t.status === "done").length;
    const starts = own.map((t) => t.startDate).filter((d): d is IsoDate => !!d);
    let state: PhaseState = "next";
    if (done === own.length) state = "done";
    else if (!currentFound) {
      state = "current";
      currentFound = true;
    }
    steps.push({
      id: phase.id,
      title: phase.title,
      startDate: starts.length ? starts.reduce((a, b) => (a < b ? a : b)) : null,
      endDate: maxDate(own.map((t) => t.dueDate)),
      done,
      total: own.length,
      state,
    });
  }
  return steps;
}

/**
 * What the vendor waits on from the customer: open shared customer-side and joint tasks due within
 * WAITING_ON_DAYS or overdue, soonest first. The same list for both sides (staff read it as what the
 * customer owes them).
 */
export function waitingOnCustomer<T extends Pick<VisibleTask, "side" | "status" | "dueDate" | "visibility">>(
  planTasks: T[],
  today: IsoDate,
): T[] {
  const horizon = addDays(today, WAITING_ON_DAYS);
  return planTasks
    .filter(
      (t) =>
        t.visibility === "shared" &&
        t.side !== "vendor" &&
        t.status !== "done" &&
        !!t.dueDate &&
        t.dueDate <= horizon,
    )
    .sort((a, b) => a.dueDate!.localeCompare(b.dueDate!));
}

function csmContact(csmId: string | null) {
  if (!csmId) return null;
  const csm = getDb()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      jobTitle: users.jobTitle,
      phone: users.phone,
      bookingUrl: users.bookingUrl,
      avatarFileId: users.avatarFileId,
      active: users.active,
    })
    .from(users)
    .where(eq(users.id, csmId))
    .get();
  if (!csm || !csm.active) return null;
  return {
    name: csm.name,
    email: csm.email,
    jobTitle: csm.jobTitle,
    phone: csm.phone,
    // Only web links: a stored javascript: or data: URL never becomes a link.
    bookingUrl: csm.bookingUrl && /^https?:\/\//i.test(csm.bookingUrl) ? csm.bookingUrl : null,
    photoUrl: csm.avatarFileId ? `/files/${csm.avatarFileId}` : null,
  };
}

/**
 * The room's home as this viewer may see it: the CSM's contact card, progress by phase, what the vendor
 * waits on from the customer, the viewer's open tasks (with what the Done button posts), the recent
 * activity they may see, and the progress figures of getRoomProgress (staff-only ones stay null for
 * customers).
 */
export function getRoomHome(ctx: RoomContext, now = new Date()) {
  const today = todayIn(ctx.account.timeZone, now);
  const progress = getRoomProgress(ctx, now);
  const db = getDb();
  const planTasks = visibleTasks(ctx);
  const phaseRows = db
    .select({ id: phases.id, title: phases.title })
    .from(phases)
    .where(eq(phases.roomId, ctx.room.id))
    .orderBy(asc(phases.position))
    .all();
  const people = db
    .select({ id: stakeholders.id, name: stakeholders.name, userId: stakeholders.userId })
    .from(stakeholders)
    .where(eq(stakeholders.roomId, ctx.room.id))
    .all();
  const names = new Map(people.map((s) => [s.id, s.name]));
  const mine = new Set(people.filter((s) => s.userId === ctx.user.id).map((s) => s.id));
  const taskView = (t: VisibleTask) => ({
    id: t.id,
    title: t.title,
    side: t.side,
    status: t.status,
    dueDate: t.dueDate,
    overdue: isOverdue(t, today),
    assigneeName: t.assigneeId ? (names.get(t.assigneeId) ?? null) : null,
    version: t.version,
    canUpdate: canUpdateTask(ctx.role, t),
  });
  const myTasks = planTasks
    .filter((t) => t.status !== "done" && t.assigneeId && mine.has(t.assigneeId))
    .sort((a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"));
  const waiting = waitingOnCustomer(planTasks, today);
  return {
    ...progress,
    contact: csmContact(ctx.account.csmId),
    phases: phaseSteps(phaseRows, planTasks),
    waitingOnDays: WAITING_ON_DAYS,
    waitingOn: waiting.slice(0, WAITING_ON_LIMIT).map(taskView),
    waitingOnMore: Math.max(0, waiting.length - WAITING_ON_LIMIT),
    myTasks: myTasks.slice(0, MY_TASKS_LIMIT).map(taskView),
    myTasksMore: Math.max(0, myTasks.length - MY_TASKS_LIMIT),
    activity: activityWithLinks(ctx, planTasks),
    nextMeeting: nextMeeting(ctx, now),
    // The success plan's goals with their status (issue 10), shared with the customer.
    goals: successPlanSummary(ctx, now),
  };
}

/** The recent events the viewer may see, each with the page of the task or milestone it is about. */
function activityWithLinks(ctx: RoomContext, planTasks: VisibleTask[]) {
  const items = recentActivity(ctx, ACTIVITY_LIMIT);
  const taskIds = new Set(planTasks.map((t) => t.id));
  const milestoneIds = items
    .filter((e) => e.subjectType === "milestone" && e.subjectId)
    .map((e) => e.subjectId!);
  const shownMilestones = new Set(
    milestoneIds.length
      ? getDb()
          .select({ id: milestones.id, visibility: milestones.visibility })
          .from(milestones)
          .where(and(eq(milestones.roomId, ctx.room.id), inArray(milestones.id, milestoneIds)))
          .all()
          .filter((m) => seesInternal(ctx.role) || m.visibility === "shared")
          .map((m) => m.id)
      : [],
  );
  const base = `/rooms/${ctx.room.id}`;
  return items.map(({ subjectType, subjectId, ...event }) => ({
    ...event,
    // An item that is gone (or no longer shared) links to the activity log instead.
    href:
      subjectType === "task" && subjectId && taskIds.has(subjectId)
        ? `${base}/tasks/${subjectId}`
        : subjectType === "milestone" && subjectId && shownMilestones.has(subjectId)
          ? `${base}/milestones/${subjectId}`
          : `${base}/activity`,
  }));
}

export type RoomHome = ReturnType<typeof getRoomHome>;
