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

/** What an emailed meeting invitation says (RFC 5546 iTIP: REQUEST to invite or update, CANCEL to cancel). */
export type MeetingInvitation = {
  /** Stable per meeting (e.g. `meeting-<id>@<host>`): calendar apps match updates and cancellations by it. */
  uid: string;
  method: "REQUEST" | "CANCEL";
  /** Bumped by every update or cancellation sent to attendees. */
  sequence: number;
  start: Date;
  end: Date;
  title: string;
  location?: string | null;
  description?: string | null;
  /** An http(s) link (the video call, else the meeting's page); anything else is left out. */
  url?: string | null;
  organizer: { name: string; email: string } | null;
  attendees: { name: string; email: string }[];
  lastModified: Date;
};

const INVITATION_PRODUCT_ID = "-//Launchroom//Meetings//EN";

/**
 * A parameter value (CN=…) as RFC 5545 §3.2 allows it: always quoted, so ; : , need no escape, with the
 * characters a quoted value cannot hold (DQUOTE and controls) dropped.
 */
export function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return `"${value.replace(/[\u0000-\u001F\u007F"]/g, "").trim()}"`;
}

/** A mailto: URI for an address, or null when the address could break the line or the property. */
export function mailtoValue(email: string): string | null {
  const address = email.trim();
  if (!/^[^\s@"<>;:,\\()[\]]+@[^\s@"<>;:,\\()[\]]+$/.test(address)) return null;
  return `mailto:${address}`;
}

/** An http(s) URI without anything that could end the content line, or null. */
export function uriValue(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    // URL serialisation percent-encodes spaces and controls; refuse anything that still looks odd.
    return /^[\x21-\x7e]+$/.test(parsed.href) ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * The iCalendar invitation emailed to a meeting's attendees (text/calendar; method=REQUEST or CANCEL):
 * one VEVENT with times in UTC, the organizer and the attendees, STATUS:CANCELLED for a cancellation.
 * Calendar apps replace the event they hold under the same UID when SEQUENCE grows.
 */
export function buildMeetingInvitation(invite: MeetingInvitation, now = new Date()): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    `PRODID:${escapeText(INVITATION_PRODUCT_ID)}`,
    `METHOD:${invite.method}`,
    "BEGIN:VEVENT",
    `UID:${escapeText(invite.uid)}`,
    `DTSTAMP:${utcValue(now)}`,
    `DTSTART:${utcValue(invite.start)}`,
    `DTEND:${utcValue(invite.end)}`,
    `SEQUENCE:${Math.max(0, Math.trunc(invite.sequence))}`,
    `LAST-MODIFIED:${utcValue(invite.lastModified)}`,
    `SUMMARY:${escapeText(invite.title)}`,
  ];
  if (invite.location?.trim()) lines.push(`LOCATION:${escapeText(invite.location.trim())}`);
  if (invite.description?.trim()) lines.push(`DESCRIPTION:${escapeText(invite.description.trim())}`);
  const url = uriValue(invite.url);
  if (url) lines.push(`URL:${url}`);
  const organizer = invite.organizer && mailtoValue(invite.organizer.email);
  if (invite.organizer && organizer)
    lines.push(`ORGANIZER;CN=${paramValue(invite.organizer.name)}:${organizer}`);
  const partstat = invite.method === "CANCEL" ? "" : ";PARTSTAT=NEEDS-ACTION;RSVP=TRUE";
  for (const attendee of invite.attendees) {
    const mailto = mailtoValue(attendee.email);
    if (!mailto) continue;
    lines.push(
      `ATTENDEE;CN=${paramValue(attendee.name)};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT${partstat}:${mailto}`,
    );
  }
  lines.push(
    `STATUS:${invite.method === "CANCEL" ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "END:VCALENDAR",
  );
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
