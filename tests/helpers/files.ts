import { dirname, join } from "node:path";
import sharp from "sharp";
import type { Db } from "#db/client.server";
import { files } from "#db/schema";
import { DiskBlobStore, sha256Hex } from "~/domain/files/store.server";

/** A small real PNG of one colour. */
export function pngBytes(size = 16, color = "#1f5fbf"): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background: color } })
    .png()
    .toBuffer();
}

export function jpegBytes(size = 16, color = "#aa3300"): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background: color } })
    .jpeg()
    .toBuffer();
}

/**
 * A stored image as the upload path would leave it (blob under <data dir>/files, a `files` row), for
 * tests that need a file in place without going through a route.
 */
export async function storeTestImage(
  db: Db,
  databasePath: string,
  opts: { purpose: string; createdById?: string; color?: string },
) {
  const bytes = await pngBytes(8, opts.color);
  const sha256 = sha256Hex(bytes);
  new DiskBlobStore(join(dirname(databasePath), "files")).put(sha256, bytes);
  return db
    .insert(files)
    .values({
      sha256,
      contentType: "image/png",
      byteSize: bytes.byteLength,
      originalName: "test.png",
      purpose: opts.purpose,
      createdById: opts.createdById ?? null,
    })
    .returning()
    .get();
}
