import {
  createReadableStreamFromReadable,
  createRequestHandler,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type express from "express";
import { Readable } from "node:stream";
import {
  bodyPolicy,
  limitStream,
  readUrlencoded,
  refuseByLength,
  type BodyLimits,
  type BodyPolicy,
  type BodyRefusal,
} from "./body-limits";
import { edgeMessage } from "./messages";

// Both names sessionCookieName() (app/auth/session.server.ts) uses, over http and https.
const SESSION_COOKIE = /(?:^|[;,]\s*)(?:__Host-)?launchroom_session=/;

/**
 * Serves the app through Remix. Our own adapter rather than @remix-run/express, so that:
 * - the app sees every request as addressed to APP_URL, whatever Host a reverse proxy sends;
 * - request bodies are bounded while they stream (server/body-limits.ts);
 * - documents are written without a flush per chunk, so compression sees one stream;
 * - pages of a signed-in user are never stored by a cache.
 */
export function remixHandler(opts: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  appUrl: string;
  limits: BodyLimits;
  getLoadContext: (req: express.Request, res: express.Response) => AppLoadContext;
}): express.RequestHandler {
  const handle = createRequestHandler(opts.build, process.env.NODE_ENV);
  const appOrigin = new URL(opts.appUrl).origin;
  const appHost = new URL(opts.appUrl).host;

  return async (req, res, next) => {
    const controller = new AbortController();
    // Once the response is out or can no longer be written: stops loaders and actions still running, and
    // clears the 5 s timer Remix's turbo-stream keeps until the request signal aborts.
    res.on("close", () => controller.abort());
    // A refusal, or an action that answers before reading all of the body, leaves bytes on the wire.
    res.on("finish", () => discardRest(req));
    const refuse = (refusal: BodyRefusal) => {
      controller.abort();
      if (res.headersSent) return;
      res.status(refusal.status).type("text/plain; charset=utf-8").send(edgeMessage(req, refusal));
    };

    try {
      let body: ReadableStream<Uint8Array> | undefined;
      if (req.method !== "GET" && req.method !== "HEAD") {
        const policy = bodyPolicy(req, req.path, opts.limits);
        const early = refuseByLength(req, policy);
        if (early) return refuse(early);
        const read = await readBody(req, policy, refuse);
        if (!read) return;
        body = read;
      }

      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
      }
      // The Origin check in server/app.ts has accepted this request. Remix compares Origin with the Host
      // once more, and a proxy rewrites Host, so the app is shown the request as sent to APP_URL.
      headers.set("Host", appHost);
      headers.delete("X-Forwarded-Host");
      if (headers.has("Origin") && req.method !== "GET" && req.method !== "HEAD")
        headers.set("Origin", appOrigin);
      // The rate limits key on this; it comes from the socket or a trusted proxy, never from the client.
      headers.set("X-Launchroom-Client-Ip", req.ip ?? req.socket.remoteAddress ?? "unknown");

      const request = new Request(appOrigin + req.originalUrl, {
        method: req.method,
        headers,
        body,
        signal: controller.signal,
        ...(body ? { duplex: "half" } : {}),
      } as RequestInit);
      const response = await handle(request, opts.getLoadContext(req, res));
      if (res.headersSent) {
        // Already refused while the body streamed: this answer is the app's reaction to a cut body.
        await response.body?.cancel();
        return;
      }
      await sendResponse(res, response, SESSION_COOKIE.test(req.get("cookie") ?? ""));
    } catch (error) {
      // A refused body or a client that left (mid-body, too): there is no one left to answer.
      if (controller.signal.aborted || req.destroyed) return;
      next(error);
    }
  };
}

const LINGER_MS = 2000;

/**
 * What is left of a body once the answer is out is read and dropped (no memory kept), so the connection
 * can carry the next request; for at most LINGER_MS, then the connection is closed. Closing at once with
 * unread data would make the kernel reset the connection, and the client lose the answer it is reading.
 */
function discardRest(req: express.Request) {
  if (req.complete) return;
  const close = setTimeout(() => req.socket.destroy(), LINGER_MS);
  req.once("end", () => clearTimeout(close));
  // Unpiped first: the body stream handed to Remix would pause the request again when it is torn down.
  req.unpipe();
  req.resume();
}

/** The body for the Request, or null when it was refused (the refusal is already answered). */
async function readBody(
  req: express.Request,
  policy: BodyPolicy,
  refuse: (refusal: BodyRefusal) => void,
): Promise<ReadableStream<Uint8Array> | null> {
  if (policy.kind === "urlencoded") {
    const read = await readUrlencoded(req, policy);
    if ("refusal" in read) {
      refuse(read.refusal);
      return null;
    }
    return createReadableStreamFromReadable(Readable.from([read.body]));
  }
  const limited = limitStream(policy, refuse);
  req.on("error", (error) => limited.destroy(error));
  return createReadableStreamFromReadable(req.pipe(limited));
}

const REPLACED_HEADERS = new Set([
  "content-security-policy",
  "x-content-type-options",
  "cross-origin-resource-policy",
]);

export async function sendResponse(res: express.Response, response: Response, signedIn: boolean) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers) {
    // A route's own security headers (stored files: a sandboxed CSP) replace helmet's, never join them.
    if (REPLACED_HEADERS.has(key)) res.set(key, value);
    else if (key !== "set-cookie") res.append(key, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.append("Set-Cookie", cookies);
  // Pages and data of a signed-in user (the outbox holds sign-in links), and every answer that starts or
  // ends a session, stay out of shared and browser caches alike.
  if (!res.get("Cache-Control") && (signedIn || cookies.some((c) => SESSION_COOKIE.test(c)))) {
    res.set("Cache-Control", "private, no-store");
  }

  if (!response.body) {
    res.end();
    return;
  }
  // An event stream is flushed per event; anything else is written whole, so compression sees one stream.
  const eventStream = /text\/event-stream/i.test(response.headers.get("Content-Type") ?? "");
  if (eventStream) res.flushHeaders();
  const reader = response.body.getReader();
  const drained = drainOrCloseWaiter(res);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value) && !res.destroyed) await drained.wait();
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
      if (eventStream) (res as express.Response & { flush?: () => void }).flush?.();
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
    throw error;
  } finally {
    drained.release();
  }
}

/**
 * Waits for the response to drain (or close), with one listener per response: compression hands "drain"
 * listeners to its gzip stream, where `res.off` cannot remove them, so a listener per wait piled up there
 * (MaxListenersExceededWarning on long pages, seen in the test logs).
 */
function drainOrCloseWaiter(res: express.Response) {
  let waiting: (() => void) | null = null;
  const wake = () => {
    const resume = waiting;
    waiting = null;
    resume?.();
  };
  // Not chained: compression's res.on("drain") returns its gzip stream, not res.
  res.on("drain", wake);
  res.on("close", wake);
  return {
    wait: () => new Promise<void>((resume) => (waiting = resume)),
    release: () => res.off("close", wake),
  };
}
