import { spawn } from "node:child_process";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client.server";
import { comments, phases, tasks } from "#db/schema";
import { createFeed } from "~/domain/calendar/feeds.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import en from "~/i18n/locales/en/app.json";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";

// What users get when something goes wrong on purpose (an unknown id, a busy database, a value the form
// refuses): the right status and the right message, never a 500.

const BUSY_TIMEOUT_MS = 1500;
const EN = { "Accept-Language": "en" };

let tdb: TestDatabase;
let w: TwoTenants;
let app: TestApp;
let taskId = "";

function makeTask(db: Db, roomId: string, title: string) {
  const phase = db.insert(phases).values({ roomId, title: "Phase", position: 0 }).returning().get();
  return db
    .insert(tasks)
    .values({ roomId, phaseId: phase.id, title, side: "joint", visibility: "shared", position: 0 })
    .returning()
    .get();
}

beforeAll(async () => {
  tdb = createTestDatabase();
  w = seedTwoTenants(tdb.db);
  taskId = makeTask(tdb.db, w.roomA.id, "Connect the SSO").id;
  // Short enough for a test, long enough for a 0.8 s lock to be waited out.
  process.env.DATABASE_BUSY_TIMEOUT_MS = String(BUSY_TIMEOUT_MS);
  app = await startTestApp({ databasePath: tdb.path });
});
afterAll(async () => {
  delete process.env.DATABASE_BUSY_TIMEOUT_MS;
  await app?.close();
  tdb?.dispose();
});

const as = (userId: string) => {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  return client;
};

const commentCount = (body: string) =>
  tdb.db.select().from(comments).where(eq(comments.body, body)).all().length;

/** As React renders text. */
const html = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");

/**
 * Another process (a cron job, a backup) holding the write lock: a second better-sqlite3 connection in a
 * child process, because the app's connection waits synchronously and would block a lock held in-process.
 * Resolves once the lock is held; `released` settles when the child has committed and exited.
 */
async function holdWriteLock(path: string, ms: number): Promise<{ released: Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      "-e",
      `const db = new (require("better-sqlite3"))(process.env.DB);
       db.exec("BEGIN IMMEDIATE");
       process.stdout.write("locked\\n");
       setTimeout(() => { db.exec("COMMIT"); db.close(); }, Number(process.env.HOLD_MS));`,
    ],
    { env: { ...process.env, DB: path, HOLD_MS: String(ms) }, stdio: ["ignore", "pipe", "inherit"] },
  );
  const released = new Promise<void>((done, fail) =>
    child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`lock holder exited ${code}`)))),
  );
  await new Promise<void>((done) => child.stdout!.once("data", () => done()));
  return { released };
}

describe("a busy database", () => {
  it("waits out a write lock held for 0.8 s and saves the comment", async () => {
    const body = "Posted while a backup ran";
    const member = as(w.memberA.id); // signs in (a write) before the lock is taken
    const { released } = await holdWriteLock(tdb.path, 800);
    const started = Date.now();
    const res = await member.request(`/rooms/${w.roomA.id}/tasks/${taskId}`, {
      form: { intent: "comment", body },
      headers: EN,
    });
    await released;
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(commentCount(body)).toBe(1);
  });

  it("answers 503 with Retry-After and a translated message when the lock outlasts the busy timeout", async () => {
    const body = "Posted while a long job ran";
    const member = as(w.memberA.id);
    const { released } = await holdWriteLock(tdb.path, BUSY_TIMEOUT_MS + 1500);
    const res = await member.request(`/rooms/${w.roomA.id}/tasks/${taskId}`, {
      form: { intent: "comment", body },
      headers: EN,
    });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    const page = await res.text();
    expect(page).toContain(html(en.errors.busy));
    // The typed comment is still in the form.
    expect(page).toContain(body);
    await released;
    expect(commentCount(body)).toBe(0);
  }, 15_000);

  it("answers a JavaScript (single-fetch) submission the same way", async () => {
    const body = "Posted from the enhanced form";
    const member = as(w.memberA.id);
    const { released } = await holdWriteLock(tdb.path, BUSY_TIMEOUT_MS + 1500);
    const res = await member.request(`/rooms/${w.roomA.id}/tasks/${taskId}.data`, {
      form: { intent: "comment", body },
      headers: EN,
    });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await res.text()).toContain("errors.busy");
    await released;
    expect(commentCount(body)).toBe(0);
  }, 15_000);
});

describe("form messages", () => {
  it("says a comment over 5,000 characters is too long, and stores nothing", async () => {
    const body = "長".repeat(5001);
    const res = await as(w.memberA.id).request(`/rooms/${w.roomA.id}/tasks/${taskId}`, {
      form: { intent: "comment", body },
      headers: EN,
    });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain(html(en.comments.tooLong));
    expect(page).not.toContain(html(en.validation.invalid));
    expect(commentCount(body)).toBe(0);
  });
});

describe("unknown ids", () => {
  it("answers template pages for an unknown id with the not-found page", async () => {
    const admin = as(w.admin.id);
    for (const path of [
      "/templates/nonexistent",
      "/templates/nonexistent/import",
      "/templates/nonexistent/edit",
    ]) {
      const res = await admin.request(path, { headers: EN });
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toContain(html(en.errors.title.notFound));
    }
  });

  it("answers CSV and calendar downloads for unknown or foreign ids with a plain 404", async () => {
    const feedToken = createFeed({ ...getRoomAccess(w.memberA, w.roomA.id)!, user: w.memberA });
    const cases: [Client, string][] = [
      [as(w.admin.id), "/templates/nonexistent/export.csv"],
      // Another tenant's room: as unknown as a room that does not exist.
      [as(w.customerB.id), `/rooms/${w.roomA.id}/plan.csv`],
      [as(w.memberA.id), `/rooms/${w.roomA.id}/ics/task/nonexistent`],
      [as(w.memberA.id), `/rooms/${w.roomA.id}/ics/nonsense/${taskId}`],
      [as(w.customerB.id), `/rooms/${w.roomA.id}/ics/task/${taskId}`],
      [new Client(app.url), "/calendar/not-a-token/feed.ics"],
    ];
    for (const [client, path] of cases) {
      const res = await client.request(path, { headers: EN });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toContain("text/plain");
      const text = await res.text();
      expect(text, path).toBe(`${en.errors.notFound}\n`);
    }
    // The feed itself still works: only the wrong ids are 404.
    expect((await new Client(app.url).get(`/calendar/${feedToken}/feed.ics`)).status).toBe(200);
  });
});

describe("intents", () => {
  it("answers an intent the route does not know with 400 and changes nothing", async () => {
    for (const path of [`/rooms/${w.roomA.id}/health`, `/rooms/${w.roomA.id}/plan/edit`]) {
      const res = await as(w.csmA.id).request(path, { form: { intent: "dropTables" }, headers: EN });
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).toContain(html(en.errors.badRequest));
    }
  });
});
