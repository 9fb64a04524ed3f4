import { useTranslation } from "react-i18next";
import type { HealthResult } from "~/domain/health/model";
import { measureFactsText } from "~/domain/health/text";
import { useRootData } from "~/root";

/** The measures losing the most points, with their facts and the points lost. */
export function HealthDrags({ health }: { health: HealthResult }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  if (!health.drags.length) return null;
  return (
    <div>
      <h3 className="font-semibold">{t("health.dragsTitle")}</h3>
      <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm" data-testid="health-drags">
        {health.drags.map((key) => {
          const m = health.measures.find((x) => x.key === key)!;
          return (
            <li key={key}>
              <span className="font-medium">{t(`health.measures.${key}`)}</span>:{" "}
              {measureFactsText(t, locale, m)} →{" "}
              {t("health.drag", {
                score: Math.round(m.score ?? 0),
                lost: m.pointsLost.toFixed(1),
                weight: m.effectiveWeight.toFixed(1),
              })}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
