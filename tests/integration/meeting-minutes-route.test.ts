import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { writeTransaction } from "#db/client.server";
import { meetings, outbox } from "#db/schema";
import { enqueueMeetingInvitations } from "~/domain/meetings/mail.server";
import { unseal } from "~/utils/seal.server";
import en from "~/i18n/locales/en/app.json";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import { createRelay } from "~/mail/relay.server";
import { createMailTransport } from "~/mail/transport.server";
import { parseRichText } from "~/domain/richtext/richtext";
import { acceptedHostileDoc, HOSTILE_TEXTS } from "../fixtures/hostile-rich-text";
import {
  addActionItem,
  addAttendees,
  addDecisions,
  inertMarkupProblems,
  makeMeeting,
  makeStakeholder,
} from "../helpers/meetings";
import { startSmtpSink } from "../helpers/smtp-sink";

// Sending the minutes from the meeting page of the built app (intent=sendMinutes): the notice with the
// count, a 400 with the message when refused, 404 for a meeting that is not the room's. Access per role is
// in access.test.ts.

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  useDatabase(undefined);
  tdb?.dispose();
});

function as(userId: string) {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  return client;
}

function meetingWithAttendees(roomId: string, emails: (string | null)[], title = "Kickoff") {
  const meeting = makeMeeting(tdb.db, roomId, { title });
  addAttendees(
    tdb.db,
    meeting.id,
    emails.map((email, i) => makeStakeholder(tdb.db, roomId, { name: `Person ${i}`, email }).id),
  );
  return meeting;
}

const minutesPath = (roomId: string, meetingId: string) => `/rooms/${roomId}/meetings/${meetingId}`;
const queuedFor = (meetingTitle: string) =>
  tdb.db
    .select()
    .from(outbox)
    .where(eq(outbox.template, "meeting_minutes"))
    .all()
    .filter((r) => unseal<{ meetingTitle: string }>(r.sealedProps).meetingTitle === meetingTitle);
const sentAt = (id: string) => tdb.db.select().from(meetings).where(eq(meetings.id, id)).get()!.minutesSentAt;

describe("POST /rooms/:roomId/meetings/:meetingId intent=sendMinutes", () => {
  it("queues the minutes and says to how many people", async () => {
    const meeting = meetingWithAttendees(w.roomA.id, ["a@a.example", "b@a.example", null], "Route kickoff");
    const res = await as(w.csmA.id).post(minutesPath(w.roomA.id, meeting.id), { intent: "sendMinutes" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(en.meetingMail.sent_other.replace("{{count}}", "2"));
    expect(
      queuedFor("Route kickoff")
        .map((r) => r.toEmail)
        .sort(),
    ).toEqual(["a@a.example", "b@a.example"]);
    expect(sentAt(meeting.id)).toBeInstanceOf(Date);
  });

  it("answers 400 with the message for a cancelled meeting or one without addresses, and queues nothing", async () => {
    const cancelled = meetingWithAttendees(w.roomA.id, ["c@a.example"], "Cancelled one");
    tdb.db.update(meetings).set({ status: "cancelled" }).where(eq(meetings.id, cancelled.id)).run();
    const nobody = meetingWithAttendees(w.roomA.id, [null], "Nobody with mail");
    for (const [meeting, message] of [
      [cancelled, en.meetingMail.errors.cancelled],
      [nobody, en.meetingMail.errors.noRecipients],
    ] as const) {
      const res = await as(w.csmA.id).post(minutesPath(w.roomA.id, meeting.id), { intent: "sendMinutes" });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(message);
      expect(queuedFor(meeting.title)).toHaveLength(0);
      expect(sentAt(meeting.id)).toBeNull();
    }
  });

  it("a meeting of another room is not found through this room, even for an admin", async () => {
    const other = meetingWithAttendees(w.roomB.id, ["x@b.example"], "Room B meeting");
    const res = await as(w.admin.id).post(minutesPath(w.roomA.id, other.id), { intent: "sendMinutes" });
    expect(res.status).toBe(404);
    expect(queuedFor("Room B meeting")).toHaveLength(0);
    expect(sentAt(other.id)).toBeNull();
  });

  it("refuses an unknown intent with 400, and opening the page sends nothing", async () => {
    const meeting = meetingWithAttendees(w.roomA.id, ["d@a.example"], "Intent check");
    const client = as(w.csmA.id);
    const bad = await client.post(minutesPath(w.roomA.id, meeting.id), { intent: "nope" });
    expect(bad.status).toBe(400);
    expect((await client.get(minutesPath(w.roomA.id, meeting.id))).status).toBe(200);
    expect(queuedFor("Intent check")).toHaveLength(0);
    expect(sentAt(meeting.id)).toBeNull();
  });

  it("the admin outbox page shows an invitation's invite.ics, escaped", async () => {
    const meeting = meetingWithAttendees(w.roomA.id, ["ics@a.example"], "<b>Outbox</b> kickoff");
    writeTransaction(tdb.db, (tx) => enqueueMeetingInvitations(tx, meeting.id, "REQUEST"));
    const row = tdb.db.select().from(outbox).where(eq(outbox.toEmail, "ics@a.example")).get()!;
    const res = await as(w.admin.id).get(`/admin/outbox/${row.id}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("invite.ics");
    expect(page).toContain("text/calendar; charset=utf-8; method=REQUEST");
    expect(page).toContain("METHOD:REQUEST");
    expect(page).toContain(`UID:meeting-${meeting.id}@`);
    expect(page).toContain("SUMMARY:&lt;b&gt;Outbox&lt;/b&gt; kickoff");
  });

  it("minutes of a meeting full of hostile text, sent through the route, arrive inert", async () => {
    const title = `Hostile ${HOSTILE_TEXTS.join(" ")}`;
    const meeting = meetingWithAttendees(w.roomA.id, ["hostile@a.example"], title);
    tdb.db
      .update(meetings)
      .set({ location: HOSTILE_TEXTS.join(" "), sharedNotes: parseRichText(acceptedHostileDoc()) })
      .where(eq(meetings.id, meeting.id))
      .run();
    addDecisions(tdb.db, meeting.id, HOSTILE_TEXTS);
    HOSTILE_TEXTS.forEach((text, position) => addActionItem(tdb.db, meeting, { text, position }));
    const res = await as(w.csmA.id).post(minutesPath(w.roomA.id, meeting.id), { intent: "sendMinutes" });
    expect(res.status).toBe(200);

    const smtp = await startSmtpSink();
    try {
      const relay = createRelay({
        transport: createMailTransport(smtp.url),
        from: "Launchroom <no-reply@launchroom.test>",
        intervalMs: 1000,
      });
      await relay.runOnce();
      const mail = await smtp.waitFor((m) => m.to.includes("hostile@a.example"));
      expect(inertMarkupProblems(mail.html)).toEqual([]);
      expect(mail.html).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
      expect(mail.html).toContain("&lt;style&gt;body{display:none}&lt;/style&gt;");
      expect(mail.text).toContain("<svg onload=window.__pwned=1>");
    } finally {
      await smtp.close();
    }
  });
});
