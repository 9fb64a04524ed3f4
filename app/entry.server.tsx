import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { Transform } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { isLocale, DEFAULT_LOCALE } from "~/i18n/config";
import { i18nFor, withVendorName } from "~/i18n/i18n.server";
import { getBrand } from "~/domain/workspace/brand.server";
import { asDomainError } from "~/utils/errors";
import { statusHeaders } from "~/utils/http.server";
import { logger } from "~/utils/logger.server";
import { NonceContext } from "~/utils/nonce";

export { runtime } from "~/runtime.server";

/**
 * Errors thrown by loaders and actions: one JSON line with the stack, the path but never the query.
 * Answers the app meant to give (a 404 for an unknown id, a 403, a 429) are not defects and are not logged
 * as errors; a busy database (503) is logged as a warning.
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  const status = expectedStatus(error);
  if (status !== undefined && status < 500) return;
  if (status === 503) {
    logger.warn({ method: request.method, path: new URL(request.url).pathname }, "database busy");
    return;
  }
  logger.error(
    { err: error, method: request.method, path: new URL(request.url).pathname },
    "unhandled route error",
  );
}

/** The status of an error thrown on purpose (a status page, a DomainError); undefined for a defect. */
function expectedStatus(error: unknown): number | undefined {
  if (error instanceof Response) return error.status;
  if (isRouteErrorResponse(error)) return error.status;
  return asDomainError(error)?.status;
}

/** Single-fetch (.data) answers: a 503 carries Retry-After like the document answer does. */
export function handleDataRequest(response: Response): Response {
  for (const [name, value] of Object.entries(statusHeaders(response.status)))
    response.headers.set(name, value);
  return response;
}

const ABORT_DELAY = 5_000;

/**
 * React 18.3's Node stream writer flushes its whole 2 KB buffer, unused zero bytes included, when a
 * multi-byte character does not fit at its end (react/react#31134, fixed in React 19). Japanese pages then
 * carry NUL bytes, which the browser turns into U+FFFD inside SVG and attributes, and hydration fails. A 0x00
 * byte is never part of a multi-byte UTF-8 sequence, so dropping every one of them is safe.
 */
function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { cspNonce?: string }).cspNonce;
  // The root loader decided the locale; render with exactly that one so the client hydrates the same text.
  const rootData = remixContext.staticHandlerContext.loaderData?.root as { locale?: string } | undefined;
  const locale = isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE;
  const i18n = withVendorName(i18nFor(locale), getBrand().companyName);
  for (const [name, value] of Object.entries(statusHeaders(responseStatusCode)))
    responseHeaders.set(name, value);
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Cleared once the document is out (or failed), so no timer outlives the request.
    const abortTimer = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = withoutNulBytes();
          body.on("close", () => clearTimeout(abortTimer));
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered)
            logger.error({ err: error, path: new URL(request.url).pathname }, "render error");
        },
      },
    );
  });
}
