/**
 * Whether a milestone is on time: ONE computation for every page and email that says so (the milestone
 * page, the plan, the overview's next milestone, the timeline, the health tab's texts, the emails).
 * Calendar dates only (docs/decisions/0007-plan-dates.md): "today" and the day a milestone was completed
 * are days in the account's time zone, so a milestone completed at 08:00 in Tokyo on its target day is on
 * time even though it is still the day before in UTC. Pure and shared with the browser.
 */
import { formatDate } from "~/i18n/format";
import type { Locale } from "~/vocabulary";
import { daysBetween, todayIn, type IsoDate } from "./dates";

/** An open milestone this many days or fewer from its target (today included) is due soon. */
export const DUE_SOON_DAYS = 7;

export type MilestoneScheduleState = "doneOnTime" | "doneLate" | "onTrack" | "dueSoon" | "late";

export type MilestoneSchedule = {
  state: MilestoneScheduleState;
  /**
   * Days past the target: of the completion day when done, of today while open. Zero or negative is on
   * time (negative: that many days ahead of the target, or left before it).
   */
  daysLate: number;
  /** The day it was completed (account's time zone), or null while open. */
  doneOn: IsoDate | null;
  targetDate: IsoDate;
};

/**
 * Done on its target day or before is on time; done after it is late by the days between. Open: late
 * from the day after the target, due soon from DUE_SOON_DAYS before it through the target day itself.
 */
export function milestoneSchedule(
  milestone: { targetDate: IsoDate; completedDate: IsoDate | null },
  today: IsoDate,
): MilestoneSchedule {
  const { targetDate, completedDate } = milestone;
  const daysLate = daysBetween(targetDate, completedDate ?? today);
  const state: MilestoneScheduleState = completedDate
    ? daysLate > 0
      ? "doneLate"
      : "doneOnTime"
    : daysLate > 0
      ? "late"
      : -daysLate <= DUE_SOON_DAYS
        ? "dueSoon"
        : "onTrack";
  return { state, daysLate, doneOn: completedDate, targetDate };
}

/** The calendar day of a completion moment in the account's time zone (null while not completed). */
export function completedDateIn(
  completedAt: Date | string | number | null | undefined,
  timeZone: string,
): IsoDate | null {
  if (completedAt === null || completedAt === undefined) return null;
  return todayIn(timeZone, new Date(completedAt));
}

/** Is the milestone late (done late, or open past its target)? */
export function isLate(schedule: MilestoneSchedule): boolean {
  return schedule.state === "doneLate" || schedule.state === "late";
}

type Translate = (key: string, options?: Record<string, string | number>) => string;

/**
 * The schedule in words: "Done on time on Mar 3, 2027", "Done 5 days late, on Mar 8, 2027", "12 days
 * left", "Due today", "5 days late". Keys under `lateness.schedule` (app.json) and the same words in
 * email.json for emails.
 */
export function scheduleText(t: Translate, locale: Locale, s: MilestoneSchedule): string {
  const date = formatDate(locale, s.doneOn);
  switch (s.state) {
    case "doneOnTime":
      return t("lateness.schedule.doneOnTime", { date });
    case "doneLate":
      return t("lateness.schedule.doneLate", { date, count: s.daysLate });
    case "late":
      return t("lateness.schedule.late", { count: s.daysLate });
    default:
      return s.daysLate === 0
        ? t("lateness.schedule.dueToday")
        : t(`lateness.schedule.${s.state}`, { count: -s.daysLate });
  }
}

/** Text colour classes per state (AA contrast on white and on slate-50). */
export const SCHEDULE_TONE: Record<MilestoneScheduleState, string> = {
  doneOnTime: "text-emerald-800",
  doneLate: "text-amber-900",
  onTrack: "text-slate-700",
  dueSoon: "text-amber-900",
  late: "font-semibold text-red-700",
};
