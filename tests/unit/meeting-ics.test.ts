import { describe, expect, it } from "vitest";
import {
  buildMeetingInvitation,
  mailtoValue,
  paramValue,
  uriValue,
  type MeetingInvitation,
} from "~/domain/calendar/ics";
import { icsLines, icsText, icsValue } from "../helpers/meetings";

const base: MeetingInvitation = {
  uid: "meeting-abc@launchroom.example",
  method: "REQUEST",
  sequence: 3,
  start: new Date("2026-12-07T01:00:00Z"),
  end: new Date("2026-12-07T02:30:00Z"),
  title: "キックオフ",
  location: "本社 5F 会議室A",
  description: "導入プロジェクト\nhttps://meet.example.com/abc",
  url: "https://meet.example.com/abc",
  organizer: { name: "佐藤 花子", email: "hanako@vendor.example" },
  attendees: [
    { name: "Emily Carter", email: "emily@customer.example" },
    { name: '山田, 太郎; "CEO"', email: "yamada@customer.example" },
  ],
  lastModified: new Date("2026-12-01T00:00:00Z"),
};
const NOW = new Date("2026-12-01T09:08:07Z");

describe("buildMeetingInvitation", () => {
  it("writes one VEVENT in UTC with method, uid, sequence, organizer and attendees", () => {
    const ics = buildMeetingInvitation(base, NOW);
    expect(icsLines(ics)).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "CALSCALE:GREGORIAN",
      "PRODID:-//Launchroom//Meetings//EN",
      "METHOD:REQUEST",
      "BEGIN:VEVENT",
      "UID:meeting-abc@launchroom.example",
      "DTSTAMP:20261201T090807Z",
      "DTSTART:20261207T010000Z",
      "DTEND:20261207T023000Z",
      "SEQUENCE:3",
      "LAST-MODIFIED:20261201T000000Z",
      "SUMMARY:キックオフ",
      "LOCATION:本社 5F 会議室A",
      "DESCRIPTION:導入プロジェクト\\nhttps://meet.example.com/abc",
      "URL:https://meet.example.com/abc",
      'ORGANIZER;CN="佐藤 花子":mailto:hanako@vendor.example',
      'ATTENDEE;CN="Emily Carter";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:emily@customer.example',
      'ATTENDEE;CN="山田, 太郎; CEO";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:yamada@customer.example',
      "STATUS:CONFIRMED",
      "TRANSP:OPAQUE",
      "END:VEVENT",
      "END:VCALENDAR",
    ]);
    // CRLF everywhere, folded at 75 octets without splitting a character.
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics).not.toContain("\uFFFD");
  });

  it("a cancellation says METHOD:CANCEL and STATUS:CANCELLED, without asking for replies", () => {
    const ics = buildMeetingInvitation({ ...base, method: "CANCEL", sequence: 4 }, NOW);
    expect(icsValue(ics, "METHOD")).toBe("CANCEL");
    expect(icsValue(ics, "STATUS")).toBe("CANCELLED");
    expect(icsValue(ics, "SEQUENCE")).toBe("4");
    expect(ics).not.toContain("RSVP");
  });

  it("escapes text, and leaves out addresses and links that could break a line", () => {
    const ics = buildMeetingInvitation(
      {
        ...base,
        title: "a;b,c\\d\r\nEND:VEVENT\u0007",
        location: "x\nATTENDEE:mailto:evil@attacker.example",
        url: "javascript:alert(1)",
        organizer: { name: 'Bad"\r\nX-INJECTED:1', email: "csm@vendor.example" },
        attendees: [
          { name: "ok", email: "ok@customer.example" },
          { name: "evil", email: "a@b.example\r\nATTENDEE:mailto:evil@attacker.example" },
          { name: "evil2", email: "a@b.example:x" },
        ],
      },
      NOW,
    );
    const lines = icsLines(ics);
    expect(icsValue(ics, "SUMMARY")).toBe("a\\;b\\,c\\\\d\\nEND:VEVENT");
    expect(icsText(icsValue(ics, "SUMMARY")!)).toBe("a;b,c\\d\nEND:VEVENT");
    expect(icsText(icsValue(ics, "LOCATION")!)).toBe("x\nATTENDEE:mailto:evil@attacker.example");
    expect(lines.filter((l) => l.startsWith("ATTENDEE"))).toHaveLength(1);
    expect(lines.filter((l) => l === "END:VEVENT")).toHaveLength(1);
    expect(lines.some((l) => l.startsWith("X-INJECTED"))).toBe(false);
    expect(lines.some((l) => l.startsWith("URL"))).toBe(false);
  });

  it("helpers: quoted parameters, mailto and http(s) URIs only", () => {
    expect(paramValue('a"b;c')).toBe('"ab;c"');
    expect(mailtoValue(" x@y.example ")).toBe("mailto:x@y.example");
    expect(mailtoValue("x y@z")).toBeNull();
    expect(uriValue("https://meet.example.com/a b")).toBe("https://meet.example.com/a%20b");
    expect(uriValue("data:text/html,x")).toBeNull();
    expect(uriValue(null)).toBeNull();
  });
});
