import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { calendarFeeds, stakeholders, users } from "#db/schema";
import { can } from "~/access/capabilities";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { recordEvent } from "~/domain/events/events.server";
import { getPlan, seesInternal, type RoomContext } from "~/domain/plan/plan.server";
import { getRoomAccess, type RoomAccess } from "~/domain/rooms/access.server";
import { tFor } from "~/i18n/i18n.server";
import { DomainError } from "~/utils/errors";
import type { Locale } from "~/vocabulary";
import { buildCalendar, type CalendarItem } from "./ics";

/** The user's live feed of the room (never its token: only the hash is stored). */
export function getActiveFeed(ctx: Pick<RoomContext, "user" | "room">): { createdAt: Date } | null {
  const row = getDb()
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(
      and(
        eq(calendarFeeds.userId, ctx.user.id),
        eq(calendarFeeds.roomId, ctx.room.id),
        isNull(calendarFeeds.revokedAt),
      ),
    )
    .orderBy(desc(calendarFeeds.createdAt))
    .get();
  return row ?? null;
}

/**
 * A new secret feed for the user in this room; any older one stops working in the same transaction, so
 * a user has at most one live URL per room. Returns the token, which is shown once and never stored.
 */
export function createFeed(ctx: RoomContext, now = new Date()): string {
  const token = generateToken();
  getDb().transaction((tx) => {
    tx.update(calendarFeeds)
      .set({ revokedAt: now })
      .where(
        and(
          eq(calendarFeeds.userId, ctx.user.id),
          eq(calendarFeeds.roomId, ctx.room.id),
          isNull(calendarFeeds.revokedAt),
        ),
      )
      .run();
    const { id } = tx
      .insert(calendarFeeds)
      .values({ userId: ctx.user.id, roomId: ctx.room.id, tokenHash: hashToken(token), createdAt: now })
      .returning({ id: calendarFeeds.id })
      .get();
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "calendar.feedCreated",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "calendar_feed",
      subjectId: id,
      // About one person's private URL: not news for the rest of the room.
      data: { visibility: "internal" },
    });
  });
  return token;
}

export function revokeFeed(ctx: RoomContext, now = new Date()): boolean {
  return getDb().transaction((tx) => {
    const revoked = tx
      .update(calendarFeeds)
      .set({ revokedAt: now })
      .where(
        and(
          eq(calendarFeeds.userId, ctx.user.id),
          eq(calendarFeeds.roomId, ctx.room.id),
          isNull(calendarFeeds.revokedAt),
        ),
      )
      .returning({ id: calendarFeeds.id })
      .all();
    for (const feed of revoked) {
      recordEvent(tx, {
        actorId: ctx.user.id,
        type: "calendar.feedRevoked",
        accountId: ctx.account.id,
        roomId: ctx.room.id,
        subjectType: "calendar_feed",
        subjectId: feed.id,
        data: { visibility: "internal" },
      });
    }
    return revoked.length > 0;
  });
}

/**
 * Resolves a feed token to the user's current access. Checked on every fetch: a revoked token, a
 * deactivated user or one who lost access to the room gets nothing (the route answers 404).
 */
function resolveFeed(token: string): (RoomAccess & { user: typeof users.$inferSelect }) | null {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const db = getDb();
  const row = db
    .select({ feed: calendarFeeds, user: users })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(eq(calendarFeeds.tokenHash, hashToken(token)))
    .get();
  if (!row || row.feed.revokedAt || !row.user.active) return null;
  const access = getRoomAccess(row.user, row.feed.roomId);
  if (!access || !can(access.role, "room.view")) return null;
  return { ...access, user: row.user };
}

type PlanView = ReturnType<typeof getPlan>;

/** Rows start at version 1 and every update bumps it; iCalendar's SEQUENCE starts at 0. */
function revision(row: { version: number; createdAt: Date; updatedAt: Date | null }) {
  return { sequence: row.version - 1, lastModified: row.updatedAt ?? row.createdAt };
}

function milestoneItem(
  m: PlanView["milestones"][number],
  t: ReturnType<typeof tFor>,
  appUrl: string,
  roomId: string,
): CalendarItem {
  return {
    uid: `milestone-${m.id}@launchroom`,
    date: m.targetDate,
    title: t("calendar.milestoneSummary", {
      title: m.title,
      internal: m.visibility === "internal" ? t("calendar.internalPrefix") : "",
    }),
    description: m.isFirstValue ? t("calendar.firstValue") : undefined,
    url: `${appUrl}/rooms/${roomId}/timeline`,
    ...revision(m),
  };
}

function taskItem(
  task: PlanView["tasks"][number],
  t: ReturnType<typeof tFor>,
  appUrl: string,
  roomId: string,
): CalendarItem {
  return {
    uid: `task-${task.id}@launchroom`,
    date: task.dueDate!,
    title: t("calendar.taskSummary", {
      title: task.title,
      internal: task.visibility === "internal" ? t("calendar.internalPrefix") : "",
    }),
    description: task.description ?? undefined,
    url: `${appUrl}/rooms/${roomId}/timeline`,
    ...revision(task),
  };
}

/**
 * The feed's iCalendar text, or null when the token does not (or no longer) give access. Milestones of
 * the room and the due dates of tasks assigned to the user's stakeholders, both filtered by what the
 * user's current role may see.
 */
export function renderFeed(token: string, appUrl: string): string | null {
  const access = resolveFeed(token);
  if (!access) return null;
  const plan = getPlan(access);
  // No request to negotiate with: the user's saved language, else the product default.
  const t = tFor(access.user.locale === "en" ? "en" : "ja");
  const mine = new Set(
    getDb()
      .select({ id: stakeholders.id })
      .from(stakeholders)
      .where(and(eq(stakeholders.roomId, access.room.id), eq(stakeholders.userId, access.user.id)))
      .all()
      .map((s) => s.id),
  );
  const items: CalendarItem[] = [
    ...plan.milestones.map((m) => milestoneItem(m, t, appUrl, access.room.id)),
    ...plan.tasks
      .filter((task) => task.dueDate && task.assigneeId && mine.has(task.assigneeId))
      .map((task) => taskItem(task, t, appUrl, access.room.id)),
  ];
  return buildCalendar(items, t("calendar.feedName", { room: access.room.title }));
}

/** A single task or milestone as an .ics download, for the viewer of the guarded room. */
export function itemCalendar(
  ctx: RoomContext,
  kind: "task" | "milestone",
  id: string,
  appUrl: string,
  locale: Locale,
): { filename: string; body: string } {
  const plan = getPlan(ctx);
  const t = tFor(locale);
  if (kind === "milestone") {
    const m = plan.milestones.find((x) => x.id === id);
    if (!m) throw new DomainError(404, "errors.notFound");
    return {
      filename: "milestone.ics",
      body: buildCalendar([milestoneItem(m, t, appUrl, ctx.room.id)], m.title),
    };
  }
  const task = plan.tasks.find((x) => x.id === id);
  // getPlan already hid internal tasks from customers: they are as unknown as another room's task.
  if (!task || (task.visibility === "internal" && !seesInternal(ctx.role)))
    throw new DomainError(404, "errors.notFound");
  if (!task.dueDate) throw new DomainError(404, "calendar.noDueDate");
  return { filename: "task.ics", body: buildCalendar([taskItem(task, t, appUrl, ctx.room.id)], task.title) };
}
