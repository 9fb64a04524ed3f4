import sharp from "sharp";
import type { StoredFile } from "./files.server";
import { IMAGE_MAX_INPUT_PIXELS } from "./images";
import { blobStore } from "./store.server";

/** Previews fit inside this square. */
export const PREVIEW_MAX_DIMENSION = 1024;

/**
 * A safe picture of an image file for pages: decoded and encoded again by sharp as WebP (first frame of a
 * GIF), fitted inside PREVIEW_MAX_DIMENSION, without metadata or anything appended to the original (a
 * polyglot's payload is not pixels, so it is gone). Made per request from a stream of the blob; the
 * browser keeps it (ETag, private cache). Null when the blob is missing or does not decode.
 */
export async function renderPreview(file: StoredFile): Promise<Buffer | null> {
  const source = blobStore().openRead(file.sha256);
  if (!source) return null;
  const transformer = sharp({ limitInputPixels: IMAGE_MAX_INPUT_PIXELS, failOn: "error" })
    .rotate()
    .resize(PREVIEW_MAX_DIMENSION, PREVIEW_MAX_DIMENSION, { fit: "inside", withoutEnlargement: true })
    .webp({ quality: 80 });
  source.on("error", (error) => transformer.destroy(error));
  source.pipe(transformer);
  try {
    return await transformer.toBuffer();
  } catch {
    return null;
  } finally {
    source.destroy();
  }
}
