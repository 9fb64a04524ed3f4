/**
 * Files attached to tasks and comments (purpose "attachment"): whoever may see the task or comment sees
 * its files. Attaching needs documents.upload and sight of the task (customers: shared tasks only, and
 * shared comments only).
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb, writeTransaction, type DbOrTx } from "#db/client.server";
import { commentAttachments, files, taskAttachments, tasks, users } from "#db/schema";
import { can } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import { recordUploadedFile, type CheckedUpload } from "~/domain/files/files.server";
import { seesInternal, type RoomContext } from "~/domain/plan/plan.server";
import { DomainError } from "~/utils/errors";

/** At most this many files at once on a task or a comment. */
export const MAX_ATTACHMENTS = 10;

const fileColumns = {
  fileId: files.id,
  fileName: files.originalName,
  contentType: files.contentType,
  byteSize: files.byteSize,
  createdAt: files.createdAt,
};

function loadTask(db: DbOrTx, ctx: Pick<RoomContext, "room" | "role">, taskId: string) {
  const task = db
    .select({ id: tasks.id, title: tasks.title, visibility: tasks.visibility })
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.roomId, ctx.room.id)))
    .get();
  if (!task || (task.visibility === "internal" && !seesInternal(ctx.role)))
    throw new DomainError(404, "errors.notFound");
  return task;
}

export function attachToTask(ctx: RoomContext, taskId: string, uploads: CheckedUpload[]) {
  if (!can(ctx.role, "documents.upload")) throw new DomainError(403, "errors.forbidden");
  if (uploads.length === 0) throw new DomainError(400, "upload.missing", {}, "files");
  if (uploads.length > MAX_ATTACHMENTS)
    throw new DomainError(400, "documents.errors.tooManyFiles", { max: MAX_ATTACHMENTS }, "files");
  return writeTransaction(getDb(), (tx) => {
    const task = loadTask(tx, ctx, taskId);
    for (const upload of uploads) {
      const file = recordUploadedFile(tx, upload, { purpose: "attachment", actorId: ctx.user.id });
      tx.insert(taskAttachments)
        .values({ taskId: task.id, fileId: file.id, roomId: ctx.room.id, createdById: ctx.user.id })
        .run();
    }
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "attachment.added",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "task",
      subjectId: task.id,
      data: { title: task.title, count: uploads.length, visibility: task.visibility },
    });
    return { count: uploads.length };
  });
}

/**
 * Takes a file off a task: whoever attached it, or staff who manage the room's documents. The stored file
 * stays (backups, the access log) but nobody can fetch it any more: its reader needs the attachment row.
 */
export function removeTaskAttachment(ctx: RoomContext, taskId: string, fileId: string) {
  writeTransaction(getDb(), (tx) => {
    const task = loadTask(tx, ctx, taskId);
    const row = tx
      .select({ createdById: taskAttachments.createdById, fileName: files.originalName })
      .from(taskAttachments)
      .innerJoin(files, eq(files.id, taskAttachments.fileId))
      .where(and(eq(taskAttachments.taskId, task.id), eq(taskAttachments.fileId, fileId)))
      .get();
    if (!row) throw new DomainError(404, "documents.errors.attachmentGone");
    if (!mayRemoveAttachment(ctx, row.createdById)) throw new DomainError(403, "errors.forbidden");
    tx.delete(taskAttachments)
      .where(and(eq(taskAttachments.taskId, task.id), eq(taskAttachments.fileId, fileId)))
      .run();
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "attachment.removed",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "task",
      subjectId: task.id,
      data: { title: task.title, fileName: row.fileName, visibility: task.visibility },
    });
  });
}

/** Whoever attached a file may take it off again; staff who manage documents may take off any. */
export function mayRemoveAttachment(ctx: Pick<RoomContext, "role" | "user">, createdById: string | null) {
  return can(ctx.role, "documents.manage") || (createdById !== null && createdById === ctx.user.id);
}

/** The files of a task (the caller has checked the task is visible). */
export function listTaskAttachments(taskId: string) {
  return getDb()
    .select({ ...fileColumns, uploadedBy: users.name, createdById: taskAttachments.createdById })
    .from(taskAttachments)
    .innerJoin(files, eq(files.id, taskAttachments.fileId))
    .leftJoin(users, eq(users.id, taskAttachments.createdById))
    .where(eq(taskAttachments.taskId, taskId))
    .orderBy(asc(taskAttachments.createdAt))
    .all();
}

/** Records files on a new comment, inside the comment's transaction. */
export function attachToComment(
  tx: DbOrTx,
  ctx: RoomContext,
  commentId: string,
  uploads: readonly CheckedUpload[],
) {
  if (uploads.length === 0) return;
  if (!can(ctx.role, "documents.upload")) throw new DomainError(403, "errors.forbidden");
  if (uploads.length > MAX_ATTACHMENTS)
    throw new DomainError(400, "documents.errors.tooManyFiles", { max: MAX_ATTACHMENTS }, "files");
  for (const upload of uploads) {
    const file = recordUploadedFile(tx, upload, { purpose: "attachment", actorId: ctx.user.id });
    tx.insert(commentAttachments).values({ commentId, fileId: file.id, roomId: ctx.room.id }).run();
  }
}

/** The files of each comment (ids the caller has already filtered by visibility). */
export function listCommentAttachments(commentIds: string[]) {
  const result = new Map<
    string,
    { fileId: string; fileName: string; contentType: string; byteSize: number }[]
  >();
  if (commentIds.length === 0) return result;
  const rows = getDb()
    .select({ commentId: commentAttachments.commentId, ...fileColumns })
    .from(commentAttachments)
    .innerJoin(files, eq(files.id, commentAttachments.fileId))
    .where(inArray(commentAttachments.commentId, commentIds))
    .orderBy(asc(commentAttachments.createdAt))
    .all();
  for (const r of rows) result.set(r.commentId, [...(result.get(r.commentId) ?? []), r]);
  return result;
}
