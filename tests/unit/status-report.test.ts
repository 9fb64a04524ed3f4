import { describe, expect, it } from "vitest";
import { statusReportContentSchema } from "#emails/status-report-content";
import {
  buildStatusReport,
  REPORT_MAX_ITEMS,
  type ReportInputs,
  type ReportTaskInput,
} from "~/domain/reports/build";
import { localMoment, reportDueOn } from "~/domain/reports/schedule";
import { completedDateIn } from "~/domain/plan/schedule";

const TODAY = "2026-12-07"; // a Monday

const none: ReportInputs = {
  tasks: [],
  milestones: [],
  meetings: [],
  actionItems: [],
  goals: [],
  intro: null,
};
const task = (over: Partial<ReportTaskInput> & { title: string }): ReportTaskInput => ({
  id: over.title,
  status: "todo",
  dueDate: null,
  completedDate: null,
  blockedReason: null,
  visibility: "shared",
  assigneeName: null,
  ...over,
});
const build = (over: Partial<ReportInputs>) => buildStatusReport({ ...none, ...over }, TODAY);
const titles = (list: { items: { title: string }[] }) => list.items.map((t) => t.title);

describe("buildStatusReport", () => {
  it("reports the 7 days up to today and looks 7 days ahead", () => {
    const c = build({});
    expect(c).toMatchObject({ periodStart: "2026-12-01", periodEnd: TODAY, aheadEnd: "2026-12-13" });
    expect(statusReportContentSchema.parse(c)).toEqual(c);
  });

  it("done: tasks completed in the period, newest first; not before it", () => {
    const c = build({
      tasks: [
        task({ title: "first day", status: "done", completedDate: "2026-12-01" }),
        task({ title: "today", status: "done", completedDate: TODAY }),
        task({ title: "too old", status: "done", completedDate: "2026-11-30" }),
        task({ title: "open", status: "in_progress" }),
      ],
    });
    expect(titles(c.done)).toEqual(["today", "first day"]);
    expect(c.done.items[0]!.doneOn).toBe(TODAY);
  });

  it("due soon: open tasks due today through 6 days ahead, by date", () => {
    const c = build({
      tasks: [
        task({ title: "last day", dueDate: "2026-12-13" }),
        task({ title: "today", dueDate: TODAY }),
        task({ title: "beyond", dueDate: "2026-12-14" }),
        task({ title: "done already", dueDate: "2026-12-08", status: "done", completedDate: TODAY }),
        task({ title: "no date" }),
      ],
    });
    expect(titles(c.dueSoon)).toEqual(["today", "last day"]);
  });

  it("attention: overdue open tasks with their days, and blocked ones with their reasons", () => {
    const c = build({
      tasks: [
        task({ title: "late", dueDate: "2026-12-04" }),
        task({ title: "stuck", status: "blocked", dueDate: "2026-12-10", blockedReason: " waiting for HR " }),
        task({ title: "stuck and late", status: "blocked", dueDate: "2026-12-06", blockedReason: null }),
        task({ title: "due today is not late", dueDate: TODAY }),
      ],
    });
    expect(c.attention.items).toEqual([
      { title: "late", dueDate: "2026-12-04", assigneeName: null, daysOverdue: 3 },
      {
        title: "stuck and late",
        dueDate: "2026-12-06",
        assigneeName: null,
        daysOverdue: 1,
        blocked: true,
        blockedReason: null,
      },
      {
        title: "stuck",
        dueDate: "2026-12-10",
        assigneeName: null,
        blocked: true,
        blockedReason: "waiting for HR",
      },
    ]);
    // A blocked task is not also listed as simply due.
    expect(titles(c.dueSoon)).toEqual(["due today is not late"]);
  });

  it("milestones: slip from the baseline and lateness as milestoneSchedule says; done ones only in the period", () => {
    const c = build({
      milestones: [
        {
          id: "a",
          title: "moved",
          targetDate: "2026-12-20",
          baselineDate: "2026-12-10",
          completedDate: null,
          visibility: "shared",
        },
        {
          id: "b",
          title: "late",
          targetDate: "2026-12-02",
          baselineDate: "2026-12-02",
          completedDate: null,
          visibility: "shared",
        },
        {
          id: "c",
          title: "done late",
          targetDate: "2026-12-01",
          baselineDate: "2026-11-28",
          completedDate: "2026-12-03",
          visibility: "shared",
        },
        {
          id: "d",
          title: "done long ago",
          targetDate: "2026-11-01",
          baselineDate: "2026-11-01",
          completedDate: "2026-11-01",
          visibility: "shared",
        },
      ],
    });
    expect(c.milestones.map((m) => [m.title, m.state, m.daysLate, m.slipDays, m.late])).toEqual([
      ["done late", "doneLate", 2, 3, true],
      ["late", "late", 5, 0, true],
      ["moved", "onTrack", -13, 10, false],
    ]);
  });

  it("decisions of the period's meetings (not cancelled ones), and open action items", () => {
    const c = build({
      meetings: [
        {
          id: "m1",
          title: "Kickoff",
          date: "2026-12-02",
          cancelled: false,
          decisions: ["Go live in March", "Weekly 定例"],
        },
        { id: "m2", title: "Old", date: "2026-11-25", cancelled: false, decisions: ["Too old"] },
        { id: "m3", title: "Cancelled", date: "2026-12-03", cancelled: true, decisions: ["Never decided"] },
      ],
      actionItems: [
        {
          text: "Send user list",
          ownerName: "Yamada",
          dueDate: "2026-12-05",
          done: false,
          meetingTitle: "Kickoff",
          internal: false,
        },
        {
          text: "Finished",
          ownerName: null,
          dueDate: null,
          done: true,
          meetingTitle: "Kickoff",
          internal: false,
        },
        {
          text: "Vendor-only follow-up",
          ownerName: null,
          dueDate: null,
          done: false,
          meetingTitle: "Kickoff",
          internal: true,
        },
      ],
    });
    expect(c.decisions.map((d) => d.text)).toEqual(["Go live in March", "Weekly 定例"]);
    expect(c.actionItems.items).toEqual([
      {
        text: "Send user list",
        ownerName: "Yamada",
        dueDate: "2026-12-05",
        overdue: true,
        meetingTitle: "Kickoff",
      },
    ]);
  });

  it("goal status comes from goalTrajectory", () => {
    const c = build({
      goals: [
        {
          id: "g1",
          statement: "Faster answers",
          kpi: "hours",
          unit: "h",
          baseline: 24,
          target: 8,
          startDate: "2026-11-01",
          dueDate: "2027-01-31",
          checkins: [],
        },
        {
          id: "g2",
          statement: "More logins",
          kpi: "logins",
          unit: "",
          baseline: 0,
          target: 100,
          startDate: "2026-11-01",
          dueDate: "2027-01-31",
          checkins: [{ date: "2026-12-01", value: 100 }],
        },
        {
          id: "g3",
          statement: "Stalled",
          kpi: "x",
          unit: "",
          baseline: 0,
          target: 100,
          startDate: "2026-11-01",
          dueDate: "2026-12-31",
          checkins: [{ date: "2026-12-01", value: 5 }],
        },
      ],
    });
    expect(c.goals.map((g) => [g.statement, g.status, g.progressPercent])).toEqual([
      ["Faster answers", "no_data", null],
      ["More logins", "achieved", 100],
      ["Stalled", "at_risk", 5],
    ]);
  });

  it("leaves every internal task and milestone out, whatever section it would be in", () => {
    const c = build({
      tasks: [
        task({ title: "secret done", status: "done", completedDate: TODAY, visibility: "internal" }),
        task({ title: "secret soon", dueDate: "2026-12-08", visibility: "internal" }),
        task({ title: "secret late", dueDate: "2026-12-01", visibility: "internal" }),
        task({
          title: "secret blocked",
          status: "blocked",
          blockedReason: "internal politics",
          visibility: "internal",
        }),
      ],
      milestones: [
        {
          id: "x",
          title: "secret milestone",
          targetDate: "2026-12-08",
          baselineDate: "2026-12-08",
          completedDate: null,
          visibility: "internal",
        },
      ],
    });
    expect(JSON.stringify(c)).not.toMatch(/secret|politics/);
  });

  it("cuts long lists and counts the rest; trims the intro (blank is none)", () => {
    const many = Array.from({ length: REPORT_MAX_ITEMS + 5 }, (_, i) =>
      task({ title: `t${i}`, dueDate: TODAY }),
    );
    const c = build({ tasks: many, intro: "  Hello\nteam  " });
    expect(c.dueSoon.items).toHaveLength(REPORT_MAX_ITEMS);
    expect(c.dueSoon.more).toBe(5);
    expect(c.intro).toBe("Hello\nteam");
    expect(build({ intro: " \n " }).intro).toBeNull();
  });

  it("uses the account's calendar day: a task done at 15:30Z on the 30th was done on Dec 1 in Tokyo", () => {
    const at = new Date("2026-11-30T15:30:00Z");
    const tokyo = completedDateIn(at, "Asia/Tokyo");
    const newYork = completedDateIn(at, "America/New_York");
    expect([tokyo, newYork]).toEqual(["2026-12-01", "2026-11-30"]);
    const done = (day: string | null) =>
      titles(build({ tasks: [task({ title: "edge", status: "done", completedDate: day })] }).done);
    expect(done(tokyo)).toEqual(["edge"]);
    expect(done(newYork)).toEqual([]);
  });
});

describe("reportDueOn (the schedule, in the account's zone)", () => {
  const schedule = { enabled: true, weekday: 1, timeOfDay: "09:00", lastSentOn: null };
  const zone = "America/New_York"; // UTC-5 in December

  it("is due from Monday 09:00 New York time, all that day", () => {
    expect(reportDueOn(schedule, zone, new Date("2026-12-07T13:59:00Z"))).toBeNull(); // 08:59 local
    expect(reportDueOn(schedule, zone, new Date("2026-12-07T14:00:00Z"))).toBe("2026-12-07");
    // 23:30 Monday in New York is already Tuesday in UTC and in Tokyo: still Monday's report.
    expect(reportDueOn(schedule, zone, new Date("2026-12-08T04:30:00Z"))).toBe("2026-12-07");
    expect(reportDueOn(schedule, zone, new Date("2026-12-08T05:00:00Z"))).toBeNull(); // Tuesday 00:00 local
  });

  it("is not due in Tokyo at the same instant (it is Tuesday there)", () => {
    const instant = new Date("2026-12-07T15:00:00Z");
    expect(reportDueOn(schedule, zone, instant)).toBe("2026-12-07");
    expect(reportDueOn(schedule, "Asia/Tokyo", instant)).toBeNull();
    expect(localMoment("Asia/Tokyo", instant)).toEqual({ date: "2026-12-08", weekday: 2, time: "00:00" });
  });

  it("sends once per local day, and never when switched off", () => {
    const now = new Date("2026-12-07T15:00:00Z");
    expect(reportDueOn({ ...schedule, lastSentOn: "2026-12-07" }, zone, now)).toBeNull();
    expect(reportDueOn({ ...schedule, lastSentOn: "2026-11-30" }, zone, now)).toBe("2026-12-07");
    expect(reportDueOn({ ...schedule, enabled: false }, zone, now)).toBeNull();
  });

  it("follows daylight saving time: 09:00 is 13:00Z in summer", () => {
    const summer = { ...schedule, weekday: 3 }; // Wednesday 2026-07-01
    expect(reportDueOn(summer, zone, new Date("2026-07-01T12:59:00Z"))).toBeNull();
    expect(reportDueOn(summer, zone, new Date("2026-07-01T13:00:00Z"))).toBe("2026-07-01");
  });

  it("names Sunday 7", () => {
    expect(localMoment("UTC", new Date("2026-12-06T12:00:00Z")).weekday).toBe(7);
  });
});
