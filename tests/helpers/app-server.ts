import type { ServerBuild } from "@remix-run/node";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { runtime as appRuntime } from "../../app/runtime.server";
import { createApp, createLogger } from "../../server/app";

type Runtime = typeof appRuntime;

export type TestApp = { url: string; runtime: Runtime; close(): Promise<void> };

/**
 * The built app (build/server, from `npm run build`) behind the real express layer, on a free port of
 * 127.0.0.1, against the given SQLite file. One per test file: the build's modules are loaded once per
 * worker process.
 */
export async function startTestApp(opts: {
  databasePath: string;
  smtpUrl?: string;
  relay?: boolean;
  /** The public URL when it is not the test server's own (https, or a reverse proxy in front). */
  appUrl?: string;
  trustProxy?: boolean | number | string;
  uploadMaxBytes?: number;
  /** FILE_MAX_BYTES for both the edge and the app (set before the app first reads its environment). */
  fileMaxBytes?: number;
}): Promise<TestApp> {
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.DATABASE_PATH = opts.databasePath;
  const appUrl = opts.appUrl ?? url;
  process.env.APP_URL = appUrl;
  if (opts.smtpUrl) process.env.SMTP_URL = opts.smtpUrl;
  else delete process.env.SMTP_URL;
  process.env.OUTBOX_INTERVAL_MS = "100";
  const fileMaxBytes = opts.fileMaxBytes ?? 50 * 1024 * 1024;
  process.env.FILE_MAX_BYTES = String(fileMaxBytes);
  const build = (await import(
    /* @vite-ignore */ pathToFileURL(resolve("build/server/index.js")).href
  )) as ServerBuild;
  const runtime = (build.entry.module as unknown as { runtime: Runtime }).runtime;
  const logger = createLogger("silent");
  await runtime.start(logger, { seed: false, relay: opts.relay ?? false });
  server.on(
    "request",
    createApp({
      build,
      runtime,
      appUrl,
      trustProxy: opts.trustProxy ?? false,
      uploadMaxBytes: opts.uploadMaxBytes ?? 5 * 1024 * 1024,
      fileMaxBytes,
      logger,
      clientDir: resolve("build/client"),
    }),
  );
  return {
    url,
    runtime,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await runtime.stop();
    },
  };
}

/** Cookie jar of one browser-less client: keeps the cookies the app sets and sends Origin on POSTs. */
export class Client {
  cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(path: string, init: RequestInit & { form?: Record<string, string> } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    let body = init.body;
    if (init.form) {
      body = new URLSearchParams(init.form);
      headers.set("Content-Type", "application/x-www-form-urlencoded");
    }
    const method = init.method ?? (init.form ? "POST" : "GET");
    if (method !== "GET" && !headers.has("Origin")) headers.set("Origin", this.baseUrl);
    const response = await fetch(new URL(path, this.baseUrl), {
      ...init,
      method,
      headers,
      body,
      redirect: "manual",
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      if (/Max-Age=0/i.test(cookie) || value === "") this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    return response;
  }

  get(path: string) {
    return this.request(path);
  }

  post(path: string, form: Record<string, string>) {
    return this.request(path, { form });
  }
}

/** Polls `${url}/healthz` until it answers 200; after `timeoutMs`, fails with what `log()` collected. */
export async function waitUntilHealthy(url: string, timeoutMs: number, what: string, log: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${what} did not start:\n${log()}`);
}
