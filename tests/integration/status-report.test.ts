import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { addMember, makeAccountWithRoom, makeCustomer, makeStaff } from "#db/factories";
import { events, outbox, reportSchedules, statusReports, tasks, users } from "#db/schema";
import { addDays, todayIn } from "~/domain/plan/dates";
import { runScheduledReports } from "~/domain/reports/jobs.server";
import { localMoment } from "~/domain/reports/schedule";
import { renderStoredEmail } from "~/mail/outbox.server";
import { createRelay } from "~/mail/relay.server";
import { createMailTransport } from "~/mail/transport.server";
import en from "~/i18n/locales/en/app.json";
import { HOSTILE_TEXTS } from "../fixtures/hostile-rich-text";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import { addMeeting, addMilestone, addPerson, addPhase, addTask, addGoal } from "../helpers/report-data";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";

// The weekly status report through the built app: preview, send now (outbox emails to the customer's
// team in each one's language, never to staff or deactivated people), refusals, the schedule form, the
// printable snapshot, hostile text in pages and emails, and the scheduled job delivered to a real SMTP sink.

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;
let sink: SmtpSink;
const today = () => todayIn("Asia/Tokyo");

const HOSTILE = HOSTILE_TEXTS.join(" | ");

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  const db = tdb.db;
  db.update(users).set({ locale: "en" }).where(eq(users.id, w.memberA.id)).run();
  // People who must NOT get it: a deactivated customer member, vendor staff in the room, a vendor-side person.
  const gone = makeCustomer(db, { name: "Gone Away", email: "gone@quokka.example", active: false });
  addMember(db, w.roomA.id, gone.id, "customer_member");
  const helper = makeStaff(db, { staffRole: "csm", name: "Helper Csm", email: "helper.csm@vendor.example" });
  addMember(db, w.roomA.id, helper.id, "collaborator");
  addPerson(db, w.roomA.id, { name: "Vendor Person", side: "vendor", email: "vendor.person@vendor.example" });
  addPerson(db, w.roomA.id, { name: "Gone Again", email: "gone@quokka.example" });
  // Who must get it besides the members: a customer-side person with an email and no account (once).
  addPerson(db, w.roomA.id, { name: "Sponsor Sato", email: "sponsor@quokka.example" });
  addPerson(db, w.roomA.id, {
    name: "Quinn Again",
    email: "QUINN.MEMBER@quokka.example",
    userId: w.memberA.id,
  });

  const phase = addPhase(db, w.roomA.id);
  const d = today();
  addTask(db, w.roomA.id, phase.id, { title: "Shared done task", status: "done", completedAt: new Date() });
  addTask(db, w.roomA.id, phase.id, { title: "Shared upcoming task", dueDate: addDays(d, 2) });
  addTask(db, w.roomA.id, phase.id, {
    title: "Internal upcoming secret",
    dueDate: addDays(d, 2),
    visibility: "internal",
  });
  addTask(db, w.roomA.id, phase.id, {
    title: `Blocked ${HOSTILE}`,
    status: "blocked",
    dueDate: addDays(d, -3),
    blockedReason: `Reason ${HOSTILE}`,
  });
  addMilestone(db, w.roomA.id, {
    title: "Go live",
    targetDate: addDays(d, 20),
    baselineDate: addDays(d, 10),
  });
  addMilestone(db, w.roomA.id, {
    title: "Internal milestone secret",
    targetDate: addDays(d, 5),
    visibility: "internal",
  });
  addMeeting(db, w.roomA.id, {
    title: "Weekly sync",
    startsAt: new Date(Date.now() - 2 * 24 * 3600 * 1000),
    decisions: [`Decision ${HOSTILE}`],
    actionItems: [{ text: "Send the user list", dueDate: addDays(d, 3) }],
  });
  addGoal(db, w.roomA.id, { statement: "Cut answer time", baseline: 24, target: 8, dueDate: addDays(d, 90) });

  sink = await startSmtpSink();
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  await sink?.close();
  tdb?.dispose();
});

async function as(userId: string, lang = "en") {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  client.cookies.set("lang", lang);
  return client;
}
const route = (roomId = w.roomA.id) => `/rooms/${roomId}/report`;
const escaped = (value: string) =>
  value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
/** No tag we did not write: no script-capable element, no on* attribute, no javascript: link. */
function assertInert(markup: string) {
  for (const tag of markup.match(/<[a-z][^>]*>/gi) ?? []) {
    expect(tag).not.toMatch(/^<(script|img|svg|iframe|object|embed|style)/i);
    expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\son[a-z]+=/i);
    expect(tag).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
  }
}
const reportsOf = (roomId: string) =>
  tdb.db.select().from(statusReports).where(eq(statusReports.roomId, roomId)).all();
const reportEmails = () => tdb.db.select().from(outbox).where(eq(outbox.template, "status_report")).all();
/** The report's sections as rendered (up to the page's scripts). */
const contentOf = (page: string) =>
  (/data-testid="report-content"[\s\S]*/.exec(page)?.[0] ?? "").split("<script")[0]!;

describe("the report page", () => {
  it("previews this week's report with shared items only, and who it goes to", async () => {
    const page = await (await as(w.csmA.id)).get(route()).then((r) => r.text());
    expect(page).toContain(escaped(en.reports.previewTitle));
    for (const shown of [
      "Shared done task",
      "Shared upcoming task",
      "Go live",
      "Send the user list",
      "Cut answer time",
    ])
      expect(page).toContain(shown);
    expect(page).not.toContain("secret");
    const who = /data-testid="report-recipients"[\s\S]*?<\/ul>/.exec(page)?.[0] ?? "";
    for (const email of [w.customerAdminA.email, w.memberA.email, w.viewerA.email, "sponsor@quokka.example"])
      expect(who).toContain(email);
    for (const email of [
      "gone@quokka.example",
      "helper.csm@vendor.example",
      "vendor.person@vendor.example",
      w.csmA.email,
    ])
      expect(who).not.toContain(email);
  });

  it("shows hostile titles, reasons and decisions as inert text", async () => {
    const page = await (await as(w.csmA.id)).get(route()).then((r) => r.text());
    const content = contentOf(page);
    assertInert(content);
    for (const value of HOSTILE_TEXTS) expect(content).toContain(escaped(value));
  });

  it("validates the schedule: 400 with the message, nothing saved; a good one is saved", async () => {
    // Staff in these fixtures read English (their own setting wins over the cookie).
    const client = await as(w.csmA.id);
    const stored = () =>
      tdb.db.select().from(reportSchedules).where(eq(reportSchedules.roomId, w.roomA.id)).get();
    for (const [form, message] of [
      [{ weekday: "1", timeOfDay: "25:00" }, en.reports.timeInvalid],
      [{ weekday: "1", timeOfDay: "9am" }, en.reports.timeInvalid],
      [{ weekday: "8", timeOfDay: "09:00" }, en.validation.choose],
      [{ weekday: "", timeOfDay: "09:00" }, en.validation.choose],
    ] as const) {
      const res = await client.post(route(), { intent: "schedule", enabled: "on", ...form });
      expect(res.status).toBe(400);
      const page = await res.text();
      expect(page).toContain(escaped(message));
      // The form keeps what was typed.
      if (form.timeOfDay !== "09:00")
        expect(page).toContain(`value="${escaped(form.timeOfDay.slice(0, 5))}"`);
      expect(stored()).toBeUndefined();
    }
    const ok = await client.post(route(), {
      intent: "schedule",
      enabled: "on",
      weekday: "5",
      timeOfDay: "17:30",
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain(escaped(en.reports.scheduleSaved));
    expect(stored()).toMatchObject({ enabled: true, weekday: 5, timeOfDay: "17:30" });
    await client.post(route(), { intent: "schedule", weekday: "5", timeOfDay: "17:30" });
    expect(stored()).toMatchObject({ enabled: false });
  });

  it("refuses to send with no one on the customer's side: 400, its message, nothing stored or queued", async () => {
    const before = reportEmails().length;
    const res = await (await as(w.csmA.id)).post(route(w.roomA2.id), { intent: "send", intro: "Hi" });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toMatch(new RegExp(`role="alert"[^>]*>${escaped(en.reports.noRecipients)}`));
    expect(page).toContain(">Hi</textarea>");
    expect(reportsOf(w.roomA2.id)).toHaveLength(0);
    expect(reportEmails()).toHaveLength(before);
  });
});

describe("send now", () => {
  let reportId: string;

  it("stores the snapshot, records report.sent and queues one email per person in their language", async () => {
    const client = await as(w.csmA.id);
    const saved = await client.post(route(), { intent: "saveIntro", intro: `Intro ${HOSTILE}` });
    expect(saved.status).toBe(200);
    const res = await client.post(route(), { intent: "send", intro: `Hello team\n${HOSTILE}` });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("The report was sent to 4 people.");
    const [report] = reportsOf(w.roomA.id);
    expect(report).toMatchObject({ recipientCount: 4, sentById: w.csmA.id, periodEnd: today() });
    reportId = report!.id;
    expect(JSON.stringify(report!.content)).not.toContain("secret");
    // The intro the CSM had ready was used up by this sending.
    expect(
      tdb.db.select().from(reportSchedules).where(eq(reportSchedules.roomId, w.roomA.id)).get()?.nextIntro,
    ).toBeNull();
    const sent = tdb.db
      .select()
      .from(events)
      .where(and(eq(events.roomId, w.roomA.id), eq(events.type, "report.sent")))
      .all();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ subjectId: reportId, actorId: w.csmA.id });

    // The room's activity says so, to the customers too.
    const feed = await (await as(w.memberA.id)).get(`/rooms/${w.roomA.id}/activity`).then((r) => r.text());
    expect(feed).toContain("Carla Alpha-Csm sent the weekly status report to 4 people");

    const byAddress = Object.fromEntries(reportEmails().map((m) => [m.toEmail.toLowerCase(), m.locale]));
    expect(byAddress).toEqual({
      [w.customerAdminA.email]: "ja",
      [w.memberA.email]: "en",
      [w.viewerA.email]: "ja",
      "sponsor@quokka.example": "ja",
      // The CSM's copy, in their language (none set: the account's guess, Japanese for Tokyo).
      [w.csmA.email]: "ja",
    });
  });

  it("the emails say it in each language, with hostile text inert, and reach a real SMTP server", async () => {
    const rows = reportEmails();
    for (const row of rows) {
      const rendered = await renderStoredEmail(row);
      assertInert(rendered.html.replace(/^[\s\S]*?<body/, "<body"));
      for (const value of HOSTILE_TEXTS)
        expect(rendered.html).toContain(escaped(value).replace(/&#x27;/g, "&#x27;"));
    }
    const relay = createRelay({
      transport: createMailTransport(sink.url),
      from: "Launchroom <no-reply@launchroom.test>",
      intervalMs: 1000,
    });
    await relay.runOnce();
    await relay.runOnce();
    const member = await sink.waitFor(
      (m) => m.to.includes(w.memberA.email) && /status report/.test(m.subject),
    );
    expect(member.subject).toMatch(/^Weekly status report: Zanzibar Rollout Programme/);
    expect(member.text).toContain("Hello Quinn Member,");
    expect(member.text).toContain("Hello team");
    expect(member.text).toContain("Shared upcoming task");
    expect(member.text).not.toContain("secret");
    const admin = await sink.waitFor(
      (m) => m.to.includes(w.customerAdminA.email) && m.subject.includes("週次"),
    );
    expect(admin.subject).toMatch(/^週次レポート：Zanzibar Rollout Programme/);
    expect(admin.text).toContain("Quentin Admin 様");
    expect(admin.text).toContain("期限超過・ブロック中");
    expect(admin.html).toContain(`/rooms/${w.roomA.id}/reports/${reportId}`);
    const copy = await sink.waitFor((m) => m.to.includes(w.csmA.email) && m.subject.includes("週次"));
    expect(copy.text).toContain("控え");
    for (const nobody of ["gone@quokka.example", "helper.csm@vendor.example", "vendor.person@vendor.example"])
      expect(sink.messages.some((m) => m.to.includes(nobody))).toBe(false);
  });

  it("the printable page shows the snapshot as sent, to the room's people, and not to others", async () => {
    // A change after sending does not change what was sent.
    tdb.db
      .update(tasks)
      .set({ title: "Renamed after sending" })
      .where(eq(tasks.title, "Shared upcoming task"))
      .run();
    const path = `/rooms/${w.roomA.id}/reports/${reportId}`;
    for (const [user, lang] of [
      [w.csmA.id, "en"],
      [w.memberA.id, "ja"],
    ] as const) {
      const res = await (await as(user, lang)).get(path);
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain("Shared upcoming task");
      expect(page).not.toContain("Renamed after sending");
      expect(page).toContain("data-print-report");
      const content = contentOf(page);
      assertInert(content);
      for (const value of HOSTILE_TEXTS) expect(content).toContain(escaped(value));
    }
    expect((await (await as(w.customerB.id)).get(path)).status).toBe(404);
    expect((await (await as(w.csmA.id)).get(`/rooms/${w.roomA2.id}/reports/${reportId}`)).status).toBe(404);
    // The page lists it with a link to the printable page.
    const list = await (await as(w.csmA.id)).get(route()).then((r) => r.text());
    expect(list).toContain(`href="/rooms/${w.roomA.id}/reports/${reportId}"`);
  });
});

describe("the scheduled job", () => {
  it("sends due rooms once across two runs, in the account's zone; one room's failure does not stop the others", async () => {
    const db = tdb.db;
    const zone = "America/New_York";
    const now = new Date();
    const local = localMoment(zone, now);
    // Two rooms of a New York account due now; one of them has a member whose address cannot be queued.
    const csm = makeStaff(db, {
      staffRole: "csm",
      name: "Nora Csm",
      email: "nora@vendor.example",
      locale: "en",
    });
    const good = makeAccountWithRoom(db, { csmId: csm.id, timeZone: zone, roomTitle: "Good Room" });
    const bad = makeAccountWithRoom(db, { csmId: csm.id, timeZone: zone, roomTitle: "Broken Room" });
    const early = makeAccountWithRoom(db, { csmId: csm.id, timeZone: zone, roomTitle: "Later Room" });
    const customer = makeCustomer(db, { name: "Ny Customer", email: "ny@customer.example" });
    addMember(db, good.room.id, customer.id, "customer_member");
    addMember(db, early.room.id, customer.id, "customer_member");
    const broken = makeCustomer(db, { name: "Broken Address", email: "not an address" });
    addMember(db, bad.room.id, broken.id, "customer_member");
    const due = { enabled: true, weekday: local.weekday, timeOfDay: "00:00", nextIntro: "Scheduled intro" };
    db.insert(reportSchedules)
      .values({ roomId: bad.room.id, ...due })
      .run();
    db.insert(reportSchedules)
      .values({ roomId: good.room.id, ...due })
      .run();
    // Same weekday, but a time later than now in New York: not due yet (unless it is 23:59 there).
    db.insert(reportSchedules)
      .values({ roomId: early.room.id, ...due, timeOfDay: "23:59" })
      .run();

    const errors: unknown[] = [];
    const log = { info: () => {}, error: (obj: object) => errors.push(obj) };
    const first = runScheduledReports(now, { log });
    expect(first).toMatchObject({ sent: 1, failed: 1 });
    expect(errors).toHaveLength(1);
    // A second process running the same minute finds the day claimed.
    expect(runScheduledReports(now, { log })).toMatchObject({ sent: 0 });
    expect(reportsOf(good.room.id)).toHaveLength(1);
    expect(reportsOf(good.room.id)[0]).toMatchObject({
      sentById: null,
      intro: "Scheduled intro",
      periodEnd: local.date,
    });
    expect(reportsOf(bad.room.id)).toHaveLength(0);
    if (local.time < "23:59") expect(reportsOf(early.room.id)).toHaveLength(0);
    const schedule = (roomId: string) =>
      db.select().from(reportSchedules).where(eq(reportSchedules.roomId, roomId)).get()!;
    expect(schedule(good.room.id)).toMatchObject({ lastSentOn: local.date, nextIntro: null });
    // The failed room's claim rolled back with it: it is tried again next time.
    expect(schedule(bad.room.id).lastSentOn).toBeNull();

    sink.clear();
    const relay = createRelay({
      transport: createMailTransport(sink.url),
      from: "Launchroom <no-reply@launchroom.test>",
      intervalMs: 1000,
    });
    await relay.runOnce();
    await relay.runOnce();
    const mail = await sink.waitFor((m) => m.to.includes("ny@customer.example"));
    expect(mail.subject).toMatch(/^Weekly status report: Good Room/);
    expect(mail.text).toContain("Scheduled intro");
    await sink.waitFor((m) => m.to.includes("nora@vendor.example"));
  });
});
