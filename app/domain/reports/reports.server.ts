/**
 * The weekly status report of a room: its facts read from the plan, meetings and goals (small queries of
 * their tables), the preview, sending (now or by the schedule), the schedule itself and the reports as
 * sent. Sending stores the snapshot, queues one email per recipient in their language and records
 * `report.sent`, all in one transaction.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte } from "drizzle-orm";
import { getDb, writeTransaction, type DbOrTx } from "#db/client.server";
import {
  actionItems,
  goalCheckins,
  goals,
  meetingDecisions,
  meetings,
  memberships,
  milestones,
  reportSchedules,
  statusReports,
  stakeholders,
  tasks,
  users,
} from "#db/schema";
import { statusReportContentSchema } from "#emails/status-report-content";
import { CUSTOMER_ROLES } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import { guessLocale, roomUrl } from "~/domain/notifications/locale";
import { todayIn, type IsoDate } from "~/domain/plan/dates";
import { completedDateIn } from "~/domain/plan/schedule";
import type { Account, Room } from "~/domain/rooms/access.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { env } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { roomRaciHolders } from "~/domain/raci/lookup.server";
import type { Locale } from "~/vocabulary";
import { buildStatusReport, REPORT_DAYS, type ReportInputs, type StatusReportContent } from "./build";

type RoomRef = Pick<Room, "id" | "title" | "kickoffDate">;
type AccountRef = Pick<Account, "id" | "name" | "timeZone" | "csmId">;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The facts of the room the report is built from (shared and internal alike: the builder filters). */
export function loadReportInputs(
  tx: DbOrTx,
  room: RoomRef,
  account: AccountRef,
  now: Date,
  intro: string | null,
): ReportInputs {
  const zone = account.timeZone;
  const taskRows = tx
    .select({ t: tasks, assigneeName: stakeholders.name })
    .from(tasks)
    .leftJoin(stakeholders, eq(stakeholders.id, tasks.assigneeId))
    .where(eq(tasks.roomId, room.id))
    .all();
  const milestoneRows = tx.select().from(milestones).where(eq(milestones.roomId, room.id)).all();

  // Meetings around the period (a day either side for time zones); the builder keeps the period's days.
  const meetingRows = tx
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.roomId, room.id),
        gte(meetings.startsAt, new Date(now.getTime() - (REPORT_DAYS + 1) * DAY_MS)),
        lte(meetings.startsAt, new Date(now.getTime() + DAY_MS)),
      ),
    )
    .all();
  const decisionRows = meetingRows.length
    ? tx
        .select()
        .from(meetingDecisions)
        .where(
          inArray(
            meetingDecisions.meetingId,
            meetingRows.map((m) => m.id),
          ),
        )
        .orderBy(asc(meetingDecisions.position))
        .all()
    : [];

  const itemRows = tx
    .select({
      a: actionItems,
      meetingTitle: meetings.title,
      ownerName: stakeholders.name,
      taskStatus: tasks.status,
      taskVisibility: tasks.visibility,
    })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .leftJoin(stakeholders, eq(stakeholders.id, actionItems.ownerId))
    .leftJoin(tasks, eq(tasks.id, actionItems.taskId))
    .where(and(eq(actionItems.roomId, room.id), isNull(actionItems.doneAt)))
    .orderBy(asc(meetings.startsAt), asc(actionItems.position))
    .all();

  const goalRows = tx
    .select()
    .from(goals)
    .where(eq(goals.roomId, room.id))
    .orderBy(asc(goals.position))
    .all();
  const checkinRows = goalRows.length
    ? tx
        .select()
        .from(goalCheckins)
        .where(
          inArray(
            goalCheckins.goalId,
            goalRows.map((g) => g.id),
          ),
        )
        .all()
    : [];

  return {
    intro,
    tasks: taskRows.map(({ t, assigneeName }) => ({
      id: t.id,
      title: t.title,
      status: t.status,
      dueDate: t.dueDate,
      completedDate: completedDateIn(t.completedAt, zone),
      blockedReason: t.blockedReason,
      visibility: t.visibility,
      assigneeName,
    })),
    milestones: milestoneRows.map((m) => ({
      id: m.id,
      title: m.title,
      targetDate: m.targetDate,
      baselineDate: m.baselineDate,
      completedDate: completedDateIn(m.completedAt, zone),
      visibility: m.visibility,
    })),
    meetings: meetingRows.map((m) => ({
      id: m.id,
      title: m.title,
      date: todayIn(zone, m.startsAt),
      cancelled: m.status === "cancelled",
      decisions: decisionRows.filter((d) => d.meetingId === m.id).map((d) => d.text),
    })),
    actionItems: itemRows.map((r) => ({
      text: r.a.text,
      ownerName: r.ownerName,
      dueDate: r.a.dueDate,
      done: r.taskStatus === "done",
      meetingTitle: r.meetingTitle,
      internal: r.taskVisibility === "internal",
    })),
    goals: goalRows.map((g) => ({
      id: g.id,
      statement: g.statement,
      kpi: g.kpi,
      unit: g.unit,
      baseline: g.baseline,
      target: g.target,
      startDate: room.kickoffDate ?? todayIn(zone, g.createdAt),
      dueDate: g.dueDate,
      checkins: checkinRows.filter((c) => c.goalId === g.id).map((c) => ({ date: c.date, value: c.value })),
    })),
  };
}

export type ReportRecipient = {
  email: string;
  name: string;
  locale: Locale;
  userId: string | null;
  /** The CSM's copy: not counted as a recipient, and no copy is sent without customer recipients. */
  copy: boolean;
};

/**
 * The customer's sponsor and team, and the RACI's "I" holders of either side: customer-side members of the room (active users) and customer-side
 * people of the team with an email who are not members, once per address, each in their language: their
 * own, else the account's (Japanese for accounts run in Japan time; rooms have no language of their own).
 * Deactivated users and vendor staff never get it as customers.
 */
export function reportRecipients(
  tx: DbOrTx,
  room: RoomRef,
  account: Pick<AccountRef, "timeZone">,
): ReportRecipient[] {
  const fallback = guessLocale(account.timeZone);
  const out: ReportRecipient[] = [];
  const seen = new Set<string>();
  const add = (r: Omit<ReportRecipient, "copy">) => {
    const key = r.email.trim().toLowerCase();
    if (!key || seen.has(key)) return;
    seen.add(key);
    out.push({ ...r, email: r.email.trim(), copy: false });
  };
  const members = tx
    .select({ u: users })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.roomId, room.id), inArray(memberships.role, [...CUSTOMER_ROLES])))
    .orderBy(asc(users.name))
    .all();
  for (const { u } of members) {
    if (!u.active || u.kind !== "customer") continue;
    add({ email: u.email, name: u.name, locale: u.locale ?? fallback, userId: u.id });
  }
  const people = tx
    .select({ s: stakeholders, u: users })
    .from(stakeholders)
    .leftJoin(users, eq(users.id, stakeholders.userId))
    .where(and(eq(stakeholders.roomId, room.id), eq(stakeholders.side, "customer")))
    .orderBy(asc(stakeholders.name))
    .all();
  for (const { s, u } of people) {
    const email = (u?.email ?? s.email)?.trim();
    if (!email || seen.has(email.toLowerCase())) continue;
    // Someone with an account under that address: only an active customer gets it, in their language.
    const user = u ?? tx.select().from(users).where(eq(users.email, email.toLowerCase())).get();
    if (user && (!user.active || user.kind !== "customer")) continue;
    add({ email, name: user?.name ?? s.name, locale: user?.locale ?? fallback, userId: user?.id ?? null });
  }
  // The RACI's "I" holders are kept informed by the report too (either side; the content is shared-only).
  for (const s of roomRaciHolders(tx, room.id, "I")) {
    const linked = s.userId ? tx.select().from(users).where(eq(users.id, s.userId)).get() : undefined;
    const email = (linked?.email ?? s.email)?.trim();
    if (!email || seen.has(email.toLowerCase())) continue;
    const user = linked ?? tx.select().from(users).where(eq(users.email, email.toLowerCase())).get();
    if (user && !user.active) continue;
    add({ email, name: user?.name ?? s.name, locale: user?.locale ?? fallback, userId: user?.id ?? null });
  }
  return out;
}

/** The account's CSM, who gets a copy of each report sent (when active). */
function csmCopy(tx: DbOrTx, room: RoomRef, account: AccountRef): ReportRecipient | null {
  if (!account.csmId) return null;
  const csm = tx.select().from(users).where(eq(users.id, account.csmId)).get();
  if (!csm?.active) return null;
  return {
    email: csm.email,
    name: csm.name,
    locale: csm.locale ?? guessLocale(account.timeZone),
    userId: csm.id,
    copy: true,
  };
}

export type ReportSchedule = {
  enabled: boolean;
  weekday: number;
  timeOfDay: string;
  nextIntro: string | null;
  lastSentOn: IsoDate | null;
};

const DEFAULT_SCHEDULE: ReportSchedule = {
  enabled: false,
  weekday: 1,
  timeOfDay: "09:00",
  nextIntro: null,
  lastSentOn: null,
};

export function getReportSchedule(roomId: string, handle: DbOrTx = getDb()): ReportSchedule {
  const row = handle.select().from(reportSchedules).where(eq(reportSchedules.roomId, roomId)).get();
  return row
    ? {
        enabled: row.enabled,
        weekday: row.weekday,
        timeOfDay: row.timeOfDay,
        nextIntro: row.nextIntro,
        lastSentOn: row.lastSentOn,
      }
    : DEFAULT_SCHEDULE;
}

/** This week's report as it would go out now, with whom it would go to. */
export function previewReport(room: RoomRef, account: AccountRef, now: Date = new Date()) {
  const db = getDb();
  const schedule = getReportSchedule(room.id, db);
  const inputs = loadReportInputs(db, room, account, now, schedule.nextIntro);
  return {
    content: buildStatusReport(inputs, todayIn(account.timeZone, now)),
    recipients: reportRecipients(db, room, account),
    copyTo: csmCopy(db, room, account),
    schedule,
  };
}

/**
 * Builds, stores and queues the report on the caller's transaction. Throws a 400 when nobody on the
 * customer's side can receive it (nothing is stored then).
 */
export function sendReportTx(
  tx: DbOrTx,
  input: { room: RoomRef; account: AccountRef; actorId: string | null; intro: string | null; now: Date },
): { reportId: string; recipients: number } {
  const { room, account, now } = input;
  const recipients = reportRecipients(tx, room, account);
  if (!recipients.length) throw new DomainError(400, "reports.noRecipients");
  const content = buildStatusReport(
    loadReportInputs(tx, room, account, now, input.intro),
    todayIn(account.timeZone, now),
  );
  const row = tx
    .insert(statusReports)
    .values({
      roomId: room.id,
      periodStart: content.periodStart,
      periodEnd: content.periodEnd,
      intro: content.intro,
      content,
      sentById: input.actorId,
      sentAt: now,
      recipientCount: recipients.length,
    })
    .returning({ id: statusReports.id })
    .get();
  const url = roomUrl(env().APP_URL, room.id, `reports/${row.id}`);
  const copy = csmCopy(tx, room, account);
  for (const r of copy && !recipients.some((x) => x.email.toLowerCase() === copy.email.toLowerCase())
    ? [...recipients, copy]
    : recipients) {
    enqueueEmail(tx, {
      to: r.email,
      locale: r.locale,
      template: "status_report",
      props: {
        recipientName: r.name,
        accountName: account.name,
        roomTitle: room.title,
        copy: r.copy,
        content,
        url,
      },
    });
  }
  // The intro the CSM had ready went out with this one.
  tx.update(reportSchedules)
    .set({ nextIntro: null, updatedAt: now })
    .where(eq(reportSchedules.roomId, room.id))
    .run();
  recordEvent(
    tx,
    {
      actorId: input.actorId,
      type: "report.sent",
      accountId: account.id,
      roomId: room.id,
      subjectType: "status_report",
      subjectId: row.id,
      data: {
        title: room.title,
        recipients: recipients.length,
        periodStart: content.periodStart,
        periodEnd: content.periodEnd,
        scheduled: input.actorId === null,
        // The customers received it: their activity feed says so too.
        visibility: "shared",
      },
    },
    now,
  );
  return { reportId: row.id, recipients: recipients.length };
}

/** "Send now" from the report page, with the intro as typed (saved as sent, then cleared for next time). */
export function sendReportNow(
  actorId: string,
  room: RoomRef,
  account: AccountRef,
  intro: string | null,
  now: Date = new Date(),
): { reportId: string; recipients: number } {
  return writeTransaction(getDb(), (tx) => sendReportTx(tx, { room, account, actorId, intro, now }));
}

function upsertSchedule(tx: DbOrTx, roomId: string, set: Partial<typeof reportSchedules.$inferInsert>) {
  tx.insert(reportSchedules)
    .values({ roomId, ...set })
    .onConflictDoUpdate({ target: reportSchedules.roomId, set })
    .run();
}

/** Keeps the intro for the next report (sent by hand or by the schedule). */
export function saveReportIntro(roomId: string, intro: string | null, now: Date = new Date()): void {
  writeTransaction(getDb(), (tx) => upsertSchedule(tx, roomId, { nextIntro: intro, updatedAt: now }));
}

export function saveReportSchedule(
  roomId: string,
  input: { enabled: boolean; weekday: number; timeOfDay: string },
  now: Date = new Date(),
): void {
  writeTransaction(getDb(), (tx) => upsertSchedule(tx, roomId, { ...input, updatedAt: now }));
}

export type SentReportSummary = {
  id: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  sentAt: Date;
  recipientCount: number;
  sentByName: string | null;
};

export function listSentReports(roomId: string, limit = 52): SentReportSummary[] {
  return getDb()
    .select({
      id: statusReports.id,
      periodStart: statusReports.periodStart,
      periodEnd: statusReports.periodEnd,
      sentAt: statusReports.sentAt,
      recipientCount: statusReports.recipientCount,
      sentByName: users.name,
    })
    .from(statusReports)
    .leftJoin(users, eq(users.id, statusReports.sentById))
    .where(eq(statusReports.roomId, roomId))
    .orderBy(desc(statusReports.sentAt))
    .limit(limit)
    .all();
}

/** A sent report of the room with its snapshot as sent (404 for another room's or a broken row). */
export function getSentReport(roomId: string, reportId: string) {
  const row = getDb()
    .select({ r: statusReports, sentByName: users.name })
    .from(statusReports)
    .leftJoin(users, eq(users.id, statusReports.sentById))
    .where(and(eq(statusReports.id, reportId), eq(statusReports.roomId, roomId)))
    .get();
  if (!row) throw new DomainError(404, "errors.notFound");
  const content = statusReportContentSchema.safeParse(row.r.content);
  if (!content.success) throw new DomainError(404, "errors.notFound");
  return {
    id: row.r.id,
    sentAt: row.r.sentAt,
    recipientCount: row.r.recipientCount,
    sentByName: row.sentByName,
    content: content.data satisfies StatusReportContent,
  };
}
