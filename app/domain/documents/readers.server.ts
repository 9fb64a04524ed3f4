/**
 * Who may read a document's or an attachment's file: exactly who may see the document, the task or the
 * comment it belongs to (the file URL is no way around the room's rules). Used by FILE_READERS.
 */
import { and, eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "#db/client.server";
import {
  commentAttachments,
  comments,
  documentFolders,
  documents,
  documentVersions,
  milestones,
  taskAttachments,
  tasks,
} from "#db/schema";
import { can } from "~/access/capabilities";
import type { SessionUser } from "~/access/users";
import type { StoredFile } from "~/domain/files/files.server";
import { seesInternal } from "~/domain/plan/plan.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { recordFileAccess, seesDocument } from "./documents.server";

/** Where a fetched file is logged: its room, and its document and version when it is one. */
export type FileAccessTarget = {
  roomId: string;
  documentId: string | null;
  documentVersionId: string | null;
};

export function documentFileTarget(
  user: SessionUser | null,
  file: StoredFile,
  db: DbOrTx,
): FileAccessTarget | null {
  if (!user) return null;
  const row = db
    .select({ versionId: documentVersions.id, doc: documents, folder: documentFolders })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .leftJoin(documentFolders, eq(documentFolders.id, documents.folderId))
    .where(eq(documentVersions.fileId, file.id))
    .get();
  if (!row) return null;
  const access = getRoomAccess(user, row.doc.roomId);
  if (!access || !seesDocument(access.role, row.doc, row.folder)) return null;
  return { roomId: row.doc.roomId, documentId: row.doc.id, documentVersionId: row.versionId };
}

export function attachmentFileTarget(
  user: SessionUser | null,
  file: StoredFile,
  db: DbOrTx,
): FileAccessTarget | null {
  if (!user) return null;
  const onTask = db
    .select({ roomId: tasks.roomId, visibility: tasks.visibility })
    .from(taskAttachments)
    .innerJoin(tasks, and(eq(tasks.id, taskAttachments.taskId), eq(tasks.roomId, taskAttachments.roomId)))
    .where(eq(taskAttachments.fileId, file.id))
    .get();
  if (onTask) {
    const access = getRoomAccess(user, onTask.roomId);
    if (!access || !can(access.role, "room.view")) return null;
    if (onTask.visibility === "internal" && !seesInternal(access.role)) return null;
    return { roomId: onTask.roomId, documentId: null, documentVersionId: null };
  }
  const onComment = db
    .select({ comment: comments })
    .from(commentAttachments)
    .innerJoin(comments, eq(comments.id, commentAttachments.commentId))
    .where(eq(commentAttachments.fileId, file.id))
    .get()?.comment;
  if (!onComment) return null;
  const access = getRoomAccess(user, onComment.roomId);
  if (!access || !can(access.role, "room.view")) return null;
  if (!seesInternal(access.role)) {
    if (onComment.internal) return null;
    const table = onComment.subjectType === "task" ? tasks : milestones;
    const subject = db
      .select({ visibility: table.visibility })
      .from(table)
      .where(and(eq(table.id, onComment.subjectId), eq(table.roomId, onComment.roomId)))
      .get();
    if (!subject || subject.visibility === "internal") return null;
  }
  return { roomId: onComment.roomId, documentId: null, documentVersionId: null };
}

/** The access-log target of a file, for any purpose that has one (documents and attachments). */
export function fileAccessTarget(
  user: SessionUser | null,
  file: StoredFile,
  db: DbOrTx,
): FileAccessTarget | null {
  if (file.purpose === "document") return documentFileTarget(user, file, db);
  if (file.purpose === "attachment") return attachmentFileTarget(user, file, db);
  return null;
}

/** Writes a download of a document's or attachment's file to the access log (other purposes: nothing). */
export function recordFileDownload(user: SessionUser, file: StoredFile): void {
  const target = fileAccessTarget(user, file, getDb());
  if (target) recordFileAccess({ ...target, userId: user.id, kind: "download", fileId: file.id });
}
