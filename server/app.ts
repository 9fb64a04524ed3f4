import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import pino from "pino";
import { pinoHttp } from "pino-http";
import { constants as zlib } from "node:zlib";
import { isAllowedOrigin } from "./origin";
import { remixHandler } from "./remix-handler";
import { EMBED_ORIGINS } from "../app/domain/training/rules";

export type AppRuntime = { health(): { database: boolean }; runInRequestScope<T>(fn: () => T): T };

export function createLogger(level: string) {
  return pino({ level, base: { service: "launchroom" }, timestamp: pino.stdTimeFunctions.isoTime });
}

/**
 * The HTTP layer around Remix: request ids and logs, security headers, Origin checks on every
 * state-changing request, compression, static files and /healthz.
 */
export function createApp(opts: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  runtime: AppRuntime;
  appUrl: string;
  /** express's `trust proxy`: which peers may tell the client's address (X-Forwarded-For). */
  trustProxy: boolean | number | string;
  uploadMaxBytes: number;
  fileMaxBytes: number;
  logger: ReturnType<typeof createLogger>;
  clientDir?: string;
  viteMiddleware?: express.RequestHandler;
}) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", opts.trustProxy);

  app.use(
    pinoHttp({
      logger: opts.logger,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers["x-request-id"];
        const id = typeof given === "string" && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      // Paths only: query strings carry sign-in and invitation tokens, which must never reach a log.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split("?")[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : "info"),
      autoLogging: { ignore: (req) => req.url?.startsWith("/assets/") ?? false },
    }),
  );

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: opts.viteMiddleware
        ? false
        : {
            useDefaults: false,
            directives: {
              defaultSrc: ["'self'"],
              scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
              styleSrc: ["'self'", "'unsafe-inline'"],
              imgSrc: ["'self'", "https:", "data:"],
              fontSrc: ["'self'", "data:"],
              connectSrc: ["'self'"],
              formAction: ["'self'"],
              // The training player's YouTube/Vimeo embeds (app/domain/training/rules.ts).
              frameSrc: ["'self'", ...Object.values(EMBED_ORIGINS)],
              // A chosen video is read in the page (its length) through a blob: URL.
              mediaSrc: ["'self'", "blob:"],
              objectSrc: ["'none'"],
              baseUri: ["'none'"],
              frameAncestors: ["'none'"],
            },
          },
      // same-origin keeps tokens in URLs from leaking to other sites while form POSTs keep their Origin.
      referrerPolicy: { policy: "same-origin" },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: opts.appUrl.startsWith("https:"),
    }),
  );

  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const host = req.get("host");
    if (
      isAllowedOrigin({
        origin: req.get("origin"),
        secFetchSite: req.get("sec-fetch-site"),
        appUrl: opts.appUrl,
        requestOrigin: host ? `${req.protocol}://${host}` : undefined,
      })
    ) {
      return next();
    }
    req.log.warn({ origin: req.get("origin") ?? null }, "rejected cross-origin request");
    res.status(403).type("text/plain").send("Cross-origin request refused");
  });

  app.get("/healthz", (_req, res) => {
    const health = opts.runtime.health();
    res.status(health.database ? 200 : 503).json({ status: health.database ? "ok" : "degraded", ...health });
  });

  // Quality 4 (compression's default, pinned here): brotli's own default of 11 costs tens of ms per page.
  app.use(compression({ brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } } }));
  if (opts.viteMiddleware) {
    app.use(opts.viteMiddleware);
  } else if (opts.clientDir) {
    app.use(
      "/assets",
      express.static(`${opts.clientDir}/assets`, { immutable: true, maxAge: "1y", index: false }),
    );
    app.use(express.static(opts.clientDir, { maxAge: "1h", index: false }));
  }

  app.all(
    "*",
    (_req, _res, next) => opts.runtime.runInRequestScope(() => next()),
    remixHandler({
      build: opts.build,
      appUrl: opts.appUrl,
      limits: { uploadMaxBytes: opts.uploadMaxBytes, fileMaxBytes: opts.fileMaxBytes },
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
    }),
  );

  app.use((err: Error, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    req.log.error({ err }, "unhandled error");
    if (!res.headersSent) res.status(500).type("text/plain").send("Internal Server Error");
  });

  return app;
}
