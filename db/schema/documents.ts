import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { FILE_ACCESS_KINDS, VISIBILITIES } from "../../app/vocabulary";
import { createdAt, idColumn, timestamp } from "./columns";
import { files } from "./files";
import { comments, tasks } from "./plan";
import { rooms } from "./rooms";
import { users } from "./users";

/**
 * A folder of a room's documents (資料), one level deep. A document in an internal folder is internal
 * whatever its own setting: customers never see an internal folder nor anything in it.
 */
export const documentFolders = sqliteTable(
  "document_folders",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** "internal": vendor staff with room.viewInternal only. */
    visibility: text({ enum: VISIBILITIES }).notNull().default("shared"),
    /** Order on the page, ascending. */
    position: integer().notNull(),
    createdAt: createdAt(),
    /** Optimistic concurrency: a rename or move names the version it was based on. */
    version: integer().notNull().default(1),
  },
  (t) => [index("document_folders_room_idx").on(t.roomId, t.position)],
);

/**
 * A document of a room: a title and its versions (document_versions), the newest of which is the one
 * served. Removal is soft (`deletedAt`): the versions and the access log stay, nobody sees it any more.
 */
export const documents = sqliteTable(
  "documents",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    /** Null: at the top level of the room's documents. A removed folder moves its documents to the top. */
    folderId: text().references(() => documentFolders.id, { onDelete: "set null" }),
    title: text().notNull(),
    /** "internal": vendor staff with room.viewInternal only (customers: not even by id or file URL). */
    visibility: text({ enum: VISIBILITIES }).notNull().default("shared"),
    /** The version served (the newest); null only between the insert of the document and its first version. */
    currentVersionId: text(),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
    /** Set when removed: hidden from everyone, the file is no longer served. */
    deletedAt: timestamp("deleted_at"),
    /** Optimistic concurrency: an edit names the version it was based on. */
    version: integer().notNull().default(1),
  },
  (t) => [index("documents_room_idx").on(t.roomId, t.folderId)],
);

/** One uploaded version of a document: its file (purpose "document") and number 1, 2, 3… */
export const documentVersions = sqliteTable(
  "document_versions",
  {
    id: idColumn(),
    documentId: text()
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    fileId: text()
      .notNull()
      .references(() => files.id),
    /** 1 for the first upload, +1 for each new version. */
    number: integer().notNull(),
    /** What changed, as typed by the uploader (plain text, may be empty). */
    note: text().notNull().default(""),
    uploadedById: text().references(() => users.id, { onDelete: "set null" }),
    uploadedAt: createdAt(),
  },
  (t) => [
    index("document_versions_document_idx").on(t.documentId, t.number),
    index("document_versions_file_idx").on(t.fileId),
  ],
);

/** A file (purpose "attachment") attached to a task: seen by whoever may see the task. */
export const taskAttachments = sqliteTable(
  "task_attachments",
  {
    taskId: text()
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    fileId: text()
      .notNull()
      .references(() => files.id),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.fileId] }), index("task_attachments_file_idx").on(t.fileId)],
);

/** A file (purpose "attachment") attached to a comment: seen by whoever may see the comment. */
export const commentAttachments = sqliteTable(
  "comment_attachments",
  {
    commentId: text()
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    fileId: text()
      .notNull()
      .references(() => files.id),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.commentId, t.fileId] }),
    index("comment_attachments_file_idx").on(t.fileId),
  ],
);

/**
 * Who opened or fetched a document or attachment, when: "view" when a document's page is opened,
 * "download" when its file is fetched (the file route). Kept when the document is removed.
 */
export const fileAccessLog = sqliteTable(
  "file_access_log",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    /** The file fetched; null for a "view" of a document's page. */
    fileId: text().references(() => files.id, { onDelete: "set null" }),
    /** The document, when the file is (a version of) one; null for an attachment. */
    documentId: text().references(() => documents.id, { onDelete: "cascade" }),
    documentVersionId: text().references(() => documentVersions.id, { onDelete: "set null" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text({ enum: FILE_ACCESS_KINDS }).notNull(),
    at: timestamp("at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [
    index("file_access_log_room_idx").on(t.roomId, t.at),
    index("file_access_log_document_idx").on(t.documentId, t.at),
  ],
);
