import { z } from "zod";
import { GOAL_STATUSES } from "../app/vocabulary";

/**
 * The weekly status report's sections as built (app/domain/reports/build.ts) and kept in
 * status_reports.content: one shape for the page, the printable page and the email. Checked when the
 * email is queued and when a stored snapshot is read, so a bad row never reaches a page.
 */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const name = z.string().nullable();

/** As milestoneSchedule (app/domain/plan/schedule.ts) names them. */
export const MILESTONE_STATES = ["doneOnTime", "doneLate", "onTrack", "dueSoon", "late"] as const;

const task = z.object({
  title: z.string(),
  dueDate: day.nullable(),
  assigneeName: name,
  doneOn: day.nullable().optional(),
  daysOverdue: z.number().int().optional(),
  blocked: z.boolean().optional(),
  blockedReason: z.string().nullable().optional(),
});
const capped = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), more: z.number().int().min(0) });

export const statusReportContentSchema = z.object({
  periodStart: day,
  periodEnd: day,
  aheadEnd: day,
  intro: z.string().nullable(),
  done: capped(task),
  dueSoon: capped(task),
  attention: capped(task),
  milestones: z.array(
    z.object({
      title: z.string(),
      targetDate: day,
      baselineDate: day,
      slipDays: z.number().int(),
      state: z.enum(MILESTONE_STATES),
      daysLate: z.number().int(),
      late: z.boolean(),
      doneOn: day.nullable(),
    }),
  ),
  decisions: z.array(z.object({ meetingTitle: z.string(), meetingDate: day, text: z.string() })),
  actionItems: capped(
    z.object({
      text: z.string(),
      ownerName: name,
      dueDate: day.nullable(),
      overdue: z.boolean(),
      meetingTitle: z.string(),
    }),
  ),
  goals: z.array(
    z.object({
      statement: z.string(),
      kpi: z.string(),
      unit: z.string(),
      baseline: z.number(),
      target: z.number(),
      dueDate: day,
      status: z.enum(GOAL_STATUSES),
      latest: z.number().nullable(),
      progressPercent: z.number().nullable(),
    }),
  ),
});

export type StatusReportContent = z.infer<typeof statusReportContentSchema>;
export type ReportTask = StatusReportContent["done"]["items"][number];
export type ReportMilestone = StatusReportContent["milestones"][number];
export type ReportDecision = StatusReportContent["decisions"][number];
export type ReportActionItem = StatusReportContent["actionItems"]["items"][number];
export type ReportGoal = StatusReportContent["goals"][number];
export type Capped<T> = { items: T[]; more: number };
