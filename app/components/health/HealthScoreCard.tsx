import { useTranslation } from "react-i18next";
import { HealthBadge, ModeBadge, TrendArrow } from "./HealthBadges";
import { HealthCaps } from "./HealthCaps";
import { HealthChanges } from "./HealthChanges";
import { HealthDrags } from "./HealthDrags";
import type { HealthPanelData } from "./panel-types";

/** The score with its band, mode and trend, and why it is what it is: drags, caps, changes. */
export function HealthScoreCard({ panel }: { panel: HealthPanelData }) {
  const { t } = useTranslation();
  const { state, override } = panel;
  const health = panel.result;
  return (
    <section className="card grid gap-6 md:grid-cols-[auto_1fr]" aria-labelledby="health-score-title">
      <div className="space-y-2 text-center md:text-left">
        <h3 id="health-score-title" className="text-sm font-medium text-slate-600">
          {t("health.score")}
        </h3>
        <p className="text-5xl font-semibold tabular-nums" data-testid="health-score">
          {state?.effectiveScore == null ? "—" : Math.round(state.effectiveScore)}
        </p>
        <p className="flex flex-wrap items-center justify-center gap-2 md:justify-start">
          {state ? <HealthBadge band={state.effectiveBand} score={null} /> : null}
          {state ? <ModeBadge mode={state.mode} /> : null}
          {health ? <TrendArrow delta={health.trend.delta} direction={health.trend.direction} /> : null}
        </p>
        {override ? (
          <p className="text-sm text-slate-600" data-testid="health-computed">
            {t("health.computedBeside", {
              score: state?.score == null ? "—" : Math.round(state.score),
              band: t(`health.bands.${state?.band ?? "grey"}`),
            })}
          </p>
        ) : null}
      </div>
      <div className="space-y-3">
        {state?.band === "grey" && health ? (
          <p className="text-sm text-slate-700">
            {t("health.greyExplained", { percent: Math.round(health.dataShare * 100) })}
          </p>
        ) : null}
        {health ? <HealthDrags health={health} /> : null}
        {health ? <HealthCaps caps={health.caps} /> : null}
        <HealthChanges changes={panel.changes} />
      </div>
    </section>
  );
}
