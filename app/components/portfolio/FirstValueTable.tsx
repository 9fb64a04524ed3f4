import { useTranslation } from "react-i18next";
import type { FirstValueByTemplate } from "~/domain/health/portfolio.server";
import { formatNumber } from "~/i18n/format";
import { useRootData } from "~/root";

/** Median days kickoff → first value per plan template, over the listed rooms that reached it. */
export function FirstValueTable({ groups }: { groups: FirstValueByTemplate }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  return (
    <section aria-labelledby="first-value-title" className="space-y-2">
      <h2 id="first-value-title" className="text-lg font-semibold">
        {t("portfolio.firstValue.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("portfolio.firstValue.intro")}</p>
      {groups.length === 0 ? (
        <p className="card text-center text-sm text-slate-600">{t("portfolio.firstValue.empty")}</p>
      ) : (
        <div className="max-w-2xl overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full divide-y divide-slate-200 text-sm" data-testid="first-value-table">
            <thead className="bg-slate-50 text-left text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-semibold">
                  {t("portfolio.firstValue.template")}
                </th>
                <th scope="col" className="px-4 py-2 text-right font-semibold">
                  {t("portfolio.firstValue.rooms")}
                </th>
                <th scope="col" className="px-4 py-2 text-right font-semibold">
                  {t("portfolio.firstValue.median")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {groups.map((g) => (
                <tr key={g.templateId ?? g.kind}>
                  <th
                    scope="row"
                    className={`px-4 py-2 text-left font-normal ${g.kind === "template" ? "" : "text-slate-600 italic"}`}
                  >
                    {g.kind === "template" ? g.name : t(`portfolio.firstValue.${g.kind}`)}
                  </th>
                  <td className="px-4 py-2 text-right tabular-nums">{formatNumber(locale, g.n)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">
                    {t("portfolio.days", {
                      count: g.medianDays,
                      formatted: formatNumber(locale, Math.round(g.medianDays * 10) / 10),
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
