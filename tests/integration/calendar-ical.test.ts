import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { milestones, rooms, stakeholders, tasks, users } from "#db/schema";
import { createPlanFromTemplate, moveMilestone } from "~/domain/plan/plan.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { STANDARD_TEMPLATE_JA } from "~/domain/templates/standard-templates";
import { createTemplate } from "~/domain/templates/templates.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";

// The calendar feed and the single-event downloads read back by Mozilla's parser (ical.js), with titles
// full of what RFC 5545 TEXT must escape, and revisions that calendar apps can see.

// ical.js leaves unknown X- properties raw; X-WR-CALNAME is TEXT, as calendar apps read it.
(ICAL.design.defaultSet.property as Record<string, { defaultType: string }>)["x-wr-calname"] = {
  defaultType: "text",
};

const ROOM = "Zanzibar, Phase; C:\\new\\dir\n二行目の部屋";
const MILESTONE =
  "Go-live, wave 2; path C:\\new\\nope\r\n二行目：日本語のマイルストーン名が長くても折り返しで壊れないこと";
const TASK = "SSO, SAML; \\n literal\nタスク「シングルサインオン」の設定";
const DESCRIPTION = "手順：\n1. IdP, SP; 設定\n2. C:\\temp\\n を確認\r\n3. 完了";

/** RFC 5545 §3.3.11 TEXT: no bare `\`, `;`, `,` or control character; only the five escapes. */
// eslint-disable-next-line no-control-regex -- control characters are what TEXT must not carry
const TEXT_VALUE = /^(?:[^\\;,\u0000-\u0008\u000A-\u001F\u007F]|\\[\\;,nN])*$/;
const TEXT_PROPERTIES = ["PRODID", "X-WR-CALNAME", "UID", "SUMMARY", "DESCRIPTION"];

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;
let milestoneId: string;
let taskId: string;

/** Lines of at most 75 octets ending in CRLF, and every TEXT property value escaped as the RFC says. */
function checkLexically(text: string) {
  expect(text.endsWith("\r\n")).toBe(true);
  const physical = text.slice(0, -2).split("\r\n");
  for (const line of physical) {
    expect(/[\r\n]/.test(line)).toBe(false);
    expect(new TextEncoder().encode(line).length, line).toBeLessThanOrEqual(75);
  }
  const logical = physical
    .join("\r\n")
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n");
  for (const line of logical) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon);
    if (TEXT_PROPERTIES.includes(name)) expect(line.slice(colon + 1), line).toMatch(TEXT_VALUE);
  }
}

function parse(text: string) {
  checkLexically(text);
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
  return { calendar, events, byUid: (uid: string) => events.find((e) => e.uid === uid)! };
}

const client = (userId: string) => {
  const c = new Client(app.url);
  signInAs(tdb.db, c, userId);
  return c;
};

async function feedUrl(): Promise<string> {
  const res = await client(w.memberA.id).post(`/rooms/${w.roomA.id}/calendar`, { intent: "create" });
  expect(res.status).toBe(200);
  return /\/calendar\/[a-z2-7]+\/feed\.ics/.exec(await res.text())![0];
}

async function fetchText(c: Client, path: string): Promise<string> {
  const res = await c.get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  return res.text();
}

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  tdb.db.update(users).set({ locale: "ja" }).where(eq(users.id, w.memberA.id)).run();
  const mine = tdb.db
    .insert(stakeholders)
    .values({ roomId: w.roomA.id, name: "Quinn", side: "customer", userId: w.memberA.id })
    .returning()
    .get();
  const templateId = createTemplate(tdb.db, STANDARD_TEMPLATE_JA, w.csmA.id);
  createPlanFromTemplate({ ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA }, templateId);
  tdb.db.update(rooms).set({ title: ROOM }).where(eq(rooms.id, w.roomA.id)).run();
  milestoneId = tdb.db.select().from(milestones).where(eq(milestones.title, "ファーストバリュー達成")).get()!
    .id;
  // Created long ago, so LAST-MODIFIED after a move is visibly later.
  tdb.db
    .update(milestones)
    .set({ title: MILESTONE, createdAt: new Date("2026-01-05T00:00:00Z") })
    .where(eq(milestones.id, milestoneId))
    .run();
  // Straight to the row, so these stay at version 1 and never-updated.
  tdb.db.$client
    .prepare("UPDATE milestones SET version = 1, updated_at = NULL WHERE id = ?")
    .run(milestoneId);
  taskId = tdb.db.select().from(tasks).where(eq(tasks.title, "SSO設定")).get()!.id;
  tdb.db
    .update(tasks)
    .set({ title: TASK, description: DESCRIPTION, assigneeId: mine.id })
    .where(eq(tasks.id, taskId))
    .run();
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  tdb?.dispose();
});

describe("iCalendar TEXT values", () => {
  it("round-trip exactly through the feed: calendar name, summaries and descriptions", async () => {
    const { calendar, byUid } = parse(await fetchText(new Client(app.url), await feedUrl()));
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe(`${ROOM}（Launchroom）`);
    expect(byUid(`milestone-${milestoneId}@launchroom`).summary).toBe(`◆ ${MILESTONE.replace("\r\n", "\n")}`);
    const task = byUid(`task-${taskId}@launchroom`);
    expect(task.summary).toBe(`期限：${TASK}`);
    expect(task.description).toBe(DESCRIPTION.replace("\r\n", "\n"));
  });

  it("round-trip exactly through the single-event downloads", async () => {
    const member = client(w.memberA.id);
    const m = parse(await fetchText(member, `/rooms/${w.roomA.id}/ics/milestone/${milestoneId}`));
    expect(m.calendar.getFirstPropertyValue("x-wr-calname")).toBe(MILESTONE.replace("\r\n", "\n"));
    expect(m.events).toHaveLength(1);
    expect(m.events[0]!.summary).toBe(`◆ ${MILESTONE.replace("\r\n", "\n")}`);
    const t = parse(await fetchText(member, `/rooms/${w.roomA.id}/ics/task/${taskId}`));
    expect(t.calendar.getFirstPropertyValue("x-wr-calname")).toBe(TASK);
    expect(t.events[0]!.description).toBe(DESCRIPTION.replace("\r\n", "\n"));
  });
});

describe("iCalendar revisions", () => {
  it("a moved milestone comes with a higher SEQUENCE and a new LAST-MODIFIED, same UID", async () => {
    const url = await feedUrl();
    const uid = `milestone-${milestoneId}@launchroom`;
    const single = `/rooms/${w.roomA.id}/ics/milestone/${milestoneId}`;
    const seq = (e: ICAL.Event) => e.component.getFirstPropertyValue("sequence");
    const modified = (e: ICAL.Event) =>
      (e.component.getFirstPropertyValue("last-modified") as ICAL.Time).toJSDate().getTime();

    const before = parse(await fetchText(new Client(app.url), url)).byUid(uid);
    expect(seq(before)).toBe(0);
    expect(modified(before)).toBe(Date.parse("2026-01-05T00:00:00Z"));
    const oldStart = before.startDate.toString();

    const row = tdb.db.select().from(milestones).where(eq(milestones.id, milestoneId)).get()!;
    const ctx = { ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA };
    moveMilestone(ctx, milestoneId, "2027-03-01", row.version);

    const after = parse(await fetchText(new Client(app.url), url)).byUid(uid);
    expect(after.startDate.toString()).toBe("2027-03-01");
    expect(after.startDate.toString()).not.toBe(oldStart);
    expect(seq(after)).toBe(1);
    expect(modified(after)).toBeGreaterThan(Date.now() - 60_000);
    const download = parse(await fetchText(client(w.memberA.id), single)).events[0]!;
    expect(download.uid).toBe(uid);
    expect(seq(download)).toBe(1);

    moveMilestone(ctx, milestoneId, "2027-03-08", row.version + 1);
    expect(seq(parse(await fetchText(new Client(app.url), url)).byUid(uid))).toBe(2);
  });
});
