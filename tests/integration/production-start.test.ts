import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";

// A production installation as the README runs it: `npm run serve` (tsx server.ts, no --demo) and the
// commands beside it. It never creates demo users and never writes a secret beside the database.

const SECRET = "production-secret-that-is-long-enough-0123456789";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "launchroom-prod-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

type Run = { status: number | null; output: string };

/** A command as its own process in production; `untilHealthy` stops a server with SIGTERM once it answers. */
function run(args: string[], env: Record<string, string | undefined>, untilHealthy?: string): Promise<Run> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      APP_SECRET: undefined,
      DEMO: undefined,
      LOG_LEVEL: "info",
      SMTP_URL: "",
      DATABASE_PATH: join(dir, "launchroom.db"),
      ...env,
    },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Run>((done) => child.once("close", (status) => done({ status, output })));
  if (untilHealthy) {
    void (async () => {
      const deadline = Date.now() + 60_000;
      while (child.exitCode === null && Date.now() < deadline) {
        const ok = await fetch(`${untilHealthy}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      child.kill("SIGTERM");
    })();
  }
  return exited;
}

it("a plain start on an empty database seeds nothing, prints no credentials and says how to create an admin", async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await run(["server.ts"], { APP_SECRET: SECRET, PORT: String(port), APP_URL: url }, url);
  expect(server.output).toContain('"msg":"stopped"');
  expect(server.status).toBe(0);
  expect(server.output).not.toContain("launchroom-demo");
  expect(server.output).not.toContain("admin@launchroom.example");
  expect(server.output).toContain("npm run admin -- create --email");
  const db = new Database(join(dir, "launchroom.db"), { readonly: true });
  expect(db.prepare("SELECT count(*) AS n FROM users").get()).toEqual({ n: 0 });
  db.close();
}, 90_000);

it("without APP_SECRET, the server, the jobs and the admin command stop and say what to do", async () => {
  const port = await freePort();
  const runs = await Promise.all([
    run(["server.ts"], { PORT: String(port) }, `http://127.0.0.1:${port}`),
    run(["scripts/jobs.ts", "health-recompute"], {}),
    run(["scripts/admin.ts", "create", "--email", "you@example.com"], {}),
  ]);
  for (const { status, output } of runs) {
    expect(status, output).toBe(1);
    expect(output).toContain("APP_SECRET is required in production");
    expect(output).toContain("openssl rand -base64 48");
  }
  expect(existsSync(join(dir, ".app-secret"))).toBe(false);
}, 90_000);

it("DEMO=1 lets the jobs run against the demo database with the secret the demo generated", async () => {
  const jobs = await run(["scripts/jobs.ts", "health-recompute"], { DEMO: "1" });
  expect(jobs.status, jobs.output).toBe(0);
  expect(existsSync(join(dir, ".app-secret"))).toBe(true);
}, 60_000);
