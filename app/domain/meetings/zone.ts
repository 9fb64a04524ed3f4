/**
 * Wall-clock time in an account's time zone ↔ instants. A meeting is entered and shown as a date and a
 * time where the account is (Asia/Tokyo, America/New_York …) and stored as the instant it starts.
 * Pure (Intl only), so pages and tests share it.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formats.set(timeZone, f);
  }
  return f;
}

export type WallClock = { date: string; time: string };

/** The date (YYYY-MM-DD) and time (HH:MM) an instant shows on a clock in `timeZone`. */
export function wallClockOf(instant: Date, timeZone: string): WallClock {
  const parts = format(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    time: `${get("hour")}:${get("minute")}`,
  };
}

const asUtc = (w: WallClock) =>
  Date.UTC(
    Number(w.date.slice(0, 4)),
    Number(w.date.slice(5, 7)) - 1,
    Number(w.date.slice(8, 10)),
    Number(w.time.slice(0, 2)),
    Number(w.time.slice(3, 5)),
  );

/** How far the zone's clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  return asUtc(wallClockOf(new Date(instant), timeZone)) - instant;
}

/**
 * The instant a wall-clock date and time in `timeZone` stands for, or null when that clock time does not
 * exist there (skipped by a daylight-saving jump, e.g. 02:30 on a spring-forward night in New York). A time
 * that happens twice (the autumn hour) is the first of the two.
 */
export function instantOf(date: string, time: string, timeZone: string): Date | null {
  const guess = asUtc({ date, time });
  // Try the offsets around the guess; the earliest candidate that reads back as the same clock wins.
  const offsets = [
    ...new Set([offsetAt(guess - 86_400_000, timeZone), offsetAt(guess + 86_400_000, timeZone)]),
  ];
  const candidates = offsets
    .map((o) => guess - o)
    .filter((ms) => {
      const back = wallClockOf(new Date(ms), timeZone);
      return back.date === date && back.time === time;
    })
    .sort((a, b) => a - b);
  return candidates.length ? new Date(candidates[0]!) : null;
}

/** True for a time zone name this runtime knows. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
