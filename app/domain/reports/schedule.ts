/**
 * When a room's weekly report is due: pure, so the job and its tests agree. The schedule is a weekday
 * (ISO: 1 Monday … 7 Sunday) and a time "HH:MM", both in the account's time zone; it is due from that
 * time on that weekday, once per local day (`lastSentOn` is the local date of the last scheduled send).
 */
import type { IsoDate } from "~/domain/plan/dates";

/** The longest intro the CSM may put at the top of a report (plain text). */
export const INTRO_MAX = 4000;

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

const formats = new Map<string, Intl.DateTimeFormat>();

/** The local date, ISO weekday and "HH:MM" of an instant in a zone. */
export function localMoment(timeZone: string, now: Date): { date: IsoDate; weekday: number; time: string } {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const date = `${get("year")}-${get("month")}-${get("day")}`;
  const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return { date, weekday, time: `${get("hour")}:${get("minute")}` };
}

export type ReportScheduleState = {
  enabled: boolean;
  weekday: number;
  timeOfDay: string;
  lastSentOn: IsoDate | null;
};

/** The local date to send for when the schedule is due now, else null. */
export function reportDueOn(schedule: ReportScheduleState, timeZone: string, now: Date): IsoDate | null {
  if (!schedule.enabled) return null;
  const local = localMoment(timeZone, now);
  if (local.weekday !== schedule.weekday) return null;
  if (local.time < schedule.timeOfDay) return null;
  if (schedule.lastSentOn === local.date) return null;
  return local.date;
}
