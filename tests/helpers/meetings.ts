import type { DbOrTx } from "#db/client.server";
import { actionItems, meetingAttendees, meetingDecisions, meetings, stakeholders } from "#db/schema";
import type { MeetingType } from "~/vocabulary";

/**
 * Meetings for tests by direct insert (the meeting commands live in app/domain/meetings and are built in
 * parallel): a meeting, its team-list people, attendees, decisions and action items.
 */
export function makeMeeting(
  db: DbOrTx,
  roomId: string,
  over: Partial<{
    type: MeetingType;
    title: string;
    startsAt: Date;
    durationMinutes: number;
    location: string | null;
    videoUrl: string | null;
    status: "scheduled" | "cancelled";
    sharedNotes: unknown;
    internalNotes: unknown;
    icsSequence: number;
    createdById: string;
  }> = {},
) {
  return db
    .insert(meetings)
    .values({
      roomId,
      type: over.type ?? "kickoff",
      title: over.title ?? "Kickoff",
      startsAt: over.startsAt ?? new Date("2026-12-07T01:00:00Z"),
      durationMinutes: over.durationMinutes ?? 60,
      location: over.location ?? null,
      videoUrl: over.videoUrl ?? null,
      status: over.status ?? "scheduled",
      sharedNotes: over.sharedNotes ?? null,
      internalNotes: over.internalNotes ?? null,
      icsSequence: over.icsSequence ?? 0,
      createdById: over.createdById ?? null,
    })
    .returning()
    .get();
}

export function makeStakeholder(
  db: DbOrTx,
  roomId: string,
  over: Partial<{
    name: string;
    side: "vendor" | "customer";
    email: string | null;
    userId: string | null;
  }> = {},
) {
  return db
    .insert(stakeholders)
    .values({
      roomId,
      name: over.name ?? "Team Person",
      side: over.side ?? "customer",
      email: over.email ?? null,
      userId: over.userId ?? null,
    })
    .returning()
    .get();
}

export function addAttendees(db: DbOrTx, meetingId: string, stakeholderIds: string[]) {
  for (const stakeholderId of stakeholderIds)
    db.insert(meetingAttendees).values({ meetingId, stakeholderId }).run();
}

export function addDecisions(db: DbOrTx, meetingId: string, texts: string[]) {
  texts.forEach((text, position) => db.insert(meetingDecisions).values({ meetingId, text, position }).run());
}

export function addActionItem(
  db: DbOrTx,
  meeting: { id: string; roomId: string },
  over: Partial<{
    text: string;
    ownerId: string | null;
    dueDate: string | null;
    taskId: string | null;
    doneAt: Date | null;
    position: number;
  }> = {},
) {
  return db
    .insert(actionItems)
    .values({
      roomId: meeting.roomId,
      meetingId: meeting.id,
      text: over.text ?? "Do the thing",
      ownerId: over.ownerId ?? null,
      dueDate: over.dueDate ?? null,
      taskId: over.taskId ?? null,
      doneAt: over.doneAt ?? null,
      position: over.position ?? 0,
    })
    .returning()
    .get();
}

/** An iCalendar document unfolded (RFC 5545 §3.1) into its content lines. */
export function icsLines(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
}

/** The value of the first line of `name` (parameters skipped), or undefined. */
export function icsValue(ics: string, name: string): string | undefined {
  const line = icsLines(ics).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  if (!line) return undefined;
  // The value starts after the first colon outside a quoted parameter value.
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ":" && !quoted) return line.slice(i + 1);
  }
  return undefined;
}

/** Undoes escapeText: the TEXT value as the author wrote it. */
export function icsText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

/** No element we did not write: no script-capable tag, no on* attribute, no javascript: href in any tag. */
export function inertMarkupProblems(markup: string): string[] {
  const problems: string[] = [];
  for (const tag of markup.match(/<[a-z][^>]*>/gi) ?? []) {
    if (/^<(script|img|svg|iframe|object|embed|style)/i.test(tag)) problems.push(tag);
    if (/\son[a-z]+=/i.test(tag.replace(/"[^"]*"/g, '""'))) problems.push(tag);
    if (/(href|src)="\s*(javascript|data|vbscript):/i.test(tag)) problems.push(tag);
  }
  return problems;
}
