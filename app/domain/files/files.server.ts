import { eq } from "drizzle-orm";
import { closeSync, openSync, readSync } from "node:fs";
import { fileTypeFromBuffer, fileTypeFromFile } from "file-type";
import sharp from "sharp";
import { getDb, writeTransaction, type DbOrTx } from "#db/client.server";
import { files } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { blobStore, sha256Hex, type StagedBlob } from "./store.server";
import { detectTextType, isAllowedFileType, type FileType } from "./types";
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
  const originalName = cleanFileName(input.originalName, "image");
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

/** The stored bytes of a file, or null when the blob is missing (a restore without the files folder). */
export function readFileBytes(file: StoredFile): Buffer | null {
  return blobStore().get(file.sha256);
}

/**
 * A file that came in with a form, checked and kept in the blob store, not yet recorded as a `files` row.
 * Only app/web/uploads.server.ts makes these (from the bytes it received): never build one from input.
 */
export type CheckedUpload = {
  readonly sha256: string;
  readonly byteSize: number;
  readonly contentType: FileType;
  readonly originalName: string;
};

/** Why an uploaded file was refused, as an i18n key (the upload section) for the form's field. */
export type UploadRefusal = "upload.empty" | "upload.typeNotAllowed" | "upload.tooLarge";

/**
 * Decides whether a staged blob may be kept: not empty, and of an allowed type by its content. Keeps it
 * (by hash) and returns what was checked, or discards it and returns the refusal.
 */
export async function checkStagedBlob(
  staged: StagedBlob,
  originalName: string,
): Promise<CheckedUpload | { refused: UploadRefusal }> {
  if (staged.byteSize === 0) {
    staged.discard();
    return { refused: "upload.empty" };
  }
  const name = cleanFileName(originalName, "file");
  let type: string | null = (await fileTypeFromFile(staged.localPath))?.mime ?? null;
  if (!type) {
    const head = readHead(staged.localPath, 64 * 1024);
    type = detectTextType(head, name);
  }
  if (!type || !isAllowedFileType(type)) {
    staged.discard();
    return { refused: "upload.typeNotAllowed" };
  }
  staged.keep();
  return { sha256: staged.sha256, byteSize: staged.byteSize, contentType: type, originalName: name };
}

function readHead(path: string, maxBytes: number): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(maxBytes);
    const read = readSync(fd, buffer, 0, maxBytes, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** A name safe for a download's filename: no control characters, quotes, slashes; at most 200 characters. */
export function cleanFileName(name: string, fallback: string): string {
  return (
    [...name]
      .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && !'"\\/'.includes(c))
      .join("")
      .trim()
      .slice(0, 200) || fallback
  );
}

/** Records a checked upload as a `files` row for its purpose (inside the caller's transaction). */
export function recordUploadedFile(
  tx: DbOrTx,
  upload: CheckedUpload,
  input: { purpose: FilePurpose; actorId: string },
): StoredFile {
  return tx
    .insert(files)
    .values({
      sha256: upload.sha256,
      contentType: upload.contentType,
      byteSize: upload.byteSize,
      originalName: upload.originalName,
      purpose: input.purpose,
      createdById: input.actorId,
    })
    .returning()
    .get();
}
