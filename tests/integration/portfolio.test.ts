import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type { Db } from "#db/client.server";
import { makeAccountWithRoom, makeStaff } from "#db/factories";
import { accounts, planTemplates, roomHealth, rooms } from "#db/schema";
import type { StaffUser } from "~/access/users";
import {
  PORTFOLIO_PAGE_SIZE,
  SCATTER_LIMIT,
  parsePortfolioParams,
  portfolioSearch,
  type PortfolioFilters,
} from "~/domain/health/portfolio";
import { firstValueByTemplate, getPriorityView, listPortfolio } from "~/domain/health/portfolio.server";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

/** 2026-12-01 09:00 in Tokyo; still 2026-11-30 in New York. */
const NOW = new Date("2026-12-01T00:00:00Z");

type Health = Partial<typeof roomHealth.$inferInsert>;

function setHealth(db: Db, roomId: string, h: Health) {
  const band = h.effectiveBand ?? h.band ?? "grey";
  const score = h.effectiveScore === undefined ? (h.score ?? null) : h.effectiveScore;
  db.insert(roomHealth)
    .values({ roomId, band, score: h.score ?? score, effectiveBand: band, effectiveScore: score, ...h })
    .run();
}

function staff(db: Db) {
  return {
    admin: makeStaff(db, { staffRole: "admin", name: "Ada Admin" }) as StaffUser,
    csm: makeStaff(db, { staffRole: "csm", name: "Carla Csm" }) as StaffUser,
    other: makeStaff(db, { staffRole: "csm", name: "Otto Other" }) as StaffUser,
    sales: makeStaff(db, { staffRole: "sales", name: "Sam Sales" }) as StaffUser,
  };
}

type RoomSpec = {
  name: string;
  health?: Health;
  csmId?: string;
  ownerId?: string | null;
  mrrMinor?: number;
  currency?: string;
  renewalDate?: string | null;
  touchModel?: "high" | "low" | "tech";
  timeZone?: string;
  templateId?: string | null;
};

function room(db: Db, csmId: string, spec: RoomSpec) {
  const { account, room } = makeAccountWithRoom(db, {
    name: spec.name,
    csmId: spec.csmId ?? csmId,
    ownerId: spec.ownerId ?? null,
    mrrMinor: spec.mrrMinor ?? 100_000,
    currency: spec.currency ?? "JPY",
    touchModel: spec.touchModel ?? "high",
    timeZone: spec.timeZone ?? "Asia/Tokyo",
    roomTitle: `${spec.name} onboarding`,
  });
  if (spec.renewalDate !== undefined)
    db.update(accounts).set({ renewalDate: spec.renewalDate }).where(eq(accounts.id, account.id)).run();
  if (spec.templateId !== undefined)
    db.update(rooms).set({ planTemplateId: spec.templateId }).where(eq(rooms.id, room.id)).run();
  if (spec.health) setHealth(db, room.id, spec.health);
  return room.id;
}

const NO_FILTERS: PortfolioFilters = {
  scope: "all",
  query: "",
  bands: [],
  reactiveOnly: false,
  renewalSoon: false,
  touchModel: null,
};

const names = (user: StaffUser, opts: Partial<Parameters<typeof listPortfolio>[1]> = {}) =>
  listPortfolio(user, { scope: "all", page: 1, ...opts }, NOW).rows.map((r) => r.accountName);

/** Six rooms covering every band, an unscored room with no health row yet, and a band-only override. */
function seedBands() {
  const db = t.db();
  const s = staff(db);
  room(db, s.csm.id, { name: "Green 90", health: { band: "green", score: 90 } });
  room(db, s.csm.id, { name: "Yellow 55", health: { band: "yellow", score: 55 } });
  room(db, s.csm.id, { name: "Red 30", health: { band: "red", score: 30 } });
  room(db, s.csm.id, { name: "Red 12", health: { band: "red", score: 12, mode: "reactive" } });
  room(db, s.csm.id, { name: "Grey computed", health: { band: "grey", score: null } });
  room(db, s.csm.id, { name: "Never computed" });
  return { db, ...s };
}

describe("portfolio sort", () => {
  it("lists health worst first by default for CSMs and admins, with rooms without a score last", () => {
    const { csm, admin } = seedBands();
    const worstFirst = ["Red 12", "Red 30", "Yellow 55", "Green 90", "Grey computed", "Never computed"];
    expect(names(csm)).toEqual(worstFirst);
    expect(names(admin)).toEqual(worstFirst);
    expect(listPortfolio(csm, { scope: "all", page: 1 }, NOW)).toMatchObject({ sort: "health", dir: "asc" });
  });

  it("keeps grey rooms last when health sorts best first", () => {
    const { csm } = seedBands();
    expect(names(csm, { sort: "health", dir: "desc" })).toEqual([
      "Green 90",
      "Yellow 55",
      "Red 30",
      "Red 12",
      "Grey computed",
      "Never computed",
    ]);
  });

  it("sorts by the shown band first: a band-only override outranks the score, and a red without a score stays red", () => {
    const db = t.db();
    const { csm } = staff(db);
    // Computed yellow 60, overridden to red without a score of its own: shown red 60.
    room(db, csm.id, {
      name: "Overridden red",
      health: { band: "yellow", score: 60, effectiveBand: "red", effectiveScore: 60 },
    });
    room(db, csm.id, { name: "Red 35", health: { band: "red", score: 35 } });
    room(db, csm.id, {
      name: "Red no score",
      health: { band: "grey", score: null, effectiveBand: "red", effectiveScore: null },
    });
    room(db, csm.id, { name: "Yellow 41", health: { band: "yellow", score: 41 } });
    expect(names(csm)).toEqual(["Red 35", "Overridden red", "Red no score", "Yellow 41"]);
    const rows = listPortfolio(csm, { scope: "all", page: 1 }, NOW).rows;
    expect(rows.find((r) => r.accountName === "Overridden red")).toMatchObject({
      band: "red",
      score: 60,
      computedBand: "yellow",
      computedScore: 60,
      overridden: true,
    });
    expect(rows.find((r) => r.accountName === "Red 35")?.overridden).toBe(false);
  });

  it("sorts by MRR across currencies (approximately converted), largest first by default", () => {
    const db = t.db();
    const { csm } = staff(db);
    room(db, csm.id, { name: "Yen 200k", mrrMinor: 200_000 });
    room(db, csm.id, { name: "Yen 120k", mrrMinor: 120_000 });
    // $1,000.00 is worth more than ¥120,000 and less than ¥200,000, whatever the raw minor units say.
    room(db, csm.id, { name: "Dollar 1k", mrrMinor: 100_000, currency: "USD" });
    room(db, csm.id, { name: "Yen 5k", mrrMinor: 5_000 });
    expect(names(csm, { sort: "mrr" })).toEqual(["Yen 200k", "Dollar 1k", "Yen 120k", "Yen 5k"]);
    expect(names(csm, { sort: "mrr", dir: "asc" })).toEqual(["Yen 5k", "Yen 120k", "Dollar 1k", "Yen 200k"]);
  });

  it("sorts by renewal date soonest first, accounts without one last either way", () => {
    const db = t.db();
    const { csm } = staff(db);
    room(db, csm.id, { name: "March", renewalDate: "2027-03-31" });
    room(db, csm.id, { name: "None", renewalDate: null });
    room(db, csm.id, { name: "January", renewalDate: "2027-01-15" });
    expect(names(csm, { sort: "renewal" })).toEqual(["January", "March", "None"]);
    expect(names(csm, { sort: "renewal", dir: "desc" })).toEqual(["March", "January", "None"]);
  });

  it("sorts by days since the last customer activity, longest silence first, never-active last", () => {
    const db = t.db();
    const { csm } = staff(db);
    room(db, csm.id, { name: "Quiet", health: { lastCustomerActivityOn: "2026-11-01" } });
    room(db, csm.id, { name: "Never", health: { lastCustomerActivityOn: null } });
    room(db, csm.id, { name: "Busy", health: { lastCustomerActivityOn: "2026-11-30" } });
    room(db, csm.id, { name: "No row" });
    expect(names(csm, { sort: "activity" })).toEqual(["Quiet", "Busy", "Never", "No row"]);
    expect(names(csm, { sort: "activity", dir: "asc" })).toEqual(["Busy", "Quiet", "Never", "No row"]);
  });

  it("sorts by progress, least done first, and by name", () => {
    const db = t.db();
    const { csm } = staff(db);
    room(db, csm.id, { name: "Beta", health: { progressPercent: 80 } });
    room(db, csm.id, { name: "Alpha", health: { progressPercent: 10 } });
    room(db, csm.id, { name: "Gamma", health: { progressPercent: 45 } });
    room(db, csm.id, { name: "Delta" });
    expect(names(csm, { sort: "progress" })).toEqual(["Alpha", "Gamma", "Beta", "Delta"]);
    expect(names(csm, { sort: "progress", dir: "desc" })).toEqual(["Beta", "Gamma", "Alpha", "Delta"]);
    expect(names(csm, { sort: "name" })).toEqual(["Alpha", "Beta", "Delta", "Gamma"]);
    expect(names(csm, { sort: "name", dir: "desc" })).toEqual(["Gamma", "Delta", "Beta", "Alpha"]);
  });

  it("defaults to renewal date for sales", () => {
    const db = t.db();
    const { csm, sales } = staff(db);
    room(db, csm.id, {
      name: "Late",
      ownerId: sales.id,
      renewalDate: "2027-08-01",
      health: { band: "red", score: 5 },
    });
    room(db, csm.id, {
      name: "Soon",
      ownerId: sales.id,
      renewalDate: "2027-01-01",
      health: { band: "green", score: 95 },
    });
    expect(names(sales)).toEqual(["Soon", "Late"]);
  });
});

describe("portfolio filters", () => {
  it("filters by band, several at once, with rooms without a row counting as grey", () => {
    const { csm } = seedBands();
    expect(names(csm, { bands: ["red"] })).toEqual(["Red 12", "Red 30"]);
    expect(names(csm, { bands: ["yellow", "green"] })).toEqual(["Yellow 55", "Green 90"]);
    expect(names(csm, { bands: ["grey"] })).toEqual(["Grey computed", "Never computed"]);
  });

  it("filters reactive rooms only", () => {
    const { csm } = seedBands();
    expect(names(csm, { reactiveOnly: true })).toEqual(["Red 12"]);
  });

  it("filters renewals from today through 90 days ahead, in each account's calendar", () => {
    const db = t.db();
    const { csm } = staff(db);
    room(db, csm.id, { name: "Yesterday", renewalDate: "2026-11-30" });
    room(db, csm.id, { name: "Today", renewalDate: "2026-12-01" });
    room(db, csm.id, { name: "Day 90", renewalDate: "2027-03-01" });
    room(db, csm.id, { name: "Day 91", renewalDate: "2027-03-02" });
    room(db, csm.id, { name: "None", renewalDate: null });
    // It is still 30 November in New York: its window runs to 28 February.
    room(db, csm.id, { name: "NY today", renewalDate: "2026-11-30", timeZone: "America/New_York" });
    room(db, csm.id, { name: "NY day 91", renewalDate: "2027-03-01", timeZone: "America/New_York" });
    expect(names(csm, { renewalSoon: true, sort: "name" })).toEqual(["Day 90", "NY today", "Today"]);
    const days = listPortfolio(csm, { scope: "all", page: 1, sort: "name" }, NOW).rows.map((r) => [
      r.accountName,
      r.renewalInDays,
    ]);
    expect(days).toContainEqual(["Day 90", 90]);
    expect(days).toContainEqual(["NY day 91", 91]);
  });

  it("filters by touch model and by search, and combines filters", () => {
    const db = t.db();
    const { csm } = staff(db);
    room(db, csm.id, { name: "High One", touchModel: "high", health: { band: "red", score: 20 } });
    room(db, csm.id, { name: "Low One", touchModel: "low", health: { band: "red", score: 25 } });
    room(db, csm.id, { name: "Tech One", touchModel: "tech" });
    room(db, csm.id, { name: "Low Two", touchModel: "low", health: { band: "green", score: 80 } });
    expect(names(csm, { touchModel: "low" })).toEqual(["Low One", "Low Two"]);
    expect(names(csm, { touchModel: "tech" })).toEqual(["Tech One"]);
    expect(names(csm, { query: "one" })).toEqual(["High One", "Low One", "Tech One"]);
    expect(names(csm, { query: "Two onboarding" })).toEqual(["Low Two"]);
    expect(names(csm, { touchModel: "low", bands: ["red"] })).toEqual(["Low One"]);
    expect(names(csm, { touchModel: "low", bands: ["yellow"] })).toEqual([]);
  });
});

describe("portfolio scope", () => {
  it("shows CSMs their accounts or all, admins all, and sales only the accounts they own", () => {
    const db = t.db();
    const { csm, other, admin, sales } = staff(db);
    room(db, csm.id, { name: "Mine", ownerId: sales.id });
    room(db, other.id, { name: "Theirs" });
    room(db, other.id, { name: "Sold", ownerId: sales.id });
    expect(names(csm, { scope: "mine", sort: "name" })).toEqual(["Mine"]);
    expect(names(csm, { scope: "all", sort: "name" })).toEqual(["Mine", "Sold", "Theirs"]);
    expect(names(admin, { scope: "mine", sort: "name" })).toEqual(["Mine", "Sold", "Theirs"]);
    expect(names(sales, { scope: "all", sort: "name" })).toEqual(["Mine", "Sold"]);
    expect(names(sales, { scope: "all", query: "Theirs" })).toEqual([]);
    // The other views follow the same scope.
    const priorityNames = (user: StaffUser, scope: "mine" | "all") =>
      getPriorityView(user, { ...NO_FILTERS, scope }, NOW).total;
    expect([priorityNames(csm, "mine"), priorityNames(csm, "all"), priorityNames(sales, "all")]).toEqual([
      1, 3, 2,
    ]);
  });

  it("reads search parameters leniently and keeps only CSMs' scope in links", () => {
    const p = parsePortfolioParams(
      new URLSearchParams("band=red&band=bogus&band=grey&reactive=1&touch=low&sort=mrr&page=3&q=%20acme%20"),
      "csm",
    );
    expect(p).toMatchObject({
      view: "table",
      scope: "mine",
      bands: ["red", "grey"],
      reactiveOnly: true,
      renewalSoon: false,
      touchModel: "low",
      sort: "mrr",
      dir: "desc",
      page: 3,
      query: "acme",
    });
    expect(
      parsePortfolioParams(new URLSearchParams("sort=nope&dir=sideways&page=-2"), "admin"),
    ).toMatchObject({
      sort: "health",
      dir: "asc",
      page: 1,
    });
    expect(portfolioSearch({ ...p, scope: "all" }, "csm", { page: 2 })).toEqual([
      ["scope", "all"],
      ["q", "acme"],
      ["band", "red"],
      ["band", "grey"],
      ["reactive", "1"],
      ["touch", "low"],
      ["sort", "mrr"],
      ["dir", "desc"],
      ["page", "2"],
    ]);
    expect(portfolioSearch({ ...p, scope: "all" }, "admin")).not.toContainEqual(["scope", "all"]);
  });
});

describe("portfolio rows", () => {
  it("computes days since customer activity in the account's zone, and the trend with the model's threshold", () => {
    const db = t.db();
    const { csm } = staff(db);
    const at = new Date("2026-11-30T16:00:00Z"); // 1 December in Tokyo, 30 November in New York
    room(db, csm.id, {
      name: "Tokyo",
      health: { band: "green", score: 80, lastCustomerActivityOn: "2026-11-29", trendDelta: 5 },
    });
    room(db, csm.id, {
      name: "New York",
      timeZone: "America/New_York",
      health: { band: "green", score: 81, lastCustomerActivityOn: "2026-11-29", trendDelta: -4.9 },
    });
    room(db, csm.id, { name: "Falling", health: { band: "green", score: 82, trendDelta: -12 } });
    room(db, csm.id, { name: "Fresh", health: { band: "green", score: 83, trendDelta: null } });
    const rows = listPortfolio(csm, { scope: "mine", page: 1, sort: "name" }, at).rows;
    const byName = Object.fromEntries(rows.map((r) => [r.accountName, r]));
    expect(byName.Tokyo).toMatchObject({ daysSinceActivity: 2, trendDirection: "up" });
    expect(byName["New York"]).toMatchObject({ daysSinceActivity: 1, trendDirection: "flat" });
    expect(byName.Falling).toMatchObject({ daysSinceActivity: null, trendDirection: "down" });
    expect(byName.Fresh?.trendDirection).toBeNull();
  });

  it("passes the recompute job's facts through: progress, next milestone and slippage, first value", () => {
    const db = t.db();
    const { csm } = staff(db);
    room(db, csm.id, {
      name: "Facts",
      health: {
        band: "yellow",
        score: 50,
        mode: "reactive",
        progressPercent: 42,
        nextMilestoneTitle: "Go-live",
        nextMilestoneDate: "2026-12-20",
        nextMilestoneSlipDays: 6,
        firstValueDays: 33,
        openAlerts: 2,
      },
    });
    room(db, csm.id, { name: "No row" });
    const [facts, empty] = listPortfolio(csm, { scope: "mine", page: 1, sort: "name" }, NOW).rows;
    expect(facts).toMatchObject({
      mode: "reactive",
      progressPercent: 42,
      nextMilestoneTitle: "Go-live",
      nextMilestoneDate: "2026-12-20",
      nextMilestoneSlipDays: 6,
      firstValueDays: 33,
      openAlerts: 2,
      csmName: "Carla Csm",
    });
    expect(empty).toMatchObject({
      band: "grey",
      score: null,
      mode: "proactive",
      progressPercent: null,
      firstValueDays: null,
      overridden: false,
    });
  });
});

describe("portfolio paging", () => {
  function seedMany(n: number) {
    const db = t.db();
    const s = staff(db);
    db.transaction((tx) => {
      for (let i = 0; i < n; i++) {
        room(tx as unknown as Db, s.csm.id, {
          name: `Account ${String(i).padStart(3, "0")}`,
          mrrMinor: 1_000 * (i + 1),
          health:
            i % 4 === 3 ? undefined : { band: (["red", "yellow", "green"] as const)[i % 3], score: i % 100 },
        });
      }
    });
    return { db, ...s };
  }

  it("pages 120 rooms into 50 + 50 + 20 without repeats, keeping sort and filters", () => {
    const { csm } = seedMany(120);
    const page = (p: number, opts: Partial<Parameters<typeof listPortfolio>[1]> = {}) =>
      listPortfolio(csm, { scope: "mine", page: p, ...opts }, NOW);
    const pages = [1, 2, 3].map((p) => page(p, { sort: "mrr" }));
    expect(pages.map((p) => p.rows.length)).toEqual([50, 50, 20]);
    expect(pages.map((p) => p.pageCount)).toEqual([3, 3, 3]);
    const all = pages.flatMap((p) => p.rows.map((r) => r.mrrMinor));
    expect(new Set(all).size).toBe(120);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    // Health order across pages: scored worst first, the 30 rooms without a row at the very end.
    const health = [1, 2, 3].flatMap((p) => page(p).rows);
    expect(health.slice(90).every((r) => r.band === "grey")).toBe(true);
    expect(health.slice(0, 90).every((r) => r.band !== "grey")).toBe(true);
    // A filter narrows the count and the pages; a page past the end shows the last one.
    const red = page(9, { bands: ["red"] });
    expect(red).toMatchObject({ total: 30, page: 1, pageCount: 1 });
    expect(red.rows.every((r) => r.band === "red")).toBe(true);
  });

  it("runs the same number of statements whether a page lists 3 rooms or 50", () => {
    const { db, csm, other } = seedMany(120);
    room(db, other.id, { name: "Small 1" });
    room(db, other.id, { name: "Small 2" });
    room(db, other.id, { name: "Small 3" });
    // Once, so that statements prepared once per connection (the read cache's) are not counted below.
    listPortfolio(csm, { scope: "all", page: 1 }, NOW);
    const prepare = vi.spyOn(db.$client, "prepare");
    const statements = (user: StaffUser) => {
      prepare.mockClear();
      const result = listPortfolio(user, { scope: "mine", page: 1 }, NOW);
      return { rows: result.rows.length, statements: prepare.mock.calls.length };
    };
    const small = statements(other);
    const large = statements(csm);
    prepare.mockRestore();
    expect(small.rows).toBe(3);
    expect(large.rows).toBe(PORTFOLIO_PAGE_SIZE);
    expect(large.statements).toBe(small.statements);
    // A COUNT, the page, and the health model's version.
    expect(large.statements).toBeLessThanOrEqual(3);
  });
});

describe("priority view", () => {
  it("plots at most the highest-MRR scored rooms of the filter and ranks reactive rooms first, then risk × value", () => {
    const db = t.db();
    const { csm, other } = staff(db);
    db.transaction((tx) => {
      for (let i = 0; i < SCATTER_LIMIT + 10; i++)
        room(tx as unknown as Db, csm.id, {
          name: `Bulk ${i}`,
          mrrMinor: 10_000 + i,
          health: { band: "green", score: 90 },
        });
    });
    room(db, csm.id, { name: "Unscored", mrrMinor: 9_999_999 });
    room(db, csm.id, { name: "Big and sick", mrrMinor: 5_000_000, health: { band: "red", score: 20 } });
    room(db, csm.id, {
      name: "Small reactive",
      mrrMinor: 1_000,
      health: { band: "yellow", score: 60, mode: "reactive" },
    });
    room(db, csm.id, { name: "Big and fine", mrrMinor: 6_000_000, health: { band: "green", score: 85 } });
    room(db, other.id, { name: "Someone else's", mrrMinor: 9_000_000, health: { band: "red", score: 1 } });

    const view = getPriorityView(csm, { ...NO_FILTERS, scope: "mine" }, NOW);
    expect(view).toMatchObject({
      total: SCATTER_LIMIT + 14,
      scored: SCATTER_LIMIT + 13,
      limit: SCATTER_LIMIT,
    });
    expect(view.points).toHaveLength(SCATTER_LIMIT);
    const plotted = view.points.map((p) => p.accountName);
    expect(plotted.slice(0, 2)).toEqual(["Big and fine", "Big and sick"]);
    expect(plotted).not.toContain("Unscored");
    expect(plotted).not.toContain("Small reactive"); // the lowest MRR falls outside the top 500
    expect(plotted).not.toContain("Someone else's");
    expect(view.referenceCurrency).toBe("JPY");
    expect(view.converted).toBe(false);
    expect(view.thresholds).toEqual({ green: 70, yellow: 40 });

    // (100 − 20) × 5,000,000 beats (100 − 85) × 6,000,000 and every bulk room; the reactive one leads.
    expect(view.top.map((r) => r.accountName).slice(0, 3)).toEqual([
      "Small reactive",
      "Big and sick",
      "Big and fine",
    ]);
    expect(view.top).toHaveLength(10);

    // Filters apply to the chart and the ranking alike.
    const red = getPriorityView(csm, { ...NO_FILTERS, scope: "all", bands: ["red"] }, NOW);
    expect(red.points.map((p) => p.accountName)).toEqual(["Someone else's", "Big and sick"]);
    expect(red.top.map((p) => p.accountName)).toEqual(["Someone else's", "Big and sick"]);
  });

  it("places mixed currencies on one axis in the most common currency and says so", () => {
    const db = t.db();
    const { csm } = staff(db);
    room(db, csm.id, { name: "Yen A", mrrMinor: 300_000, health: { band: "red", score: 30 } });
    room(db, csm.id, { name: "Yen B", mrrMinor: 100_000, health: { band: "green", score: 80 } });
    room(db, csm.id, {
      name: "Dollar",
      mrrMinor: 100_000,
      currency: "USD",
      health: { band: "yellow", score: 50 },
    });
    const view = getPriorityView(csm, { ...NO_FILTERS, scope: "mine" }, NOW);
    expect(view).toMatchObject({ referenceCurrency: "JPY", converted: true });
    const x = Object.fromEntries(view.points.map((p) => [p.accountName, p.x]));
    expect(x["Yen A"]).toBe(300_000);
    expect(x.Dollar).toBeGreaterThan(100_000);
    expect(x.Dollar).toBeLessThan(300_000);
    expect(view.mrrSplit).toBe(x.Dollar);
  });
});

describe("time to first value per template", () => {
  it("gives the median and n per template, with no-template and deleted-template rooms grouped", () => {
    const db = t.db();
    const { csm, other, sales } = staff(db);
    const template = (name: string) =>
      db.insert(planTemplates).values({ name, locale: "en" }).returning().get().id;
    const standard = template("Standard onboarding");
    const enterprise = template("Enterprise rollout");
    const fv = (name: string, templateId: string | null, days: number | null, extra: RoomSpec = { name }) =>
      room(db, csm.id, {
        ...extra,
        name,
        templateId,
        health: { band: "green", score: 80, firstValueDays: days },
      });
    fv("S1", standard, 30);
    fv("S2", standard, 10);
    fv("S3", standard, 20);
    fv("S not yet", standard, null);
    fv("E1", enterprise, 15);
    fv("E2", enterprise, 5, { name: "E2", ownerId: sales.id });
    fv("None", null, 7, { name: "None", ownerId: sales.id });
    fv("Gone 1", "deleted-template-id", 40);
    fv("Gone 2", "another-deleted-id", 50);
    room(db, csm.id, { name: "No health row", templateId: standard });
    room(db, other.id, {
      name: "Other CSM",
      templateId: standard,
      health: { band: "red", score: 10, firstValueDays: 99 },
    });

    expect(firstValueByTemplate(csm, { scope: "mine" }, NOW)).toEqual([
      { kind: "template", templateId: enterprise, name: "Enterprise rollout", n: 2, medianDays: 10 },
      { kind: "template", templateId: standard, name: "Standard onboarding", n: 3, medianDays: 20 },
      { kind: "deleted", templateId: null, name: null, n: 2, medianDays: 45 },
      { kind: "none", templateId: null, name: null, n: 1, medianDays: 7 },
    ]);
    // Scope and filters apply: all accounts add the other CSM's room; sales see only what they own.
    expect(
      firstValueByTemplate(csm, { scope: "all" }, NOW).find((g) => g.templateId === standard),
    ).toMatchObject({ n: 4, medianDays: 25 });
    expect(firstValueByTemplate(sales, { scope: "all" }, NOW)).toEqual([
      { kind: "template", templateId: enterprise, name: "Enterprise rollout", n: 1, medianDays: 5 },
      { kind: "none", templateId: null, name: null, n: 1, medianDays: 7 },
    ]);
    expect(firstValueByTemplate(csm, { scope: "all", bands: ["red"] }, NOW)).toEqual([
      { kind: "template", templateId: standard, name: "Standard onboarding", n: 1, medianDays: 99 },
    ]);
  });
});
