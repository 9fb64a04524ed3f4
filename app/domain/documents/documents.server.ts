/**
 * A room's documents (資料): folders one level deep, documents with versions (the newest is served), shared
 * or internal. Customers never see an internal folder or document, nor one inside an internal folder: not in
 * lists, not by id, not by file URL (the file readers in app/domain/files/access.server.ts ask the same
 * question, `seesDocument`). Uploading needs documents.upload (customers: into shared places only);
 * folders, renaming, moving, visibility and removal need documents.manage. Opening a document's page and
 * fetching its file are written to the access log, which vendor staff read (engagement.view).
 */
import { and, asc, desc, eq, isNull, max, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, writeTransaction, type DbOrTx } from "#db/client.server";
import {
  documentFolders,
  documents,
  documentVersions,
  fileAccessLog,
  files,
  users,
  VISIBILITIES,
  type FileAccessKind,
  type Visibility,
} from "#db/schema";
import { can, type EffectiveRoomRole } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import { recordUploadedFile, type CheckedUpload } from "~/domain/files/files.server";
import { seesInternal, type RoomContext } from "~/domain/plan/plan.server";
import { DomainError } from "~/utils/errors";
import { fields } from "~/utils/forms";

export type DocumentFolder = typeof documentFolders.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;

// ---- forms ----------------------------------------------------------------------------------------

const visibility = fields.enumOf(VISIBILITIES);
const id = () => z.string().catch("");

export const documentForms = {
  createFolder: z.object({ name: fields.requiredText(100), visibility }),
  renameFolder: z.object({
    folderId: id(),
    name: fields.requiredText(100),
    visibility,
    version: fields.version(),
  }),
  removeFolder: z.object({ folderId: id(), version: fields.version() }),
  /** The text fields of the upload form (the file itself comes from readFileUploadForm). */
  upload: z.object({
    title: fields.optionalText(200),
    folderId: fields.optionalText(40),
    visibility: fields.optionalEnumOf(VISIBILITIES),
    note: fields.optionalText(500),
  }),
  newVersion: z.object({ note: fields.optionalText(500), version: fields.version() }),
  update: z.object({
    title: fields.requiredText(200),
    folderId: fields.optionalText(40),
    visibility,
    version: fields.version(),
  }),
  remove: z.object({ version: fields.version() }),
};

// ---- who sees what --------------------------------------------------------------------------------

/** Whether a role sees a document (not removed; internal itself or by its folder only with viewInternal). */
export function seesDocument(
  role: EffectiveRoomRole,
  doc: Pick<DocumentRow, "visibility" | "deletedAt">,
  folder: Pick<DocumentFolder, "visibility"> | null | undefined,
): boolean {
  if (doc.deletedAt || !can(role, "documents.view")) return false;
  if (seesInternal(role)) return true;
  return doc.visibility === "shared" && (folder?.visibility ?? "shared") === "shared";
}

function visibleFolders(db: DbOrTx, ctx: Pick<RoomContext, "room" | "role">): DocumentFolder[] {
  return db
    .select()
    .from(documentFolders)
    .where(
      and(
        eq(documentFolders.roomId, ctx.room.id),
        seesInternal(ctx.role) ? undefined : eq(documentFolders.visibility, "shared"),
      ),
    )
    .orderBy(asc(documentFolders.position), asc(documentFolders.createdAt))
    .all();
}

function loadFolder(db: DbOrTx, ctx: Pick<RoomContext, "room" | "role">, folderId: string): DocumentFolder {
  const folder = db
    .select()
    .from(documentFolders)
    .where(and(eq(documentFolders.id, folderId), eq(documentFolders.roomId, ctx.room.id)))
    .get();
  if (!folder || (folder.visibility === "internal" && !seesInternal(ctx.role)))
    throw new DomainError(404, "errors.notFound");
  return folder;
}

/** The document if this role may see it; 404 otherwise (a customer cannot tell internal from missing). */
function loadDocument(db: DbOrTx, ctx: Pick<RoomContext, "room" | "role">, documentId: string) {
  const row = db
    .select({ doc: documents, folder: documentFolders })
    .from(documents)
    .leftJoin(documentFolders, eq(documentFolders.id, documents.folderId))
    .where(and(eq(documents.id, documentId), eq(documents.roomId, ctx.room.id)))
    .get();
  if (!row || !seesDocument(ctx.role, row.doc, row.folder)) throw new DomainError(404, "errors.notFound");
  return row;
}

// ---- reading --------------------------------------------------------------------------------------

const versionColumns = {
  versionId: documentVersions.id,
  number: documentVersions.number,
  note: documentVersions.note,
  uploadedAt: documentVersions.uploadedAt,
  uploadedBy: users.name,
  fileId: files.id,
  fileName: files.originalName,
  contentType: files.contentType,
  byteSize: files.byteSize,
};

/** The room's folders and the documents this role sees, with their current version's file. */
export function listDocuments(ctx: Pick<RoomContext, "room" | "role">) {
  const db = getDb();
  const folders = visibleFolders(db, ctx);
  const rows = db
    .select({ doc: documents, folder: documentFolders, ...versionColumns })
    .from(documents)
    .leftJoin(documentFolders, eq(documentFolders.id, documents.folderId))
    .innerJoin(documentVersions, eq(documentVersions.id, documents.currentVersionId))
    .innerJoin(files, eq(files.id, documentVersions.fileId))
    .leftJoin(users, eq(users.id, documentVersions.uploadedById))
    .where(and(eq(documents.roomId, ctx.room.id), isNull(documents.deletedAt)))
    .orderBy(asc(documents.title))
    .all()
    .filter((r) => seesDocument(ctx.role, r.doc, r.folder));
  const items = rows.map(({ doc, folder, ...v }) => ({
    id: doc.id,
    title: doc.title,
    folderId: doc.folderId,
    visibility: doc.visibility,
    internal: doc.visibility === "internal" || folder?.visibility === "internal",
    ...v,
  }));
  return { folders, documents: items };
}

export type DocumentListItem = ReturnType<typeof listDocuments>["documents"][number];

/** One document with its versions (newest first), or 404. */
export function getDocument(ctx: Pick<RoomContext, "room" | "role">, documentId: string) {
  const db = getDb();
  const { doc, folder } = loadDocument(db, ctx, documentId);
  const versions = db
    .select(versionColumns)
    .from(documentVersions)
    .innerJoin(files, eq(files.id, documentVersions.fileId))
    .leftJoin(users, eq(users.id, documentVersions.uploadedById))
    .where(eq(documentVersions.documentId, doc.id))
    .orderBy(desc(documentVersions.number))
    .all();
  return {
    doc,
    folder,
    internal: doc.visibility === "internal" || folder?.visibility === "internal",
    current: versions.find((v) => v.versionId === doc.currentVersionId) ?? versions[0]!,
    versions,
    folders: visibleFolders(db, ctx),
  };
}

// ---- folders --------------------------------------------------------------------------------------

function requireManage(ctx: RoomContext) {
  if (!can(ctx.role, "documents.manage")) throw new DomainError(403, "errors.forbidden");
}

export function createFolder(ctx: RoomContext, input: z.output<typeof documentForms.createFolder>) {
  requireManage(ctx);
  return writeTransaction(getDb(), (tx) => {
    const last = tx
      .select({ n: max(documentFolders.position) })
      .from(documentFolders)
      .where(eq(documentFolders.roomId, ctx.room.id))
      .get();
    return tx
      .insert(documentFolders)
      .values({
        roomId: ctx.room.id,
        name: input.name,
        visibility: input.visibility,
        position: (last?.n ?? 0) + 1,
      })
      .returning()
      .get();
  });
}

export function renameFolder(ctx: RoomContext, input: z.output<typeof documentForms.renameFolder>) {
  requireManage(ctx);
  return writeTransaction(getDb(), (tx) => {
    const folder = loadFolder(tx, ctx, input.folderId);
    if (folder.version !== input.version) throw new DomainError(409, "documents.errors.stale");
    tx.update(documentFolders)
      .set({ name: input.name, visibility: input.visibility, version: folder.version + 1 })
      .where(eq(documentFolders.id, folder.id))
      .run();
    return { name: input.name };
  });
}

/**
 * Removes a folder; its documents move to the top level. Documents of an internal folder stay internal
 * (they become internal themselves), so removing a folder never shows customers what it hid.
 */
export function removeFolder(ctx: RoomContext, input: z.output<typeof documentForms.removeFolder>) {
  requireManage(ctx);
  return writeTransaction(getDb(), (tx) => {
    const folder = loadFolder(tx, ctx, input.folderId);
    if (folder.version !== input.version) throw new DomainError(409, "documents.errors.stale");
    tx.update(documents)
      .set({
        folderId: null,
        ...(folder.visibility === "internal" ? { visibility: "internal" as const } : {}),
        version: sql`${documents.version} + 1`,
      })
      .where(eq(documents.folderId, folder.id))
      .run();
    tx.delete(documentFolders).where(eq(documentFolders.id, folder.id)).run();
    return { name: folder.name };
  });
}

// ---- documents ------------------------------------------------------------------------------------

function titleFromName(name: string): string {
  return name.replace(/\.[A-Za-z0-9]{1,5}$/, "").slice(0, 200) || name.slice(0, 200);
}

function event(
  ctx: RoomContext,
  type: "document.uploaded" | "document.version_added" | "document.updated" | "document.removed",
  doc: Pick<DocumentRow, "id" | "title">,
  internal: boolean,
  data: Record<string, unknown> = {},
) {
  return {
    actorId: ctx.user.id,
    type,
    accountId: ctx.account.id,
    roomId: ctx.room.id,
    subjectType: "document",
    subjectId: doc.id,
    data: { title: doc.title, visibility: internal ? "internal" : "shared", ...data },
  } as const;
}

/**
 * A new document from an upload. Customers upload into shared folders (or the top level) only and their
 * documents are shared; vendor staff choose.
 */
export function uploadDocument(
  ctx: RoomContext,
  upload: CheckedUpload,
  input: z.output<typeof documentForms.upload>,
) {
  if (!can(ctx.role, "documents.upload")) throw new DomainError(403, "errors.forbidden");
  const visibility: Visibility = seesInternal(ctx.role) ? (input.visibility ?? "shared") : "shared";
  return writeTransaction(getDb(), (tx) => {
    const folder = input.folderId ? loadFolder(tx, ctx, input.folderId) : null;
    const file = recordUploadedFile(tx, upload, { purpose: "document", actorId: ctx.user.id });
    const now = new Date();
    const doc = tx
      .insert(documents)
      .values({
        roomId: ctx.room.id,
        folderId: folder?.id ?? null,
        title: input.title ?? titleFromName(upload.originalName),
        visibility,
        createdById: ctx.user.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    const version = tx
      .insert(documentVersions)
      .values({
        documentId: doc.id,
        fileId: file.id,
        number: 1,
        note: input.note ?? "",
        uploadedById: ctx.user.id,
        uploadedAt: now,
      })
      .returning()
      .get();
    tx.update(documents).set({ currentVersionId: version.id }).where(eq(documents.id, doc.id)).run();
    const internal = visibility === "internal" || folder?.visibility === "internal";
    recordEvent(tx, event(ctx, "document.uploaded", doc, internal));
    return { id: doc.id, title: doc.title };
  });
}

/** A new version of a document (anyone who may upload and sees it); it becomes the one served. */
export function addVersion(
  ctx: RoomContext,
  documentId: string,
  upload: CheckedUpload,
  input: z.output<typeof documentForms.newVersion>,
) {
  if (!can(ctx.role, "documents.upload")) throw new DomainError(403, "errors.forbidden");
  return writeTransaction(getDb(), (tx) => {
    const { doc, folder } = loadDocument(tx, ctx, documentId);
    if (doc.version !== input.version) throw new DomainError(409, "documents.errors.stale");
    const file = recordUploadedFile(tx, upload, { purpose: "document", actorId: ctx.user.id });
    const last = tx
      .select({ n: max(documentVersions.number) })
      .from(documentVersions)
      .where(eq(documentVersions.documentId, doc.id))
      .get();
    const number = (last?.n ?? 0) + 1;
    const now = new Date();
    const version = tx
      .insert(documentVersions)
      .values({
        documentId: doc.id,
        fileId: file.id,
        number,
        note: input.note ?? "",
        uploadedById: ctx.user.id,
        uploadedAt: now,
      })
      .returning()
      .get();
    tx.update(documents)
      .set({ currentVersionId: version.id, updatedAt: now, version: doc.version + 1 })
      .where(eq(documents.id, doc.id))
      .run();
    const internal = doc.visibility === "internal" || folder?.visibility === "internal";
    recordEvent(tx, event(ctx, "document.version_added", doc, internal, { number }));
    return { number };
  });
}

/** Rename, move to another folder (or the top level), set shared/internal. */
export function updateDocument(
  ctx: RoomContext,
  documentId: string,
  input: z.output<typeof documentForms.update>,
) {
  requireManage(ctx);
  return writeTransaction(getDb(), (tx) => {
    const { doc } = loadDocument(tx, ctx, documentId);
    if (doc.version !== input.version) throw new DomainError(409, "documents.errors.stale");
    const folder = input.folderId ? loadFolder(tx, ctx, input.folderId) : null;
    tx.update(documents)
      .set({
        title: input.title,
        folderId: folder?.id ?? null,
        visibility: input.visibility,
        updatedAt: new Date(),
        version: doc.version + 1,
      })
      .where(eq(documents.id, doc.id))
      .run();
    const internal = input.visibility === "internal" || folder?.visibility === "internal";
    recordEvent(tx, event(ctx, "document.updated", { id: doc.id, title: input.title }, internal));
    return { title: input.title };
  });
}

/** Soft removal: nobody sees it or fetches its files any more; versions and the access log stay. */
export function removeDocument(
  ctx: RoomContext,
  documentId: string,
  input: z.output<typeof documentForms.remove>,
) {
  requireManage(ctx);
  return writeTransaction(getDb(), (tx) => {
    const { doc, folder } = loadDocument(tx, ctx, documentId);
    if (doc.version !== input.version) throw new DomainError(409, "documents.errors.stale");
    tx.update(documents)
      .set({ deletedAt: new Date(), version: doc.version + 1 })
      .where(eq(documents.id, doc.id))
      .run();
    const internal = doc.visibility === "internal" || folder?.visibility === "internal";
    recordEvent(tx, event(ctx, "document.removed", doc, internal));
    return { title: doc.title };
  });
}

// ---- access log -----------------------------------------------------------------------------------

export function recordFileAccess(input: {
  roomId: string;
  userId: string;
  kind: FileAccessKind;
  fileId?: string | null;
  documentId?: string | null;
  documentVersionId?: string | null;
}) {
  writeTransaction(getDb(), (tx) =>
    tx
      .insert(fileAccessLog)
      .values({
        roomId: input.roomId,
        userId: input.userId,
        kind: input.kind,
        fileId: input.fileId ?? null,
        documentId: input.documentId ?? null,
        documentVersionId: input.documentVersionId ?? null,
      })
      .run(),
  );
}

/** A view of a document's page (the page's loader calls it after the document was found visible). */
export function recordDocumentView(ctx: RoomContext, documentId: string, versionId: string | null) {
  recordFileAccess({
    roomId: ctx.room.id,
    userId: ctx.user.id,
    kind: "view",
    documentId,
    documentVersionId: versionId,
  });
}

/** Who viewed and downloaded a document: one row per person, newest first (engagement.view). */
export function documentAccess(ctx: Pick<RoomContext, "room" | "role">, documentId: string) {
  if (!can(ctx.role, "engagement.view")) throw new DomainError(403, "errors.forbidden");
  return getDb()
    .select({
      userId: fileAccessLog.userId,
      name: users.name,
      email: users.email,
      kind: users.kind,
      views: sql<number>`sum(case when ${fileAccessLog.kind} = 'view' then 1 else 0 end)`,
      downloads: sql<number>`sum(case when ${fileAccessLog.kind} = 'download' then 1 else 0 end)`,
      lastAt: sql<number>`max(${fileAccessLog.at})`,
    })
    .from(fileAccessLog)
    .innerJoin(users, eq(users.id, fileAccessLog.userId))
    .where(and(eq(fileAccessLog.roomId, ctx.room.id), eq(fileAccessLog.documentId, documentId)))
    .groupBy(fileAccessLog.userId)
    .orderBy(desc(sql`max(${fileAccessLog.at})`))
    .all()
    .map((r) => ({ ...r, lastAt: new Date(Number(r.lastAt)) }));
}

/** The room's document access for the CSV: per document and person, views, downloads, first and last. */
export function roomDocumentAccess(ctx: Pick<RoomContext, "room" | "role">) {
  if (!can(ctx.role, "engagement.view")) throw new DomainError(403, "errors.forbidden");
  return getDb()
    .select({
      document: documents.title,
      removed: sql<number>`${documents.deletedAt} is not null`,
      name: users.name,
      email: users.email,
      views: sql<number>`sum(case when ${fileAccessLog.kind} = 'view' then 1 else 0 end)`,
      downloads: sql<number>`sum(case when ${fileAccessLog.kind} = 'download' then 1 else 0 end)`,
      firstAt: sql<number>`min(${fileAccessLog.at})`,
      lastAt: sql<number>`max(${fileAccessLog.at})`,
    })
    .from(fileAccessLog)
    .innerJoin(documents, eq(documents.id, fileAccessLog.documentId))
    .innerJoin(users, eq(users.id, fileAccessLog.userId))
    .where(eq(fileAccessLog.roomId, ctx.room.id))
    .groupBy(fileAccessLog.documentId, fileAccessLog.userId)
    .orderBy(asc(documents.title), asc(users.name))
    .all()
    .map((r) => ({ ...r, firstAt: new Date(Number(r.firstAt)), lastAt: new Date(Number(r.lastAt)) }));
}
