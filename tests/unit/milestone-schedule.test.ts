import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { appResources } from "~/i18n/i18n.server";
import {
  completedDateIn,
  DUE_SOON_DAYS,
  isLate,
  milestoneSchedule,
  scheduleText,
} from "~/domain/plan/schedule";

const TARGET = "2027-03-10";
const open = (today: string) => milestoneSchedule({ targetDate: TARGET, completedDate: null }, today);
const done = (on: string, today = "2027-04-01") =>
  milestoneSchedule({ targetDate: TARGET, completedDate: on }, today);

describe("milestoneSchedule: one answer to 'is this milestone late?'", () => {
  it("open: on track, due soon up to and including the target day, late from the day after", () => {
    expect(open("2027-02-01")).toMatchObject({ state: "onTrack", daysLate: -37, doneOn: null });
    expect(open("2027-03-02")).toMatchObject({ state: "onTrack", daysLate: -(DUE_SOON_DAYS + 1) });
    expect(open("2027-03-03")).toMatchObject({ state: "dueSoon", daysLate: -DUE_SOON_DAYS });
    // Due today is not late yet.
    expect(open(TARGET)).toMatchObject({ state: "dueSoon", daysLate: 0 });
    expect(open("2027-03-11")).toMatchObject({ state: "late", daysLate: 1 });
    expect(open("2027-04-01")).toMatchObject({ state: "late", daysLate: 22 });
  });

  it("done: on time on the target day or before, late by the days between completion and target", () => {
    expect(done(TARGET)).toMatchObject({ state: "doneOnTime", daysLate: 0, doneOn: TARGET });
    expect(done("2027-03-01")).toMatchObject({ state: "doneOnTime", daysLate: -9 });
    expect(done("2027-03-11")).toMatchObject({ state: "doneLate", daysLate: 1 });
    // Today does not matter once it is done: completed late stays exactly that late.
    expect(done("2027-03-15", "2027-12-31")).toMatchObject({ state: "doneLate", daysLate: 5 });
    expect(isLate(done("2027-03-15"))).toBe(true);
    expect(isLate(done(TARGET))).toBe(false);
    expect(isLate(open("2027-03-11"))).toBe(true);
  });

  it("takes the completion day in the account's time zone (ADR 7), not UTC", () => {
    // 08:00 on the 10th in Tokyo is 23:00 on the 9th in UTC; 00:30 on the 11th in Tokyo is the 10th in UTC.
    expect(completedDateIn(new Date("2027-03-09T23:00:00Z"), "Asia/Tokyo")).toBe("2027-03-10");
    const lateInTokyo = completedDateIn("2027-03-10T15:30:00Z", "Asia/Tokyo");
    expect(lateInTokyo).toBe("2027-03-11");
    expect(milestoneSchedule({ targetDate: TARGET, completedDate: lateInTokyo }, "2027-03-12")).toMatchObject(
      { state: "doneLate", daysLate: 1 },
    );
    // The same moment is still on the target day in New York.
    const ny = completedDateIn("2027-03-10T15:30:00Z", "America/New_York");
    expect(milestoneSchedule({ targetDate: TARGET, completedDate: ny }, "2027-03-12").state).toBe(
      "doneOnTime",
    );
    expect(completedDateIn(null, "Asia/Tokyo")).toBeNull();
  });

  it("reads the same in both languages", () => {
    const i18n = i18next.createInstance();
    void i18n.init({
      resources: appResources,
      ns: ["app"],
      defaultNS: "app",
      fallbackLng: "en",
      initImmediate: false,
      interpolation: { escapeValue: false },
    });
    const en = i18n.getFixedT("en", "app");
    const ja = i18n.getFixedT("ja", "app");
    expect(scheduleText(en, "en", open("2027-04-01"))).toBe("22 days late");
    expect(scheduleText(ja, "ja", open("2027-04-01"))).toBe("22日遅れ");
    expect(scheduleText(en, "en", open(TARGET))).toBe("Due today");
    expect(scheduleText(en, "en", open("2027-03-09"))).toBe("Due soon: 1 day left");
    expect(scheduleText(en, "en", open("2027-01-01"))).toBe("On track: 68 days left");
    expect(scheduleText(en, "en", done(TARGET))).toBe("Done on time, on Mar 10, 2027");
    expect(scheduleText(ja, "ja", done("2027-03-15"))).toBe("2027年3月15日に完了（5日遅れ）");
  });
});
