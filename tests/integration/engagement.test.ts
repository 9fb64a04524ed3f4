import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useDatabase, writeTransaction, writeTransactionUnsynced } from "#db/client.server";
import { engagementDays, roomHealth } from "#db/schema";
import { gatherHealthInputs } from "~/domain/health/inputs.server";
import type { StaffUser } from "~/access/users";
import { todayIn } from "~/domain/plan/dates";
import { textToRichText } from "~/domain/richtext/richtext";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { addItem } from "~/domain/training/curriculum.server";
import { createModule } from "~/domain/training/library.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";

// Active time through the built app: POST /rooms/:roomId/heartbeat. The server's clock is this process's
// (the app runs in it), so Date alone is faked and moved between heartbeats; timers stay real.

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;

// 2026-12-01 10:00 in Tokyo (the accounts' zone).
const START = Date.parse("2026-12-01T01:00:00Z");
let clock = START;
/** Moves the server's clock forward; each test starts a minute after the last (fresh rate-limit window). */
const advance = (ms: number) => {
  clock += ms;
  vi.setSystemTime(clock);
};

let moduleA = "";
/** A lesson in room A's curriculum (made once). */
function moduleInRoomA(): string {
  if (moduleA) return moduleA;
  moduleA = createModule(
    w.csmA as StaffUser,
    {
      kind: "lesson",
      title: "Heartbeat lesson",
      product: null,
      persona: null,
      language: "en",
      doc: textToRichText("Read"),
    },
    null,
  );
  addItem(
    { ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA },
    {
      moduleId: moduleA,
      dueOffsetDays: 7,
      assignee: { audience: "all_customers" },
    },
  );
  return moduleA;
}

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  app = await startTestApp({ databasePath: tdb.path });
  vi.useFakeTimers({ toFake: ["Date"], now: START });
});

afterEach(() => advance(5 * 60_000));

afterAll(async () => {
  vi.useRealTimers();
  await app?.close();
  tdb?.dispose();
});

function clientOf(userId: string) {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  return client;
}

let spanCounter = 0;
const newSpan = () => `span-${++spanCounter}-abcdefgh`;

const beat = (
  client: Client,
  roomId: string,
  fields: { kind?: string; subject?: string; span: string },
  headers: Record<string, string> = {},
) =>
  client.request(`/rooms/${roomId}/heartbeat`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({
      kind: fields.kind ?? "page",
      subject: fields.subject ?? "",
      span: fields.span,
    }),
  });

/** Two heartbeats of one span on room A's lesson, `ms` apart: that much active time in the module. */
async function moduleTime(client: Client, ms: number) {
  const span = newSpan();
  const moduleId = moduleInRoomA();
  await beat(client, w.roomA.id, { kind: "module", subject: moduleId, span });
  advance(ms);
  await beat(client, w.roomA.id, { kind: "module", subject: moduleId, span });
}

function seconds(userId: string, roomId = w.roomA.id, kind = "page") {
  return tdb.db
    .select()
    .from(engagementDays)
    .where(
      and(
        eq(engagementDays.userId, userId),
        eq(engagementDays.roomId, roomId),
        eq(engagementDays.subjectKind, kind as "page"),
      ),
    )
    .all()
    .reduce((sum, r) => sum + r.activeSeconds, 0);
}
const rowsOf = (userId: string) =>
  tdb.db.select().from(engagementDays).where(eq(engagementDays.userId, userId)).all();

describe("heartbeats add active time", () => {
  it("adds the time between heartbeats of a span, and a span's first heartbeat only opens it", async () => {
    const client = clientOf(w.memberA.id);
    const span = newSpan();
    expect((await beat(client, w.roomA.id, { span })).status).toBe(204);
    expect(seconds(w.memberA.id)).toBe(0);
    advance(15_000);
    expect((await beat(client, w.roomA.id, { span })).status).toBe(204);
    advance(15_000);
    await beat(client, w.roomA.id, { span });
    expect(seconds(w.memberA.id)).toBe(30);
    const [row] = rowsOf(w.memberA.id);
    expect(row).toMatchObject({ day: "2026-12-01", spans: 1, subjectKind: "page", subjectId: "" });
  });

  it("adds at most the cap for a gap longer than the heartbeat interval (a tab asleep overnight)", async () => {
    const client = clientOf(w.customerAdminA.id);
    const span = newSpan();
    await beat(client, w.roomA.id, { span });
    advance(9 * 3600_000);
    await beat(client, w.roomA.id, { span });
    expect(seconds(w.customerAdminA.id)).toBe(20);
  });

  it("counts nothing for an ended span until its successor's second heartbeat", async () => {
    const client = clientOf(w.viewerA.id);
    const first = newSpan();
    await beat(client, w.roomA.id, { span: first });
    advance(10_000);
    await beat(client, w.roomA.id, { span: first }); // the last one, sent when the page was hidden
    // Hidden for ten minutes: nothing is sent; coming back starts a new span.
    advance(10 * 60_000);
    const second = newSpan();
    await beat(client, w.roomA.id, { span: second });
    expect(seconds(w.viewerA.id)).toBe(10);
    advance(15_000);
    await beat(client, w.roomA.id, { span: second });
    expect(seconds(w.viewerA.id)).toBe(25);
    expect(rowsOf(w.viewerA.id).reduce((n, r) => n + r.spans, 0)).toBe(2);
  });

  it("never adds more than wall-clock time for forged spans or a replayed burst", async () => {
    const client = clientOf(w.csmA.id);
    const spans = Array.from({ length: 10 }, newSpan);
    for (const span of spans) await beat(client, w.roomA.id, { span });
    advance(15_000);
    // Ten spans at once, then the same heartbeat replayed: 15 s passed, 15 s count.
    for (const span of spans) await beat(client, w.roomA.id, { span });
    for (let i = 0; i < 5; i++) await beat(client, w.roomA.id, { span: spans[0]! });
    expect(seconds(w.csmA.id)).toBe(15);
  });

  it("stops a script hammering the endpoint with 429, and still adds no more than the time that passed", async () => {
    const client = clientOf(w.salesA.id);
    const span = newSpan();
    const statuses: number[] = [];
    for (let i = 0; i < 80; i++) {
      statuses.push((await beat(client, w.roomA.id, { span })).status);
      advance(250);
    }
    expect(statuses.slice(0, 60).every((s) => s === 204)).toBe(true);
    expect(statuses.slice(60).every((s) => s === 429)).toBe(true);
    // 59 intervals of 250 ms were credited: under 15 s of wall-clock, whole seconds counted per heartbeat.
    expect(seconds(w.salesA.id)).toBeLessThanOrEqual(15);
  });

  it("counts the day in the account's time zone", async () => {
    // 2026-12-01 16:00 UTC is already 2 December in Tokyo, the account's zone.
    advance(Date.parse("2026-12-01T16:00:00Z") - clock);
    const client = clientOf(w.customerB.id);
    const span = newSpan();
    await beat(client, w.roomB.id, { span });
    advance(15_000);
    await beat(client, w.roomB.id, { span });
    expect(rowsOf(w.customerB.id).map((r) => r.day)).toEqual(["2026-12-02"]);
  });

  it("keeps module and document time apart from page time, per subject", async () => {
    await moduleTime(clientOf(w.admin.id), 12_000);
    expect(seconds(w.admin.id, w.roomA.id, "module")).toBe(12);
    expect(seconds(w.admin.id, w.roomA.id, "page")).toBe(0);
  });

  it("answers 404 for a module or document that is not the room's, and records nothing", async () => {
    const client = clientOf(w.admin.id);
    const before = seconds(w.admin.id, w.roomB.id, "module");
    for (const [kind, subject] of [
      ["module", moduleInRoomA()],
      ["document", "no-such-document"],
    ] as const) {
      const res = await beat(client, w.roomB.id, { kind, subject, span: newSpan() });
      expect(res.status, kind).toBe(404);
    }
    expect(seconds(w.admin.id, w.roomB.id, "module")).toBe(before);
  });
});

describe("heartbeats refused", () => {
  const none = (userId: string) => rowsOf(userId).length;

  it("answers a customer of another room 404 and records nothing", async () => {
    const before = none(w.customerB.id);
    const res = await beat(clientOf(w.customerB.id), w.roomA.id, { span: newSpan() });
    expect(res.status).toBe(404);
    expect(none(w.customerB.id)).toBe(before);
  });

  it("sends someone signed out to sign in", async () => {
    const res = await beat(new Client(app.url), w.roomA.id, { span: newSpan() });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/sign-in/);
  });

  it("refuses another Origin with 403", async () => {
    const client = clientOf(w.csmIdle.id);
    const res = await beat(client, w.roomA.id, { span: newSpan() }, { Origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(none(w.csmIdle.id)).toBe(0);
  });

  it("refuses a body over 1 KB with 413", async () => {
    const client = clientOf(w.csmIdle.id);
    const res = await beat(client, w.roomA.id, {
      kind: "module",
      subject: "x".repeat(2000),
      span: newSpan(),
    });
    expect(res.status).toBe(413);
    expect(none(w.csmIdle.id)).toBe(0);
  });

  it.each([
    ["an unknown kind", { kind: "video", span: "span-abcdefgh" }],
    ["a page with a subject id", { kind: "page", subject: "x", span: "span-abcdefgh" }],
    ["a module without a subject id", { kind: "module", subject: "", span: "span-abcdefgh" }],
    ["a malformed subject id", { kind: "document", subject: "a/b", span: "span-abcdefgh" }],
    ["a short span id", { kind: "page", span: "abc" }],
  ])("refuses %s with 400", async (_, fields) => {
    const client = clientOf(w.csmIdle.id);
    const res = await beat(client, w.roomA.id, fields);
    expect(res.status).toBe(400);
    expect(none(w.csmIdle.id)).toBe(0);
  });

  it("refuses a body that is not a form with 400", async () => {
    const client = clientOf(w.csmIdle.id);
    const res = await client.request(`/rooms/${w.roomA.id}/heartbeat`, {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "kind=page&span=span-abcdefgh",
    });
    expect(res.status).toBe(400);
  });
});

describe("customer active time in health and for staff", () => {
  it("counts a customer's heartbeat days as active days of the room, and marks health dirty", async () => {
    tdb.db.update(roomHealth).set({ dirtySince: null }).where(eq(roomHealth.roomId, w.roomA.id)).run();
    const client = clientOf(w.memberA.id);
    advance(24 * 3600_000); // the next day
    const span = newSpan();
    await beat(client, w.roomA.id, { span });
    advance(15_000);
    await beat(client, w.roomA.id, { span });
    const dirty = tdb.db.select().from(roomHealth).where(eq(roomHealth.roomId, w.roomA.id)).get();
    expect(dirty?.dirtySince).not.toBeNull();
    const room = { id: w.roomA.id, timeZone: "Asia/Tokyo", createdAt: w.roomA.createdAt.getTime() };
    const inputs = gatherHealthInputs(room, new Date(clock));
    const today = todayIn("Asia/Tokyo", new Date(clock));
    expect(today).not.toBe("2026-12-01");
    expect(inputs.customerActiveDays).toEqual(expect.arrayContaining(["2026-12-01", today]));
    expect(inputs.customerUsers.find((u) => u.userId === w.memberA.id)?.lastActiveDate).toBe(today);
  });

  it("shows staff each customer person's active time and days on the health page, not staff time", async () => {
    const res = await clientOf(w.csmA.id).get(`/rooms/${w.roomA.id}/health`);
    const html = await res.text();
    expect(res.status).toBe(200);
    const start = html.indexOf('data-testid="active-time"');
    expect(start).toBeGreaterThan(0);
    const card = html.slice(start, html.indexOf("</section>", start));
    expect(card).toContain(w.memberA.name);
    expect(card).toMatch(/Quinn Member<\/th><td[^>]*>(under a minute|\d+ min|[0-9]+ 分|1分未満)</);
    expect(card).not.toContain(w.csmA.name);
  });

  it("shows a customer's seconds in a module on the training matrix as under a minute, and in tenths in the CSV", async () => {
    await moduleTime(clientOf(w.memberA.id), 12_000);
    const csm = clientOf(w.csmA.id);
    const html = await (await csm.get(`/rooms/${w.roomA.id}/training/progress`)).text();
    const row = html.slice(html.indexOf(`>${w.memberA.name}</th>`));
    expect(row.slice(0, row.indexOf("</tr>"))).toContain("under a minute");
    const csv = await (await csm.get(`/rooms/${w.roomA.id}/training/progress.csv`)).text();
    const line = csv.split("\r\n").find((l) => l.includes(w.memberA.email) && l.includes("Heartbeat lesson"));
    expect(line).toContain(",0.2,");
  });
});

describe("writeTransactionUnsynced (heartbeats commit without an fsync)", () => {
  it("commits with synchronous NORMAL, restores FULL, and inside a transaction leaves the setting alone", () => {
    const db = tdb.db;
    const setting = () => db.$client.pragma("synchronous", { simple: true });
    expect(setting()).toBe(2); // FULL, as openDatabase sets it
    const inside = writeTransactionUnsynced(db, () => setting());
    expect(inside).toBe(1); // NORMAL for this commit only
    expect(setting()).toBe(2);
    const nested = writeTransaction(db, (tx) => writeTransactionUnsynced(tx, () => setting()));
    expect(nested).toBe(2);
    expect(() =>
      writeTransactionUnsynced(db, () => {
        throw new Error("rolled back");
      }),
    ).toThrow("rolled back");
    expect(setting()).toBe(2);
  });
});
