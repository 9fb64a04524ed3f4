import { and, eq } from "drizzle-orm";
import i18next from "i18next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notificationPreferences, phases } from "#db/schema";
import { makeAccountWithRoom, makeCustomer, makeStaff, addMember } from "#db/factories";
import { describeEvent, type ActivityEventView } from "~/domain/activity/sentences";
import { ACTIVITY_PAGE_SIZE, listActivity } from "~/domain/activity/activity.server";
import { recordEvent, type EventType } from "~/domain/events/events.server";
import { appResources } from "~/i18n/i18n.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import { useTestDatabase } from "../helpers/db";

const i18n = i18next.createInstance();
void i18n.init({
  resources: appResources,
  ns: ["app"],
  defaultNS: "app",
  fallbackLng: "en",
  initImmediate: false,
  interpolation: { escapeValue: false },
});
const sentence = (locale: "ja" | "en", event: ActivityEventView) =>
  describeEvent(event, i18n.getFixedT(locale, "app"), locale);

describe("activity sentences", () => {
  const completed: ActivityEventView = {
    type: "task.completed",
    actorName: "佐藤 美咲",
    data: { title: "SSO設定", visibility: "shared" },
  };

  it("read naturally in Japanese and English", () => {
    expect(sentence("ja", completed)).toBe("佐藤 美咲さんがタスク『SSO設定』を完了しました");
    expect(sentence("en", { ...completed, actorName: "Misaki Sato", data: { title: "Configure SSO" } })).toBe(
      "Misaki Sato completed task 'Configure SSO'",
    );
    expect(sentence("en", { type: "health.pulse_set", actorName: "Carla", data: { value: "red" } })).toBe(
      "Carla set the CSM pulse: Red: at risk",
    );
    expect(
      sentence("ja", { type: "health.alert_opened", actorName: null, data: { rule: "customerInactive" } }),
    ).toBe("アラートが発生しました：顧客の利用なし");
    expect(
      sentence("en", { type: "health.band_changed", actorName: null, data: { from: "green", to: "yellow" } }),
    ).toBe("Health changed from Green to Yellow");
    expect(
      sentence("ja", {
        type: "milestone.rated",
        actorName: "田中 一郎",
        data: { title: "環境準備完了", stars: 4 },
      }),
    ).toBe("田中 一郎さんがマイルストーン『環境準備完了』を 4/5 と評価しました");
    const moved: ActivityEventView = {
      type: "milestone.moved",
      actorName: "Carla",
      data: { title: "Live", from: "2027-01-21", to: "2027-02-04", baseline: "2027-01-21" },
    };
    expect(sentence("en", moved)).toBe("Carla moved milestone 'Live' from Jan 21, 2027 to Feb 4, 2027");
    expect(sentence("ja", moved)).toBe(
      "Carlaさんがマイルストーン『Live』の目標日を 2027年1月21日 から 2027年2月4日 に変更しました",
    );
    expect(
      sentence("en", {
        type: "task.status_changed",
        actorName: "Ann",
        data: { title: "SSO", from: "todo", to: "blocked", reason: "Waiting for IT" },
      }),
    ).toBe("Ann marked task 'SSO' as blocked: Waiting for IT");
    expect(
      sentence("ja", {
        type: "task.status_changed",
        actorName: "Ann",
        data: { title: "SSO", to: "in_progress" },
      }),
    ).toBe("Annさんがタスク『SSO』のステータスを「進行中」に変更しました");
    expect(
      sentence("en", {
        type: "milestone.completed",
        actorName: "Ann",
        data: { title: "FV", firstValue: true },
      }),
    ).toBe("Ann completed milestone 'FV': first value reached");
  });

  it("fall back to a generic sentence for types they do not know, and name the system", () => {
    expect(sentence("en", { type: "comment.created", actorName: "Ann", data: { title: "SSO" } })).toBe(
      "Ann commented on 'SSO'",
    );
    expect(sentence("ja", { type: "stakeholder.updated", actorName: null, data: { title: "山田" } })).toBe(
      "システムが関係者「山田」の情報を更新しました",
    );
    // Adding and removing are not "updating": each has its own verb.
    expect(sentence("en", { type: "task.added", actorName: "Ann", data: { title: "SSO" } })).toBe(
      "Ann added task 'SSO'",
    );
    expect(sentence("ja", { type: "milestone.removed", actorName: "Ann", data: { title: "稼働" } })).toBe(
      "Annさんがマイルストーン『稼働』を削除しました",
    );
    expect(sentence("en", { type: "task.updated", actorName: "Ann", data: { title: "SSO" } })).toBe(
      "Ann updated task 'SSO'",
    );
    expect(sentence("en", { type: "something.new", actorName: "Ann", data: null })).toBe(
      "Ann made a change in the room",
    );
  });
});

describe("the activity list", () => {
  const t = useTestDatabase();

  it("hides internal and staff-only events from customers, filters by kind and pages by 50", () => {
    const db = t.db();
    const csm = makeStaff(db);
    const { room, account } = makeAccountWithRoom(db, { csmId: csm.id });
    const customer = makeCustomer(db);
    addMember(db, room.id, customer.id, "customer_member");
    const ev = (type: EventType, data: Record<string, unknown>) =>
      recordEvent(db, { actorId: csm.id, type, accountId: account.id, roomId: room.id, data });
    ev("task.completed", { title: "Shared task", visibility: "shared" });
    ev("task.completed", { title: "Internal task", visibility: "internal" });
    ev("comment.added", { title: "Shared task", visibility: "shared", internal: true });
    ev("invitation.sent", { email: "someone@customer.example", role: "viewer" });
    ev("milestone.completed", { title: "Kickoff", visibility: "shared" });
    const titles = (role: "owner" | "customer_member", kind: "all" | "tasks" = "all") =>
      listActivity({ room, role }, { kind, page: 1 }).events.map(
        (e) => `${e.type}:${String(e.data?.title ?? e.data?.email)}`,
      );
    expect(titles("owner")).toEqual([
      "milestone.completed:Kickoff",
      "invitation.sent:someone@customer.example",
      "comment.added:Shared task",
      "task.completed:Internal task",
      "task.completed:Shared task",
    ]);
    expect(titles("customer_member")).toEqual(["milestone.completed:Kickoff", "task.completed:Shared task"]);
    expect(titles("owner", "tasks")).toEqual(["task.completed:Internal task", "task.completed:Shared task"]);

    for (let i = 0; i < ACTIVITY_PAGE_SIZE; i++)
      ev("task.completed", { title: `Bulk ${i}`, visibility: "shared" });
    const second = listActivity({ room, role: "customer_member" }, { kind: "all", page: 2 });
    expect([second.page, second.pageCount, second.events.length]).toEqual([2, 2, 2]);
    expect(second.events.map((e) => e.data?.title)).toEqual(["Kickoff", "Shared task"]);
  });
});

describe("the activity and notification pages", () => {
  let tdb: TestDatabase;
  let app: TestApp;
  let w: TwoTenants;

  beforeAll(async () => {
    tdb = createTestDatabase();
    w = seedTwoTenants(tdb.db);
    const ev = (actorId: string, type: EventType, data: Record<string, unknown>) =>
      recordEvent(tdb.db, { actorId, type, accountId: w.accountA.id, roomId: w.roomA.id, data });
    ev(w.memberA.id, "task.completed", { title: "Configure SSO", visibility: "shared" });
    ev(w.csmA.id, "task.completed", { title: "Vendor-only pricing review", visibility: "internal" });
    ev(w.csmA.id, "invitation.sent", { email: "hidden.invitee@quokka.example", role: "viewer" });
    app = await startTestApp({ databasePath: tdb.path });
  });
  afterAll(async () => {
    await app?.close();
    tdb?.dispose();
  });

  async function get(persona: keyof TwoTenants | null, path: string, lang?: "ja" | "en") {
    const client = new Client(app.url);
    if (persona) signInAs(tdb.db, client, (w[persona] as { id: string }).id);
    if (lang) client.cookies.set("launchroom_lang", lang);
    const res = await client.request(path);
    return { status: res.status, html: await res.text(), client };
  }

  it("shows customers the shared events as sentences and never the internal ones", async () => {
    const member = await get("memberA", `/rooms/${w.roomA.id}/activity`, "en");
    expect(member.status).toBe(200);
    expect(member.html).toContain("Quinn Member completed task &#x27;Configure SSO&#x27;");
    expect(member.html).not.toContain("Vendor-only pricing review");
    expect(member.html).not.toContain("hidden.invitee@quokka.example");

    const csm = await get("csmA", `/rooms/${w.roomA.id}/activity`, "ja");
    expect(csm.status).toBe(200);
    expect(csm.html).toContain("Carla Alpha-Csmさんがタスク『Vendor-only pricing review』を完了しました");
    expect(csm.html).toContain("hidden.invitee@quokka.example");

    const filtered = await get("csmA", `/rooms/${w.roomA.id}/activity?kind=members`, "en");
    expect(filtered.html).toContain("hidden.invitee@quokka.example");
    expect(filtered.html).not.toContain("Configure SSO");
  });

  it("says a task that was just added was added, not updated (issue 9)", async () => {
    const phaseId = tdb.db
      .insert(phases)
      .values({ roomId: w.roomA.id, title: "Setup", position: 0 })
      .returning()
      .get().id;
    const csm = new Client(app.url);
    signInAs(tdb.db, csm, w.csmA.id);
    const added = await csm.post(`/rooms/${w.roomA.id}/plan/edit`, {
      intent: "addTask",
      phaseId,
      title: "Import the user list",
      side: "customer",
      visibility: "shared",
    });
    expect(added.status).toBe(200);
    const en = await get("memberA", `/rooms/${w.roomA.id}/activity`, "en");
    expect(en.html).toContain("Carla Alpha-Csm added task &#x27;Import the user list&#x27;");
    expect(en.html).not.toContain("updated task &#x27;Import the user list&#x27;");
    const ja = await get("csmA", `/rooms/${w.roomA.id}/activity`, "ja");
    expect(ja.html).toContain("Carla Alpha-Csmさんがタスク『Import the user list』を追加しました");
    expect(ja.html).not.toContain("『Import the user list』を更新しました");
  });

  it("answers outsiders as if the room did not exist", async () => {
    expect((await get(null, `/rooms/${w.roomA.id}/activity`)).status).toBe(302);
    expect((await get("customerB", `/rooms/${w.roomA.id}/activity`)).status).toBe(404);
    expect((await get("customerB", `/rooms/${w.roomA.id}/notifications`)).status).toBe(404);
  });

  it("saves the three email preferences per user and room", async () => {
    const page = await get("memberA", `/rooms/${w.roomA.id}/notifications`, "en");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Task reminders");
    const res = await page.client.request(`/rooms/${w.roomA.id}/notifications`, {
      form: { reminderEmails: "on" },
    });
    expect(res.status).toBe(200);
    const row = tdb.db
      .select()
      .from(notificationPreferences)
      .where(
        and(eq(notificationPreferences.userId, w.memberA.id), eq(notificationPreferences.roomId, w.roomA.id)),
      )
      .get();
    expect(row).toMatchObject({ milestoneEmails: false, reminderEmails: true, mentionEmails: false });
    const again = await page.client.request(`/rooms/${w.roomA.id}/notifications`);
    const html = await again.text();
    expect(html.match(/type="checkbox"[^>]*checked/g) ?? []).toHaveLength(1);
  });
});
