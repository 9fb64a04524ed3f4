import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#db/client.server";
import { makeStaff } from "#db/factories";
import { createSession } from "~/auth/session.server";
import { waitUntilHealthy } from "../helpers/app-server";

// The real server process as `npm start` runs it (tsx server.ts --demo on the build, production, no
// APP_SECRET): logs, headers, shutdown.

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

let child: ChildProcess;
let output = "";
let base = "";
let dir = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "launchroom-server-"));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    APP_URL: base,
    DATABASE_PATH: join(dir, "db.sqlite"),
    LOG_LEVEL: "info",
    SMTP_URL: "",
  };
  // As `npm start` runs from a fresh clone: without vitest's NODE_ENV=test, so the server must choose
  // production itself, and without APP_SECRET, which demo mode may generate.
  Reflect.deleteProperty(env, "NODE_ENV");
  Reflect.deleteProperty(env, "APP_SECRET");
  child = spawn("node_modules/.bin/tsx", ["server.ts", "--demo"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitUntilHealthy(base, 30_000, "server", () => output);
}, 40_000);

afterAll(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("the server process", () => {
  it("prints how to sign in to the demo after seeding an empty database", () => {
    expect(output).toContain("admin@launchroom.example");
    expect(output).toContain("password: launchroom-demo");
  });

  it("keeps the demo's generated secret beside its database", () => {
    expect(existsSync(join(dir, ".app-secret"))).toBe(true);
  });

  it("runs in production mode (React's production build) without NODE_ENV", () => {
    const line = output.split("\n").find((l) => l.includes("Launchroom is listening"));
    expect(JSON.parse(line!)).toMatchObject({ mode: "production" });
  });

  it("answers /healthz with JSON and keeps a given request id", async () => {
    const response = await fetch(`${base}/healthz`, { headers: { "X-Request-Id": "req-abc-123" } });
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual({ status: "ok", database: true });
    expect(response.headers.get("x-request-id")).toBe("req-abc-123");
  });

  it("sends the security headers and caches hashed assets for long", async () => {
    const page = await fetch(`${base}/sign-in`);
    const csp = page.headers.get("content-security-policy") ?? "";
    for (const directive of [
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "script-src 'self' 'nonce-",
      // The training player's embeds, and a chosen video read in the page for its length.
      "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com",
      "media-src 'self' blob:",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(page.headers.get("referrer-policy")).toBe("same-origin");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await page.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(html).toContain(`nonce="${nonce}"`);
    const asset = /\/assets\/[\w-]+\.css/.exec(html)![0];
    const cached = await fetch(`${base}${asset}`);
    expect(cached.status).toBe(200);
    expect(cached.headers.get("cache-control")).toContain("immutable");
    expect(readdirSync("build/client/assets").length).toBeGreaterThan(0);
  });

  it("refuses a cross-origin POST", async () => {
    const response = await fetch(`${base}/sign-out`, {
      method: "POST",
      headers: { Origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
  });

  it("logs one JSON line per request with id, status and duration, and never a query string", async () => {
    await fetch(`${base}/auth/link?token=do-not-log-this-token`, {
      headers: { "X-Request-Id": "req-link-1" },
    });
    await new Promise((r) => setTimeout(r, 200));
    const line = output.split("\n").find((l) => l.includes("req-link-1"));
    expect(line).toBeDefined();
    const entry = JSON.parse(line!);
    expect(entry).toMatchObject({
      req: { id: "req-link-1", method: "GET", path: "/auth/link" },
      res: { statusCode: 200 },
    });
    expect(typeof entry.responseTime).toBe("number");
    expect(output).not.toContain("do-not-log-this-token");
  });

  it("answers 404s for unknown ids without logging them as errors", async () => {
    // A staff user of our own in the server's database (the process migrated it at start).
    const db = openDatabase(join(dir, "db.sqlite"));
    const staff = makeStaff(db, { staffRole: "admin", email: "logs-404@vendor.example" });
    const cookie = `launchroom_session=${encodeURIComponent(createSession(db, staff.id))}`;
    db.$client.close();
    const paths = [
      "/templates/nonexistent",
      "/templates/nonexistent/import",
      "/templates/nonexistent/export.csv",
      "/rooms/nonexistent/plan.csv",
      "/rooms/nonexistent/ics/task/nonexistent",
      "/calendar/not-a-token/feed.ics",
    ];
    for (const path of paths) {
      const response = await fetch(`${base}${path}`, { headers: { cookie, "X-Request-Id": "req-404" } });
      expect(response.status, path).toBe(404);
    }
    await new Promise((r) => setTimeout(r, 200));
    const lines = output.split("\n").filter((l) => l.startsWith("{"));
    expect(lines.filter((l) => l.includes('"req-404"'))).toHaveLength(paths.length);
    // pino's error level is 50; none of these answers is a defect.
    expect(lines.filter((l) => l.includes('"level":50') || l.includes("unhandled route error"))).toEqual([]);
  });

  it("shuts down cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    // tsx relays the signal to the node process it runs and exits with its code.
    child.kill("SIGTERM");
    expect(await exited, output.slice(-3000)).toBe(0);
    expect(output).toContain('"msg":"stopped"');
  }, 20_000);
});

it("stops at start with a message naming a misconfigured variable", () => {
  const result = spawnSync("npx", ["tsx", "server.ts"], {
    env: { ...process.env, PORT: "eighty" },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("PORT");
  expect(result.stderr).toContain("README");
}, 40_000);
