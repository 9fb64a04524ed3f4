import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { writeTransaction } from "#db/client.server";
import { addMember, makeAccountWithRoom, makeCustomer, makeStaff } from "#db/factories";
import { events, meetings, outbox } from "#db/schema";
import {
  bumpSequence,
  countMeetingRecipients,
  enqueueMeetingInvitations,
  enqueueMinutes,
  meetingUid,
} from "~/domain/meetings/mail.server";
import { parseRichText } from "~/domain/richtext/richtext";
import { createRelay } from "~/mail/relay.server";
import { createMailTransport } from "~/mail/transport.server";
import { DomainError } from "~/utils/errors";
import { acceptedHostileDoc, doc, HOSTILE_TEXTS, p, text } from "../fixtures/hostile-rich-text";
import { useTestDatabase } from "../helpers/db";
import {
  addActionItem,
  addAttendees,
  addDecisions,
  icsLines,
  icsText,
  icsValue,
  inertMarkupProblems,
  makeMeeting,
  makeStakeholder,
} from "../helpers/meetings";
import { startSmtpSink, type ReceivedEmail, type SmtpSink } from "../helpers/smtp-sink";

const t = useTestDatabase();
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const FROM = "Launchroom <no-reply@launchroom.test>";

const sinks: SmtpSink[] = [];
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

async function sink(opts: { mode?: "accept" | "tempfail" } = {}) {
  const s = await startSmtpSink(opts);
  sinks.push(s);
  return s;
}

/** Sends everything pending in the outbox to a fresh SMTP sink through the real relay. */
async function deliver() {
  const smtp = await sink();
  const relay = createRelay({ transport: createMailTransport(smtp.url), from: FROM, intervalMs: 1000 });
  await relay.runOnce();
  return smtp;
}

/**
 * A Tokyo account with a Japanese CSM, an English-speaking customer user, a team-list person with only an
 * address (→ the account's language, Japanese) and one without any address.
 */
function setup() {
  const db = t.db();
  const csm = makeStaff(db, {
    staffRole: "csm",
    name: "佐藤 花子",
    email: "hanako@vendor.example",
    locale: "ja",
  });
  const { room, account } = makeAccountWithRoom(db, { csmId: csm.id, roomTitle: "導入プロジェクト" });
  const emily = makeCustomer(db, { name: "Emily Carter", email: "emily@customer.example", locale: "en" });
  addMember(db, room.id, emily.id, "customer_admin");
  const people = {
    csm: makeStakeholder(db, room.id, { name: "佐藤 花子", side: "vendor", userId: csm.id }),
    emily: makeStakeholder(db, room.id, { name: "Emily Carter", userId: emily.id }),
    yamada: makeStakeholder(db, room.id, { name: "山田 太郎", email: "yamada@customer.example" }),
    noAddress: makeStakeholder(db, room.id, { name: "住所 なし" }),
  };
  const meeting = makeMeeting(db, room.id, {
    title: "キックオフ",
    // 10:00–11:00 in Tokyo.
    startsAt: new Date("2026-12-07T01:00:00Z"),
    durationMinutes: 60,
    location: "本社 5F",
    videoUrl: "https://meet.example.com/abc",
    createdById: csm.id,
  });
  addAttendees(
    db,
    meeting.id,
    Object.values(people).map((s) => s.id),
  );
  return { db, csm, emily, room, account, people, meeting };
}

const ics = (m: ReceivedEmail) => {
  expect(m.attachments).toHaveLength(1);
  const [file] = m.attachments;
  expect(file.filename).toBe("invite.ics");
  expect(file.contentType).toBe("text/calendar");
  return { text: file.content.toString("utf8"), header: file.contentTypeHeader };
};
const byAddress = (smtp: SmtpSink, address: string) => {
  const found = smtp.messages.filter((m) => m.to.includes(address));
  expect(found, address).toHaveLength(1);
  return found[0]!;
};
const run = <T>(fn: Parameters<typeof writeTransaction<T>>[1]) => writeTransaction(t.db(), fn);

describe("meeting invitations", () => {
  it("send a REQUEST with invite.ics to every attendee with an address, each in their language", async () => {
    const { meeting } = setup();
    run((tx) => enqueueMeetingInvitations(tx, meeting.id, "REQUEST"));
    const smtp = await deliver();
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual([
      "emily@customer.example",
      "hanako@vendor.example",
      "yamada@customer.example",
    ]);

    const emily = byAddress(smtp, "emily@customer.example");
    expect(emily.subject).toBe("Invitation: キックオフ (Mon, December 7, 2026)");
    expect(emily.text).toContain("Hello Emily Carter,");
    // The account's zone (Tokyo), named, in English.
    expect(emily.text).toContain("Mon, December 7, 2026 10:00–11:00 GMT+9");
    expect(emily.text).not.toMatch(/招待|様/);

    const yamada = byAddress(smtp, "yamada@customer.example");
    expect(yamada.subject).toBe("会議のご案内：キックオフ（2026年12月7日(月)）");
    expect(yamada.text).toContain("山田 太郎 様");
    expect(yamada.text).toContain("2026年12月7日(月) 10:00–11:00 JST");
    expect(yamada.text).toContain("https://meet.example.com/abc");

    for (const m of smtp.messages) {
      const { text: cal, header } = ics(m);
      expect(header).toMatch(/method=REQUEST/i);
      expect(cal.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
      expect(cal.endsWith("END:VCALENDAR\r\n")).toBe(true);
      expect(icsValue(cal, "METHOD")).toBe("REQUEST");
      expect(icsValue(cal, "UID")).toBe(`meeting-${meeting.id}@localhost`);
      expect(icsValue(cal, "UID")).toBe(meetingUid(meeting.id));
      expect(icsValue(cal, "SEQUENCE")).toBe("0");
      // 10:00 in Tokyo is 01:00 UTC.
      expect(icsValue(cal, "DTSTART")).toBe("20261207T010000Z");
      expect(icsValue(cal, "DTEND")).toBe("20261207T020000Z");
      expect(icsValue(cal, "STATUS")).toBe("CONFIRMED");
      expect(icsText(icsValue(cal, "SUMMARY")!)).toBe("キックオフ");
      expect(icsText(icsValue(cal, "LOCATION")!)).toBe("本社 5F");
      expect(icsValue(cal, "URL")).toBe("https://meet.example.com/abc");
      expect(icsLines(cal).find((l) => l.startsWith("ORGANIZER"))).toBe(
        'ORGANIZER;CN="佐藤 花子":mailto:hanako@vendor.example',
      );
      const attendees = icsLines(cal).filter((l) => l.startsWith("ATTENDEE"));
      expect(attendees.map((l) => l.slice(l.lastIndexOf("mailto:"))).sort()).toEqual([
        "mailto:emily@customer.example",
        "mailto:hanako@vendor.example",
        "mailto:yamada@customer.example",
      ]);
      // Folded at 75 octets.
      for (const line of cal.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    }
  });

  it("an update raises SEQUENCE and moves DTSTART; a cancellation sends METHOD:CANCEL and STATUS:CANCELLED", async () => {
    const { db, meeting } = setup();
    run((tx) => enqueueMeetingInvitations(tx, meeting.id, "REQUEST"));
    const first = await deliver();

    // Moved to 14:30 Tokyo time the next day.
    run((tx) => {
      tx.update(meetings)
        .set({ startsAt: new Date("2026-12-08T05:30:00Z"), durationMinutes: 90, updatedAt: new Date() })
        .where(eq(meetings.id, meeting.id))
        .run();
      expect(bumpSequence(tx, meeting.id)).toBe(1);
      enqueueMeetingInvitations(tx, meeting.id, "REQUEST");
    });
    const second = await deliver();
    const updated = byAddress(second, "emily@customer.example");
    expect(updated.subject).toBe("Updated: キックオフ (Tue, December 8, 2026)");
    expect(updated.text).toContain("Tue, December 8, 2026 14:30–16:00 GMT+9");
    const cal = ics(updated).text;
    expect(icsValue(cal, "SEQUENCE")).toBe("1");
    expect(icsValue(cal, "DTSTART")).toBe("20261208T053000Z");
    expect(icsValue(cal, "DTEND")).toBe("20261208T070000Z");
    expect(icsValue(cal, "UID")).toBe(icsValue(ics(byAddress(first, "emily@customer.example")).text, "UID"));
    expect(byAddress(second, "yamada@customer.example").subject).toBe(
      "【日時・内容変更】キックオフ（2026年12月8日(火)）",
    );

    run((tx) => {
      tx.update(meetings).set({ status: "cancelled" }).where(eq(meetings.id, meeting.id)).run();
      expect(bumpSequence(tx, meeting.id)).toBe(2);
      enqueueMeetingInvitations(tx, meeting.id, "CANCEL");
    });
    const third = await deliver();
    expect(third.messages).toHaveLength(3);
    for (const m of third.messages) {
      const { text: cancelled, header } = ics(m);
      expect(header).toMatch(/method=CANCEL/i);
      expect(icsValue(cancelled, "METHOD")).toBe("CANCEL");
      expect(icsValue(cancelled, "STATUS")).toBe("CANCELLED");
      expect(icsValue(cancelled, "SEQUENCE")).toBe("2");
      expect(icsValue(cancelled, "UID")).toBe(meetingUid(meeting.id));
    }
    expect(byAddress(third, "emily@customer.example").subject).toBe(
      "Cancelled: キックオフ (Tue, December 8, 2026)",
    );
    expect(byAddress(third, "yamada@customer.example").subject).toBe(
      "【中止】キックオフ（2026年12月8日(火)）",
    );
    expect(db.select().from(meetings).where(eq(meetings.id, meeting.id)).get()!.icsSequence).toBe(2);
  });

  it("SMTP down, then up: the invitation still arrives, with the same attachment", async () => {
    const { meeting } = setup();
    run((tx) => enqueueMeetingInvitations(tx, meeting.id, "REQUEST"));
    const stored = t.db().select().from(outbox).all();
    expect(stored).toHaveLength(3);

    let current = new Date();
    const smtp = await sink({ mode: "tempfail" });
    const relay = createRelay({
      transport: createMailTransport(smtp.url),
      from: FROM,
      intervalMs: 1000,
      now: () => current,
      log: { info: () => {}, warn: () => {}, error: () => {} },
    });
    expect(await relay.runOnce()).toEqual({ sent: 0, retried: 3, failed: 0 });
    expect(smtp.refused).toHaveLength(3);
    expect(
      t
        .db()
        .select()
        .from(outbox)
        .all()
        .every((r) => r.status === "pending"),
    ).toBe(true);

    smtp.setMode("accept");
    current = new Date(current.getTime() + 60_000);
    expect(await relay.runOnce()).toEqual({ sent: 3, retried: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(3);
    for (const m of smtp.messages) {
      const cal = ics(m).text;
      expect(icsValue(cal, "METHOD")).toBe("REQUEST");
      expect(icsValue(cal, "DTSTART")).toBe("20261207T010000Z");
      expect(icsLines(cal).some((l) => l.includes(`mailto:${m.to[0]}`))).toBe(true);
    }
    // The same Message-ID as the refused attempt: the retry is the same message.
    expect(smtp.messages.map((m) => m.messageId).sort()).toEqual(smtp.refused.map((r) => r.messageId).sort());
  });

  it("sends nothing when no attendee has an address", async () => {
    const { db, room } = setup();
    const lonely = makeMeeting(db, room.id, { title: "1on1" });
    addAttendees(db, lonely.id, [makeStakeholder(db, room.id, { name: "No Mail" }).id]);
    run((tx) => enqueueMeetingInvitations(tx, lonely.id, "REQUEST"));
    expect(db.select().from(outbox).all()).toHaveLength(0);
    expect(countMeetingRecipients(lonely.id)).toBe(0);
  });
});

describe("minutes", () => {
  function withContent() {
    const s = setup();
    const { db, meeting, room, people } = s;
    db.update(meetings)
      .set({
        sharedNotes: doc(p(text("SHARED-NOTE: 目的は問い合わせ対応時間の短縮"))),
        internalNotes: doc(p(text("INTERNAL-SECRET: 値引きの余地あり"))),
      })
      .where(eq(meetings.id, meeting.id))
      .run();
    addDecisions(db, meeting.id, ["SSO は第2フェーズ", "定例は毎週火曜"]);
    addActionItem(db, meeting, {
      text: "管理者アカウントの作成",
      ownerId: people.emily.id,
      dueDate: "2026-12-10",
      position: 0,
    });
    addActionItem(db, meeting, { text: "Share the migration plan", position: 1 });
    const earlier = makeMeeting(db, room.id, {
      title: "事前打ち合わせ",
      type: "planning",
      startsAt: new Date("2026-11-24T01:00:00Z"),
    });
    addActionItem(db, earlier, {
      text: "契約書の最終確認",
      ownerId: people.yamada.id,
      dueDate: "2026-12-01",
    });
    addActionItem(db, earlier, { text: "DONE-ITEM", doneAt: new Date(), position: 1 });
    const later = makeMeeting(db, room.id, { title: "Later", startsAt: new Date("2027-01-10T01:00:00Z") });
    addActionItem(db, later, { text: "LATER-ITEM" });
    return s;
  }

  it("go to every attendee with an address in their language: shared notes, decisions, action items, carried-over items; never the internal notes", async () => {
    const { db, meeting, csm } = withContent();
    const count = run((tx) => enqueueMinutes(tx, meeting.id, csm.id));
    expect(count).toBe(3);
    const row = db.select().from(meetings).where(eq(meetings.id, meeting.id)).get()!;
    expect(row.minutesSentAt).toBeInstanceOf(Date);
    const recorded = db
      .select()
      .from(events)
      .where(and(eq(events.type, "meeting.minutes_sent"), eq(events.subjectId, meeting.id)))
      .all();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ actorId: csm.id, roomId: meeting.roomId, data: { recipients: 3 } });

    const smtp = await deliver();
    expect(smtp.messages).toHaveLength(3);
    for (const m of smtp.messages) {
      for (const part of [m.html, m.text, m.subject]) {
        expect(part).not.toContain("INTERNAL-SECRET");
        expect(part).not.toContain("値引き");
        expect(part).not.toContain("DONE-ITEM");
        expect(part).not.toContain("LATER-ITEM");
      }
      expect(m.text).toContain("SHARED-NOTE: 目的は問い合わせ対応時間の短縮");
      expect(m.text).toContain("SSO は第2フェーズ");
      expect(m.text).toContain("管理者アカウントの作成");
      expect(m.text).toContain("契約書の最終確認");
      expect(m.attachments).toHaveLength(0);
    }
    const emily = byAddress(smtp, "emily@customer.example");
    expect(emily.subject).toBe("Minutes: キックオフ (Mon, December 7, 2026)");
    expect(emily.text).toContain("Hello Emily Carter,");
    expect(emily.text).toContain(
      "Owner: Emily Carter · Due: Thursday, December 10".replace("Thursday", "Thu"),
    );
    expect(emily.text).toContain("Owner: not set · Due: not set");
    expect(emily.text).toContain("From “事前打ち合わせ” on Tue, November 24");
    expect(emily.text).not.toMatch(/議事録|様/);
    const yamada = byAddress(smtp, "yamada@customer.example");
    expect(yamada.subject).toBe("議事録：キックオフ（2026年12月7日(月)）");
    expect(yamada.text).toContain("山田 太郎 様");
    expect(yamada.text).toContain("担当：Emily Carter · 期限：12月10日(木)");
    expect(yamada.text).toContain("12月1日(火)");
    expect(yamada.text).toMatch(JAPANESE);
  });

  it("are refused for a cancelled meeting and when no attendee has an address; nothing is queued", () => {
    const { db, meeting, room, csm } = withContent();
    db.update(meetings).set({ status: "cancelled" }).where(eq(meetings.id, meeting.id)).run();
    const refusal = (id: string) => {
      try {
        run((tx) => enqueueMinutes(tx, id, csm.id));
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        return { status: (error as DomainError).status, key: (error as DomainError).messageKey };
      }
      return null;
    };
    expect(refusal(meeting.id)).toEqual({ status: 400, key: "meetingMail.errors.cancelled" });
    const lonely = makeMeeting(db, room.id, { title: "1on1" });
    expect(refusal(lonely.id)).toEqual({ status: 400, key: "meetingMail.errors.noRecipients" });
    addAttendees(db, lonely.id, [makeStakeholder(db, room.id, { name: "No Mail" }).id]);
    expect(refusal(lonely.id)).toEqual({ status: 400, key: "meetingMail.errors.noRecipients" });
    expect(db.select().from(outbox).all()).toHaveLength(0);
    expect(
      db
        .select()
        .from(meetings)
        .all()
        .every((m) => m.minutesSentAt === null),
    ).toBe(true);
    expect(db.select().from(events).where(eq(events.type, "meeting.minutes_sent")).all()).toHaveLength(0);
  });

  it("leave out deactivated users and send once per address", async () => {
    const { db, meeting, room, csm } = withContent();
    const gone = makeCustomer(db, { name: "Gone", email: "gone@customer.example", active: false });
    const twin = makeStakeholder(db, room.id, { name: "Emily again", email: "EMILY@customer.example" });
    addAttendees(db, meeting.id, [
      makeStakeholder(db, room.id, { name: "Gone", userId: gone.id }).id,
      twin.id,
    ]);
    expect(run((tx) => enqueueMinutes(tx, meeting.id, csm.id))).toBe(3);
    expect(
      db
        .select()
        .from(outbox)
        .all()
        .map((r) => r.toEmail)
        .sort(),
    ).toEqual(["emily@customer.example", "hanako@vendor.example", "yamada@customer.example"]);
  });
});

describe("hostile text in meetings", () => {
  const hostile = HOSTILE_TEXTS.join(" ");
  const breaking = "x\r\nATTENDEE:mailto:evil@attacker.example\r\nEND:VEVENT;,\\";

  it("renders inert in the invitation and the minutes, and escaped in the .ics", async () => {
    const { db, meeting, people, csm } = setup();
    db.update(meetings)
      .set({
        title: `${hostile} ${breaking}`,
        location: `${hostile} ${breaking}`,
        videoUrl: "javascript:alert(1)",
        sharedNotes: parseRichText(acceptedHostileDoc()),
      })
      .where(eq(meetings.id, meeting.id))
      .run();
    addDecisions(db, meeting.id, HOSTILE_TEXTS);
    HOSTILE_TEXTS.forEach((value, position) =>
      addActionItem(db, meeting, { text: value, ownerId: people.emily.id, position }),
    );
    run((tx) => {
      enqueueMeetingInvitations(tx, meeting.id, "REQUEST");
      enqueueMinutes(tx, meeting.id, csm.id);
    });
    const smtp = await deliver();
    expect(smtp.messages).toHaveLength(6);
    for (const m of smtp.messages) {
      expect(inertMarkupProblems(m.html)).toEqual([]);
      expect(m.html).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
      expect(m.html).not.toContain("javascript:alert");
      // The text part carries the words as typed (it is not HTML).
      expect(m.text).toContain("<script>window.__pwned=1</script>");
    }
    const invitations = smtp.messages.filter((m) => m.attachments.length);
    expect(invitations).toHaveLength(3);
    for (const m of invitations) {
      const cal = ics(m).text;
      const lines = icsLines(cal);
      // No line was injected: one ATTENDEE per real attendee, one END:VEVENT.
      expect(lines.filter((l) => l.startsWith("ATTENDEE"))).toHaveLength(3);
      expect(lines.filter((l) => l === "END:VEVENT")).toHaveLength(1);
      expect(cal).not.toContain("evil@attacker.example\r\n");
      expect(lines.every((l) => /^[A-Z-]+[;:]/.test(l))).toBe(true);
      // Escaped as TEXT, and read back as written (line breaks as \n, control characters dropped).
      const expected = `${hostile} ${breaking}`.replace(/\r\n/g, "\n");
      expect(icsText(icsValue(cal, "SUMMARY")!)).toBe(expected);
      expect(icsText(icsValue(cal, "LOCATION")!)).toBe(expected);
      expect(icsValue(cal, "SUMMARY")).toContain("\\;\\,\\\\");
      // A javascript: video link is no URL at all.
      expect(icsValue(cal, "URL")).toMatch(/^http:\/\/localhost:3000\/rooms\//);
      expect(lines.filter((l) => /javascript:/i.test(l) && !/^(SUMMARY|LOCATION):/.test(l))).toEqual([]);
    }
  });
});
