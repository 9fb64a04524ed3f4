import { useTranslation } from "react-i18next";
import { MEASURE_GROUPS, type HealthResult } from "~/domain/health/model";
import { capText, measureFactsText } from "~/domain/health/text";
import { formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import type { HealthPanelData } from "./panel-types";
import { ScrollRegion } from "~/components/ui/ScrollRegion";

const NUMBER = "py-2 pr-3 text-right tabular-nums";

/**
 * Every measure with its facts, score, weight, contribution and points lost, heaviest first, and the
 * caps between the pre-cap and the final score. Scrolls inside its own box on phones.
 */
export function MeasuresTable({
  health,
  state,
}: {
  health: HealthResult | null;
  state: HealthPanelData["state"];
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const sorted = [...(health?.measures ?? [])].sort((a, b) => b.effectiveWeight - a.effectiveWeight);
  return (
    <section className="card space-y-3" aria-labelledby="health-measures-title">
      <h3 id="health-measures-title" className="font-semibold">
        {t("health.measuresTitle")}
      </h3>
      <ScrollRegion labelledBy="health-measures-title">
        <table className="w-full min-w-[42rem] text-sm" data-testid="health-measures">
          <thead className="text-left text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3">
                {t("health.columns.measure")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("health.columns.facts")}
              </th>
              <th scope="col" className="py-2 pr-3 text-right">
                {t("health.columns.score")}
              </th>
              <th scope="col" className="py-2 pr-3 text-right">
                {t("health.columns.weight")}
              </th>
              <th scope="col" className="py-2 pr-3 text-right">
                {t("health.columns.contribution")}
              </th>
              <th scope="col" className="py-2 text-right">
                {t("health.columns.lost")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sorted.map((m) => (
              <tr key={m.key} className={m.score === null ? "text-slate-600" : ""} data-measure={m.key}>
                <th scope="row" className="py-2 pr-3 text-left font-medium">
                  {t(`health.measures.${m.key}`)}
                  <span className="block text-xs font-normal text-slate-500">
                    {t(`health.groups.${MEASURE_GROUPS[m.key]}`)}
                  </span>
                </th>
                <td className="py-2 pr-3">{measureFactsText(t, locale, m)}</td>
                <td className={NUMBER}>{m.score === null ? t("health.na.short") : Math.round(m.score)}</td>
                <td className={NUMBER}>
                  {m.effectiveWeight.toFixed(1)}
                  <span className="sr-only"> / {m.weight}</span>
                </td>
                <td className={NUMBER}>{m.contribution.toFixed(1)}</td>
                <td className="py-2 text-right tabular-nums">{m.pointsLost.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
          {health?.preCapScore != null ? (
            <tfoot className="border-t border-slate-300 font-medium">
              <tr>
                <th scope="row" colSpan={4} className="py-2 pr-3 text-left">
                  {t("health.preCap")}
                </th>
                <td className={NUMBER}>{health.preCapScore.toFixed(1)}</td>
                <td />
              </tr>
              {health.caps.map((c) => (
                <tr key={c.key} className="text-red-800">
                  <th scope="row" colSpan={4} className="py-1 pr-3 text-left font-normal">
                    {capText(t, locale, c)}
                  </th>
                  <td className="py-1 pr-3 text-right tabular-nums">≤ {c.limit}</td>
                  <td />
                </tr>
              ))}
              <tr>
                <th scope="row" colSpan={4} className="py-2 pr-3 text-left">
                  {t("health.finalScore")}
                </th>
                <td className={NUMBER}>{health.score?.toFixed(1)}</td>
                <td />
              </tr>
            </tfoot>
          ) : null}
        </table>
      </ScrollRegion>
      <p className="text-xs text-slate-500">
        {t("health.modelNote", {
          // The model (rules) the result was computed with: results before version 2 carry none.
          model: health?.model ?? 1,
          version: state?.modelVersion ?? 1,
          at: formatDateTime(locale, state?.computedAt ?? null),
        })}
      </p>
    </section>
  );
}
