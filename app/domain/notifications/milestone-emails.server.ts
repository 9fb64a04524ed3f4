import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { DbOrTx } from "#db/client.server";
import { milestones, stakeholders, tasks, users } from "#db/schema";
import type { Locale } from "~/vocabulary";
import { todayIn } from "~/domain/plan/dates";
import { milestoneSchedule } from "~/domain/plan/schedule";
import type { Account, Room } from "~/domain/rooms/access.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { env } from "~/utils/env.server";
import { guessLocale, roomUrl } from "./locale";
import { getPreferences } from "./preferences.server";

type Recipient = { email: string; name: string; locale: Locale; userId: string | null; staff: boolean };

/**
 * Queues the milestone email on the caller's transaction (so it exists exactly when the completion
 * does): to the account owner, the CSM and the customer's sponsors, once per address, each in their
 * language. People who switched milestone emails off for the room are skipped; sponsors never hear of
 * internal milestones. Returns the addresses queued.
 */
export function enqueueMilestoneEmails(
  tx: DbOrTx,
  input: {
    room: Pick<Room, "id" | "title">;
    account: Pick<Account, "name" | "ownerId" | "csmId" | "timeZone">;
    milestone: { id: string; title: string; isFirstValue: boolean; visibility: string; targetDate: string };
    now: Date;
  },
): string[] {
  const { room, account, milestone } = input;
  const guess = guessLocale(account.timeZone);
  const candidates: Recipient[] = [];
  const staffIds = [account.ownerId, account.csmId].filter((id): id is string => !!id);
  const staff = staffIds.length ? tx.select().from(users).where(inArray(users.id, staffIds)).all() : [];
  for (const id of staffIds) {
    const u = staff.find((s) => s.id === id);
    if (u?.active)
      candidates.push({ email: u.email, name: u.name, locale: u.locale ?? guess, userId: u.id, staff: true });
  }
  if (milestone.visibility === "shared") {
    const sponsors = tx
      .select({ s: stakeholders, u: users })
      .from(stakeholders)
      .leftJoin(users, eq(users.id, stakeholders.userId))
      .where(and(eq(stakeholders.roomId, room.id), eq(stakeholders.isSponsor, true)))
      .orderBy(asc(stakeholders.name))
      .all();
    for (const { s, u } of sponsors) {
      if (u && !u.active) continue;
      const email = u?.email ?? s.email;
      if (!email) continue;
      // A sponsor without a linked user may still have an account under the same address.
      const byEmail = u ?? tx.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
      candidates.push({
        email,
        name: u?.name ?? s.name,
        locale: byEmail?.locale ?? guess,
        userId: byEmail?.id ?? null,
        staff: byEmail?.kind === "staff",
      });
    }
  }

  const shared = tx
    .select({ status: tasks.status })
    .from(tasks)
    .where(and(eq(tasks.roomId, room.id), eq(tasks.visibility, "shared")))
    .all();
  const progressPercent = shared.length
    ? Math.round((shared.filter((t) => t.status === "done").length / shared.length) * 100)
    : 0;
  const open = tx
    .select()
    .from(milestones)
    .where(
      and(eq(milestones.roomId, room.id), isNull(milestones.completedAt), ne(milestones.id, milestone.id)),
    )
    .orderBy(asc(milestones.targetDate), asc(milestones.position))
    .all();
  const nextFor = (r: Recipient) => {
    const next = open.find((m) => r.staff || m.visibility === "shared");
    if (!next) return null;
    const late = milestoneSchedule({ targetDate: next.targetDate, completedDate: null }, completedOn);
    return { title: next.title, targetDate: next.targetDate, daysLate: Math.max(0, late.daysLate) };
  };

  const seen = new Set<string>();
  const queued: string[] = [];
  const url = roomUrl(env().APP_URL, room.id);
  const completedOn = todayIn(account.timeZone, input.now);
  // On time or late exactly as the pages say it (milestoneSchedule).
  const schedule = milestoneSchedule(
    { targetDate: milestone.targetDate, completedDate: completedOn },
    completedOn,
  );
  for (const r of candidates) {
    const key = r.email.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (r.userId && !getPreferences(tx, r.userId, room.id).milestoneEmails) continue;
    enqueueEmail(tx, {
      to: r.email,
      locale: r.locale,
      template: "milestone_completed",
      props: {
        recipientName: r.name,
        accountName: account.name,
        roomTitle: room.title,
        milestoneTitle: milestone.title,
        completedOn,
        schedule: { targetDate: milestone.targetDate, daysLate: Math.max(0, schedule.daysLate) },
        firstValue: milestone.isFirstValue,
        progressPercent,
        next: nextFor(r),
        url,
      },
    });
    queued.push(key);
  }
  return queued;
}
