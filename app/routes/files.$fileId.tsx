import type { LoaderFunctionArgs } from "@remix-run/node";
import { canReadFile } from "~/domain/files/access.server";
import { findFile, readFileBytes } from "~/domain/files/files.server";
import { isImageType } from "~/domain/files/images";
import { notFound } from "~/utils/errors";
import { resourceLoader } from "~/utils/http.server";
import { getOptionalUser } from "~/web/guards.server";

/**
 * A stored file, with the type checked from its content when it was uploaded. Nothing served here can
 * run: nosniff, a sandboxing CSP that allows nothing, inline only for the allow-listed image types and
 * never HTML. Who may read it depends on where it is used (canReadFile); anything else is a plain 404.
 */
export const loader = resourceLoader(({ request, params }: LoaderFunctionArgs) => {
  const file = findFile(params.fileId ?? "");
  const user = getOptionalUser(request);
  if (!file || !canReadFile(user, file)) throw notFound();
  const etag = `"${file.sha256}"`;
  const image = isImageType(file.contentType);
  const headers = {
    "Content-Type": image ? file.contentType : "application/octet-stream",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Content-Disposition": `${image ? "inline" : "attachment"}; filename="${asciiName(file.originalName)}"`,
    ETag: etag,
    // The workspace logo is public (the sign-in page); everything else belongs to signed-in users only.
    "Cache-Control": user ? "private, max-age=3600" : "public, max-age=3600",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  const bytes = readFileBytes(file);
  if (!bytes) throw notFound();
  return new Response(new Uint8Array(bytes), {
    headers: { ...headers, "Content-Length": String(bytes.byteLength) },
  });
});

function asciiName(name: string): string {
  return name.replace(/[^\w.-]/g, "_").slice(0, 100) || "file";
}
