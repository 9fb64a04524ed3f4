/**
 * The staff portfolio's queries: the paged room table, the priority chart and ranking, and time to first
 * value per template. Every one is a single SQL statement over rooms ⋈ accounts ⟕ room_health (the
 * recompute job keeps the per-room facts there), so the work per page does not grow with the rows shown.
 * Scope: CSMs see their own accounts or all; admins all; sales only the accounts they own.
 */
import { aliasedTable, and, asc, count, desc, eq, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { cachedUntilWrite, getDb } from "#db/client.server";
import { accounts, handoffs, planTemplates, roomHealth, rooms, users } from "#db/schema";
import { staffCan } from "~/access/capabilities";
import type { StaffUser } from "~/access/users";
import { TIME_ZONES } from "~/domain/accounts/constants";
import { accountLogoUrl } from "~/domain/accounts/logo.server";
import { daysBetween, todayIn } from "~/domain/plan/dates";
import { getHealthConfig } from "./config.server";
import type { Band } from "./model";
import {
  APPROX_JPY_PER_MINOR_UNIT,
  DEFAULT_SORT_DIR,
  defaultSort,
  PORTFOLIO_PAGE_SIZE,
  PRIORITY_LIST_SIZE,
  RENEWAL_WINDOW_DAYS,
  SCATTER_LIMIT,
  trendDirection,
  type PortfolioFilters,
  type PortfolioScope,
  type PortfolioSort,
  type SortDir,
} from "./portfolio";

export { PORTFOLIO_PAGE_SIZE, type PortfolioScope };

export type PortfolioListOptions = Partial<PortfolioFilters> & {
  scope: PortfolioScope;
  page: number;
  sort?: PortfolioSort;
  dir?: SortDir;
};

/** Room health as the portfolio reads it: rooms without a computed row yet count as grey. */
const band = sql<Band>`coalesce(${roomHealth.effectiveBand}, 'grey')`;
const bandRank = sql`(case ${band} when 'red' then 0 when 'yellow' then 1 when 'green' then 2 else 3 end)`;

/** The account's sales handoff status, "missing" before sales starts one (staff see it as a badge). */
const handoffStatus = sql<
  "missing" | "draft" | "submitted" | "acknowledged"
>`coalesce((select ${handoffs.status} from ${handoffs} where ${handoffs.accountId} = ${accounts.id}), 'missing')`;

/** MRR in approximate yen, for ordering accounts of different currencies against each other. */
const mrrForOrdering = sql<number>`(${accounts.mrrMinor} * (case ${accounts.currency} ${sql.join(
  Object.entries(APPROX_JPY_PER_MINOR_UNIT).map(([currency, rate]) => sql`when ${currency} then ${rate}`),
  sql` `,
)} else 1 end))`;

/**
 * Today in each account's own zone, as SQL: the zones accounts can have are a short fixed list, so their
 * dates are computed once here and bound; any other zone falls back to UTC.
 */
function accountToday(now: Date): SQL<string> {
  return sql<string>`(case ${accounts.timeZone} ${sql.join(
    TIME_ZONES.map((zone) => sql`when ${zone} then ${todayIn(zone, now)}`),
    sql` `,
  )} else ${todayIn("UTC", now)} end)`;
}

function scopeAndFilters(
  user: StaffUser,
  f: Partial<PortfolioFilters> & { scope: PortfolioScope },
  now: Date,
) {
  const filters: SQL[] = [];
  if (!staffCan(user.staffRole, "portfolio.viewAll")) filters.push(eq(accounts.ownerId, user.id));
  else if (staffCan(user.staffRole, "portfolio.chooseScope") && f.scope === "mine")
    filters.push(eq(accounts.csmId, user.id));
  if (f.query) {
    const pattern = `%${f.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(
      or(sql`${accounts.name} like ${pattern} escape '\\'`, sql`${rooms.title} like ${pattern} escape '\\'`)!,
    );
  }
  if (f.bands?.length) filters.push(inArray(band, f.bands));
  if (f.reactiveOnly) filters.push(eq(roomHealth.mode, "reactive"));
  if (f.renewalSoon) {
    const today = accountToday(now);
    filters.push(
      sql`${accounts.renewalDate} between ${today} and date(${today}, ${`+${RENEWAL_WINDOW_DAYS} days`})`,
    );
  }
  if (f.touchModel) filters.push(eq(accounts.touchModel, f.touchModel));
  if (f.handoffOpen) filters.push(sql`${handoffStatus} <> 'acknowledged'`);
  return filters.length ? and(...filters) : undefined;
}

function orderBy(sort: PortfolioSort, dir: SortDir, now: Date): SQL[] {
  const by = (e: Parameters<typeof asc>[0]) => (dir === "asc" ? asc(e) : desc(e));
  // Missing values (no score, no renewal date, no activity yet) go last whichever way the column sorts.
  const nullsLast = (e: SQL) => [sql`(${e}) is null`, by(e)];
  const keys: SQL[] = (() => {
    switch (sort) {
      case "health":
        return [sql`${band} = 'grey'`, by(bandRank), ...nullsLast(sql`${roomHealth.effectiveScore}`)];
      case "name":
        return [by(accounts.name), by(rooms.title)];
      case "mrr":
        return [by(mrrForOrdering)];
      case "renewal":
        return nullsLast(sql`${accounts.renewalDate}`);
      case "activity":
        return nullsLast(
          sql`julianday(${accountToday(now)}) - julianday(${roomHealth.lastCustomerActivityOn})`,
        );
      case "progress":
        return nullsLast(sql`${roomHealth.progressPercent}`);
    }
  })();
  // A total order, so that pages never repeat or skip a room.
  return [...keys, asc(accounts.name), asc(rooms.title), asc(rooms.id)];
}

function counts(where: SQL | undefined) {
  const row = getDb()
    .select({
      total: count(),
      scored: sql<number>`coalesce(sum(${roomHealth.effectiveScore} is not null), 0)`,
    })
    .from(rooms)
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .leftJoin(roomHealth, eq(roomHealth.roomId, rooms.id))
    .where(where)
    .get();
  return { total: row?.total ?? 0, scored: Number(row?.scored ?? 0) };
}

/** Today per zone, worked out once per zone rather than once per row. */
function todayCache(now: Date) {
  const cache = new Map<string, string>();
  return (zone: string) => {
    let today = cache.get(zone);
    if (!today) {
      today = todayIn(zone, now);
      cache.set(zone, today);
    }
    return today;
  };
}

/**
 * One page of the portfolio table: a COUNT and one SELECT (rooms, accounts, CSM, room_health), whatever
 * the page size. Filters and sort run in SQL; only the per-row formatting of facts happens here.
 */
function readPortfolio(user: StaffUser, opts: PortfolioListOptions, now: Date) {
  const db = getDb();
  const csm = aliasedTable(users, "csm");
  const sort = opts.sort ?? defaultSort(user.staffRole);
  const dir = opts.dir ?? DEFAULT_SORT_DIR[sort];
  const where = scopeAndFilters(user, opts, now);
  const { total } = counts(where);
  const pageCount = Math.max(1, Math.ceil(total / PORTFOLIO_PAGE_SIZE));
  const page = Math.max(1, Math.min(opts.page, pageCount));
  const rows = db
    .select({
      roomId: rooms.id,
      roomTitle: rooms.title,
      stage: rooms.stage,
      status: rooms.status,
      accountId: accounts.id,
      accountName: accounts.name,
      logoFileId: accounts.logoFileId,
      logoLink: accounts.logoUrl,
      renewalDate: accounts.renewalDate,
      mrrMinor: accounts.mrrMinor,
      currency: accounts.currency,
      touchModel: accounts.touchModel,
      timeZone: accounts.timeZone,
      csmName: csm.name,
      hasHealth: sql<number>`${roomHealth.roomId} is not null`,
      band,
      score: roomHealth.effectiveScore,
      computedBand: roomHealth.band,
      computedScore: roomHealth.score,
      trendDelta: roomHealth.trendDelta,
      mode: roomHealth.mode,
      progressPercent: roomHealth.progressPercent,
      nextMilestoneTitle: roomHealth.nextMilestoneTitle,
      nextMilestoneDate: roomHealth.nextMilestoneDate,
      nextMilestoneSlipDays: roomHealth.nextMilestoneSlipDays,
      lastCustomerActivityOn: roomHealth.lastCustomerActivityOn,
      firstValueDays: roomHealth.firstValueDays,
      openAlerts: roomHealth.openAlerts,
      handoffStatus,
    })
    .from(rooms)
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .innerJoin(csm, eq(csm.id, accounts.csmId))
    .leftJoin(roomHealth, eq(roomHealth.roomId, rooms.id))
    .where(where)
    .orderBy(...orderBy(sort, dir, now))
    .limit(PORTFOLIO_PAGE_SIZE)
    .offset((page - 1) * PORTFOLIO_PAGE_SIZE)
    .all();
  const config = getHealthConfig();
  const today = todayCache(now);
  return {
    rows: rows.map(({ hasHealth, timeZone, logoFileId, logoLink, ...r }) => {
      const known = !!hasHealth;
      return {
        ...r,
        logoUrl: accountLogoUrl({ logoFileId, logoUrl: logoLink }),
        mode: r.mode ?? "proactive",
        progressPercent: known ? r.progressPercent : null,
        openAlerts: r.openAlerts ?? 0,
        /** An override is in force when what is shown differs from what was computed. */
        overridden: known && (r.score !== r.computedScore || r.band !== r.computedBand),
        trendDirection: trendDirection(r.trendDelta, config.trendPoints),
        daysSinceActivity: r.lastCustomerActivityOn
          ? Math.max(0, daysBetween(r.lastCustomerActivityOn, today(timeZone)))
          : null,
        /** Days until the renewal date (negative once it has passed), in the account's calendar. */
        renewalInDays: r.renewalDate ? daysBetween(today(timeZone), r.renewalDate) : null,
      };
    }),
    total,
    page,
    pageCount,
    sort,
    dir,
    inactiveDays: config.alerts.customerInactive.warningDays,
  };
}

export type PortfolioRow = ReturnType<typeof readPortfolio>["rows"][number];

/**
 * The priority view of the same scope and filters: the scored rooms with the highest MRR for the chart
 * (at most SCATTER_LIMIT), and the top rooms by risk × value (reactive ones first). Rooms without a
 * score cannot be placed on a health axis and are counted instead.
 */
function readPriorityView(user: StaffUser, filters: PortfolioFilters, now: Date) {
  const db = getDb();
  const config = getHealthConfig();
  const where = scopeAndFilters(user, filters, now);
  const { total, scored } = counts(where);
  const scoredWhere = and(where, isNotNull(roomHealth.effectiveScore));
  const columns = {
    roomId: rooms.id,
    roomTitle: rooms.title,
    accountName: accounts.name,
    band,
    score: sql<number>`${roomHealth.effectiveScore}`,
    mode: roomHealth.mode,
    mrrMinor: accounts.mrrMinor,
    currency: accounts.currency,
    mrrJpy: mrrForOrdering,
  };
  const points = db
    .select(columns)
    .from(rooms)
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .leftJoin(roomHealth, eq(roomHealth.roomId, rooms.id))
    .where(scoredWhere)
    .orderBy(desc(mrrForOrdering), asc(accounts.name), asc(rooms.id))
    .limit(SCATTER_LIMIT)
    .all();
  const csm = aliasedTable(users, "csm");
  const top = db
    .select({
      ...columns,
      renewalDate: accounts.renewalDate,
      csmName: csm.name,
      openAlerts: roomHealth.openAlerts,
    })
    .from(rooms)
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .innerJoin(csm, eq(csm.id, accounts.csmId))
    .leftJoin(roomHealth, eq(roomHealth.roomId, rooms.id))
    .where(scoredWhere)
    .orderBy(
      desc(sql`${roomHealth.mode} = 'reactive'`),
      desc(sql`(100 - max(0, min(100, ${roomHealth.effectiveScore}))) * ${mrrForOrdering}`),
      asc(roomHealth.effectiveScore),
      asc(accounts.name),
      asc(rooms.id),
    )
    .limit(PRIORITY_LIST_SIZE)
    .all();

  // One axis needs one currency: the portfolio's most common one, others converted approximately.
  const byCurrency = new Map<string, number>();
  for (const p of points) byCurrency.set(p.currency, (byCurrency.get(p.currency) ?? 0) + 1);
  const referenceCurrency =
    [...byCurrency.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? "JPY";
  const rate = APPROX_JPY_PER_MINOR_UNIT[referenceCurrency] ?? 1;
  const plotted = points.map(({ mrrJpy, ...p }) => ({
    ...p,
    mode: p.mode ?? "proactive",
    /** MRR in minor units of the reference currency: exact for rooms in it, approximate for others. */
    x: p.currency === referenceCurrency ? p.mrrMinor : mrrJpy / rate,
  }));
  const xs = plotted.map((p) => p.x).sort((a, b) => a - b);
  const mid = Math.floor(xs.length / 2);
  const mrrSplit = xs.length ? (xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2) : 0;
  return {
    points: plotted,
    top: top.map(({ mrrJpy: _mrrJpy, ...r }) => ({
      ...r,
      mode: r.mode ?? "proactive",
      openAlerts: r.openAlerts ?? 0,
    })),
    total,
    scored,
    limit: SCATTER_LIMIT,
    referenceCurrency,
    converted: byCurrency.size > 1,
    /** The median MRR of the plotted rooms: where "high MRR" starts in the shaded quadrant. */
    mrrSplit,
    thresholds: { green: config.bands.green, yellow: config.bands.yellow },
  };
}

export type PriorityView = ReturnType<typeof readPriorityView>;

/**
 * Median days from kickoff to the first-value milestone per plan template, over the rooms of the scope
 * and filters that reached it; rooms without a template, and rooms whose template was deleted, form
 * their own groups. One statement: the median comes from window functions in SQLite.
 */
function readFirstValueByTemplate(
  user: StaffUser,
  filters: Partial<PortfolioFilters> & { scope: PortfolioScope },
  now: Date,
) {
  const db = getDb();
  const group = sql<string>`(case when ${rooms.planTemplateId} is null then 'none' when ${planTemplates.id} is null then 'deleted' else ${planTemplates.id} end)`;
  const ranked = db.$with("ranked").as(
    db
      .select({
        grp: sql<string>`${group}`.as("grp"),
        name: sql<string | null>`${planTemplates.name}`.as("template_name"),
        days: sql<number>`${roomHealth.firstValueDays}`.as("days"),
        rn: sql<number>`row_number() over (partition by ${group} order by ${roomHealth.firstValueDays})`.as(
          "rn",
        ),
        n: sql<number>`count(*) over (partition by ${group})`.as("n"),
      })
      .from(rooms)
      .innerJoin(accounts, eq(accounts.id, rooms.accountId))
      .innerJoin(roomHealth, eq(roomHealth.roomId, rooms.id))
      .leftJoin(planTemplates, eq(planTemplates.id, rooms.planTemplateId))
      .where(and(scopeAndFilters(user, filters, now), isNotNull(roomHealth.firstValueDays))),
  );
  const rows = db
    .with(ranked)
    .select({
      group: ranked.grp,
      name: sql<string | null>`max(${ranked.name})`,
      n: sql<number>`max(${ranked.n})`,
      medianDays: sql<number>`avg(${ranked.days})`,
    })
    .from(ranked)
    .where(sql`${ranked.rn} in ((${ranked.n} + 1) / 2, (${ranked.n} + 2) / 2)`)
    .groupBy(sql`${ranked.grp}`)
    .all();
  const kindOf = (g: string) => (g === "none" || g === "deleted" ? g : "template");
  const order = { template: 0, deleted: 1, none: 2 } as const;
  return rows
    .map((r) => ({
      kind: kindOf(r.group) as "template" | "deleted" | "none",
      templateId: kindOf(r.group) === "template" ? r.group : null,
      name: r.name,
      n: Number(r.n),
      medianDays: Number(r.medianDays),
    }))
    .sort((a, b) => order[a.kind] - order[b.kind] || (a.name ?? "").localeCompare(b.name ?? ""));
}

export type FirstValueByTemplate = ReturnType<typeof readFirstValueByTemplate>;

/**
 * The portfolio's reads scan every room of the scope (5,000 for an admin): each answer is reused until
 * the next write to the database, per user, parameters and quarter hour (the local day in every zone is
 * constant within a UTC quarter hour).
 */
function cached<T>(name: string, user: StaffUser, params: object, now: Date, read: () => T): T {
  const quarter = Math.floor(now.getTime() / (15 * 60 * 1000));
  return cachedUntilWrite(JSON.stringify([name, user.id, user.staffRole, params, quarter]), read);
}

/** One page of the portfolio table (see readPortfolio). */
export function listPortfolio(user: StaffUser, opts: PortfolioListOptions, now: Date = new Date()) {
  return cached("list", user, opts, now, () => readPortfolio(user, opts, now));
}

export function getPriorityView(user: StaffUser, filters: PortfolioFilters, now: Date = new Date()) {
  return cached("priority", user, filters, now, () => readPriorityView(user, filters, now));
}

export function firstValueByTemplate(
  user: StaffUser,
  filters: Partial<PortfolioFilters> & { scope: PortfolioScope },
  now: Date = new Date(),
) {
  return cached("firstValue", user, filters, now, () => readFirstValueByTemplate(user, filters, now));
}
