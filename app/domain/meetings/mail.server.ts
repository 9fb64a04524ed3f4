/**
 * The meeting emails: calendar invitations (REQUEST when a meeting is scheduled or moved, CANCEL when it
 * is cancelled) with a real iCalendar attachment, and the minutes. Both go to every attendee with an
 * address, each in their own language, through the outbox on the caller's transaction, so they exist
 * exactly when the change that caused them does, and survive an SMTP server that is down (the .ics is
 * part of the sealed props of the outbox row: every retry sends the same bytes).
 */
import { and, asc, eq, isNull, lt, ne, sql } from "drizzle-orm";
import { getDb, writeTransaction, type DbOrTx } from "#db/client.server";
import {
  accounts,
  actionItems,
  meetingAttendees,
  meetingDecisions,
  meetings,
  rooms,
  stakeholders,
  tasks,
  users,
} from "#db/schema";
import { buildMeetingInvitation, uriValue } from "~/domain/calendar/ics";
import { recordEvent } from "~/domain/events/events.server";
import { guessLocale, roomUrl } from "~/domain/notifications/locale";
import { todayIn } from "~/domain/plan/dates";
import { storedRichText } from "~/domain/richtext/richtext";
import { enqueueEmail } from "~/mail/outbox.server";
import { env } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import type { Locale } from "~/vocabulary";

export type MeetingRecipient = { name: string; email: string; locale: Locale };

type MeetingRow = typeof meetings.$inferSelect;

function loadMeeting(tx: DbOrTx, meetingId: string) {
  const row = tx
    .select({ meeting: meetings, room: rooms, account: accounts })
    .from(meetings)
    .innerJoin(rooms, eq(rooms.id, meetings.roomId))
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .where(eq(meetings.id, meetingId))
    .get();
  if (!row) throw new DomainError(404, "errors.notFound");
  return row;
}

/**
 * Who gets the meeting's emails: every attendee with an address (their user's, else the one on the
 * team list), once per address, deactivated users left out. Language: the user's own (also found by
 * address for someone on the team list without a linked user), else the account's (Japan time → ja).
 */
export function meetingRecipients(
  tx: DbOrTx,
  meetingId: string,
  accountTimeZone: string,
): MeetingRecipient[] {
  const rows = tx
    .select({ s: stakeholders, u: users })
    .from(meetingAttendees)
    .innerJoin(stakeholders, eq(stakeholders.id, meetingAttendees.stakeholderId))
    .leftJoin(users, eq(users.id, stakeholders.userId))
    .where(eq(meetingAttendees.meetingId, meetingId))
    .orderBy(asc(stakeholders.side), asc(stakeholders.name))
    .all();
  const fallback = guessLocale(accountTimeZone);
  const seen = new Set<string>();
  const out: MeetingRecipient[] = [];
  for (const { s, u } of rows) {
    if (u && !u.active) continue;
    const email = (u?.email ?? s.email ?? "").trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) continue;
    const key = email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const byEmail = u ?? tx.select().from(users).where(eq(users.email, key)).get();
    if (byEmail && !byEmail.active) continue;
    out.push({ name: u?.name ?? s.name, email, locale: byEmail?.locale ?? fallback });
  }
  return out;
}

/** Calendar apps match updates and cancellations by UID: one per meeting, for good. */
export function meetingUid(meetingId: string): string {
  const host = new URL(env().APP_URL).hostname.replace(/^\[|\]$/g, "") || "localhost";
  return `meeting-${meetingId}@${host}`;
}

/** Bumps the meeting's iCalendar SEQUENCE (before sending an update or a cancellation); returns it. */
export function bumpSequence(tx: DbOrTx, meetingId: string): number {
  const row = tx
    .update(meetings)
    .set({ icsSequence: sql`${meetings.icsSequence} + 1` })
    .where(eq(meetings.id, meetingId))
    .returning({ icsSequence: meetings.icsSequence })
    .get();
  if (!row) throw new DomainError(404, "errors.notFound");
  return row.icsSequence;
}

const endOf = (m: Pick<MeetingRow, "startsAt" | "durationMinutes">) =>
  new Date(m.startsAt.getTime() + m.durationMinutes * 60_000);

/**
 * Queues the invitation (REQUEST) or the cancellation (CANCEL) to every attendee with an address, each
 * with invite.ics (text/calendar; method=…) and the text in their language, the time in the account's
 * zone. SEQUENCE is the meeting's `icsSequence` as it stands: the caller bumps it (bumpSequence) before
 * an update or a cancellation. Sends nothing when no attendee has an address.
 */
export function enqueueMeetingInvitations(tx: DbOrTx, meetingId: string, method: "REQUEST" | "CANCEL"): void {
  const { meeting, room, account } = loadMeeting(tx, meetingId);
  const recipients = meetingRecipients(tx, meetingId, account.timeZone);
  if (!recipients.length) return;
  const organizer = tx.select().from(users).where(eq(users.id, account.csmId)).get();
  const url = roomUrl(env().APP_URL, room.id, `meetings/${encodeURIComponent(meeting.id)}`);
  const videoUrl = uriValue(meeting.videoUrl);
  const kind = method === "CANCEL" ? "cancelled" : meeting.icsSequence > 0 ? "updated" : "new";
  const now = new Date();
  for (const r of recipients) {
    const ics = buildMeetingInvitation(
      {
        uid: meetingUid(meeting.id),
        method,
        sequence: meeting.icsSequence,
        start: meeting.startsAt,
        end: endOf(meeting),
        title: meeting.title,
        location: meeting.location?.trim() || videoUrl,
        description: [room.title, videoUrl, url].filter(Boolean).join("\n"),
        url: videoUrl ?? url,
        organizer: organizer ? { name: organizer.name, email: organizer.email } : null,
        attendees: recipients.map((a) => ({ name: a.name, email: a.email })),
        lastModified: meeting.updatedAt ?? meeting.createdAt,
      },
      now,
    );
    enqueueEmail(tx, {
      to: r.email,
      locale: r.locale,
      template: "meeting_invitation",
      props: {
        recipientName: r.name,
        kind,
        meetingTitle: meeting.title,
        meetingType: meeting.type,
        startsAt: meeting.startsAt.toISOString(),
        endsAt: endOf(meeting).toISOString(),
        timeZone: account.timeZone,
        roomTitle: room.title,
        accountName: account.name,
        location: meeting.location?.trim() || null,
        videoUrl,
        organizerName: organizer?.name ?? null,
        url,
        ics,
      },
    });
  }
}

/**
 * Queues the minutes to every attendee with an address, each in their language: the SHARED notes only
 * (never the internal part), the decisions, the meeting's action items with owner and due date, and the
 * room's open action items from earlier meetings. Sets `minutesSentAt` and records `meeting.minutes_sent`;
 * returns the number of recipients. Refused (400) for a cancelled meeting and when no attendee has an
 * address.
 */
export function enqueueMinutes(tx: DbOrTx, meetingId: string, actorId: string): number {
  const { meeting, room, account } = loadMeeting(tx, meetingId);
  if (meeting.status === "cancelled") throw new DomainError(400, "meetingMail.errors.cancelled");
  const recipients = meetingRecipients(tx, meetingId, account.timeZone);
  if (!recipients.length) throw new DomainError(400, "meetingMail.errors.noRecipients");
  const sender = tx.select({ name: users.name }).from(users).where(eq(users.id, actorId)).get();

  const attendeeNames = tx
    .select({ name: stakeholders.name })
    .from(meetingAttendees)
    .innerJoin(stakeholders, eq(stakeholders.id, meetingAttendees.stakeholderId))
    .where(eq(meetingAttendees.meetingId, meetingId))
    .orderBy(asc(stakeholders.side), asc(stakeholders.name))
    .all()
    .map((a) => a.name);
  const decisions = tx
    .select({ text: meetingDecisions.text })
    .from(meetingDecisions)
    .where(eq(meetingDecisions.meetingId, meetingId))
    .orderBy(asc(meetingDecisions.position))
    .all()
    .map((d) => d.text.trim())
    .filter(Boolean);
  const itemColumns = {
    text: actionItems.text,
    ownerName: stakeholders.name,
    dueDate: actionItems.dueDate,
    doneAt: actionItems.doneAt,
    taskStatus: tasks.status,
  };
  const items = tx
    .select(itemColumns)
    .from(actionItems)
    .leftJoin(stakeholders, eq(stakeholders.id, actionItems.ownerId))
    .leftJoin(tasks, eq(tasks.id, actionItems.taskId))
    .where(eq(actionItems.meetingId, meetingId))
    .orderBy(asc(actionItems.position))
    .all()
    .filter((i) => i.text.trim())
    .map((i) => ({
      text: i.text.trim(),
      ownerName: i.ownerName || null,
      dueDate: calendarDateOrNull(i.dueDate),
    }));
  // Open items of the room's earlier meetings: not done by hand, and not done through their task.
  const carriedOver = tx
    .select({ ...itemColumns, fromTitle: meetings.title, fromStartsAt: meetings.startsAt })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .leftJoin(stakeholders, eq(stakeholders.id, actionItems.ownerId))
    .leftJoin(tasks, eq(tasks.id, actionItems.taskId))
    .where(
      and(
        eq(actionItems.roomId, room.id),
        ne(actionItems.meetingId, meetingId),
        isNull(actionItems.doneAt),
        lt(meetings.startsAt, meeting.startsAt),
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(actionItems.position))
    .all()
    .filter((i) => i.taskStatus !== "done" && i.text.trim())
    .map((i) => ({
      text: i.text.trim(),
      ownerName: i.ownerName || null,
      dueDate: calendarDateOrNull(i.dueDate),
      fromTitle: i.fromTitle,
      fromDate: todayIn(account.timeZone, i.fromStartsAt),
    }));
  const notes = storedRichText(meeting.sharedNotes) ?? undefined;
  const url = roomUrl(env().APP_URL, room.id, `meetings/${encodeURIComponent(meeting.id)}`);

  for (const r of recipients) {
    enqueueEmail(tx, {
      to: r.email,
      locale: r.locale,
      template: "meeting_minutes",
      props: {
        recipientName: r.name,
        senderName: sender?.name ?? account.name,
        meetingTitle: meeting.title,
        meetingType: meeting.type,
        startsAt: meeting.startsAt.toISOString(),
        endsAt: endOf(meeting).toISOString(),
        timeZone: account.timeZone,
        roomTitle: room.title,
        accountName: account.name,
        attendeeNames,
        notes,
        decisions,
        actionItems: items,
        carriedOver,
        url,
      },
    });
  }
  const now = new Date();
  tx.update(meetings).set({ minutesSentAt: now }).where(eq(meetings.id, meetingId)).run();
  recordEvent(
    tx,
    {
      actorId,
      type: "meeting.minutes_sent",
      accountId: account.id,
      roomId: room.id,
      subjectType: "meeting",
      subjectId: meeting.id,
      data: { title: meeting.title, recipients: recipients.length },
    },
    now,
  );
  return recipients.length;
}

function calendarDateOrNull(value: string | null): string | null {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

/**
 * The Send-minutes command of the meeting page: the meeting must be the room's (else 404, the same as
 * one that does not exist); the route checked `meetings.edit`. Returns the number of recipients.
 */
export function sendMinutes(ctx: { user: { id: string }; room: { id: string } }, meetingId: string): number {
  return writeTransaction(getDb(), (tx) => {
    const found = tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(eq(meetings.id, meetingId), eq(meetings.roomId, ctx.room.id)))
      .get();
    if (!found) throw new DomainError(404, "errors.notFound");
    return enqueueMinutes(tx, meetingId, ctx.user.id);
  });
}

/** How many attendees the meeting's emails would reach (for the page: no recipients, no Send button). */
export function countMeetingRecipients(meetingId: string): number {
  const db = getDb();
  const row = db
    .select({ timeZone: accounts.timeZone })
    .from(meetings)
    .innerJoin(rooms, eq(rooms.id, meetings.roomId))
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .where(eq(meetings.id, meetingId))
    .get();
  return row ? meetingRecipients(db, meetingId, row.timeZone).length : 0;
}
