import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { calendarFeeds, memberships, milestones, stakeholders, tasks } from "#db/schema";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { createPlanFromTemplate } from "~/domain/plan/plan.server";
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

type IcsEvent = Record<string, string>;

/**
 * A strict-enough RFC 5545 reader for the tests: CRLF line ends, content lines of at most 75 octets,
 * folding, balanced BEGIN/END, the required calendar and event properties, and all-day dates.
 */
function parseIcs(text: string): { calendar: Record<string, string>; events: IcsEvent[] } {
  expect(text.endsWith("\r\n")).toBe(true);
  const physical = text.slice(0, -2).split("\r\n");
  for (const line of physical) {
    expect(line.includes("\n") || line.includes("\r")).toBe(false);
    expect(new TextEncoder().encode(line).length, `line too long: ${line}`).toBeLessThanOrEqual(75);
  }
  const lines: string[] = [];
  for (const line of physical) {
    if (line.startsWith(" ") || line.startsWith("\t")) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  const stack: string[] = [];
  const calendar: Record<string, string> = {};
  const events: IcsEvent[] = [];
  let current: IcsEvent | null = null;
  for (const line of lines) {
    const colon = line.indexOf(":");
    expect(colon, `no colon in ${line}`).toBeGreaterThan(0);
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1);
    if (name === "BEGIN") {
      stack.push(value);
      if (value === "VEVENT") current = {};
      continue;
    }
    if (name === "END") {
      expect(stack.pop()).toBe(value);
      if (value === "VEVENT") {
        events.push(current!);
        current = null;
      }
      continue;
    }
    const unescaped = value.replace(/\\n/gi, "\n").replace(/\\([,;\\])/g, "$1");
    if (current) current[name] = unescaped;
    else if (stack.length === 1) calendar[name] = unescaped;
  }
  expect(stack).toEqual([]);
  expect(lines[0]).toBe("BEGIN:VCALENDAR");
  expect(calendar.VERSION).toBe("2.0");
  expect(calendar.PRODID).toBeTruthy();
  for (const e of events) {
    expect(e.UID).toBeTruthy();
    expect(e.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
    expect(e["DTSTART;VALUE=DATE"]).toMatch(/^\d{8}$/);
    expect(e["DTEND;VALUE=DATE"]).toMatch(/^\d{8}$/);
    expect(e["DTEND;VALUE=DATE"]! > e["DTSTART;VALUE=DATE"]!).toBe(true);
    expect(e.SUMMARY).toBeTruthy();
  }
  expect(new Set(events.map((e) => e.UID)).size).toBe(events.length);
  return { calendar, events };
}

/** Over 75 octets many times: the ics package alone would fold it by characters, not octets. */
const LONG_JA =
  "シングルサインオンの設定を行います。IdP側でアプリケーションを登録し、メタデータを交換したうえで、テストユーザーでログインを確認してください。";

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;

const feedUrlIn = (html: string) => {
  const match = /\/calendar\/([a-z2-7]+)\/feed\.ics/.exec(html);
  if (!match) throw new Error("no feed URL in the page");
  return match[0];
};

async function createFeedAs(userId: string): Promise<string> {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  const res = await client.post(`/rooms/${w.roomA.id}/calendar`, { intent: "create" });
  expect(res.status).toBe(200);
  return feedUrlIn(await res.text());
}

const anonymous = () => new Client(app.url);

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  // Memberships: the CSM of A is owner by job; make the plan as them.
  const it = tdb.db
    .insert(stakeholders)
    .values({
      roomId: w.roomA.id,
      name: "Quinn (IT)",
      side: "customer",
      teamRole: "it_admin",
      userId: w.memberA.id,
    })
    .returning()
    .get();
  const templateId = createTemplate(tdb.db, STANDARD_TEMPLATE_JA, w.csmA.id);
  createPlanFromTemplate({ ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA }, templateId);
  tdb.db
    .update(milestones)
    .set({ visibility: "internal", title: "社内レビュー（顧客非公開）" })
    .where(eq(milestones.title, "本番稼働"))
    .run();
  // An internal task assigned to the customer's stakeholder must still stay out of their feed.
  tdb.db
    .update(tasks)
    .set({ assigneeId: it.id })
    .where(eq(tasks.title, "営業からの引き継ぎ内容を確認"))
    .run();
  tdb.db.update(tasks).set({ description: LONG_JA }).where(eq(tasks.title, "SSO設定")).run();
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  tdb?.dispose();
});

describe("the secret calendar feed", () => {
  it("is valid iCalendar with the room's shared milestones and the user's own due dates only", async () => {
    const url = await createFeedAs(w.memberA.id);
    const res = await anonymous().get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = await res.text();
    const { events } = parseIcs(text);
    const summaries = events.map((e) => e.SUMMARY);
    expect(summaries).toContain("◆ キックオフ完了");
    expect(summaries).toContain("◆ ファーストバリュー達成");
    expect(summaries).toContain("期限：SSO設定");
    expect(summaries).toContain("期限：ユーザーアカウントと権限の設定");
    // A customer never gets internal items, even one assigned to them.
    expect(text).not.toContain("社内レビュー");
    expect(text).not.toContain("営業からの引き継ぎ");
    // Tasks of other people are not "my" due dates.
    expect(text).not.toContain("キックオフミーティング");
    const sso = events.find((e) => e.SUMMARY === "期限：SSO設定")!;
    expect(sso["DTSTART;VALUE=DATE"]).toBe("20261123"); // kickoff 2026-11-02 + 21 days
    expect(sso["DTEND;VALUE=DATE"]).toBe("20261124");
    // The long Japanese description was folded by octets and unfolds to the original text.
    expect(text).toMatch(/\r\n /);
    expect(sso.DESCRIPTION).toBe(LONG_JA);
  });

  it("gives staff the internal milestones, marked as internal", async () => {
    const url = await createFeedAs(w.csmA.id);
    const text = await (await anonymous().get(url)).text();
    expect(parseIcs(text).events.map((e) => e.SUMMARY)).toContain("［社内］◆ 社内レビュー（顧客非公開）");
  });

  it("stores only the token's hash", async () => {
    const url = await createFeedAs(w.viewerA.id);
    const token = /calendar\/([a-z2-7]+)\//.exec(url)![1]!;
    const rows = tdb.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, w.viewerA.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(token);
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a revoked token, and a new URL revokes the old one", async () => {
    const client = new Client(app.url);
    signInAs(tdb.db, client, w.customerAdminA.id);
    const first = feedUrlIn(
      await (await client.post(`/rooms/${w.roomA.id}/calendar`, { intent: "create" })).text(),
    );
    expect((await anonymous().get(first)).status).toBe(200);
    const second = feedUrlIn(
      await (await client.post(`/rooms/${w.roomA.id}/calendar`, { intent: "create" })).text(),
    );
    expect(second).not.toBe(first);
    expect((await anonymous().get(first)).status).toBe(404);
    expect((await anonymous().get(second)).status).toBe(200);
    const page = await (await client.get(`/rooms/${w.roomA.id}/calendar`)).text();
    expect(page).not.toContain(second); // the URL is shown once, at creation
    const revoked = await client.post(`/rooms/${w.roomA.id}/calendar`, { intent: "revoke" });
    expect(revoked.status).toBe(200);
    const res = await anonymous().get(second);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("BEGIN:VCALENDAR");
  });

  it("stops working when the user is removed from the room", async () => {
    const url = await createFeedAs(w.memberA.id);
    expect((await anonymous().get(url)).status).toBe(200);
    const membership = and(eq(memberships.roomId, w.roomA.id), eq(memberships.userId, w.memberA.id));
    const row = tdb.db.select().from(memberships).where(membership).get()!;
    tdb.db.delete(memberships).where(membership).run();
    try {
      expect((await anonymous().get(url)).status).toBe(404);
    } finally {
      tdb.db.insert(memberships).values(row).run();
    }
    expect((await anonymous().get(url)).status).toBe(200);
  });

  it("answers 404 to made-up tokens", async () => {
    expect((await anonymous().get("/calendar/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/feed.ics")).status).toBe(404);
    expect((await anonymous().get("/calendar/not-a-token/feed.ics")).status).toBe(404);
  });

  it("the feed page needs a signed-in member", async () => {
    const res = await anonymous().get(`/rooms/${w.roomA.id}/calendar`);
    expect(res.status).toBe(302);
    const outsider = new Client(app.url);
    signInAs(tdb.db, outsider, w.customerB.id);
    expect((await outsider.get(`/rooms/${w.roomA.id}/calendar`)).status).toBe(404);
    expect((await outsider.post(`/rooms/${w.roomA.id}/calendar`, { intent: "create" })).status).toBe(404);
  });
});

describe("add to calendar downloads", () => {
  const milestoneId = (title: string) =>
    tdb.db.select().from(milestones).where(eq(milestones.title, title)).get()!.id;
  const taskId = (title: string) => tdb.db.select().from(tasks).where(eq(tasks.title, title)).get()!.id;

  it("serves one milestone or task as an all-day event", async () => {
    const client = new Client(app.url);
    signInAs(tdb.db, client, w.memberA.id);
    const res = await client.get(
      `/rooms/${w.roomA.id}/ics/milestone/${milestoneId("ファーストバリュー達成")}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const { events } = parseIcs(await res.text());
    expect(events).toHaveLength(1);
    expect(events[0]!["DTSTART;VALUE=DATE"]).toBe("20270111");
    // In the viewer's language.
    const path = `/rooms/${w.roomA.id}/ics/task/${taskId("キックオフミーティング")}`;
    const ja = await client.request(path, { headers: { "Accept-Language": "ja" } });
    expect(parseIcs(await ja.text()).events[0]!.SUMMARY).toBe("期限：キックオフミーティング");
    const en = await client.request(path, { headers: { "Accept-Language": "en" } });
    expect(parseIcs(await en.text()).events[0]!.SUMMARY).toBe("Due: キックオフミーティング");
  });

  it("hides internal items from customers and other rooms' users", async () => {
    const member = new Client(app.url);
    signInAs(tdb.db, member, w.memberA.id);
    expect(
      (await member.get(`/rooms/${w.roomA.id}/ics/milestone/${milestoneId("社内レビュー（顧客非公開）")}`))
        .status,
    ).toBe(404);
    expect(
      (await member.get(`/rooms/${w.roomA.id}/ics/task/${taskId("営業からの引き継ぎ内容を確認")}`)).status,
    ).toBe(404);
    expect((await member.get(`/rooms/${w.roomA.id}/ics/other/${taskId("SSO設定")}`)).status).toBe(404);
    const outsider = new Client(app.url);
    signInAs(tdb.db, outsider, w.customerB.id);
    expect((await outsider.get(`/rooms/${w.roomA.id}/ics/task/${taskId("SSO設定")}`)).status).toBe(404);
    // An item of room A asked for through room B
    const csmB = new Client(app.url);
    signInAs(tdb.db, csmB, w.csmB.id);
    expect((await csmB.get(`/rooms/${w.roomB.id}/ics/task/${taskId("SSO設定")}`)).status).toBe(404);
    const staff = new Client(app.url);
    signInAs(tdb.db, staff, w.csmA.id);
    expect(
      (await staff.get(`/rooms/${w.roomA.id}/ics/milestone/${milestoneId("社内レビュー（顧客非公開）")}`))
        .status,
    ).toBe(200);
  });
});
