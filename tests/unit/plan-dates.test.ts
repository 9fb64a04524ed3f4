import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isOverdue, maxDate, startOfWeek, todayIn } from "~/domain/plan/dates";

describe("calendar date arithmetic", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
    expect(addDays("2026-11-09", 0)).toBe("2026-11-09");
  });

  it("counts days between dates, negative when earlier", () => {
    expect(daysBetween("2026-11-09", "2026-11-23")).toBe(14);
    expect(daysBetween("2026-11-23", "2026-11-09")).toBe(-14);
    expect(daysBetween("2026-03-07", "2026-03-09")).toBe(2);
  });

  it("takes today's date in the account's zone, with no off-by-one at midnight", () => {
    expect(todayIn("Asia/Tokyo", new Date("2026-11-23T14:59:59Z"))).toBe("2026-11-23");
    expect(todayIn("Asia/Tokyo", new Date("2026-11-23T15:00:00Z"))).toBe("2026-11-24");
    expect(todayIn("America/New_York", new Date("2026-11-24T04:59:00Z"))).toBe("2026-11-23");
    expect(todayIn("UTC", new Date("2026-11-23T23:59:59Z"))).toBe("2026-11-23");
  });

  it("starts weeks on Monday", () => {
    expect(startOfWeek("2026-11-23")).toBe("2026-11-23");
    expect(startOfWeek("2026-11-29")).toBe("2026-11-23");
    expect(startOfWeek("2026-11-22")).toBe("2026-11-16");
  });

  it("calls a task overdue only after its due day, and never when done", () => {
    expect(isOverdue({ status: "todo", dueDate: "2026-11-22" }, "2026-11-23")).toBe(true);
    expect(isOverdue({ status: "todo", dueDate: "2026-11-23" }, "2026-11-23")).toBe(false);
    expect(isOverdue({ status: "done", dueDate: "2026-11-01" }, "2026-11-23")).toBe(false);
    expect(isOverdue({ status: "blocked", dueDate: null }, "2026-11-23")).toBe(false);
  });

  it("finds the latest date, ignoring gaps", () => {
    expect(maxDate(["2026-12-01", null, "2027-01-05", undefined])).toBe("2027-01-05");
    expect(maxDate([])).toBeNull();
  });
});
