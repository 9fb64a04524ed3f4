/**
 * Meetings and minutes (議事録): the room's kickoff, planning, 定例, steering and review meetings with
 * their notes (a shared part customers read and an internal part they never see), decisions, action
 * items that become plan tasks, and attendance. Dates are entered and shown in the account's time zone
 * (./zone.ts) and stored as instants. Every change writes an event; meeting rows are versioned (a stale
 * move or cancel is 409), and the notes have their own version: a save made from an older one is a
 * conflict the user resolves, never an overwrite.
 */
import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import { getDb, type Tx, writeTransaction } from "#db/client.server";
import {
  actionItems,
  meetingAttendees,
  meetingDecisions,
  meetings,
  phases,
  stakeholders,
  tasks,
  users,
} from "#db/schema";
import { can } from "~/access/capabilities";
import { recordEvent, type EventType } from "~/domain/events/events.server";
import { createTask } from "~/domain/plan/editing.server";
import { seesInternal, type RoomContext } from "~/domain/plan/plan.server";
import { storedRichText, type RichTextDoc } from "~/domain/richtext/richtext";
import { DomainError } from "~/utils/errors";
import { guessLocale } from "~/domain/notifications/locale";
import type { MeetingType } from "~/vocabulary";
import { agendaFor, defaultTitle } from "./agendas.server";
import { enqueueMeetingInvitations } from "./mail.server";
import { instantOf, wallClockOf } from "./zone";

export type MeetingInput = {
  type: MeetingType;
  title?: string;
  date: string;
  time: string;
  durationMinutes: number;
  location?: string;
  videoUrl?: string;
  attendeeIds: string[];
};

type Ctx = Pick<RoomContext, "user" | "room" | "account" | "role">;

const stale = () => new DomainError(409, "meetings.stale");

function requireEditor(ctx: Ctx) {
  if (!can(ctx.role, "meetings.edit")) throw new DomainError(403, "errors.forbidden");
}

function event(
  tx: Tx,
  ctx: Ctx,
  type: EventType,
  subjectId: string,
  data: Record<string, unknown>,
  subjectType = "meeting",
) {
  recordEvent(tx, {
    actorId: ctx.user.id,
    type,
    accountId: ctx.account.id,
    roomId: ctx.room.id,
    subjectType,
    subjectId,
    // Meetings, decisions and action items are shared with the customer: their feed shows these.
    data: { visibility: "shared", ...data },
  });
}

function startOf(ctx: Ctx, input: Pick<MeetingInput, "date" | "time">): Date {
  const at = instantOf(input.date, input.time, ctx.account.timeZone);
  if (!at) throw new DomainError(400, "meetings.timeSkipped", { time: input.time }, "time");
  return at;
}

/** The attendee ids of a form, each checked against the room's team (a foreign id is refused). */
function checkAttendees(tx: Tx, ctx: Ctx, ids: string[]): string[] {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const found = tx
    .select({ id: stakeholders.id })
    .from(stakeholders)
    .where(and(eq(stakeholders.roomId, ctx.room.id), inArray(stakeholders.id, unique)))
    .all();
  if (found.length !== unique.length)
    throw new DomainError(400, "meetings.unknownAttendee", {}, "attendeeIds");
  return unique;
}

function loadMeeting(tx: Tx, ctx: Ctx, id: string) {
  const row = tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, id), eq(meetings.roomId, ctx.room.id)))
    .get();
  if (!row) throw new DomainError(404, "errors.notFound");
  return row;
}

// ---- scheduling ---------------------------------------------------------------------------------

/** Schedules a meeting; its shared notes start as the agenda of its type in the room's language. */
export function scheduleMeeting(ctx: Ctx, input: MeetingInput): string {
  requireEditor(ctx);
  const startsAt = startOf(ctx, input);
  const locale = guessLocale(ctx.account.timeZone);
  return writeTransaction(getDb(), (tx) => {
    const attendees = checkAttendees(tx, ctx, input.attendeeIds);
    const title = input.title?.trim() || defaultTitle(input.type, locale);
    const { id } = tx
      .insert(meetings)
      .values({
        roomId: ctx.room.id,
        type: input.type,
        title,
        startsAt,
        durationMinutes: input.durationMinutes,
        location: input.location ?? null,
        videoUrl: input.videoUrl ?? null,
        sharedNotes: agendaFor(input.type, locale),
        createdById: ctx.user.id,
      })
      .returning({ id: meetings.id })
      .get();
    for (const stakeholderId of attendees)
      tx.insert(meetingAttendees).values({ meetingId: id, stakeholderId }).run();
    event(tx, ctx, "meeting.scheduled", id, { title, type: input.type, startsAt: startsAt.toISOString() });
    enqueueMeetingInvitations(tx, id, "REQUEST");
    return id;
  });
}

/** Moves or edits a meeting (time, place, attendees); attendees then get an updated invitation. */
export function updateMeeting(ctx: Ctx, id: string, input: MeetingInput & { version: number }): void {
  requireEditor(ctx);
  const startsAt = startOf(ctx, input);
  writeTransaction(getDb(), (tx) => {
    const meeting = loadMeeting(tx, ctx, id);
    if (meeting.version !== input.version) throw stale();
    if (meeting.status === "cancelled") throw new DomainError(400, "meetings.isCancelled");
    const attendees = checkAttendees(tx, ctx, input.attendeeIds);
    const before = tx
      .select({ stakeholderId: meetingAttendees.stakeholderId })
      .from(meetingAttendees)
      .where(eq(meetingAttendees.meetingId, id))
      .all()
      .map((r) => r.stakeholderId);
    const title = input.title?.trim() || defaultTitle(input.type, guessLocale(ctx.account.timeZone));
    const moved = meeting.startsAt.getTime() !== startsAt.getTime();
    const calendarChanged =
      moved ||
      meeting.durationMinutes !== input.durationMinutes ||
      (meeting.location ?? null) !== (input.location ?? null) ||
      (meeting.videoUrl ?? null) !== (input.videoUrl ?? null) ||
      meeting.title !== title ||
      before.length !== attendees.length ||
      before.some((s) => !attendees.includes(s));
    tx.update(meetings)
      .set({
        type: input.type,
        title,
        startsAt,
        durationMinutes: input.durationMinutes,
        location: input.location ?? null,
        videoUrl: input.videoUrl ?? null,
        icsSequence: calendarChanged ? meeting.icsSequence + 1 : meeting.icsSequence,
        version: meeting.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(meetings.id, id))
      .run();
    for (const s of before.filter((s) => !attendees.includes(s)))
      tx.delete(meetingAttendees)
        .where(and(eq(meetingAttendees.meetingId, id), eq(meetingAttendees.stakeholderId, s)))
        .run();
    for (const s of attendees.filter((s) => !before.includes(s)))
      tx.insert(meetingAttendees).values({ meetingId: id, stakeholderId: s }).run();
    event(tx, ctx, "meeting.updated", id, {
      title,
      moved,
      startsAt: startsAt.toISOString(),
      from: moved ? meeting.startsAt.toISOString() : undefined,
    });
    // The calendars replace the event (same UID, higher SEQUENCE). Someone taken off the list gets no
    // CANCEL: the event stays in their calendar until they delete it.
    if (calendarChanged) enqueueMeetingInvitations(tx, id, "REQUEST");
  });
}

export function cancelMeeting(ctx: Ctx, id: string, version: number): void {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    const meeting = loadMeeting(tx, ctx, id);
    if (meeting.version !== version) throw stale();
    if (meeting.status === "cancelled") throw new DomainError(400, "meetings.isCancelled");
    tx.update(meetings)
      .set({
        status: "cancelled",
        icsSequence: meeting.icsSequence + 1,
        version: meeting.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(meetings.id, id))
      .run();
    event(tx, ctx, "meeting.cancelled", id, {
      title: meeting.title,
      startsAt: meeting.startsAt.toISOString(),
    });
    enqueueMeetingInvitations(tx, id, "CANCEL");
  });
}

// ---- notes --------------------------------------------------------------------------------------

/** A save made from an older version of the notes: carries what is stored now, for the user to choose. */
export class NotesConflict extends DomainError {
  constructor(
    readonly current: {
      sharedNotes: RichTextDoc | null;
      internalNotes: RichTextDoc | null;
      notesVersion: number;
      updatedAt: string | null;
      updatedBy: string | null;
    },
  ) {
    super(409, "meetings.notesConflict");
  }
}

/**
 * Saves both parts of the notes, based on `notesVersion`. When someone saved in between, nothing is
 * written: NotesConflict carries their version (saving again with the new version keeps yours).
 */
export function saveNotes(
  ctx: Ctx,
  id: string,
  input: { shared: RichTextDoc; internal: RichTextDoc; notesVersion: number },
): number {
  requireEditor(ctx);
  return writeTransaction(getDb(), (tx) => {
    const meeting = loadMeeting(tx, ctx, id);
    if (meeting.notesVersion !== input.notesVersion) {
      const by = meeting.notesUpdatedById
        ? tx.select({ name: users.name }).from(users).where(eq(users.id, meeting.notesUpdatedById)).get()
        : undefined;
      throw new NotesConflict({
        sharedNotes: storedRichText(meeting.sharedNotes),
        internalNotes: storedRichText(meeting.internalNotes),
        notesVersion: meeting.notesVersion,
        updatedAt: meeting.notesUpdatedAt?.toISOString() ?? null,
        updatedBy: by?.name ?? null,
      });
    }
    const next = meeting.notesVersion + 1;
    tx.update(meetings)
      .set({
        sharedNotes: input.shared,
        internalNotes: input.internal,
        notesVersion: next,
        notesUpdatedAt: new Date(),
        notesUpdatedById: ctx.user.id,
      })
      .where(eq(meetings.id, id))
      .run();
    // A save that changed only the internal part stays out of the customer's feed.
    const sharedChanged = JSON.stringify(meeting.sharedNotes ?? null) !== JSON.stringify(input.shared);
    event(tx, ctx, "meeting.notes_saved", id, {
      title: meeting.title,
      ...(sharedChanged ? {} : { visibility: "internal" }),
    });
    return next;
  });
}

// ---- decisions ----------------------------------------------------------------------------------

export function addDecision(ctx: Ctx, meetingId: string, text: string): void {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    const meeting = loadMeeting(tx, ctx, meetingId);
    const last = tx
      .select({ position: meetingDecisions.position })
      .from(meetingDecisions)
      .where(eq(meetingDecisions.meetingId, meetingId))
      .orderBy(desc(meetingDecisions.position))
      .get();
    tx.insert(meetingDecisions)
      .values({ meetingId, text, position: (last?.position ?? -1) + 1 })
      .run();
    event(tx, ctx, "meeting.updated", meetingId, { title: meeting.title, decisionAdded: text });
  });
}

function loadDecision(tx: Tx, ctx: Ctx, meetingId: string, decisionId: string) {
  loadMeeting(tx, ctx, meetingId);
  const row = tx
    .select()
    .from(meetingDecisions)
    .where(and(eq(meetingDecisions.id, decisionId), eq(meetingDecisions.meetingId, meetingId)))
    .get();
  if (!row) throw new DomainError(404, "errors.notFound");
  return row;
}

export function removeDecision(ctx: Ctx, meetingId: string, decisionId: string): void {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    loadDecision(tx, ctx, meetingId, decisionId);
    tx.delete(meetingDecisions).where(eq(meetingDecisions.id, decisionId)).run();
  });
}

/** Swaps a decision with its neighbour above or below. */
export function moveDecision(
  ctx: Ctx,
  meetingId: string,
  decisionId: string,
  direction: "up" | "down",
): void {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    const row = loadDecision(tx, ctx, meetingId, decisionId);
    const neighbour = tx
      .select()
      .from(meetingDecisions)
      .where(
        and(
          eq(meetingDecisions.meetingId, meetingId),
          direction === "up"
            ? lt(meetingDecisions.position, row.position)
            : gt(meetingDecisions.position, row.position),
        ),
      )
      .orderBy(direction === "up" ? desc(meetingDecisions.position) : asc(meetingDecisions.position))
      .get();
    if (!neighbour) return;
    tx.update(meetingDecisions)
      .set({ position: neighbour.position })
      .where(eq(meetingDecisions.id, row.id))
      .run();
    tx.update(meetingDecisions)
      .set({ position: row.position })
      .where(eq(meetingDecisions.id, neighbour.id))
      .run();
  });
}

// ---- action items -------------------------------------------------------------------------------

function checkOwner(tx: Tx, ctx: Ctx, ownerId: string | undefined) {
  if (!ownerId) return null;
  const person = tx
    .select({ id: stakeholders.id, side: stakeholders.side })
    .from(stakeholders)
    .where(and(eq(stakeholders.id, ownerId), eq(stakeholders.roomId, ctx.room.id)))
    .get();
  if (!person) throw new DomainError(400, "meetings.unknownOwner", {}, "ownerId");
  return person;
}

export function addActionItem(
  ctx: Ctx,
  meetingId: string,
  input: { text: string; ownerId?: string; dueDate?: string },
): string {
  requireEditor(ctx);
  return writeTransaction(getDb(), (tx) => {
    const meeting = loadMeeting(tx, ctx, meetingId);
    checkOwner(tx, ctx, input.ownerId);
    const last = tx
      .select({ position: actionItems.position })
      .from(actionItems)
      .where(eq(actionItems.meetingId, meetingId))
      .orderBy(desc(actionItems.position))
      .get();
    const { id } = tx
      .insert(actionItems)
      .values({
        roomId: ctx.room.id,
        meetingId,
        text: input.text,
        ownerId: input.ownerId ?? null,
        dueDate: input.dueDate ?? null,
        position: (last?.position ?? -1) + 1,
      })
      .returning({ id: actionItems.id })
      .get();
    event(
      tx,
      ctx,
      "action_item.added",
      id,
      { text: input.text, meetingTitle: meeting.title, meetingId },
      "action_item",
    );
    return id;
  });
}

function loadActionItem(tx: Tx, ctx: Ctx, itemId: string) {
  const row = tx
    .select()
    .from(actionItems)
    .where(and(eq(actionItems.id, itemId), eq(actionItems.roomId, ctx.room.id)))
    .get();
  if (!row) throw new DomainError(404, "errors.notFound");
  return row;
}

/** Marks an item done or open by hand; an item with a task follows its task instead. */
export function setActionItemDone(ctx: Ctx, itemId: string, done: boolean): void {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    const item = loadActionItem(tx, ctx, itemId);
    if (item.taskId) throw new DomainError(400, "meetings.itemFollowsTask");
    tx.update(actionItems)
      .set({ doneAt: done ? new Date() : null })
      .where(eq(actionItems.id, itemId))
      .run();
    if (done)
      event(
        tx,
        ctx,
        "action_item.done",
        itemId,
        { text: item.text, meetingId: item.meetingId },
        "action_item",
      );
  });
}

export function removeActionItem(ctx: Ctx, itemId: string): void {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    loadActionItem(tx, ctx, itemId);
    tx.delete(actionItems).where(eq(actionItems.id, itemId)).run();
  });
}

/**
 * "Make a task": a shared plan task through the plan domain, on the owner's side (joint without an owner),
 * in the current phase (the first with open work, else the first), with the item's due date; the item
 * keeps the task's id and the task page links back to the meeting.
 */
export function makeTaskFromActionItem(ctx: RoomContext, itemId: string): string {
  requireEditor(ctx);
  return writeTransaction(getDb(), (tx) => {
    const item = loadActionItem(tx, ctx, itemId);
    if (item.taskId) throw new DomainError(400, "meetings.alreadyTask");
    const owner = item.ownerId
      ? tx
          .select({ side: stakeholders.side })
          .from(stakeholders)
          .where(eq(stakeholders.id, item.ownerId))
          .get()
      : undefined;
    const phaseRows = tx
      .select({ id: phases.id })
      .from(phases)
      .where(eq(phases.roomId, ctx.room.id))
      .orderBy(asc(phases.position))
      .all();
    if (!phaseRows.length) throw new DomainError(400, "meetings.noPlan");
    const open = tx
      .select({ phaseId: tasks.phaseId })
      .from(tasks)
      .where(and(eq(tasks.roomId, ctx.room.id), ne(tasks.status, "done")))
      .all();
    const openPhases = new Set(open.map((t) => t.phaseId));
    const phase = phaseRows.find((p) => openPhases.has(p.id)) ?? phaseRows[0]!;
    const meeting = loadMeeting(tx, ctx, item.meetingId);
    // Nested: better-sqlite3 runs the plan domain's transaction as a savepoint of this one.
    const taskId = createTask(ctx, {
      phaseId: phase.id,
      title: item.text.slice(0, 200),
      description: undefined,
      side: owner?.side ?? "joint",
      visibility: "shared",
      dependsOn: [],
      assigneeId: item.ownerId ?? undefined,
      startDate: undefined,
      dueDate: item.dueDate ?? undefined,
    });
    tx.update(actionItems).set({ taskId }).where(eq(actionItems.id, itemId)).run();
    event(
      tx,
      ctx,
      "action_item.task_created",
      itemId,
      { text: item.text, taskId, meetingId: meeting.id, meetingTitle: meeting.title },
      "action_item",
    );
    return taskId;
  });
}

// ---- attendance ---------------------------------------------------------------------------------

/**
 * Records who attended (checked) and who did not (the other attendees), once the meeting has started.
 * A customer attendee with a user account who attended counts as customer presence: an event with them
 * as the actor, at the meeting's start, so the health model's "last customer activity" sees it.
 */
export function recordAttendance(ctx: Ctx, meetingId: string, attended: string[], now = new Date()): void {
  requireEditor(ctx);
  writeTransaction(getDb(), (tx) => {
    const meeting = loadMeeting(tx, ctx, meetingId);
    if (meeting.status === "cancelled") throw new DomainError(400, "meetings.isCancelled");
    if (meeting.startsAt.getTime() > now.getTime()) throw new DomainError(400, "meetings.attendanceTooEarly");
    const rows = tx
      .select({
        stakeholderId: meetingAttendees.stakeholderId,
        attended: meetingAttendees.attended,
        side: stakeholders.side,
        userId: stakeholders.userId,
        email: stakeholders.email,
        name: stakeholders.name,
      })
      .from(meetingAttendees)
      .innerJoin(stakeholders, eq(stakeholders.id, meetingAttendees.stakeholderId))
      .where(eq(meetingAttendees.meetingId, meetingId))
      .all();
    const yes = new Set(attended);
    for (const id of yes)
      if (!rows.some((r) => r.stakeholderId === id))
        throw new DomainError(400, "meetings.unknownAttendee", {}, "attended");
    for (const r of rows) {
      const value = yes.has(r.stakeholderId);
      tx.update(meetingAttendees)
        .set({ attended: value })
        .where(
          and(eq(meetingAttendees.meetingId, meetingId), eq(meetingAttendees.stakeholderId, r.stakeholderId)),
        )
        .run();
      if (value && r.attended !== true && r.side === "customer") {
        const userId =
          r.userId ??
          (r.email
            ? tx
                .select({ id: users.id })
                .from(users)
                .where(and(sql`lower(${users.email}) = lower(${r.email})`, eq(users.kind, "customer")))
                .get()?.id
            : undefined);
        if (userId)
          recordEvent(
            tx,
            {
              actorId: userId,
              type: "meeting.attendance_recorded",
              accountId: ctx.account.id,
              roomId: ctx.room.id,
              subjectType: "meeting",
              subjectId: meetingId,
              data: { title: meeting.title, recordedById: ctx.user.id },
            },
            meeting.startsAt,
          );
      }
    }
  });
}

// ---- reading ------------------------------------------------------------------------------------

/** Whether an action item is done: by its task when it has one, else by hand. */
export function isItemDone(item: { doneAt: Date | null; taskStatus: string | null; taskId: string | null }) {
  return item.taskId && item.taskStatus ? item.taskStatus === "done" : item.doneAt !== null;
}

export type MeetingSummary = {
  id: string;
  type: MeetingType;
  title: string;
  startsAt: string;
  date: string;
  time: string;
  durationMinutes: number;
  status: "scheduled" | "cancelled";
  attendees: number;
};

function summary(
  ctx: Pick<Ctx, "account">,
  m: typeof meetings.$inferSelect,
  attendees: number,
): MeetingSummary {
  const w = wallClockOf(m.startsAt, ctx.account.timeZone);
  return {
    id: m.id,
    type: m.type,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    date: w.date,
    time: w.time,
    durationMinutes: m.durationMinutes,
    status: m.status,
    attendees,
  };
}

/** The room's meetings: upcoming (not yet ended, soonest first) and past (latest first). */
export function listMeetings(ctx: Pick<Ctx, "room" | "account">, now = new Date()) {
  const db = getDb();
  const rows = db
    .select()
    .from(meetings)
    .where(eq(meetings.roomId, ctx.room.id))
    .orderBy(asc(meetings.startsAt))
    .all();
  const counts = new Map(
    db
      .select({ id: meetingAttendees.meetingId, n: sql<number>`count(*)` })
      .from(meetingAttendees)
      .innerJoin(meetings, eq(meetings.id, meetingAttendees.meetingId))
      .where(eq(meetings.roomId, ctx.room.id))
      .groupBy(meetingAttendees.meetingId)
      .all()
      .map((r) => [r.id, r.n]),
  );
  const ended = (m: typeof meetings.$inferSelect) =>
    m.startsAt.getTime() + m.durationMinutes * 60_000 <= now.getTime();
  return {
    upcoming: rows.filter((m) => !ended(m)).map((m) => summary(ctx, m, counts.get(m.id) ?? 0)),
    past: rows
      .filter(ended)
      .reverse()
      .map((m) => summary(ctx, m, counts.get(m.id) ?? 0)),
  };
}

/** The next scheduled meeting of the room that has not ended, for the customer's home. */
export function nextMeeting(ctx: Pick<Ctx, "room" | "account">, now = new Date()): MeetingSummary | null {
  const row = getDb()
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.roomId, ctx.room.id),
        eq(meetings.status, "scheduled"),
        gt(sql`${meetings.startsAt} + ${meetings.durationMinutes} * 60000`, now.getTime()),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .get();
  return row ? summary(ctx, row, 0) : null;
}

const itemColumns = {
  id: actionItems.id,
  meetingId: actionItems.meetingId,
  text: actionItems.text,
  ownerId: actionItems.ownerId,
  ownerName: stakeholders.name,
  dueDate: actionItems.dueDate,
  taskId: actionItems.taskId,
  taskStatus: tasks.status,
  taskVisibility: tasks.visibility,
  doneAt: actionItems.doneAt,
  position: actionItems.position,
};

/** A meeting with everything its page shows; internal notes only for those who see internal items. */
export function getMeeting(ctx: Pick<Ctx, "room" | "account" | "role">, id: string) {
  const db = getDb();
  const meeting = db
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, id), eq(meetings.roomId, ctx.room.id)))
    .get();
  if (!meeting) throw new DomainError(404, "errors.notFound");
  const internal = seesInternal(ctx.role);
  const attendees = db
    .select({
      stakeholderId: stakeholders.id,
      name: stakeholders.name,
      side: stakeholders.side,
      title: stakeholders.title,
      attended: meetingAttendees.attended,
    })
    .from(meetingAttendees)
    .innerJoin(stakeholders, eq(stakeholders.id, meetingAttendees.stakeholderId))
    .where(eq(meetingAttendees.meetingId, id))
    .orderBy(asc(stakeholders.side), asc(stakeholders.name))
    .all();
  const decisions = db
    .select({ id: meetingDecisions.id, text: meetingDecisions.text })
    .from(meetingDecisions)
    .where(eq(meetingDecisions.meetingId, id))
    .orderBy(asc(meetingDecisions.position))
    .all();
  const shape = (r: {
    id: string;
    text: string;
    ownerId: string | null;
    ownerName: string | null;
    dueDate: string | null;
    taskId: string | null;
    taskStatus: string | null;
    taskVisibility: string | null;
    doneAt: Date | null;
  }) => ({
    id: r.id,
    text: r.text,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    dueDate: r.dueDate,
    // A task customers may not see is not linked for them.
    taskId: r.taskId && (internal || r.taskVisibility === "shared") ? r.taskId : null,
    hasTask: !!r.taskId,
    done: !!isItemDone(r),
  });
  const items = db
    .select(itemColumns)
    .from(actionItems)
    .leftJoin(stakeholders, eq(stakeholders.id, actionItems.ownerId))
    .leftJoin(tasks, eq(tasks.id, actionItems.taskId))
    .where(eq(actionItems.meetingId, id))
    .orderBy(asc(actionItems.position))
    .all()
    .map(shape);
  // Open items of the room's earlier meetings, marked with where they came from.
  const carried = db
    .select({ ...itemColumns, fromTitle: meetings.title, fromStartsAt: meetings.startsAt })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .leftJoin(stakeholders, eq(stakeholders.id, actionItems.ownerId))
    .leftJoin(tasks, eq(tasks.id, actionItems.taskId))
    .where(
      and(
        eq(actionItems.roomId, ctx.room.id),
        ne(actionItems.meetingId, id),
        lt(meetings.startsAt, meeting.startsAt),
        isNull(actionItems.doneAt),
        or(isNull(actionItems.taskId), isNull(tasks.id), ne(tasks.status, "done")),
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(actionItems.position))
    .all()
    .map((r) => ({
      ...shape(r),
      from: {
        meetingId: r.meetingId,
        title: r.fromTitle,
        date: wallClockOf(r.fromStartsAt, ctx.account.timeZone).date,
      },
    }));
  const team = db
    .select({
      id: stakeholders.id,
      name: stakeholders.name,
      side: stakeholders.side,
      title: stakeholders.title,
    })
    .from(stakeholders)
    .where(eq(stakeholders.roomId, ctx.room.id))
    .orderBy(asc(stakeholders.side), asc(stakeholders.name))
    .all();
  const by = meeting.notesUpdatedById
    ? db.select({ name: users.name }).from(users).where(eq(users.id, meeting.notesUpdatedById)).get()
    : undefined;
  const w = wallClockOf(meeting.startsAt, ctx.account.timeZone);
  return {
    meeting: {
      id: meeting.id,
      type: meeting.type,
      title: meeting.title,
      startsAt: meeting.startsAt.toISOString(),
      date: w.date,
      time: w.time,
      durationMinutes: meeting.durationMinutes,
      location: meeting.location,
      videoUrl: meeting.videoUrl,
      status: meeting.status,
      version: meeting.version,
      notesVersion: meeting.notesVersion,
      notesUpdatedAt: meeting.notesUpdatedAt?.toISOString() ?? null,
      notesUpdatedBy: by?.name ?? null,
      minutesSentAt: meeting.minutesSentAt?.toISOString() ?? null,
      sharedNotes: storedRichText(meeting.sharedNotes),
      internalNotes: internal ? storedRichText(meeting.internalNotes) : null,
    },
    timeZone: ctx.account.timeZone,
    attendees,
    decisions,
    actionItems: items,
    carriedOver: carried,
    team,
  };
}

/** The meeting an action item that became this task came from, for the task page's link back. */
export function meetingOfTask(ctx: Pick<Ctx, "room" | "account">, taskId: string) {
  const row = getDb()
    .select({ meetingId: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .where(and(eq(actionItems.taskId, taskId), eq(actionItems.roomId, ctx.room.id)))
    .get();
  return row
    ? {
        meetingId: row.meetingId,
        title: row.title,
        date: wallClockOf(row.startsAt, ctx.account.timeZone).date,
      }
    : null;
}

/** The room's meetings for the timeline (scheduled ones), with their day in the account's zone. */
export function meetingsForTimeline(ctx: Pick<Ctx, "room" | "account">) {
  return getDb()
    .select({ id: meetings.id, title: meetings.title, type: meetings.type, startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(eq(meetings.roomId, ctx.room.id), eq(meetings.status, "scheduled")))
    .orderBy(asc(meetings.startsAt))
    .all()
    .map((m) => ({
      ...m,
      startsAt: m.startsAt.toISOString(),
      ...wallClockOf(m.startsAt, ctx.account.timeZone),
    }));
}
