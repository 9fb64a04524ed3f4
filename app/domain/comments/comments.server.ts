import { and, asc, eq, inArray } from "drizzle-orm";
import { attachToComment, listCommentAttachments } from "~/domain/documents/attachments.server";
import type { CheckedUpload } from "~/domain/files/files.server";
import { z } from "zod";
import { getDb, type Tx, writeTransaction } from "#db/client.server";
import {
  commentMentions,
  comments,
  memberships,
  milestones,
  tasks,
  users,
  type CommentSubject,
} from "#db/schema";
import type { Visibility } from "~/vocabulary";
import { can } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import { seesInternal, type RoomContext } from "~/domain/plan/plan.server";
import { DomainError } from "~/utils/errors";

export const COMMENT_MAX = 5000;

export const CommentSchema = z.object({
  body: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string({ error: "validation.required" })
      .min(1, { message: "validation.required" })
      .max(COMMENT_MAX, { message: "comments.tooLong" }),
  ),
  internal: z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean()),
  mention: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : ([] as unknown[]).concat(v).filter((x) => x !== "")),
    z.array(z.string().max(64)).max(50),
  ),
});
export type CommentInput = z.output<typeof CommentSchema>;

type Subject = { type: CommentSubject; id: string; title: string; visibility: Visibility };

/** The task or milestone of this room the comment is about; 404 when foreign or hidden from the viewer. */
function loadSubject(tx: Tx, ctx: Pick<RoomContext, "room" | "role">, type: CommentSubject, id: string) {
  const table = type === "task" ? tasks : milestones;
  const row = tx
    .select({ id: table.id, title: table.title, visibility: table.visibility })
    .from(table)
    .where(and(eq(table.id, id), eq(table.roomId, ctx.room.id)))
    .get();
  if (!row || (row.visibility === "internal" && !seesInternal(ctx.role)))
    throw new DomainError(404, "errors.notFound");
  return { type, ...row } satisfies Subject;
}

/** Room members who can be mentioned; in internal conversations only vendor staff. */
export function mentionableMembers(roomId: string, internalOnly = false) {
  const rows = getDb()
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.roomId, roomId), eq(users.active, true)))
    .orderBy(asc(users.name))
    .all();
  return internalOnly ? rows.filter((r) => seesInternal(r.role)) : rows;
}

const ASCII_WORD = /[A-Za-z0-9_]/;

/** Members named in the body as "@Full Name" or "@email"; longer names win over their prefixes. */
export function findMentions(body: string, members: { userId: string; name: string; email: string }[]) {
  const lower = body.toLowerCase();
  const found = new Set<string>();
  for (const m of members) {
    for (const handle of [m.email, m.name]) {
      const needle = `@${handle.toLowerCase()}`;
      let at = lower.indexOf(needle);
      while (at !== -1) {
        const after = lower[at + needle.length];
        // "@Ann" must not match "@Anna"; Japanese names are often followed by さん, so only ASCII counts.
        const endsWord = ASCII_WORD.test(needle.at(-1)!) && after !== undefined && ASCII_WORD.test(after);
        if (!endsWord) {
          found.add(m.userId);
          break;
        }
        at = lower.indexOf(needle, at + 1);
      }
    }
  }
  return found;
}

/**
 * Who a comment mentions, decided here and never by the browser alone: room members who may see the
 * subject (`members`, already narrowed to staff for internal talk) whose "@Name" (or "@email") is in the
 * text. People picked from the @ list (`picked`, user ids) settle which of two members with the same name
 * is meant; a pick whose "@Name" was deleted from the text, or who is not such a member, mentions nobody.
 * Without JavaScript there are no picks, and "@Name" typed by hand still mentions.
 */
export function resolveMentions(
  body: string,
  picked: string[],
  members: { userId: string; name: string; email: string }[],
): Set<string> {
  const inText = findMentions(body, members);
  const chosen = members.filter((m) => picked.includes(m.userId) && inText.has(m.userId));
  const result = new Set<string>();
  for (const m of members) {
    if (!inText.has(m.userId)) continue;
    const namesake = chosen.find(
      (c) => c.userId !== m.userId && c.name.toLowerCase() === m.name.toLowerCase(),
    );
    // "@Ann Lee" picked for one Ann Lee is not a mention of the other one.
    if (namesake && !chosen.includes(m)) continue;
    result.add(m.userId);
  }
  return result;
}

export function listComments(ctx: Pick<RoomContext, "room" | "role">, type: CommentSubject, id: string) {
  const db = getDb();
  const rows = db
    .select({
      id: comments.id,
      body: comments.body,
      internal: comments.internal,
      createdAt: comments.createdAt,
      authorName: users.name,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(
      and(
        eq(comments.roomId, ctx.room.id),
        eq(comments.subjectType, type),
        eq(comments.subjectId, id),
        seesInternal(ctx.role) ? undefined : eq(comments.internal, false),
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .all();
  const mentions = rows.length
    ? db
        .select({ commentId: commentMentions.commentId, name: users.name })
        .from(commentMentions)
        .innerJoin(users, eq(users.id, commentMentions.userId))
        .where(
          inArray(
            commentMentions.commentId,
            rows.map((r) => r.id),
          ),
        )
        .all()
    : [];
  const files = listCommentAttachments(rows.map((r) => r.id));
  return rows.map((r) => ({
    ...r,
    mentions: mentions.filter((m) => m.commentId === r.id).map((m) => m.name),
    attachments: files.get(r.id) ?? [],
  }));
}

export type CommentView = ReturnType<typeof listComments>[number];

/**
 * Adds a comment and records its mentions (the mention emails are sent later from rows whose notifiedAt
 * is null). Internal comments are for vendor staff only, and mention only them.
 */
export function addComment(
  ctx: RoomContext,
  type: CommentSubject,
  subjectId: string,
  input: CommentInput,
  attachments: readonly CheckedUpload[] = [],
): string {
  if (!can(ctx.role, "comments.write")) throw new DomainError(403, "errors.forbidden");
  if (input.internal && !seesInternal(ctx.role)) throw new DomainError(403, "errors.forbidden");
  return writeTransaction(getDb(), (tx) => {
    const subject = loadSubject(tx, ctx, type, subjectId);
    const hidden = input.internal || subject.visibility === "internal";
    const mentioned = resolveMentions(input.body, input.mention, mentionableMembers(ctx.room.id, hidden));
    mentioned.delete(ctx.user.id);
    const { id } = tx
      .insert(comments)
      .values({
        roomId: ctx.room.id,
        subjectType: type,
        subjectId: subject.id,
        authorId: ctx.user.id,
        body: input.body,
        internal: input.internal,
      })
      .returning({ id: comments.id })
      .get();
    for (const userId of mentioned) tx.insert(commentMentions).values({ commentId: id, userId }).run();
    // Issue 12: files sent with the comment (documents.upload), seen by whoever sees the comment.
    attachToComment(tx, ctx, id, attachments);
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "comment.added",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: type,
      subjectId: subject.id,
      data: {
        commentId: id,
        title: subject.title,
        internal: input.internal,
        mentions: mentioned.size,
        visibility: hidden ? "internal" : "shared",
      },
    });
    return id;
  });
}
