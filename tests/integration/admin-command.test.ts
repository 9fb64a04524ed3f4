import { count, eq } from "drizzle-orm";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "#db/client.server";
import { makeStaff } from "#db/factories";
import { signInTokens, users } from "#db/schema";
import { hashToken } from "~/utils/tokens.server";
import { adminSignInLink, createAdmin } from "~/startup/admin.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import { createTestDatabase, SESSION_COOKIE, type TestDatabase } from "../helpers/fixtures";

// `npm run admin` as an operator runs it: a separate process on the server's database, in production
// with APP_SECRET; its links are redeemed through the built app.

let store: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  store = createTestDatabase();
  app = await startTestApp({ databasePath: store.path });
});

afterAll(async () => {
  closeDatabase();
  await app?.close();
  store?.dispose();
});

/** Runs the command as its own process; async, so the app in this process keeps answering meanwhile. */
function admin(...args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      APP_SECRET: "admin-command-secret-that-is-long-enough-0123",
      DATABASE_PATH: store.path,
      APP_URL: app.url,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ status: number | null; stdout: string; stderr: string; token?: string }>((done) =>
    child.once("close", (status) => {
      const link = new RegExp(`${app.url}/auth/link\\?token=([a-z0-9]+)`).exec(stdout);
      done({ status, stdout, stderr, token: link?.[1] });
    }),
  );
}

const userCount = () => store.db.select({ n: count() }).from(users).get()!.n;

/** Confirms the link in the browser's way (GET shows a button, POST consumes); true when signed in. */
async function redeem(token: string): Promise<Client | null> {
  const client = new Client(app.url);
  const page = await client.get(`/auth/link?token=${token}`);
  expect(page.status).toBe(200);
  const res = await client.post("/auth/link", { token });
  return res.status === 302 && client.cookies.has(SESSION_COOKIE) ? client : null;
}

describe("npm run admin -- create", () => {
  it("creates a password-less admin and prints a one-time link, valid 24 hours, that signs them in once", async () => {
    const run = await admin(
      "create",
      "--email",
      " Ops.Lead@Example.COM ",
      "--name",
      "運用 太郎",
      "--locale",
      "ja",
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Created admin ops.lead@example.com");
    expect(run.token).toBeDefined();

    const user = store.db.select().from(users).where(eq(users.email, "ops.lead@example.com")).get()!;
    expect(user).toMatchObject({
      name: "運用 太郎",
      kind: "staff",
      staffRole: "admin",
      locale: "ja",
      passwordHash: null,
      active: true,
    });
    // Hashed at rest, like an emailed link; only the lifetime is longer.
    const row = store.db.select().from(signInTokens).where(eq(signInTokens.userId, user.id)).get()!;
    expect(row.tokenHash).toBe(hashToken(run.token!));
    expect(row.tokenHash).not.toContain(run.token!);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(24 * 60 * 60 * 1000);

    const client = await redeem(run.token!);
    expect(client).not.toBeNull();
    expect((await client!.get("/admin/users")).status).toBe(200);
    // Single use.
    expect((await new Client(app.url).post("/auth/link", { token: run.token! })).status).toBe(400);
  }, 60_000);

  it("refuses a taken email (exit 1) and wrong arguments (exit 2) without writing anything", async () => {
    makeStaff(store.db, { email: "taken@example.com", staffRole: "csm" });
    const before = userCount();
    const [taken, badEmail, badLocale, unknown] = await Promise.all([
      admin("create", "--email", "TAKEN@example.com"),
      admin("create", "--email", "not-an-email"),
      admin("create", "--email", "x@example.com", "--locale", "fr"),
      admin("remove", "--email", "x@example.com"),
    ]);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain("already exists");
    expect(taken.token).toBeUndefined();
    for (const run of [badEmail, badLocale, unknown]) {
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain("usage");
    }
    expect(badEmail.stderr).toContain("--email");
    expect(badLocale.stderr).toContain("--locale: ja or en");
    expect(userCount()).toBe(before);
  }, 120_000);
});

describe("npm run admin -- link", () => {
  it("prints a fresh working link for an existing admin", async () => {
    makeStaff(store.db, { email: "boss@example.com", staffRole: "admin" });
    const run = await admin("link", "--email", "boss@example.com");
    expect(run.status, run.stderr).toBe(0);
    expect(await redeem(run.token!)).not.toBeNull();
  }, 60_000);

  it("gives no link to unknown addresses, staff who are not admins or deactivated admins", () => {
    makeStaff(store.db, { email: "csm@example.com", staffRole: "csm" });
    makeStaff(store.db, { email: "gone@example.com", staffRole: "admin", active: false });
    const tokensBefore = store.db.select({ n: count() }).from(signInTokens).get()!.n;
    expect(adminSignInLink("nobody@example.com")).toEqual({ ok: false, problem: "unknown" });
    expect(adminSignInLink("csm@example.com")).toEqual({ ok: false, problem: "not_admin" });
    expect(adminSignInLink("gone@example.com")).toEqual({ ok: false, problem: "inactive" });
    expect(createAdmin({ email: "csm@example.com", name: "X", locale: null })).toEqual({
      ok: false,
      problem: "exists",
    });
    expect(store.db.select({ n: count() }).from(signInTokens).get()!.n).toBe(tokensBefore);
  });
});
