import type { CsvRowError } from "~/domain/plan/csv-schema";

/**
 * The bytes of the file in a multipart form's `file` field, refusing a declared oversized body before
 * reading it (with a page the user can act on). The edge already cuts any body past UPLOAD_MAX_BYTES while
 * it streams, chunked or not: the import routes are listed in server/body-limits.ts.
 * Errors come back in the CSV error shape so import pages show them like row errors.
 */
export async function readUploadedFile(
  request: Request,
  maxBytes: number,
): Promise<{ bytes: Uint8Array } | { error: CsvRowError; status: number }> {
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > maxBytes + 64 * 1024) {
    return { error: { row: 0, key: "tooLarge", params: { max: maxBytes / 1024 } }, status: 413 };
  }
  try {
    const file = (await request.formData()).get("file");
    if (!file || typeof file === "string" || file.size === 0)
      return { error: { row: 0, key: "noFile" }, status: 400 };
    return { bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch {
    return { error: { row: 0, key: "noFile" }, status: 400 };
  }
}
