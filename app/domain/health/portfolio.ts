/**
 * The staff portfolio's vocabulary: sort keys, filters, their search-parameter form, and the pure helpers
 * shared by the queries (portfolio.server.ts) and the page. No IO here: the page imports it.
 */
import { z } from "zod";
import { staffCan } from "~/access/capabilities";
import { TOUCH_MODELS, type StaffRole, type TouchModel } from "~/vocabulary";
import type { Band } from "./model";

export const PORTFOLIO_PAGE_SIZE = 50;
/** "Renewal soon" means a renewal date from today through this many days ahead (account's calendar). */
export const RENEWAL_WINDOW_DAYS = 90;
/** The chart plots at most this many rooms of the filter: the ones with the highest MRR. */
export const SCATTER_LIMIT = 500;
export const PRIORITY_LIST_SIZE = 10;

export const PORTFOLIO_SORTS = ["health", "name", "mrr", "renewal", "activity", "progress"] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];
export type SortDir = "asc" | "desc";
/** The direction a column sorts in when first chosen: the end a CSM usually wants to see first. */
export const DEFAULT_SORT_DIR: Record<PortfolioSort, SortDir> = {
  health: "asc", // worst first
  name: "asc",
  mrr: "desc", // largest first
  renewal: "asc", // soonest first
  activity: "desc", // longest silence first
  progress: "asc", // least done first
};

export const PORTFOLIO_BANDS = ["red", "yellow", "green", "grey"] as const satisfies readonly Band[];
export const PORTFOLIO_VIEWS = ["table", "priority"] as const;
export type PortfolioView = (typeof PORTFOLIO_VIEWS)[number];
export type PortfolioScope = "mine" | "all";

export type PortfolioFilters = {
  scope: PortfolioScope;
  /** Free text matched against account and room names. */
  query: string;
  /** Empty means every band. */
  bands: Band[];
  reactiveOnly: boolean;
  renewalSoon: boolean;
  touchModel: TouchModel | null;
  /** Only rooms whose account's sales handoff is missing or not acknowledged yet. */
  handoffOpen?: boolean;
};

export type PortfolioParams = PortfolioFilters & {
  view: PortfolioView;
  sort: PortfolioSort;
  dir: SortDir;
  page: number;
};

/** Health worst-first for the people who act on it; sales look at their accounts by renewal. */
export function defaultSort(role: StaffRole): PortfolioSort {
  return role === "sales" ? "renewal" : "health";
}

const oneOf = <T extends readonly string[]>(values: T) =>
  z
    .string()
    .optional()
    .transform((v) => ((values as readonly string[]).includes(v ?? "") ? (v as T[number]) : undefined));

const flag = z
  .string()
  .optional()
  .transform((v) => v === "1" || v === "on" || v === "true");

const SearchSchema = z.object({
  view: oneOf(PORTFOLIO_VIEWS),
  scope: oneOf(["mine", "all"] as const),
  q: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().slice(0, 100)),
  band: z.array(z.string()).transform((values) => PORTFOLIO_BANDS.filter((b) => values.includes(b))),
  reactive: flag,
  renewal: flag,
  touch: oneOf(TOUCH_MODELS),
  handoff: flag,
  sort: oneOf(PORTFOLIO_SORTS),
  dir: oneOf(["asc", "desc"] as const),
  page: z
    .string()
    .optional()
    .transform((v) => Math.max(1, Number.parseInt(v ?? "1", 10) || 1)),
});

/**
 * Reads the page's search parameters. Unknown or malformed values fall back to the defaults rather than
 * failing: these URLs get bookmarked and shared, and an old link should still open the page.
 */
export function parsePortfolioParams(params: URLSearchParams, role: StaffRole): PortfolioParams {
  const get = (key: string) => params.get(key) ?? undefined;
  const parsed = SearchSchema.parse({
    view: get("view"),
    scope: get("scope"),
    q: get("q"),
    band: params.getAll("band").flatMap((b) => b.split(",")),
    reactive: get("reactive"),
    renewal: get("renewal"),
    touch: get("touch"),
    handoff: get("handoff"),
    sort: get("sort"),
    dir: get("dir"),
    page: get("page"),
  });
  const sort = parsed.sort ?? defaultSort(role);
  return {
    view: parsed.view ?? "table",
    scope: parsed.scope ?? "mine",
    query: parsed.q,
    bands: parsed.band,
    reactiveOnly: parsed.reactive,
    renewalSoon: parsed.renewal,
    touchModel: parsed.touch ?? null,
    handoffOpen: parsed.handoff,
    sort,
    dir: parsed.dir ?? DEFAULT_SORT_DIR[sort],
    page: parsed.page,
  };
}

/** Whether any filter beyond the scope narrows the list. */
export function hasFilters(f: PortfolioFilters): boolean {
  return (
    !!f.query ||
    f.bands.length > 0 ||
    f.reactiveOnly ||
    f.renewalSoon ||
    f.touchModel !== null ||
    !!f.handoffOpen
  );
}

/**
 * The canonical search parameters of a state, as [key, value] pairs (bands repeat): what links to other
 * pages, sorts and views carry so that filters and sort survive. Defaults are left out to keep URLs short.
 */
export function portfolioSearch(
  p: PortfolioParams,
  role: StaffRole,
  change: Partial<PortfolioParams> = {},
): [string, string][] {
  const s = { ...p, ...change };
  const out: [string, string][] = [];
  if (s.view !== "table") out.push(["view", s.view]);
  // Only those who choose a scope carry it; for everyone else the capability map fixes it.
  if (staffCan(role, "portfolio.chooseScope") && s.scope !== "mine") out.push(["scope", s.scope]);
  if (s.query) out.push(["q", s.query]);
  for (const band of s.bands) out.push(["band", band]);
  if (s.reactiveOnly) out.push(["reactive", "1"]);
  if (s.renewalSoon) out.push(["renewal", "1"]);
  if (s.touchModel) out.push(["touch", s.touchModel]);
  if (s.handoffOpen) out.push(["handoff", "1"]);
  if (s.sort !== defaultSort(role) || s.dir !== DEFAULT_SORT_DIR[s.sort]) {
    out.push(["sort", s.sort]);
    out.push(["dir", s.dir]);
  }
  if (s.page > 1) out.push(["page", String(s.page)]);
  return out;
}

export function portfolioHref(pairs: [string, string][]): string {
  const search = new URLSearchParams(pairs).toString();
  return search ? `/portfolio?${search}` : "/portfolio";
}

/** The trend arrow's direction under the model's threshold (the same rule as score.ts). */
export function trendDirection(delta: number | null, trendPoints: number): "up" | "down" | "flat" | null {
  if (delta === null) return null;
  if (delta >= trendPoints) return "up";
  if (delta <= -trendPoints) return "down";
  return "flat";
}

/**
 * Approximate yen per minor unit of each account currency. Used only to *order* accounts of different
 * currencies by MRR and to place them on one chart axis; amounts are always shown in the account's own
 * currency. A portfolio in a single currency is ordered exactly, whatever these numbers are.
 */
export const APPROX_JPY_PER_MINOR_UNIT: Record<string, number> = {
  JPY: 1,
  USD: 1.5,
  EUR: 1.6,
  GBP: 1.9,
  AUD: 0.98,
  SGD: 1.1,
  CNY: 0.21,
  KRW: 0.11,
  INR: 0.018,
  CAD: 1.1,
};
