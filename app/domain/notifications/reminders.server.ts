import { and, eq, inArray, isNotNull, lte, ne } from "drizzle-orm";
import { getDb, writeTransaction } from "#db/client.server";
import { accounts, memberships, reminderDigests, rooms, stakeholders, tasks, users } from "#db/schema";
import { can } from "~/access/capabilities";
import { addDays, todayIn } from "~/domain/plan/dates";
import { effectiveRole } from "~/domain/rooms/access.server";
import { trainingDueForReminders } from "~/domain/training/progress.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { env } from "~/utils/env.server";
import { guessLocale, roomUrl } from "./locale";
import { getPreferences } from "./preferences.server";

/** Tasks due today, tomorrow or the day after count as "due soon". */
export const DUE_SOON_DAYS = 2;
/** Digests go out from this local hour on, so nobody gets one at midnight. */
export const DIGEST_EARLIEST_HOUR = 8;
const MAX_ITEMS = 50;

function localHour(timeZone: string, now: Date): number {
  return Number(
    new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(now),
  );
}

type Item = { title: string; roomTitle: string; dueDate: string; url: string };

/**
 * One digest per assignee (a stakeholder linked to a user) and calendar day: their open tasks due within
 * two days and their overdue ones, across rooms, in their language; since issue 12 also the training
 * modules assigned to them that are not completed and due within two days or overdue. reminder_digests makes it
 * at-most-once per day even when several processes run this. Rooms where the person switched reminders
 * off, rooms they lost access to and internal tasks for customers are left out. Returns emails queued.
 */
export function runReminderDigests(now: Date = new Date(), opts: { earliestHour?: number } = {}): number {
  const db = getDb();
  const earliestHour = opts.earliestHour ?? DIGEST_EARLIEST_HOUR;
  // Coarse bound; each account's own "today" is applied below.
  const horizon = addDays(now.toISOString().slice(0, 10), DUE_SOON_DAYS + 1);
  const rows = db
    .select({
      task: tasks,
      room: rooms,
      account: accounts,
      user: users,
      membershipRole: memberships.role,
    })
    .from(tasks)
    .innerJoin(stakeholders, eq(stakeholders.id, tasks.assigneeId))
    .innerJoin(users, eq(users.id, stakeholders.userId))
    .innerJoin(rooms, eq(rooms.id, tasks.roomId))
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .leftJoin(memberships, and(eq(memberships.roomId, rooms.id), eq(memberships.userId, users.id)))
    .where(
      and(
        ne(tasks.status, "done"),
        isNotNull(tasks.dueDate),
        lte(tasks.dueDate, horizon),
        eq(rooms.status, "active"),
        eq(users.active, true),
      ),
    )
    .all();

  type Digest = {
    user: (typeof rows)[number]["user"];
    zone: string;
    dueSoon: Item[];
    overdue: Item[];
    trainingDueSoon: Item[];
    trainingOverdue: Item[];
  };
  const digests = new Map<string, Digest>();
  const prefCache = new Map<string, boolean>();
  const base = env().APP_URL;
  for (const r of rows) {
    const role = effectiveRole(r.user, r.account, r.membershipRole);
    if (!role) continue;
    if (r.task.visibility === "internal" && !can(role, "room.viewInternal")) continue;
    const prefKey = `${r.user.id}|${r.room.id}`;
    if (!prefCache.has(prefKey))
      prefCache.set(prefKey, getPreferences(db, r.user.id, r.room.id).reminderEmails);
    if (!prefCache.get(prefKey)) continue;
    const today = todayIn(r.account.timeZone, now);
    const due = r.task.dueDate!;
    const item = {
      title: r.task.title,
      roomTitle: r.room.title,
      dueDate: due,
      url: roomUrl(base, r.room.id, "plan"),
    };
    const digest = digests.get(r.user.id) ?? {
      user: r.user,
      zone: r.account.timeZone,
      dueSoon: [],
      overdue: [],
      trainingDueSoon: [],
      trainingOverdue: [],
    };
    if (due < today) digest.overdue.push(item);
    else if (due <= addDays(today, DUE_SOON_DAYS)) digest.dueSoon.push(item);
    else continue;
    digests.set(r.user.id, digest);
  }

  // Issue 12: training modules assigned to a customer, not completed, due soon or overdue.
  const training = trainingDueForReminders(db, now, DUE_SOON_DAYS);
  const learnerIds = [...new Set(training.map((x) => x.userId))];
  const learners = new Map(
    (learnerIds.length
      ? db
          .select()
          .from(users)
          .where(and(inArray(users.id, learnerIds), eq(users.active, true)))
          .all()
      : []
    ).map((u) => [u.id, u]),
  );
  for (const x of training) {
    const user = learners.get(x.userId);
    if (!user) continue;
    const prefKey = `${user.id}|${x.roomId}`;
    if (!prefCache.has(prefKey)) prefCache.set(prefKey, getPreferences(db, user.id, x.roomId).reminderEmails);
    if (!prefCache.get(prefKey)) continue;
    const digest = digests.get(user.id) ?? {
      user,
      zone: x.timeZone,
      dueSoon: [],
      overdue: [],
      trainingDueSoon: [],
      trainingOverdue: [],
    };
    const item = {
      title: x.title,
      roomTitle: x.roomTitle,
      dueDate: x.dueDate,
      url: roomUrl(base, x.roomId, `training/${encodeURIComponent(x.itemId)}`),
    };
    (x.overdue ? digest.trainingOverdue : digest.trainingDueSoon).push(item);
    digests.set(user.id, digest);
  }

  let queued = 0;
  const byDate = (a: Item, b: Item) => a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title);
  for (const d of digests.values()) {
    if (localHour(d.zone, now) < earliestHour) continue;
    const day = todayIn(d.zone, now);
    const sent = writeTransaction(db, (tx) => {
      const claimed = tx
        .insert(reminderDigests)
        .values({ userId: d.user.id, day, createdAt: now })
        .onConflictDoNothing()
        .run();
      if (claimed.changes === 0) return false;
      enqueueEmail(tx, {
        to: d.user.email,
        locale: d.user.locale ?? guessLocale(d.zone),
        template: "task_reminders",
        props: {
          recipientName: d.user.name,
          overdue: d.overdue.sort(byDate).slice(0, MAX_ITEMS),
          dueSoon: d.dueSoon.sort(byDate).slice(0, MAX_ITEMS),
          trainingOverdue: d.trainingOverdue.sort(byDate).slice(0, MAX_ITEMS),
          trainingDueSoon: d.trainingDueSoon.sort(byDate).slice(0, MAX_ITEMS),
          url: new URL("/rooms", base).toString(),
        },
      });
      return true;
    });
    if (sent) queued += 1;
  }
  return queued;
}
