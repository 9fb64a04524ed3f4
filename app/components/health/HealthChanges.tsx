import { useTranslation } from "react-i18next";
import type { HealthPanelData } from "./panel-types";

/** Measures whose score moved since a week ago. */
export function HealthChanges({ changes }: { changes: HealthPanelData["changes"] }) {
  const { t } = useTranslation();
  return (
    <div>
      <h3 className="font-semibold">{t("health.changesTitle")}</h3>
      {changes.length ? (
        <ul className="mt-1 space-y-1 text-sm">
          {changes.map((c) => (
            <li key={c.key}>
              {t("health.change", {
                measure: t(`health.measures.${c.key}`),
                from: c.from === null ? t("health.noData") : Math.round(c.from),
                to: c.to === null ? t("health.noData") : Math.round(c.to),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-600">{t("health.noChanges")}</p>
      )}
    </div>
  );
}
