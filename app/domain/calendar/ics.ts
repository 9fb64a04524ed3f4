import { addDays, type IsoDate } from "~/domain/plan/dates";

/** One all-day entry: a milestone's target or a task's due date. */
export type CalendarItem = {
  uid: string;
  date: IsoDate;
  title: string;
  description?: string;
  url?: string;
  /** Revision of the source row (its version - 1): calendar apps replace an event when this grows. */
  sequence: number;
  /** When the source row last changed (its creation when never updated). */
  lastModified: Date;
};

const PRODUCT_ID = "-//Launchroom//Onboarding plan//EN";

/**
 * A TEXT value as RFC 5545 §3.3.11 wants it: backslash, semicolon and comma escaped, every line break
 * (CRLF, CR or LF) as `\n`, and the other control characters, which TEXT cannot carry, dropped. Every
 * TEXT property of our files goes through here.
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n")
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "")
  );
}

/** DATE value: 2026-11-23 → 20261123. */
const dateValue = (date: IsoDate) => date.replace(/-/g, "");

/** DATE-TIME in UTC (form 2): the server's zone never leaks in. */
const utcValue = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/**
 * An iCalendar document of all-day events (DTSTART;VALUE=DATE, DTEND the next day, as RFC 5545 wants for
 * one-day events). Calendar dates have no zone, so nothing of the server's zone leaks into them. Each event
 * carries SEQUENCE and LAST-MODIFIED from its row, so a moved date replaces the event in calendar apps.
 */
export function buildCalendar(items: CalendarItem[], calendarName: string, now = new Date()): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    `PRODID:${escapeText(PRODUCT_ID)}`,
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(calendarName)}`,
    "X-PUBLISHED-TTL:PT1H",
  ];
  for (const item of items) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(item.uid)}`,
      `DTSTAMP:${utcValue(now)}`,
      `DTSTART;VALUE=DATE:${dateValue(item.date)}`,
      `DTEND;VALUE=DATE:${dateValue(addDays(item.date, 1))}`,
      `SUMMARY:${escapeText(item.title)}`,
    );
    if (item.description) lines.push(`DESCRIPTION:${escapeText(item.description)}`);
    // A URI value, not TEXT: ours are built from APP_URL and ids, which hold no line breaks.
    if (item.url) lines.push(`URL:${item.url}`);
    lines.push(
      `SEQUENCE:${Math.max(0, Math.trunc(item.sequence))}`,
      `LAST-MODIFIED:${utcValue(item.lastModified)}`,
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return fold(lines);
}

const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/**
 * RFC 5545 §3.1: content lines of at most 75 octets (not characters, so Japanese lines fold three times as
 * often), continued with CRLF and a space, without splitting a UTF-8 sequence; every line ends in CRLF.
 */
function fold(lines: string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    let current = "";
    let size = 0;
    for (const ch of line) {
      const n = encoder.encode(ch).length;
      if (size + n > MAX_OCTETS) {
        out.push(current);
        current = " ";
        size = 1;
      }
      current += ch;
      size += n;
    }
    out.push(current);
  }
  return out.join("\r\n") + "\r\n";
}
