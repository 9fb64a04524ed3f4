import { Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { emailT, type EmailLocale } from "./layout";
import type { MeetingType } from "../app/vocabulary";

/** What both meeting emails say about the meeting itself. */
export interface MeetingFacts {
  meetingTitle: string;
  meetingType: MeetingType;
  /** ISO 8601 instants. */
  startsAt: string;
  endsAt: string;
  /** The account's IANA zone: the meeting's time is the one the account works in, zone named. */
  timeZone: string;
  roomTitle: string;
  accountName: string;
}

const intl = (locale: EmailLocale) => (locale === "ja" ? "ja-JP" : "en-US");

/** The day in the account's zone: 2026年12月7日(月) / Mon, December 7, 2026. */
export function formatMeetingDate(iso: string, timeZone: string, locale: EmailLocale): string {
  return new Intl.DateTimeFormat(intl(locale), {
    timeZone,
    year: "numeric",
    month: "long",
    day: "numeric",
    weekday: "short",
  }).format(new Date(iso));
}

/** Day, start–end and the zone's name, in the account's zone: 2026年12月7日(月) 10:00–11:00 JST. */
export function formatMeetingWhen(
  startsAt: string,
  endsAt: string,
  timeZone: string,
  locale: EmailLocale,
): string {
  const time = (iso: string, withZone: boolean) =>
    new Intl.DateTimeFormat(intl(locale), {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      ...(withZone ? { timeZoneName: "short" } : {}),
    }).format(new Date(iso));
  const sameDay =
    formatMeetingDate(startsAt, timeZone, locale) === formatMeetingDate(endsAt, timeZone, locale);
  const end = sameDay
    ? time(endsAt, true)
    : `${formatMeetingDate(endsAt, timeZone, locale)} ${time(endsAt, true)}`;
  return `${formatMeetingDate(startsAt, timeZone, locale)} ${time(startsAt, false)}–${end}`;
}

const label = { color: "#5c6570", fontSize: "13px", lineHeight: "1.6", margin: "0" };
const value = { color: "#1b1f24", fontSize: "15px", lineHeight: "1.6", margin: "0 0 10px" };
const box = { backgroundColor: "#f7f8fa", borderRadius: "6px", margin: "0 0 20px", padding: "14px 18px" };

/** Label/value lines in a light box (when, where, organizer …); lines without a value are left out. */
export function MeetingFactList(props: { rows: [string, ReactNode][] }) {
  return (
    <Section style={box}>
      {props.rows
        .filter(([, v]) => v !== null && v !== undefined && v !== "")
        .map(([k, v], i) => (
          <Section key={i}>
            <Text style={label}>{k}</Text>
            <Text style={value}>{v}</Text>
          </Section>
        ))}
    </Section>
  );
}

export function meetingTypeLabel(type: MeetingType, locale: EmailLocale): string {
  return emailT(locale)(`meetings.types.${type}`);
}
