import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { addMember, makeAccountWithRoom, makeCustomer } from "#db/factories";
import {
  accounts,
  actionItems,
  events,
  meetingAttendees,
  meetingDecisions,
  meetings,
  memberships,
  phases,
  roomHealth,
  stakeholders,
  tasks,
} from "#db/schema";
import { recomputeRoomHealth } from "~/domain/health/recompute.server";
import { builtInAgenda } from "~/domain/meetings/agendas";
import { instantOf, wallClockOf } from "~/domain/meetings/zone";
import en from "~/i18n/locales/en/app.json";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import { doc, HOSTILE_DOCS, HOSTILE_TEXTS, p, text } from "../fixtures/hostile-rich-text";

// Meetings and minutes through the real routes of the built app.

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;
let vendorPerson: string;
let customerPerson: string;
let phaseId: string;

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  // Room A's account runs on New York time: entries and pages are in that zone (DST included).
  tdb.db.update(accounts).set({ timeZone: "America/New_York" }).where(eq(accounts.id, w.accountA.id)).run();
  const person = (name: string, side: "vendor" | "customer", userId: string | null) =>
    tdb.db.insert(stakeholders).values({ roomId: w.roomA.id, name, side, userId }).returning().get().id;
  vendorPerson = person("Carla Alpha-Csm", "vendor", w.csmA.id);
  customerPerson = person("Quentin Admin", "customer", w.customerAdminA.id);
  person("Mia Member", "customer", w.memberA.id);
  phaseId = tdb.db
    .insert(phases)
    .values({ roomId: w.roomA.id, title: "Setup", position: 0 })
    .returning()
    .get().id;
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  tdb?.dispose();
});

async function as(userId: string, lang = "en") {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  client.cookies.set("lang", lang);
  return client;
}

/** A form post with repeated keys (checkbox lists). */
function post(client: Client, path: string, pairs: [string, string][]) {
  return client.request(path, {
    method: "POST",
    body: new URLSearchParams(pairs),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}

const base = () => `/rooms/${w.roomA.id}/meetings`;
const escaped = (value: string) =>
  value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
const meetingCount = () => tdb.db.select().from(meetings).all().length;
const meetingRow = (id: string) => tdb.db.select().from(meetings).where(eq(meetings.id, id)).get()!;

async function schedule(fields: Record<string, string> = {}, attendees = [vendorPerson, customerPerson]) {
  const csm = await as(w.csmA.id);
  const form = { type: "kickoff", date: "2026-12-10", time: "10:00", durationMinutes: "60", ...fields };
  const res = await post(csm, `${base()}/new`, [
    ["intent", "schedule"],
    ...Object.entries(form),
    ...attendees.map((a) => ["attendeeIds", a] as [string, string]),
  ]);
  expect(res.status).toBe(302);
  return res.headers.get("location")!.split("/").pop()!;
}

describe("zone conversion", () => {
  it("reads wall-clock times in the zone, with DST and the skipped hour", () => {
    expect(instantOf("2026-07-01", "10:00", "America/New_York")!.toISOString()).toBe(
      "2026-07-01T14:00:00.000Z",
    );
    expect(instantOf("2026-12-01", "10:00", "America/New_York")!.toISOString()).toBe(
      "2026-12-01T15:00:00.000Z",
    );
    expect(instantOf("2026-12-01", "10:00", "Asia/Tokyo")!.toISOString()).toBe("2026-12-01T01:00:00.000Z");
    // 2027-03-14 02:30 does not exist in New York (spring forward); 2026-11-01 01:30 happens twice.
    expect(instantOf("2027-03-14", "02:30", "America/New_York")).toBeNull();
    expect(instantOf("2026-11-01", "01:30", "America/New_York")!.toISOString()).toBe(
      "2026-11-01T05:30:00.000Z",
    );
    expect(wallClockOf(new Date("2026-11-01T06:30:00Z"), "America/New_York")).toEqual({
      date: "2026-11-01",
      time: "01:30",
    });
  });
});

describe("scheduling", () => {
  it("refuses bad input with 400 and a clear message, nothing stored, typed values kept", async () => {
    const csm = await as(w.csmA.id);
    const before = meetingCount();
    const cases: [string, string][][] = [
      [["time", "25:00"]],
      [["date", "2026-02-30"]],
      [["durationMinutes", "0"]],
      [["videoUrl", "javascript:alert(1)"]],
      [["type", "party"]],
      [
        ["attendeeIds", customerPerson],
        ["attendeeIds", "not-in-this-room"],
      ],
      // Skipped by the DST jump in the account's zone.
      [
        ["date", "2027-03-14"],
        ["time", "02:30"],
      ],
    ];
    for (const overrides of cases) {
      const fields = new Map<string, string>([
        ["type", "kickoff"],
        ["date", "2026-12-10"],
        ["time", "10:00"],
        ["durationMinutes", "60"],
        ["title", "Typed title <kept>"],
      ]);
      const extra: [string, string][] = [];
      for (const [k, v] of overrides)
        if (k === "attendeeIds") extra.push([k, v]);
        else fields.set(k, v);
      const res = await post(csm, `${base()}/new`, [["intent", "schedule"], ...fields, ...extra]);
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      const page = await res.text();
      expect(page).toMatch(/class="field-error" role="alert"/);
      expect(page).toContain("Typed title &lt;kept&gt;");
    }
    expect(meetingCount()).toBe(before);
  });

  it("stores the instant of the time entered in the account's zone and shows it back in that zone", async () => {
    const id = await schedule({ date: "2027-03-20", time: "09:30" });
    const row = meetingRow(id);
    // March 20th is after the spring-forward: New York is UTC−4.
    expect(row.startsAt.toISOString()).toBe("2027-03-20T13:30:00.000Z");
    expect(row.title).toBe("Kickoff");
    // The shared notes start as the kickoff agenda (English: a New York account).
    expect(row.sharedNotes).toEqual(builtInAgenda("kickoff", "en"));
    const page = await (await as(w.csmA.id)).get(`${base()}/${id}`).then((r) => r.text());
    expect(page).toMatch(/9:30/);
    // The zone as people name it, in the reader's language (English here), not its database id.
    expect(page).toContain("(Eastern Time)");
    expect(
      tdb.db.select().from(meetingAttendees).where(eq(meetingAttendees.meetingId, id)).all(),
    ).toHaveLength(2);
  });

  it("moves, then refuses a stale move with 409, then cancels", async () => {
    const id = await schedule();
    const csm = await as(w.csmA.id);
    const move = (version: string, time: string) =>
      post(csm, `${base()}/${id}`, [
        ["intent", "update"],
        ["version", version],
        ["type", "kickoff"],
        ["title", "Moved kickoff"],
        ["date", "2026-12-11"],
        ["time", time],
        ["durationMinutes", "90"],
        ["attendeeIds", customerPerson],
      ]);
    expect((await move("1", "14:00")).status).toBe(200);
    const moved = meetingRow(id);
    expect(moved.startsAt.toISOString()).toBe("2026-12-11T19:00:00.000Z");
    expect(moved.version).toBe(2);
    expect(moved.icsSequence).toBe(1);
    expect(
      tdb.db.select().from(meetingAttendees).where(eq(meetingAttendees.meetingId, id)).all(),
    ).toHaveLength(1);
    const staleRes = await move("1", "15:00");
    expect(staleRes.status).toBe(409);
    expect(await staleRes.text()).toContain(escaped(en.meetings.stale).slice(0, 30));
    expect(meetingRow(id).startsAt.toISOString()).toBe("2026-12-11T19:00:00.000Z");
    expect((await csm.post(`${base()}/${id}`, { intent: "cancel", version: "1" })).status).toBe(409);
    expect((await csm.post(`${base()}/${id}`, { intent: "cancel", version: "2" })).status).toBe(200);
    expect(meetingRow(id).status).toBe("cancelled");
    expect(meetingRow(id).icsSequence).toBe(2);
  });

  it("customers see meetings but may not schedule or change them", async () => {
    const id = await schedule();
    const customer = await as(w.customerAdminA.id);
    expect((await customer.get(base())).status).toBe(200);
    expect((await customer.get(`${base()}/${id}`)).status).toBe(200);
    expect((await customer.get(`${base()}/new`)).status).toBe(403);
    expect((await customer.post(`${base()}/${id}`, { intent: "cancel", version: "1" })).status).toBe(403);
    expect(meetingRow(id).status).toBe("scheduled");
    // Another tenant does not even learn it exists.
    expect((await (await as(w.customerB.id)).get(`${base()}/${id}`)).status).toBe(404);
  });
});

describe("notes", () => {
  it("a save from an older version never overwrites: both versions shown, keep mine or keep theirs", async () => {
    const id = await schedule();
    const alice = await as(w.csmA.id);
    const bob = await as(w.csmA.id);
    // Both opened the page at version 1; Alice saves first.
    const a = await alice.post(`${base()}/${id}`, {
      intent: "notes",
      notesVersion: "1",
      sharedText: "Alice shared",
      internalText: "Alice internal",
    });
    expect(a.status).toBe(200);
    expect(meetingRow(id).notesVersion).toBe(2);
    const b = await bob.post(`${base()}/${id}`, {
      intent: "notes",
      notesVersion: "1",
      sharedText: "Bob shared",
      internalText: "Bob internal",
    });
    expect(b.status).toBe(409);
    const page = await b.text();
    // Theirs rendered, mine still in the textarea, and the form now saves from their version.
    expect(page).toContain('data-testid="notes-conflict"');
    expect(page).toContain("<p>Alice shared</p>");
    expect(page).toMatch(/<textarea[^>]*name="sharedText"[^>]*>Bob shared<\/textarea>/);
    expect(page).toMatch(/name="notesVersion" value="2"/);
    expect(meetingRow(id).sharedNotes).toEqual(doc(p(text("Alice shared"))));
    // Keep mine: save again with their version.
    const keep = await bob.post(`${base()}/${id}`, {
      intent: "notes",
      notesVersion: "2",
      sharedText: "Bob shared",
      internalText: "Bob internal",
    });
    expect(keep.status).toBe(200);
    expect(meetingRow(id).sharedNotes).toEqual(doc(p(text("Bob shared"))));
    expect(meetingRow(id).notesVersion).toBe(3);
    // The other way round: Alice, still at version 2, is now the stale one and keeps theirs (reloads).
    const c = await alice.post(`${base()}/${id}`, {
      intent: "notes",
      notesVersion: "2",
      sharedText: "Alice again",
    });
    expect(c.status).toBe(409);
    expect(await c.text()).toContain("<p>Bob shared</p>");
    const reload = await (await alice.get(`${base()}/${id}`)).text();
    expect(reload).toMatch(/<textarea[^>]*name="sharedText"[^>]*>Bob shared<\/textarea>/);
    expect(meetingRow(id).sharedNotes).toEqual(doc(p(text("Bob shared"))));
  });

  it("internal notes never reach a customer's page", async () => {
    const id = await schedule();
    const csm = await as(w.csmA.id);
    await csm.post(`${base()}/${id}`, {
      intent: "notes",
      notesVersion: "1",
      sharedText: "Visible to all",
      internalText: "SECRET-INTERNAL-NOTE",
    });
    for (const user of [w.customerAdminA, w.memberA, w.viewerA]) {
      const page = await (await as(user.id)).get(`${base()}/${id}`).then((r) => r.text());
      expect(page).toContain("Visible to all");
      expect(page).not.toContain("SECRET-INTERNAL-NOTE");
    }
    const staff = await (await as(w.salesA.id)).get(`${base()}/${id}`).then((r) => r.text());
    expect(staff).toContain("SECRET-INTERNAL-NOTE");
  });

  it.each(HOSTILE_DOCS.filter((c) => c.name !== "class instance node").slice(0, 25))(
    "refuses hostile notes ($name) with 400, nothing stored",
    async ({ input }) => {
      const id = await schedule();
      const before = meetingRow(id).sharedNotes;
      const csm = await as(w.csmA.id);
      const json = typeof input === "string" ? input : JSON.stringify(input);
      for (const field of ["sharedJson", "internalJson"]) {
        const res = await csm.post(`${base()}/${id}`, { intent: "notes", notesVersion: "1", [field]: json });
        expect(res.status).toBe(400);
      }
      expect(meetingRow(id).sharedNotes).toEqual(before);
      expect(meetingRow(id).notesVersion).toBe(1);
    },
  );
});

describe("hostile text in every field renders inert", () => {
  it("title, place, notes, decisions and action items", async () => {
    const csm = await as(w.csmA.id);
    for (const value of HOSTILE_TEXTS) {
      const id = await schedule({ title: value.slice(0, 200), location: value });
      await csm.post(`${base()}/${id}`, { intent: "notes", notesVersion: "1", sharedText: value });
      await csm.post(`${base()}/${id}`, { intent: "addDecision", text: value });
      await csm.post(`${base()}/${id}`, { intent: "addActionItem", text: value });
      for (const user of [w.csmA, w.customerAdminA]) {
        const page = await (await as(user.id)).get(`${base()}/${id}`).then((r) => r.text());
        // (A value without markup may appear as it is inside the page's JSON data; markup never does.)
        if (value.includes("<")) expect(page).not.toContain(value);
        expect(page).toContain(escaped(value));
        expect(page).not.toMatch(/<(img|svg|iframe|style)[^>]*(onerror|onload|javascript)/i);
      }
      const list = await (await as(w.customerAdminA.id)).get(base()).then((r) => r.text());
      if (value.includes("<")) expect(list).not.toContain(value);
    }
  });
});

describe("decisions and action items", () => {
  it("adds, reorders and removes decisions", async () => {
    const id = await schedule();
    const csm = await as(w.csmA.id);
    for (const t of ["First", "Second", "Third"])
      expect((await csm.post(`${base()}/${id}`, { intent: "addDecision", text: t })).status).toBe(200);
    expect((await csm.post(`${base()}/${id}`, { intent: "addDecision", text: " " })).status).toBe(400);
    const list = () =>
      tdb.db
        .select()
        .from(meetingDecisions)
        .where(eq(meetingDecisions.meetingId, id))
        .all()
        .sort((a, b) => a.position - b.position)
        .map((d) => d.text);
    expect(list()).toEqual(["First", "Second", "Third"]);
    const third = tdb.db
      .select()
      .from(meetingDecisions)
      .where(eq(meetingDecisions.text, "Third"))
      .all()
      .at(-1)!;
    await csm.post(`${base()}/${id}`, { intent: "moveDecision", decisionId: third.id, direction: "up" });
    expect(list()).toEqual(["First", "Third", "Second"]);
    const first = tdb.db
      .select()
      .from(meetingDecisions)
      .where(and(eq(meetingDecisions.meetingId, id), eq(meetingDecisions.text, "First")))
      .get()!;
    await csm.post(`${base()}/${id}`, { intent: "removeDecision", decisionId: first.id });
    expect(list()).toEqual(["Third", "Second"]);
    const customerPage = await (await as(w.memberA.id)).get(`${base()}/${id}`).then((r) => r.text());
    expect(customerPage).toContain("Third");
  });

  it("makes an action item a task in one click, linked both ways; done follows the task; open items carry over", async () => {
    const first = await schedule({ date: "2026-11-02", time: "10:00" });
    const csm = await as(w.csmA.id);
    expect(
      (
        await csm.post(`${base()}/${first}`, {
          intent: "addActionItem",
          text: "Send the SSO metadata",
          ownerId: customerPerson,
          dueDate: "2026-12-01",
        })
      ).status,
    ).toBe(200);
    expect(
      (await csm.post(`${base()}/${first}`, { intent: "addActionItem", text: "Hand-done item" })).status,
    ).toBe(200);
    expect(
      (await csm.post(`${base()}/${first}`, { intent: "addActionItem", text: "x", ownerId: "nope" })).status,
    ).toBe(400);
    expect(
      (await csm.post(`${base()}/${first}`, { intent: "addActionItem", text: "x", dueDate: "2026-13-01" }))
        .status,
    ).toBe(400);
    const item = tdb.db
      .select()
      .from(actionItems)
      .where(eq(actionItems.text, "Send the SSO metadata"))
      .get()!;
    const res = await csm.post(`${base()}/${first}`, { intent: "makeTask", itemId: item.id });
    expect(res.status).toBe(200);
    const taskId = tdb.db.select().from(actionItems).where(eq(actionItems.id, item.id)).get()!.taskId!;
    const task = tdb.db.select().from(tasks).where(eq(tasks.id, taskId)).get()!;
    expect(task).toMatchObject({
      phaseId,
      side: "customer",
      visibility: "shared",
      dueDate: "2026-12-01",
      assigneeId: customerPerson,
      title: "Send the SSO metadata",
    });
    // Twice is refused.
    expect((await csm.post(`${base()}/${first}`, { intent: "makeTask", itemId: item.id })).status).toBe(400);
    // The task page links back; the meeting page links to the task.
    const taskPage = await (
      await as(w.customerAdminA.id)
    )
      .get(`/rooms/${w.roomA.id}/tasks/${taskId}`)
      .then((r) => r.text());
    expect(taskPage).toContain(`href="/rooms/${w.roomA.id}/meetings/${first}"`);
    expect(taskPage).toContain('data-testid="from-meeting"');
    const meetingPage = await (await as(w.customerAdminA.id)).get(`${base()}/${first}`).then((r) => r.text());
    expect(meetingPage).toContain(`href="/rooms/${w.roomA.id}/tasks/${taskId}"`);

    // A later meeting carries both open items over, marked with where they came from.
    const second = await schedule({ type: "regular", date: "2026-12-15", time: "10:00" });
    let page = await (await as(w.csmA.id)).get(`${base()}/${second}`).then((r) => r.text());
    const carried = () => /data-testid="carried-over"[\s\S]*?<\/ul>/.exec(page)?.[0] ?? "";
    expect(carried()).toContain("Send the SSO metadata");
    expect(carried()).toContain("Hand-done item");
    expect(carried()).toContain(`href="/rooms/${w.roomA.id}/meetings/${first}"`);

    // Done by hand; and the task's item is done when its task is (marking it by hand is refused).
    const handItem = tdb.db.select().from(actionItems).where(eq(actionItems.text, "Hand-done item")).get()!;
    expect((await csm.post(`${base()}/${first}`, { intent: "itemDone", itemId: handItem.id })).status).toBe(
      200,
    );
    expect((await csm.post(`${base()}/${first}`, { intent: "itemDone", itemId: item.id })).status).toBe(400);
    tdb.db.update(tasks).set({ status: "done", completedAt: new Date() }).where(eq(tasks.id, taskId)).run();
    page = await (await as(w.csmA.id)).get(`${base()}/${second}`).then((r) => r.text());
    expect(carried()).not.toContain("Send the SSO metadata");
    expect(carried()).not.toContain("Hand-done item");
    const firstPage = await (await as(w.csmA.id)).get(`${base()}/${first}`).then((r) => r.text());
    const items = /data-testid="action-items"[\s\S]*?<\/ul>/.exec(firstPage)?.[0] ?? "";
    expect(items.match(/>Done</g)?.length).toBe(2);
  });
});

describe("attendance", () => {
  it("recording a customer attendee as attended lifts the room's last customer activity", async () => {
    // A room of its own, whose customer joined on Nov 1st and has not been active since.
    const { room } = makeAccountWithRoom(tdb.db, { csmId: w.csmA.id, timeZone: "Asia/Tokyo" });
    const quiet = makeCustomer(tdb.db, { name: "Quiet Customer", email: "quiet@customer.example" });
    const joined = addMember(tdb.db, room.id, quiet.id, "customer_member");
    tdb.db
      .update(memberships)
      .set({ createdAt: new Date("2026-11-01T00:00:00Z") })
      .where(eq(memberships.id, joined.id))
      .run();
    const quietPerson = tdb.db
      .insert(stakeholders)
      .values({ roomId: room.id, name: "Quiet Customer", side: "customer", userId: quiet.id })
      .returning()
      .get().id;
    const csm = await as(w.csmA.id);
    const created = await post(csm, `/rooms/${room.id}/meetings/new`, [
      ["intent", "schedule"],
      ["type", "regular"],
      ["date", "2026-11-20"],
      ["time", "10:00"],
      ["durationMinutes", "30"],
      ["attendeeIds", quietPerson],
    ]);
    expect(created.status).toBe(302);
    const id = created.headers.get("location")!.split("/").pop()!;
    const now = new Date("2026-11-25T03:00:00Z");
    const lastActivity = () => {
      recomputeRoomHealth(room.id, now);
      return tdb.db.select().from(roomHealth).where(eq(roomHealth.roomId, room.id)).get()!
        .lastCustomerActivityOn;
    };
    expect(lastActivity()).toBe("2026-11-01");
    const res = await post(csm, `/rooms/${room.id}/meetings/${id}`, [
      ["intent", "attendance"],
      ["attended", quietPerson],
    ]);
    expect(res.status).toBe(200);
    expect(
      tdb.db.select().from(meetingAttendees).where(eq(meetingAttendees.meetingId, id)).get()!.attended,
    ).toBe(true);
    const presence = () =>
      tdb.db
        .select()
        .from(events)
        .where(and(eq(events.type, "meeting.attendance_recorded"), eq(events.subjectId, id)))
        .all();
    expect(presence()).toHaveLength(1);
    expect(presence()[0]!.actorId).toBe(quiet.id);
    expect(lastActivity()).toBe("2026-11-20");
    // Recording again adds no second presence; "did not attend" records false and no presence.
    await post(csm, `/rooms/${room.id}/meetings/${id}`, [
      ["intent", "attendance"],
      ["attended", quietPerson],
    ]);
    expect(presence()).toHaveLength(1);
    await post(csm, `/rooms/${room.id}/meetings/${id}`, [["intent", "attendance"]]);
    expect(
      tdb.db.select().from(meetingAttendees).where(eq(meetingAttendees.meetingId, id)).get()!.attended,
    ).toBe(false);
  });

  it("refuses attendance before the meeting starts", async () => {
    const id = await schedule({ date: "2030-01-10", time: "10:00" });
    const res = await post(await as(w.csmA.id), `${base()}/${id}`, [
      ["intent", "attendance"],
      ["attended", customerPerson],
    ]);
    expect(res.status).toBe(400);
  });
});

describe("agenda templates", () => {
  it("an admin's agenda is what a new meeting of that type starts from; reset goes back to the built-in one", async () => {
    const admin = await as(w.admin.id);
    expect((await admin.get("/admin/agendas?type=planning")).status).toBe(200);
    expect((await (await as(w.csmA.id)).get("/admin/agendas")).status).toBe(403);
    expect(
      (
        await admin.post("/admin/agendas", {
          intent: "save",
          type: "planning",
          locale: "en",
          bodyText: "Our planning agenda",
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await admin.post("/admin/agendas", {
          intent: "save",
          type: "planning",
          locale: "en",
          bodyJson: JSON.stringify(HOSTILE_DOCS[0]!.input),
        })
      ).status,
    ).toBe(400);
    const id = await schedule({ type: "planning" });
    expect(meetingRow(id).sharedNotes).toEqual(doc(p(text("Our planning agenda"))));
    await admin.post("/admin/agendas", { intent: "reset", type: "planning", locale: "en" });
    const id2 = await schedule({ type: "planning" });
    expect(meetingRow(id2).sharedNotes).toEqual(builtInAgenda("planning", "en"));
  });
});
