/**
 * Calendar dates as "YYYY-MM-DD" strings: a due date is a day in the account's time zone, not a moment.
 * Offsets are calendar days (weekends count); see docs/decisions/0007-plan-dates.md.
 */
export type IsoDate = string;

const DAY_MS = 24 * 60 * 60 * 1000;

function toUtcMs(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(toUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

// Building an Intl.DateTimeFormat costs a fraction of a millisecond and todayIn runs on every page view:
// one per zone, kept (there are a few hundred zones at most).
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date it is now in the given zone: 2026-11-23T15:30Z is already the 24th in Tokyo. */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** Monday of the week containing the date (weeks start on Monday in Japan and for ISO). */
export function startOfWeek(date: IsoDate): IsoDate {
  const weekday = new Date(toUtcMs(date)).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

export function isOverdue(task: { status: string; dueDate: IsoDate | null }, today: IsoDate): boolean {
  return task.status !== "done" && !!task.dueDate && task.dueDate < today;
}

export function maxDate(dates: (IsoDate | null | undefined)[]): IsoDate | null {
  let max: IsoDate | null = null;
  for (const d of dates) if (d && (!max || d > max)) max = d;
  return max;
}
