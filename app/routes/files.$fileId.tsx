import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { recordFileDownload } from "~/domain/documents/readers.server";
import { canReadFile } from "~/domain/files/access.server";
import { findFile } from "~/domain/files/files.server";
import { isImageType } from "~/domain/files/images";
import { renderPreview } from "~/domain/files/preview.server";
import { parseRange } from "~/domain/files/range";
import { blobStore } from "~/domain/files/store.server";
import { fileFamily, isMediaType } from "~/domain/files/types";
import { notFound } from "~/utils/errors";
import { resourceLoader } from "~/utils/http.server";
import { getOptionalUser } from "~/web/guards.server";

/** Purposes whose files were re-encoded by us when stored (logos, photos): safe to show inline. */
const REENCODED = new Set(["workspace-logo", "account-logo", "avatar"]);

/**
 * A stored file, with the type checked from its content when it was uploaded. Nothing served here can
 * run: nosniff, a sandboxing CSP that allows nothing, never HTML or SVG. Logos and photos (re-encoded when
 * stored) are inline images; every other file is an `attachment` download: videos with their own type so
 * a <video> plays and seeks them (HTTP Range), everything else as application/octet-stream. An image
 * document is shown in pages only through `?preview=1`, a thumbnail re-encoded by sharp (docs/decisions/
 * 0019). The bytes stream from the blob store; a whole file is never read into memory. Who may read it
 * depends on where it is used (canReadFile); anything else is a plain 404. Fetching a document's or an
 * attachment's file is written to the access log as a download (not a preview, not a seek into a video).
 */
export const loader = resourceLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const file = findFile(params.fileId ?? "");
  const user = getOptionalUser(request);
  if (!file || !canReadFile(user, file)) throw notFound();
  const url = new URL(request.url);
  const preview = url.searchParams.get("preview") === "1";
  const base = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    // The workspace logo is public (the sign-in page); everything else belongs to signed-in users only.
    "Cache-Control": user ? "private, max-age=3600" : "public, max-age=3600",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
  if (preview) {
    if (fileFamily(file.contentType) !== "image") throw notFound();
    const etag = `"${file.sha256}-preview"`;
    const headers = {
      ...base,
      "Content-Type": "image/webp",
      "Content-Disposition": `inline; filename="preview.webp"`,
      ETag: etag,
    };
    if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
    const bytes = await renderPreview(file);
    if (!bytes) throw notFound();
    return new Response(new Uint8Array(bytes), {
      headers: { ...headers, "Content-Length": String(bytes.byteLength) },
    });
  }
  const inlineImage = REENCODED.has(file.purpose) && isImageType(file.contentType);
  const media = isMediaType(file.contentType);
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    ...base,
    "Content-Type": inlineImage || media ? file.contentType : "application/octet-stream",
    "Content-Disposition": `${inlineImage ? "inline" : "attachment"}; ${dispositionName(file.originalName)}`,
    "Accept-Ranges": "bytes",
    ETag: etag,
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  const size = blobStore().size(file.sha256);
  if (size === null) throw notFound();
  const range = parseRange(request.headers.get("Range"), size);
  if (range === "unsatisfiable")
    return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${size}` } });
  // A download is the whole file or the first bytes of it; a seek into a video is the same download.
  if (user && (!range || range.start === 0)) recordFileDownload(user, file);
  const stream = blobStore().openRead(file.sha256, range ?? undefined);
  if (!stream) throw notFound();
  const body = request.method === "HEAD" ? null : createReadableStreamFromReadable(stream);
  if (!body) stream.destroy();
  if (!range) return new Response(body, { headers: { ...headers, "Content-Length": String(size) } });
  return new Response(body, {
    status: 206,
    headers: {
      ...headers,
      "Content-Length": String(range.end - range.start + 1),
      "Content-Range": `bytes ${range.start}-${range.end}/${size}`,
    },
  });
});

/** `filename=` in ASCII for old clients and `filename*=` with the real (UTF-8) name. */
function dispositionName(name: string): string {
  const ascii = name.replace(/[^\w.-]/g, "_").slice(0, 100) || "file";
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
