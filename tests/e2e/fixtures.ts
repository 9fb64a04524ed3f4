import { test as base, expect, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSmtpSink, type ReceivedEmail, type SmtpSink } from "../helpers/smtp-sink";

export { expect };

/** The demo data's staff password (app/startup/demo.server.ts). */
export const STAFF_PASSWORD = "launchroom-demo";

export const users = {
  emily: "emily@launchroom.example",
  jordan: "jordan@acme-analytics.com",
} as const;

export type AppServer = {
  /** http://127.0.0.1:PORT, also the APP_URL the app writes into its emails. */
  url: string;
  sink: SmtpSink;
  /** The app's SQLite file (read-only use: finding a sample URL no link of the walk reaches). */
  databasePath: string;
};

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = address && typeof address === "object" ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

/**
 * A private copy of what server.ts reads relative to its working directory (the build and the
 * migrations), with node_modules linked in. The app then keeps serving the assets its server build
 * names even if someone rebuilds the working tree while the suite runs; a rebuild there replaces the
 * hashed files in build/client and the browser's route modules would 404 mid-test.
 */
async function snapshotApp(dir: string): Promise<void> {
  if (!existsSync(join(repoRoot, "build/server/index.js"))) {
    throw new Error("No build: run `npx remix vite:build` before `npx playwright test`.");
  }
  await cp(join(repoRoot, "build"), join(dir, "build"), { recursive: true });
  await cp(join(repoRoot, "db/migrations"), join(dir, "db/migrations"), { recursive: true });
  await symlink(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
}

async function waitForHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server.ts exited with code ${child.exitCode} before it was healthy:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`server.ts was not healthy within 90 s:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Uncaught exceptions and console errors of a page (hydration mismatches, failed route modules, CSP
 * violations). Failed responses are left out: the suite asks for 400s and 404s on purpose.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error" || message.text().startsWith("Failed to load resource")) return;
    // The outbox's email preview is an iframe sandboxed without scripts on purpose. Now and then Chromium
    // logs a blocked attempt there during navigation although the email holds no script (its HTML was
    // checked: none); that message is the sandbox working. Emails' own content is tested for scripts.
    if (message.location().url === "about:srcdoc" && message.text().startsWith("Blocked script execution"))
      return;
    errors.push(`console.error: ${message.text()}`);
  });
  return errors;
}

export const test = base.extend<{ sink: SmtpSink }, { app: AppServer }>({
  /**
   * One SMTP sink and one app process per worker (the config runs a single worker), on a fresh SQLite
   * file that the app seeds with the demo data. The specs share it, in file order.
   */
  app: [
    // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring pattern.
    async ({}, use) => {
      const sink = await startSmtpSink();
      const dir = await mkdtemp(join(tmpdir(), "launchroom-e2e-"));
      let child: ChildProcess | undefined;
      let output = "";
      try {
        await snapshotApp(dir);
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "server.ts"), "--demo"], {
          cwd: dir,
          env: {
            ...process.env,
            TSX_TSCONFIG_PATH: join(repoRoot, "tsconfig.json"),
            NODE_ENV: "production",
            PORT: String(port),
            DATABASE_PATH: join(dir, "launchroom.db"),
            APP_URL: url,
            SMTP_URL: sink.url,
            OUTBOX_INTERVAL_MS: "200",
            // Mention emails without the two-minute quiet period, so a spec can wait for one.
            NOTIFY_INTERVAL_MS: "500",
            MENTION_QUIET_MS: "0",
            LOG_LEVEL: "warn",
            // 2 MB instead of 50 MB, so a spec can choose a file past the limit without moving 50 MB.
            FILE_MAX_BYTES: String(2 * 1024 * 1024),
            APP_SECRET: "e2e-secret-that-is-long-enough-0123456789",
          },
          stdio: ["ignore", "pipe", "pipe"],
        });
        const collect = (chunk: Buffer) => {
          output = (output + chunk.toString()).slice(-20_000);
        };
        child.stdout?.on("data", collect);
        child.stderr?.on("data", collect);
        await waitForHealthy(url, child, () => output);
        await use({ url, sink, databasePath: join(dir, "launchroom.db") });
      } finally {
        if (child) await stop(child);
        await sink.close();
        await rm(dir, { recursive: true, force: true });
      }
      // Errors the app logged (pino levels 50 and 60), to read next to a failing test.
      if (/"level":(50|60)/.test(output)) process.stderr.write(`server.ts logged errors:\n${output}\n`);
    },
    { scope: "worker", timeout: 120_000 },
  ],
  baseURL: async ({ app }, use) => {
    await use(app.url);
  },
  page: async ({ page }, use) => {
    const errors = collectPageErrors(page);
    await use(page);
    expect(errors, "errors in the browser").toEqual([]);
  },
  sink: async ({ app }, use) => {
    await use(app.sink);
  },
});

/** The `path?token=…` link (e.g. "/invite") of the first mail to `to` that has one; waits for the relay. */
/**
 * Mails whose single-use link a test has already taken, kept per worker: specs in one worker share one
 * app and sink, so an earlier spec's (used) link to the same person must not be handed out again.
 */
const claimedMails = new WeakSet<ReceivedEmail>();

/** Waits for the first mail to `to` with a `path?token=` link that no test has taken yet, and takes it. */
export async function claimMailWithLink(sink: SmtpSink, to: string, path: string): Promise<ReceivedEmail> {
  const mail = await sink.waitFor(
    (m) => !claimedMails.has(m) && m.to.includes(to) && m.text.includes(`${path}?token=`),
    15_000,
  );
  claimedMails.add(mail);
  return mail;
}

export async function linkFromEmail(sink: SmtpSink, to: string, path: string): Promise<string> {
  const mail = await claimMailWithLink(sink, to, path);
  const escaped = path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const match = new RegExp(`https?://[^\\s<>"\\]\\[)]+${escaped}\\?token=[^\\s<>"\\]\\[)]+`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in the mail to ${to}:\n${mail.text}`);
  return match[0];
}

/** Resolves once the page is hydrated (root.tsx marks <html>): links, forms and scripted controls then answer. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Email + password on /sign-in (the password card; the link card has an email field too). */
export async function signInWithPassword(page: Page, email: string, password = STAFF_PASSWORD) {
  await page.goto("/sign-in");
  const card = page.getByRole("region", { name: "Email and password" });
  await card.getByLabel("Email address").fill(email);
  await card.getByLabel("Password").fill(password);
  await card.getByRole("button", { name: "Sign in" }).click();
  // Signed in once the app has moved on from /sign-in (to the portfolio, for staff). Hashing the password
  // takes the server a while on a loaded machine: 15 s rather than the 5 s default.
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 15_000 });
}
