import { and, eq, inArray } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { getDb, writeTransaction, type DbOrTx } from "#db/client.server";
import { accounts, files, memberships, rooms, users, workspaceSettings } from "#db/schema";
import type { SessionUser } from "~/access/users";
import { DomainError } from "~/utils/errors";
import { blobStore, sha256Hex } from "./store.server";
import {
  IMAGE_MAX_BYTES,
  IMAGE_MAX_DIMENSION,
  IMAGE_MAX_INPUT_PIXELS,
  isImageType,
  type FilePurpose,
  type ImageType,
} from "./images";

export type StoredFile = typeof files.$inferSelect;

/** The type of the bytes by their content (magic numbers), or null; what the browser claimed is never asked. */
export async function detectImageType(bytes: Uint8Array): Promise<ImageType | null> {
  const found = await fileTypeFromBuffer(bytes);
  return found && isImageType(found.mime) ? found.mime : null;
}

/**
 * Decodes the image and encodes it again in its own format, fitted inside the maximum square: what is
 * stored is pixels we wrote ourselves, without metadata (EXIF, GPS, comments) or anything appended to
 * or hidden in the original (polyglot payloads). Throws a 400 when the bytes do not decode.
 */
async function reencode(bytes: Uint8Array, type: ImageType): Promise<Buffer> {
  try {
    const image = sharp(bytes, { limitInputPixels: IMAGE_MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .resize(IMAGE_MAX_DIMENSION, IMAGE_MAX_DIMENSION, { fit: "inside", withoutEnlargement: true });
    if (type === "image/png") return await image.png({ compressionLevel: 9 }).toBuffer();
    if (type === "image/jpeg") return await image.jpeg({ quality: 85, mozjpeg: true }).toBuffer();
    return await image.webp({ quality: 85 }).toBuffer();
  } catch {
    throw new DomainError(400, "brand.fileUnreadable", {}, "file");
  }
}

/**
 * Takes an uploaded image: refuses empty, oversized, non-image and undecodable files with a message,
 * re-encodes it, stores the bytes by hash and records a `files` row. Returns the row.
 */
export async function storeImageUpload(input: {
  bytes: Uint8Array;
  originalName: string;
  purpose: FilePurpose;
  actorId: string;
}): Promise<StoredFile> {
  if (input.bytes.byteLength === 0) throw new DomainError(400, "brand.fileEmpty", {}, "file");
  if (input.bytes.byteLength > IMAGE_MAX_BYTES)
    throw new DomainError(413, "brand.fileTooLarge", { max: IMAGE_MAX_BYTES / 1024 / 1024 }, "file");
  const type = await detectImageType(input.bytes);
  if (!type) throw new DomainError(400, "brand.fileNotImage", {}, "file");
  const encoded = await reencode(input.bytes, type);
  // What we wrote must be what we serve it as.
  if ((await detectImageType(encoded)) !== type)
    throw new DomainError(400, "brand.fileUnreadable", {}, "file");
  const sha256 = sha256Hex(encoded);
  blobStore().put(sha256, encoded);
  const originalName =
    [...input.originalName]
      .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && !'"\\/'.includes(c))
      .join("")
      .slice(0, 200) || "image";
  return writeTransaction(getDb(), (tx) =>
    tx
      .insert(files)
      .values({
        sha256,
        contentType: type,
        byteSize: encoded.byteLength,
        originalName,
        purpose: input.purpose,
        createdById: input.actorId,
      })
      .returning()
      .get(),
  );
}

export function findFile(id: string, db: DbOrTx = getDb()): StoredFile | undefined {
  return db.select().from(files).where(eq(files.id, id)).get();
}

/**
 * Who may read a file, by where it is used: the workspace logo is public (the sign-in page shows it);
 * account logos and photos are for signed-in users who may see them — staff, and customers for the logos
 * of their own accounts and the photos of people they share a room with (and their own). Anything else,
 * including a file no longer in use, is not found.
 */
export function canReadFile(user: SessionUser | null, file: StoredFile, db: DbOrTx = getDb()): boolean {
  const isWorkspaceLogo = db
    .select({ id: workspaceSettings.id })
    .from(workspaceSettings)
    .where(eq(workspaceSettings.logoFileId, file.id))
    .get();
  if (isWorkspaceLogo) return true;
  if (!user) return false;
  const usedByAccounts = db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.logoFileId, file.id))
    .all()
    .map((a) => a.id);
  const usedByUsers = db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.avatarFileId, file.id))
    .all()
    .map((u) => u.id);
  if (usedByAccounts.length === 0 && usedByUsers.length === 0) return false;
  if (user.kind === "staff") return true;
  if (usedByUsers.includes(user.id)) return true;
  const myRooms = db
    .select({
      roomId: rooms.id,
      accountId: rooms.accountId,
      csmId: accounts.csmId,
      ownerId: accounts.ownerId,
    })
    .from(memberships)
    .innerJoin(rooms, eq(rooms.id, memberships.roomId))
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .where(eq(memberships.userId, user.id))
    .all();
  if (myRooms.some((r) => usedByAccounts.includes(r.accountId))) return true;
  if (myRooms.some((r) => usedByUsers.includes(r.csmId) || (r.ownerId && usedByUsers.includes(r.ownerId))))
    return true;
  if (myRooms.length === 0) return false;
  const shared = db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        inArray(memberships.userId, usedByUsers),
        inArray(
          memberships.roomId,
          myRooms.map((r) => r.roomId),
        ),
      ),
    )
    .get();
  if (shared) return true;
  return false;
}

/** The stored bytes of a file, or null when the blob is missing (a restore without the files folder). */
export function readFileBytes(file: StoredFile): Buffer | null {
  return blobStore().get(file.sha256);
}
