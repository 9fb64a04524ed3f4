import { Link } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { HealthBadge, ModeBadge } from "~/components/health/HealthBadges";
import type { Band } from "~/domain/health/model";
import { PORTFOLIO_BANDS } from "~/domain/health/portfolio";
import type { PriorityView as PriorityData } from "~/domain/health/portfolio.server";
import { formatDate, formatMoney, formatMoneyCompact, formatNumber } from "~/i18n/format";
import { useRootData } from "~/root";

const W = 800;
const H = 440;
const M = { left: 64, right: 40, top: 20, bottom: 56 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

const FILL: Record<Band, string> = {
  red: "#dc2626",
  yellow: "#f59e0b",
  green: "#10b981",
  grey: "#94a3b8",
};

/** A log scale over whole decades that holds every value; zero MRR sits on the left edge. */
function logScale(values: number[]) {
  const positive = values.filter((v) => v > 0);
  let lo = positive.length ? Math.floor(Math.log10(Math.min(...positive))) : 0;
  let hi = positive.length ? Math.ceil(Math.log10(Math.max(...positive))) : 1;
  if (hi <= lo) hi = lo + 1;
  if (hi - lo > 10) lo = hi - 10;
  const scale = (v: number) => M.left + ((Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo)) * PLOT_W;
  const step = hi - lo > 6 ? 2 : 1;
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e += step) ticks.push(10 ** e);
  return { scale, ticks };
}

const yScale = (score: number) => M.top + (1 - Math.max(0, Math.min(100, score)) / 100) * PLOT_H;

export function PriorityView({ view }: { view: PriorityData }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const currency = view.referenceCurrency;
  const { scale, ticks } = useMemo(() => logScale(view.points.map((p) => p.x)), [view.points]);
  const bandLabel = useMemo(
    () => Object.fromEntries(PORTFOLIO_BANDS.map((b) => [b, t(`health.bands.${b}`)])) as Record<Band, string>,
    [t],
  );
  const modeLabel = { proactive: t("health.modes.proactive"), reactive: t("health.modes.reactive") };
  // Reactive rooms drawn last, so they sit on top where dots overlap.
  const dots = useMemo(
    () => [...view.points].sort((a, b) => Number(a.mode === "reactive") - Number(b.mode === "reactive")),
    [view.points],
  );
  const quadrantX = scale(view.mrrSplit);
  const greenY = yScale(view.thresholds.green);
  const unscored = view.total - view.scored;
  return (
    <div className="space-y-8">
      <section aria-labelledby="priority-chart-title" className="space-y-3">
        <div>
          <h2 id="priority-chart-title" className="text-lg font-semibold">
            {t("priority.chartTitle")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("priority.intro")}</p>
        </div>
        <ul className="space-y-0.5 text-sm text-slate-600">
          {view.scored > 0 ? (
            <li>
              {view.points.length < view.scored
                ? t("priority.plottedTop", {
                    shown: formatNumber(locale, view.points.length),
                    scored: formatNumber(locale, view.scored),
                  })
                : t("priority.plottedAll", {
                    count: view.scored,
                    formatted: formatNumber(locale, view.scored),
                  })}
            </li>
          ) : null}
          {unscored > 0 ? (
            <li>{t("priority.unscored", { count: unscored, formatted: formatNumber(locale, unscored) })}</li>
          ) : null}
          {view.converted ? <li>{t("priority.converted", { currency })}</li> : null}
        </ul>
        {view.points.length === 0 ? (
          <p className="card text-center text-sm text-slate-600">{t("priority.emptyChart")}</p>
        ) : (
          <figure className="relative rounded-lg border border-slate-200 bg-white p-3">
            <a
              href="#priority-list"
              className="sr-only rounded bg-white px-2 py-1 text-sm text-brand-700 focus:not-sr-only focus:absolute"
            >
              {t("priority.skipToList")}
            </a>
            <svg
              viewBox={`0 0 ${W} ${H}`}
              className="h-auto w-full max-w-4xl"
              role="group"
              aria-labelledby="priority-svg-title"
              aria-describedby="priority-svg-desc"
              data-testid="priority-chart"
            >
              <title id="priority-svg-title">{t("priority.chartTitle")}</title>
              <desc id="priority-svg-desc">
                {t("priority.chartDesc", {
                  green: view.thresholds.green,
                  yellow: view.thresholds.yellow,
                  mrr: formatMoney(locale, Math.round(view.mrrSplit), currency),
                })}
              </desc>
              <g aria-hidden="true">
                <rect x={M.left} y={M.top} width={PLOT_W} height={PLOT_H} fill="#f8fafc" />
                {/* The high-MRR, low-health quadrant: right of the median MRR, below green. */}
                <rect
                  x={quadrantX}
                  y={greenY}
                  width={Math.max(0, M.left + PLOT_W - quadrantX)}
                  height={M.top + PLOT_H - greenY}
                  fill="#fee2e2"
                  data-testid="priority-quadrant"
                />
                {[0, 20, 40, 60, 80, 100].map((s) => (
                  <g key={s}>
                    <line x1={M.left} x2={M.left + PLOT_W} y1={yScale(s)} y2={yScale(s)} stroke="#e2e8f0" />
                    <text
                      x={M.left - 8}
                      y={yScale(s) + 4}
                      textAnchor="end"
                      className="fill-slate-500 text-[11px]"
                    >
                      {formatNumber(locale, s)}
                    </text>
                  </g>
                ))}
                {ticks.map((v) => (
                  <g key={v}>
                    <line x1={scale(v)} x2={scale(v)} y1={M.top} y2={M.top + PLOT_H} stroke="#e2e8f0" />
                    <text
                      x={scale(v)}
                      y={M.top + PLOT_H + 18}
                      textAnchor="middle"
                      className="fill-slate-500 text-[11px]"
                    >
                      {formatMoneyCompact(locale, v, currency)}
                    </text>
                  </g>
                ))}
                {(["green", "yellow"] as const).map((b) => (
                  <g key={b}>
                    <line
                      x1={M.left}
                      x2={M.left + PLOT_W}
                      y1={yScale(view.thresholds[b])}
                      y2={yScale(view.thresholds[b])}
                      stroke={b === "green" ? "#047857" : "#b45309"}
                      strokeDasharray="6 4"
                      strokeWidth={1.5}
                    />
                    <text
                      x={M.left + 6}
                      y={yScale(view.thresholds[b]) - 5}
                      className={`text-[11px] font-medium ${b === "green" ? "fill-emerald-800" : "fill-amber-800"}`}
                    >
                      {t("priority.threshold", { band: bandLabel[b], score: view.thresholds[b] })}
                    </text>
                  </g>
                ))}
                <text
                  x={M.left + PLOT_W / 2}
                  y={H - 12}
                  textAnchor="middle"
                  className="fill-slate-700 text-[12px] font-medium"
                >
                  {t("priority.xAxis", { currency })}
                </text>
                <text
                  transform={`translate(16 ${M.top + PLOT_H / 2}) rotate(-90)`}
                  textAnchor="middle"
                  className="fill-slate-700 text-[12px] font-medium"
                >
                  {t("priority.yAxis")}
                </text>
              </g>
              {dots.map((p) => {
                const name = t(p.mode === "reactive" ? "priority.dotReactive" : "priority.dot", {
                  account: p.accountName,
                  room: p.roomTitle,
                  score: formatNumber(locale, Math.round(p.score)),
                  mrr: formatMoney(locale, p.mrrMinor, p.currency),
                });
                const cx = scale(p.x);
                const cy = yScale(p.score);
                return (
                  <a
                    key={p.roomId}
                    href={`/rooms/${p.roomId}`}
                    aria-label={name}
                    className="group focus-visible:outline-none"
                    data-testid="priority-dot"
                  >
                    <title>{name}</title>
                    <circle
                      cx={cx}
                      cy={cy}
                      r={10}
                      fill="none"
                      stroke="#184c9a"
                      strokeWidth={3}
                      className="opacity-0 group-hover:opacity-60 group-focus-visible:opacity-100"
                    />
                    <circle
                      cx={cx}
                      cy={cy}
                      r={p.mode === "reactive" ? 6 : 5}
                      fill={FILL[p.band]}
                      fillOpacity={0.85}
                      stroke={p.mode === "reactive" ? "#7f1d1d" : "#ffffff"}
                      strokeWidth={p.mode === "reactive" ? 2 : 1}
                    />
                  </a>
                );
              })}
              {/* Drawn last, so no dot hides it. */}
              <g aria-hidden="true">
                <text
                  x={M.left + PLOT_W - 8}
                  y={greenY + 18}
                  textAnchor="end"
                  stroke="#fee2e2"
                  strokeWidth={4}
                  paintOrder="stroke"
                  className="fill-red-800 text-[13px] font-semibold"
                >
                  {t("priority.quadrant")}
                </text>
              </g>
            </svg>
            <figcaption className="mt-2 text-xs text-slate-600">
              {t("priority.legend", {
                mrr: formatMoney(locale, Math.round(view.mrrSplit), currency),
                score: view.thresholds.green,
              })}
            </figcaption>
          </figure>
        )}
      </section>

      {view.top.length > 0 ? (
        <section aria-labelledby="priority-list-title" id="priority-list" className="space-y-3" tabIndex={-1}>
          <div>
            <h2 id="priority-list-title" className="text-lg font-semibold">
              {t("priority.listTitle", { count: view.top.length })}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t("priority.listIntro")}</p>
          </div>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table
              className="w-full min-w-[48rem] divide-y divide-slate-200 text-sm"
              data-testid="priority-list"
            >
              <thead className="bg-slate-50 text-left text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2 text-right font-semibold">
                    {t("priority.rank")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("portfolio.columns.accountRoom")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("portfolio.columns.health")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("portfolio.columns.mode")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-semibold">
                    {t("portfolio.columns.mrr")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("portfolio.columns.renewal")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("portfolio.columns.csm")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {view.top.map((r, i) => (
                  <tr
                    key={r.roomId}
                    className={r.mode === "reactive" ? "bg-red-50/60" : ""}
                    data-testid="priority-row"
                  >
                    <td className="px-3 py-2 text-right tabular-nums">{formatNumber(locale, i + 1)}</td>
                    <td className="px-3 py-2">
                      <Link
                        to={`/rooms/${r.roomId}`}
                        className="font-medium text-brand-700 underline-offset-2 hover:underline"
                      >
                        {r.accountName}
                      </Link>
                      <div className="text-xs text-slate-500">{r.roomTitle}</div>
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      <HealthBadge band={r.band} score={r.score} label={bandLabel[r.band]} />
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      <ModeBadge mode={r.mode} label={modeLabel[r.mode]} />
                    </td>
                    <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                      {formatMoney(locale, r.mrrMinor, r.currency)}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">{formatDate(locale, r.renewalDate)}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{r.csmName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
