import { and, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Tx, writeTransaction } from "#db/client.server";
import {
  accounts,
  commentMentions,
  comments,
  memberships,
  milestones,
  rooms,
  tasks,
  users,
} from "#db/schema";
import { can } from "~/access/capabilities";
import { effectiveRole } from "~/domain/rooms/access.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { env } from "~/utils/env.server";
import { guessLocale, roomUrl } from "./locale";
import { getPreferences } from "./preferences.server";
import { commentText, excerpt } from "./text";

/**
 * A burst of comments becomes one email: a person's mentions wait until none arrived for this long
 * (the default of MENTION_QUIET_MS in the environment).
 */
export const MENTION_QUIET_MS = 2 * 60_000;
/** …but never longer than this after the first one, so a busy thread still notifies. */
export const MENTION_MAX_WAIT_MS = 15 * 60_000;

type Pending = {
  commentId: string;
  userId: string;
  roomId: string;
  createdAt: Date;
};

/**
 * Queues one "mentions" email per person and room for the mentions not yet notified, once the burst
 * they belong to has gone quiet, and marks them notified in the same transaction. Mentions the person
 * may not (or no longer) see, or has switched off, are marked without an email so they do not wait
 * forever. Returns the number of emails queued.
 */
export function runMentionBatch(now: Date = new Date(), quietMs: number = env().MENTION_QUIET_MS): number {
  const db = getDb();
  return writeTransaction(db, (tx) => {
    const pending: Pending[] = tx
      .select({
        commentId: commentMentions.commentId,
        userId: commentMentions.userId,
        roomId: comments.roomId,
        createdAt: comments.createdAt,
      })
      .from(commentMentions)
      .innerJoin(comments, eq(comments.id, commentMentions.commentId))
      .where(isNull(commentMentions.notifiedAt))
      .all();
    const groups = new Map<string, Pending[]>();
    for (const p of pending) {
      const key = `${p.userId}|${p.roomId}`;
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    let sent = 0;
    for (const group of groups.values()) {
      const times = group.map((p) => p.createdAt.getTime());
      const quiet = now.getTime() - Math.max(...times) >= quietMs;
      const waitedLong = now.getTime() - Math.min(...times) >= MENTION_MAX_WAIT_MS;
      if (!quiet && !waitedLong) continue;
      if (sendGroup(tx, group, now)) sent += 1;
    }
    return sent;
  });
}

function sendGroup(tx: Tx, group: Pending[], now: Date): boolean {
  const { userId, roomId } = group[0]!;
  const markAll = () =>
    tx
      .update(commentMentions)
      .set({ notifiedAt: now })
      .where(
        and(
          eq(commentMentions.userId, userId),
          inArray(
            commentMentions.commentId,
            group.map((p) => p.commentId),
          ),
        ),
      )
      .run();
  const recipient = tx.select().from(users).where(eq(users.id, userId)).get();
  const place = tx
    .select({ room: rooms, account: accounts, membershipRole: memberships.role })
    .from(rooms)
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .leftJoin(memberships, and(eq(memberships.roomId, rooms.id), eq(memberships.userId, userId)))
    .where(eq(rooms.id, roomId))
    .get();
  const role = recipient && place ? effectiveRole(recipient, place.account, place.membershipRole) : null;
  if (!recipient?.active || !place || !role || !getPreferences(tx, userId, roomId).mentionEmails) {
    markAll();
    return false;
  }
  const internalOk = can(role, "room.viewInternal");
  const rows = tx
    .select({ comment: comments, author: users.name })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(
      inArray(
        comments.id,
        group.map((p) => p.commentId),
      ),
    )
    .all()
    .sort((a, b) => a.comment.createdAt.getTime() - b.comment.createdAt.getTime());
  const base = env().APP_URL;
  const items = [];
  for (const { comment, author } of rows) {
    const subject =
      comment.subjectType === "task"
        ? tx
            .select({ title: tasks.title, visibility: tasks.visibility })
            .from(tasks)
            .where(and(eq(tasks.id, comment.subjectId), eq(tasks.roomId, roomId)))
            .get()
        : tx
            .select({ title: milestones.title, visibility: milestones.visibility })
            .from(milestones)
            .where(and(eq(milestones.id, comment.subjectId), eq(milestones.roomId, roomId)))
            .get();
    // Internal comments and comments on internal items never reach a customer.
    if (!subject || (!internalOk && (comment.internal || subject.visibility === "internal"))) continue;
    items.push({
      authorName: author,
      subjectTitle: subject.title,
      excerpt: excerpt(commentText(comment.body)),
      url: roomUrl(
        base,
        roomId,
        `${comment.subjectType === "task" ? "tasks" : "milestones"}/${comment.subjectId}`,
      ),
      at: comment.createdAt.toISOString(),
    });
  }
  markAll();
  if (items.length === 0) return false;
  enqueueEmail(tx, {
    to: recipient.email,
    locale: recipient.locale ?? guessLocale(place.account.timeZone),
    template: "mentions",
    props: {
      recipientName: recipient.name,
      roomTitle: place.room.title,
      mentions: items,
      url: roomUrl(base, roomId),
    },
  });
  return true;
}
