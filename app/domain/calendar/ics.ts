import { createEvents, type EventAttributes } from "ics";
import { addDays, type IsoDate } from "~/domain/plan/dates";

/** One all-day entry: a milestone's target or a task's due date. */
export type CalendarItem = {
  uid: string;
  date: IsoDate;
  title: string;
  description?: string;
  url?: string;
};

const PRODUCT_ID = "-//Launchroom//Onboarding plan//EN";

function dateArray(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/**
 * An iCalendar document of all-day events (DTSTART;VALUE=DATE, DTEND the next day, as RFC 5545 wants for
 * one-day events). Calendar dates have no zone, so nothing of the server's zone leaks into them.
 */
export function buildCalendar(items: CalendarItem[], calendarName: string): string {
  const events: EventAttributes[] = items.map((item) => ({
    uid: item.uid,
    start: dateArray(item.date),
    end: dateArray(addDays(item.date, 1)),
    title: item.title,
    description: item.description,
    url: item.url,
    productId: PRODUCT_ID,
    calName: calendarName,
    transp: "TRANSPARENT",
  }));
  if (events.length === 0) return emptyCalendar(calendarName);
  const { error, value } = createEvents(events, { productId: PRODUCT_ID, calName: calendarName });
  if (error || !value) throw error ?? new Error("ics: no output");
  return refoldByOctets(value);
}

function emptyCalendar(calendarName: string): string {
  return refoldByOctets(
    [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "CALSCALE:GREGORIAN",
      `PRODID:${PRODUCT_ID}`,
      "METHOD:PUBLISH",
      `X-WR-CALNAME:${escapeText(calendarName)}`,
      "END:VCALENDAR",
      "",
    ].join("\r\n"),
  );
}

function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/**
 * RFC 5545 §3.1 limits content lines to 75 octets; the ics package folds at 75 characters, so Japanese
 * lines come out up to three times too long. Unfolds, then folds again at octet boundaries without
 * splitting a UTF-8 sequence (a code point is never cut in two).
 */
export function refoldByOctets(text: string): string {
  const unfolded = text.replace(/\r\n[ \t]/g, "");
  const lines = unfolded.split("\r\n");
  const trailing = lines[lines.length - 1] === "" ? lines.pop() : undefined;
  const out: string[] = [];
  for (const line of lines) {
    let current = "";
    let size = 0;
    let limit = MAX_OCTETS;
    for (const ch of line) {
      const n = encoder.encode(ch).length;
      if (size + n > limit) {
        out.push(current);
        current = " ";
        size = 1;
        limit = MAX_OCTETS;
      }
      current += ch;
      size += n;
    }
    out.push(current);
  }
  return out.join("\r\n") + (trailing !== undefined ? "\r\n" : "");
}
