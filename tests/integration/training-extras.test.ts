import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { rooms, users, workspaceSettings } from "#db/schema";
import type { StaffUser } from "~/access/users";
import { runReminderDigests } from "~/domain/notifications/reminders.server";
import { addDays, todayIn } from "~/domain/plan/dates";
import { textToRichText } from "~/domain/richtext/richtext";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { addItem, addPathToRoom, listItems } from "~/domain/training/curriculum.server";
import { changePath, createModule, createPath } from "~/domain/training/library.server";
import { reportLesson } from "~/domain/training/progress.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";

// Issue 12, training extras over the built app: the customer's next module on the room home, due and
// overdue training in the daily reminder digest (through the relay to a real SMTP sink, in each person's
// language), and the printable certificate of a completed learning path (who may open it, 404 before).

let tdb: TestDatabase;
let w: TwoTenants;
let app: TestApp;
let sink: SmtpSink;
let today: string;
let pathId: string;
const ctx = (user: typeof users.$inferSelect, roomId = w.roomA.id) => ({
  ...getRoomAccess(user, roomId)!,
  user,
});
const itemOf = (title: string) => listItems(tdb.db, w.roomA.id).find((i) => i.title === title)!.item.id;

async function as(userId: string, lang = "en") {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  client.cookies.set("lang", lang);
  return client;
}

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  tdb.db.insert(workspaceSettings).values({ id: "workspace", companyName: "Wombat Software KK" }).run();
  tdb.db.update(users).set({ locale: "ja" }).where(eq(users.id, w.customerAdminA.id)).run();
  tdb.db.update(users).set({ locale: "en" }).where(eq(users.id, w.memberA.id)).run();
  today = todayIn("Asia/Tokyo");
  tdb.db
    .update(rooms)
    .set({ kickoffDate: addDays(today, -10) })
    .where(eq(rooms.id, w.roomA.id))
    .run();
  const staff = w.csmA as StaffUser;
  const base = { product: "core", persona: "admin", language: "en" as const };
  const intro = createModule(
    staff,
    { ...base, kind: "lesson", title: "Admin basics", doc: textToRichText("Hello") },
    null,
  );
  const roles = createModule(
    staff,
    { ...base, kind: "lesson", title: "Roles and rights", doc: textToRichText("Roles") },
    null,
  );
  const tour = createModule(
    staff,
    { ...base, kind: "lesson", title: "Member tour", doc: textToRichText("Tour") },
    null,
  );
  pathId = createPath({ title: "Administrator path", persona: "admin", language: "en" });
  changePath(pathId, 1, { op: "add", moduleId: intro, dueOffsetDays: 0 }); // due 10 days ago: overdue
  changePath(pathId, 2, { op: "add", moduleId: roles, dueOffsetDays: 30 });
  addPathToRoom(ctx(w.csmA), { pathId, audience: "customer_admin" });
  // Due tomorrow, for the member only.
  addItem(ctx(w.csmA), { moduleId: tour, dueOffsetDays: 11, assignee: { userId: w.memberA.id } });
  sink = await startSmtpSink();
  app = await startTestApp({ databasePath: tdb.path, smtpUrl: sink.url, relay: true });
});

afterAll(async () => {
  await app?.close();
  await sink?.close();
  tdb?.dispose();
});

const card = (html: string) => /data-testid="next-training"[\s\S]*?<\/section>/.exec(html)?.[0] ?? null;

describe("next training module on the room home", () => {
  it("shows the customer the first module not done, its due date, overdue mark and a link to it", async () => {
    // The admin reads Japanese (users.locale), the member English.
    const admin = await as(w.customerAdminA.id);
    const c = card(await (await admin.get(`/rooms/${w.roomA.id}`)).text());
    expect(c).not.toBeNull();
    expect(c).toContain("次のトレーニング");
    expect(c).toContain("Admin basics");
    expect(c).toContain("残り 2 件です。");
    expect(c).toContain(`href="/rooms/${w.roomA.id}/training/${itemOf("Admin basics")}"`);
    expect(c).toContain('data-testid="overdue"');

    const member = await as(w.memberA.id);
    const m = card(await (await member.get(`/rooms/${w.roomA.id}`)).text());
    expect(m).toContain("Your next training");
    expect(m).toContain("Member tour");
    expect(m).toContain("1 module left.");
    expect(m).not.toContain('data-testid="overdue"');
  });

  it("shows nothing to staff, nor to a customer with no training", async () => {
    const csm = await as(w.csmA.id);
    expect(card(await (await csm.get(`/rooms/${w.roomA.id}`)).text())).toBeNull();
    const viewer = await as(w.viewerA.id);
    const res = await viewer.get(`/rooms/${w.roomA.id}`);
    expect(res.status).toBe(200);
    expect(card(await res.text())).toBeNull();
  });
});

describe("training in the daily reminder digest", () => {
  it("lists overdue and due-soon modules, in each person's language, through the relay", async () => {
    sink.clear();
    expect(runReminderDigests(new Date(), { earliestHour: 0 })).toBe(2);
    const ja = await sink.waitFor((m) => m.to.includes(w.customerAdminA.email));
    expect(ja.subject).toBe("リマインダー：期限間近 0 件、期限超過 1 件（トレーニングを含む）");
    expect(ja.text).toContain("期限を過ぎたトレーニング（1 件）");
    expect(ja.text).toContain("Admin basics");
    expect(ja.text).not.toContain("Roles and rights"); // due in 20 days
    expect(ja.text).toContain(`/rooms/${w.roomA.id}/training/${itemOf("Admin basics")}`);
    const en = await sink.waitFor((m) => m.to.includes(w.memberA.email));
    expect(en.subject).toBe("Reminder: 1 due soon, 0 overdue, training included");
    expect(en.text).toContain("Training due within 2 days (1)");
    expect(en.text).toContain("Member tour");
    expect(en.text).not.toContain("Admin basics");
    // Once a day.
    expect(runReminderDigests(new Date(), { earliestHour: 0 })).toBe(0);
  });
});

describe("certificate of completion", () => {
  const certUrl = (userId: string) => `/rooms/${w.roomA.id}/training/certificates/${pathId}/${userId}`;

  it("is a clear 404 until every module of the path is completed", async () => {
    const admin = await as(w.customerAdminA.id, "en");
    reportLesson(ctx(w.customerAdminA), itemOf("Admin basics"), { position: 1, end: true });
    const res = await admin.get(certUrl(w.customerAdminA.id));
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("ラーニングパスのすべてのモジュールを修了すると発行されます");
    const tab = await (await admin.get(`/rooms/${w.roomA.id}/training`)).text();
    expect(tab).not.toContain("training/certificates/");
    // My training says how far along she is, in her language: one of her two modules.
    expect(tab).toContain("2 件中 1 件完了");
    expect(tab).toMatch(/data-testid="my-training-percent">50(<!-- -->)?%</);
  });

  it("once earned: linked from my training, in the person's language, with name, path, customer, vendor, date", async () => {
    reportLesson(ctx(w.customerAdminA), itemOf("Roles and rights"), { position: 1, end: true });
    const admin = await as(w.customerAdminA.id, "en");
    const tab = await (await admin.get(`/rooms/${w.roomA.id}/training`)).text();
    expect(tab).toContain(`href="${certUrl(w.customerAdminA.id)}"`);
    // Nothing left: the home card is gone.
    expect(card(await (await admin.get(`/rooms/${w.roomA.id}`)).text())).toBeNull();

    const res = await admin.get(certUrl(w.customerAdminA.id));
    expect(res.status).toBe(200);
    const html = await res.text();
    const cert = /<article[^>]*data-testid="certificate"[\s\S]*?<\/article>/.exec(html)![0];
    expect(cert).toContain('lang="ja"'); // the person reads Japanese; the page around it is English
    expect(cert).toContain("修了証");
    expect(cert).toContain("Quentin Admin 様");
    expect(cert).toContain("Administrator path");
    expect(cert).toContain("Quokka Heavy Industries");
    expect(cert).toContain("Wombat Software KK");
    expect(cert).toMatch(new RegExp(`datetime="${today}"`, "i"));
    expect(html).toContain("data-print-report");
    expect(html).toContain("ブラウザの印刷機能"); // the page's own words (no-JS hint) in the reader's language
  });

  it("opens for the room's staff, never for another customer or another tenant", async () => {
    const csm = await as(w.csmA.id);
    tdb.db.update(users).set({ locale: "en" }).where(eq(users.id, w.csmA.id)).run();
    const staffView = await csm.get(certUrl(w.customerAdminA.id));
    expect(staffView.status).toBe(200);
    const staffHtml = await staffView.text();
    // The CSM reads the page in English; the certificate stays in the person's language.
    expect(staffHtml).toContain('<html lang="en"');
    expect(staffHtml).toContain("Use your browser&#x27;s Print command");
    expect(staffHtml).toContain("Quentin Admin 様");
    const progress = await (await csm.get(`/rooms/${w.roomA.id}/training/progress`)).text();
    expect(progress).toContain(`href="${certUrl(w.customerAdminA.id)}"`);
    const member = await as(w.memberA.id);
    expect((await member.get(certUrl(w.customerAdminA.id))).status).toBe(404);
    expect((await member.get(certUrl(w.memberA.id))).status).toBe(404);
    const other = await as(w.customerB.id);
    expect([403, 404]).toContain((await other.get(certUrl(w.customerAdminA.id))).status);
    // A path that does not exist, a person who is not a customer of the room.
    expect((await csm.get(certUrl(w.customerB.id))).status).toBe(404);
    expect(
      (await csm.get(`/rooms/${w.roomA.id}/training/certificates/nope/${w.customerAdminA.id}`)).status,
    ).toBe(404);
  });
});

describe("training in the activity feed", () => {
  it("tells customers in words that their training changed, and keeps completions for the vendor", async () => {
    const member = await as(w.memberA.id);
    const feed = await (await member.get(`/rooms/${w.roomA.id}/activity`)).text();
    expect(feed).toContain("Carla Alpha-Csm added the learning path “Administrator path” to the training");
    expect(feed).toContain("Carla Alpha-Csm added “Member tour” to the training");
    expect(feed).not.toContain("completed the training module");
    const admin = await as(w.customerAdminA.id);
    const ja = await (await admin.get(`/rooms/${w.roomA.id}/activity`)).text();
    expect(ja).toContain("トレーニングにラーニングパス「Administrator path」を追加しました");
    const csm = await as(w.csmA.id);
    const staff = await (await csm.get(`/rooms/${w.roomA.id}/activity`)).text();
    expect(staff).toContain("Quentin Admin completed the training module “Roles and rights”");
  });
});
