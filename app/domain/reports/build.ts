/**
 * The weekly status report, built from plain facts: pure, so the preview, the sent snapshot, the email
 * and the tests all read the one result. Only SHARED items go in (the report is for the customer):
 * internal tasks and milestones are dropped here whatever the caller passes. Dates are calendar days in
 * the account's time zone; the caller gives "today" and each completion as such a day.
 */
import { goalTrajectory, type Checkin } from "~/domain/goals/trajectory";
import { addDays, daysBetween, isOverdue, type IsoDate } from "~/domain/plan/dates";
import { isLate, milestoneSchedule } from "~/domain/plan/schedule";
import type { TaskStatus, Visibility } from "~/vocabulary";
import type {
  Capped,
  ReportActionItem,
  ReportDecision,
  ReportGoal,
  ReportMilestone,
  ReportTask,
  StatusReportContent,
} from "#emails/status-report-content";

/** The report looks back and ahead this many days (today included in both). */
export const REPORT_DAYS = 7;
/** A long list is cut in the report (the rest is counted, and on the plan). */
export const REPORT_MAX_ITEMS = 30;

export type ReportTaskInput = {
  id: string;
  title: string;
  status: TaskStatus;
  dueDate: IsoDate | null;
  /** The day it was completed in the account's zone (null while open). */
  completedDate: IsoDate | null;
  blockedReason: string | null;
  visibility: Visibility;
  assigneeName: string | null;
};

export type ReportMilestoneInput = {
  id: string;
  title: string;
  targetDate: IsoDate;
  baselineDate: IsoDate;
  completedDate: IsoDate | null;
  visibility: Visibility;
};

export type ReportMeetingInput = {
  id: string;
  title: string;
  /** The meeting's day in the account's zone. */
  date: IsoDate;
  cancelled: boolean;
  decisions: string[];
};

export type ReportActionItemInput = {
  text: string;
  ownerName: string | null;
  dueDate: IsoDate | null;
  done: boolean;
  meetingTitle: string;
  /** An item linked to an internal task is the vendor's own business. */
  internal: boolean;
};

export type ReportGoalInput = {
  id: string;
  statement: string;
  kpi: string;
  unit: string;
  baseline: number;
  target: number;
  startDate: IsoDate;
  dueDate: IsoDate;
  checkins: Checkin[];
};

export type ReportInputs = {
  tasks: ReportTaskInput[];
  milestones: ReportMilestoneInput[];
  meetings: ReportMeetingInput[];
  actionItems: ReportActionItemInput[];
  goals: ReportGoalInput[];
  intro: string | null;
};

export type {
  Capped,
  ReportActionItem,
  ReportDecision,
  ReportGoal,
  ReportMilestone,
  ReportTask,
  StatusReportContent,
};

function cap<T>(list: T[]): Capped<T> {
  return { items: list.slice(0, REPORT_MAX_ITEMS), more: Math.max(0, list.length - REPORT_MAX_ITEMS) };
}

const byDue = (
  a: { dueDate: IsoDate | null; title: string },
  b: { dueDate: IsoDate | null; title: string },
) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || a.title.localeCompare(b.title);

export function buildStatusReport(inputs: ReportInputs, today: IsoDate): StatusReportContent {
  const periodStart = addDays(today, -(REPORT_DAYS - 1));
  const aheadEnd = addDays(today, REPORT_DAYS - 1);
  const shared = inputs.tasks.filter((t) => t.visibility === "shared");
  const line = (t: ReportTaskInput): ReportTask => ({
    title: t.title,
    dueDate: t.dueDate,
    assigneeName: t.assigneeName,
  });

  const done = shared
    .filter(
      (t) =>
        t.status === "done" && t.completedDate && t.completedDate >= periodStart && t.completedDate <= today,
    )
    .sort(
      (a, b) =>
        (b.completedDate ?? "").localeCompare(a.completedDate ?? "") || a.title.localeCompare(b.title),
    )
    .map((t) => ({ ...line(t), doneOn: t.completedDate }));

  const open = shared.filter((t) => t.status !== "done");
  const dueSoon = open
    .filter((t) => t.status !== "blocked" && t.dueDate && t.dueDate >= today && t.dueDate <= aheadEnd)
    .sort(byDue)
    .map(line);
  const attention = open
    .filter((t) => t.status === "blocked" || isOverdue(t, today))
    .sort(byDue)
    .map((t) => ({
      ...line(t),
      ...(isOverdue(t, today) ? { daysOverdue: daysBetween(t.dueDate!, today) } : {}),
      ...(t.status === "blocked" ? { blocked: true, blockedReason: t.blockedReason?.trim() || null } : {}),
    }));

  const milestones = inputs.milestones
    .filter((m) => m.visibility === "shared")
    // Open ones, and those completed during the period.
    .filter((m) => !m.completedDate || (m.completedDate >= periodStart && m.completedDate <= today))
    .sort((a, b) => a.targetDate.localeCompare(b.targetDate) || a.title.localeCompare(b.title))
    .map((m): ReportMilestone => {
      const s = milestoneSchedule({ targetDate: m.targetDate, completedDate: m.completedDate }, today);
      return {
        title: m.title,
        targetDate: m.targetDate,
        baselineDate: m.baselineDate,
        slipDays: daysBetween(m.baselineDate, m.targetDate),
        state: s.state,
        daysLate: s.daysLate,
        late: isLate(s),
        doneOn: s.doneOn,
      };
    });

  const decisions = inputs.meetings
    .filter((m) => !m.cancelled && m.date >= periodStart && m.date <= today)
    .sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title))
    .flatMap((m) => m.decisions.map((text) => ({ meetingTitle: m.title, meetingDate: m.date, text })));

  const actionItems = inputs.actionItems
    .filter((a) => !a.done && !a.internal)
    .sort((a, b) => byDue({ dueDate: a.dueDate, title: a.text }, { dueDate: b.dueDate, title: b.text }))
    .map((a) => ({
      text: a.text,
      ownerName: a.ownerName,
      dueDate: a.dueDate,
      overdue: !!a.dueDate && a.dueDate < today,
      meetingTitle: a.meetingTitle,
    }));

  const goals = inputs.goals.map((g): ReportGoal => {
    const tr = goalTrajectory(g, g.checkins, today);
    return {
      statement: g.statement,
      kpi: g.kpi,
      unit: g.unit,
      baseline: g.baseline,
      target: g.target,
      dueDate: g.dueDate,
      status: tr.status,
      latest: tr.latest,
      progressPercent: tr.progress === null ? null : Math.round(tr.progress * 100),
    };
  });

  const intro = inputs.intro?.trim() ? inputs.intro.trim() : null;
  return {
    periodStart,
    periodEnd: today,
    aheadEnd,
    intro,
    done: cap(done),
    dueSoon: cap(dueSoon),
    attention: cap(attention),
    milestones,
    decisions,
    actionItems: cap(actionItems),
    goals,
  };
}

/** Nothing to say at all (a new room): the page and email still go out, with the empty sections stated. */
export function isEmptyReport(c: StatusReportContent): boolean {
  return (
    !c.done.items.length &&
    !c.dueSoon.items.length &&
    !c.attention.items.length &&
    !c.milestones.length &&
    !c.decisions.length &&
    !c.actionItems.items.length &&
    !c.goals.length
  );
}
