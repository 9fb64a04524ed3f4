import { OrgLogo } from "~/components/ui/Avatar";
import { Link } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ROOM_STAGES, ROOM_STATUSES, type StaffRole } from "~/vocabulary";
import { useCachedT } from "~/components/cached-t";
import { HealthBadge, ModeBadge, TrendArrow } from "~/components/health/HealthBadges";
import { StatusBadge } from "~/components/room/StatusBadge";
import {
  DEFAULT_SORT_DIR,
  PORTFOLIO_BANDS,
  portfolioHref,
  portfolioSearch,
  RENEWAL_WINDOW_DAYS,
  type PortfolioParams,
  type PortfolioSort,
} from "~/domain/health/portfolio";
import type { PortfolioRow } from "~/domain/health/portfolio.server";
import { formatDate, formatMoney, formatNumber } from "~/i18n/format";
import { useRootData } from "~/root";

const TH = "whitespace-nowrap px-2.5 py-2.5 align-bottom font-semibold";
const TD = "px-2.5 py-2.5 align-top";

/** A column header that sorts by its key: a link, so it works without JavaScript; aria-sort when active. */
function SortHeader({
  sortKey,
  label,
  params,
  role,
  align = "left",
}: {
  sortKey: PortfolioSort;
  label: string;
  params: PortfolioParams;
  role: StaffRole;
  align?: "left" | "right";
}) {
  const { t } = useTranslation();
  const active = params.sort === sortKey;
  const dir = active ? (params.dir === "asc" ? "desc" : "asc") : DEFAULT_SORT_DIR[sortKey];
  const href = portfolioHref(portfolioSearch(params, role, { sort: sortKey, dir, page: 1 }));
  return (
    <th
      scope="col"
      aria-sort={active ? (params.dir === "asc" ? "ascending" : "descending") : undefined}
      className={`${TH} ${align === "right" ? "text-right" : "text-left"}`}
    >
      <Link
        to={href}
        className={`rounded hover:text-slate-900 hover:underline ${active ? "text-slate-900" : ""}`}
      >
        {label}
        <span aria-hidden="true" className={`ml-1 whitespace-nowrap ${active ? "" : "text-slate-300"}`}>
          {active ? (params.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
        {active ? (
          <span className="sr-only">
            {t(params.dir === "asc" ? "portfolio.sort.asc" : "portfolio.sort.desc")}
          </span>
        ) : null}
      </Link>
    </th>
  );
}

export function PortfolioTable({
  rows,
  params,
  role,
  inactiveDays,
}: {
  rows: PortfolioRow[];
  params: PortfolioParams;
  role: StaffRole;
  /** Days of customer silence the model warns about: the count is highlighted from there on. */
  inactiveDays: number;
}) {
  // Remembered translations: the rows repeat the same few dozen phrases.
  const t = useCachedT();
  const locale = useRootData()?.locale ?? "en";
  // Labels translated once per render rather than once per row: the page lists up to 50 rooms.
  const labels = useMemo(
    () => ({
      stage: Object.fromEntries(ROOM_STAGES.map((s) => [s, t(`stages.${s}`)])),
      status: Object.fromEntries(ROOM_STATUSES.map((s) => [s, t(`statuses.${s}`)])),
      band: Object.fromEntries(PORTFOLIO_BANDS.map((b) => [b, t(`health.bands.${b}`)])),
      mode: { proactive: t("health.modes.proactive"), reactive: t("health.modes.reactive") },
      trendNone: t("health.trend.none"),
    }),
    [t],
  );
  const days = (n: number) => t("portfolio.days", { count: n, formatted: formatNumber(locale, n) });
  const sortable = (sortKey: PortfolioSort, label: string, align?: "left" | "right") => (
    <SortHeader sortKey={sortKey} label={label} params={params} role={role} align={align} />
  );
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full min-w-[64rem] divide-y divide-slate-200 text-sm" data-testid="portfolio-table">
        <caption className="sr-only">{t("portfolio.title")}</caption>
        <thead className="bg-slate-50 text-left text-xs text-slate-600">
          <tr>
            {sortable("name", t("portfolio.columns.accountRoom"))}
            {sortable("health", t("portfolio.columns.health"))}
            <th scope="col" className={TH}>
              {t("portfolio.columns.mode")}
            </th>
            {sortable("progress", t("portfolio.columns.progress"), "right")}
            <th scope="col" className={TH}>
              {t("portfolio.columns.nextMilestone")}
            </th>
            {sortable("activity", t("portfolio.columns.activity"))}
            {sortable("renewal", t("portfolio.columns.renewal"))}
            {sortable("mrr", t("portfolio.columns.mrr"), "right")}
            <th scope="col" className={TH}>
              {t("portfolio.columns.csm")}
            </th>
            <th scope="col" className={`${TH} text-right`}>
              {t("portfolio.columns.firstValue")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const reactive = row.mode === "reactive";
            return (
              <tr
                key={row.roomId}
                data-testid="portfolio-row"
                data-mode={row.mode}
                className={reactive ? "bg-red-50/60 hover:bg-red-50" : "hover:bg-slate-50"}
              >
                <td
                  className={`${TD} min-w-44 border-l-4 ${reactive ? "border-red-600" : "border-transparent"}`}
                >
                  <div className="flex items-center gap-2 font-medium text-slate-900">
                    <OrgLogo name={row.accountName} logoUrl={row.logoUrl} size="sm" />
                    <span className="min-w-0">{row.accountName}</span>
                  </div>
                  <Link
                    to={`/rooms/${row.roomId}`}
                    className="text-brand-700 underline-offset-2 hover:underline"
                  >
                    {row.roomTitle}
                  </Link>
                  <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
                    <span>{labels.stage[row.stage]}</span>
                    <StatusBadge status={row.status} label={labels.status[row.status]} />
                  </div>
                </td>
                <td className={`${TD} whitespace-nowrap`}>
                  <HealthBadge band={row.band} score={row.score} label={labels.band[row.band]} />
                  <div className="mt-1 text-xs">
                    {row.trendDirection ? (
                      <TrendArrow delta={row.trendDelta} direction={row.trendDirection} />
                    ) : (
                      <span className="text-slate-600">
                        <span aria-hidden="true">—</span>
                        <span className="sr-only">{labels.trendNone}</span>
                      </span>
                    )}
                  </div>
                  {row.overridden ? (
                    <div className="mt-0.5 text-xs text-slate-500">
                      {t("portfolio.overridden", {
                        score:
                          row.computedScore === null
                            ? "—"
                            : formatNumber(locale, Math.round(row.computedScore)),
                      })}
                    </div>
                  ) : null}
                </td>
                <td className={`${TD} whitespace-nowrap`}>
                  {reactive ? (
                    <ModeBadge mode="reactive" label={labels.mode.reactive} />
                  ) : (
                    <span className="text-xs text-slate-500">{labels.mode.proactive}</span>
                  )}
                  {row.handoffStatus !== "acknowledged" ? (
                    <div className="mt-1 text-xs">
                      <Link
                        to={`/accounts/${row.accountId}/handoff`}
                        className="rounded-full bg-amber-100 px-2 py-0.5 text-amber-900 underline-offset-2 hover:underline"
                        data-testid="portfolio-handoff"
                      >
                        {t(`handoff.portfolioBadge.${row.handoffStatus}`)}
                      </Link>
                    </div>
                  ) : null}
                  {row.openAlerts > 0 ? (
                    <div className="mt-1 text-xs text-red-700">
                      {t("portfolio.openAlerts", {
                        count: row.openAlerts,
                        formatted: formatNumber(locale, row.openAlerts),
                      })}
                    </div>
                  ) : null}
                </td>
                <td className={`${TD} text-right whitespace-nowrap tabular-nums`}>
                  {row.progressPercent === null ? (
                    <span className="text-slate-600">—</span>
                  ) : (
                    <>
                      {formatNumber(locale, row.progressPercent)}%
                      <div aria-hidden="true" className="mt-1 ml-auto h-1.5 w-12 rounded-full bg-slate-200">
                        <div
                          className="h-1.5 rounded-full bg-brand-600"
                          style={{ width: `${row.progressPercent}%` }}
                        />
                      </div>
                    </>
                  )}
                </td>
                <td className={`${TD} max-w-48`}>
                  {row.nextMilestoneTitle ? (
                    <>
                      <div className="truncate" title={row.nextMilestoneTitle}>
                        {row.nextMilestoneTitle}
                      </div>
                      <div className="text-xs whitespace-nowrap text-slate-500">
                        {formatDate(locale, row.nextMilestoneDate)}
                      </div>
                      {row.nextMilestoneSlipDays && row.nextMilestoneSlipDays > 0 ? (
                        <div className="text-xs font-medium whitespace-nowrap text-red-700">
                          {t("portfolio.slip", {
                            count: row.nextMilestoneSlipDays,
                            formatted: formatNumber(locale, row.nextMilestoneSlipDays),
                          })}
                        </div>
                      ) : (
                        <div className="text-xs text-slate-500">{t("portfolio.onSchedule")}</div>
                      )}
                    </>
                  ) : (
                    <span className="text-xs text-slate-600">{t("portfolio.noMilestone")}</span>
                  )}
                </td>
                <td className={`${TD} whitespace-nowrap`}>
                  {row.daysSinceActivity === null ? (
                    <span className="text-xs text-slate-600">{t("portfolio.noActivity")}</span>
                  ) : row.daysSinceActivity === 0 ? (
                    t("portfolio.activityToday")
                  ) : (
                    <span className={row.daysSinceActivity >= inactiveDays ? "font-medium text-red-700" : ""}>
                      {t("portfolio.daysAgo", {
                        count: row.daysSinceActivity,
                        formatted: formatNumber(locale, row.daysSinceActivity),
                      })}
                    </span>
                  )}
                </td>
                <td className={`${TD} whitespace-nowrap`}>
                  {formatDate(locale, row.renewalDate)}
                  {row.renewalInDays !== null &&
                  row.renewalInDays >= 0 &&
                  row.renewalInDays <= RENEWAL_WINDOW_DAYS ? (
                    <div className="text-xs font-medium text-amber-800">
                      {t("portfolio.renewsIn", {
                        count: row.renewalInDays,
                        formatted: formatNumber(locale, row.renewalInDays),
                      })}
                    </div>
                  ) : null}
                </td>
                <td className={`${TD} text-right whitespace-nowrap tabular-nums`}>
                  {formatMoney(locale, row.mrrMinor, row.currency)}
                </td>
                <td className={`${TD} whitespace-nowrap`}>{row.csmName}</td>
                <td className={`${TD} text-right whitespace-nowrap tabular-nums`}>
                  {row.firstValueDays === null ? (
                    <span className="text-xs text-slate-600">{t("portfolio.notReached")}</span>
                  ) : (
                    days(row.firstValueDays)
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
