import { useCachedT } from "~/components/cached-t";
import type { Band } from "~/domain/health/model";

const BAND_STYLES: Record<Band, string> = {
  green: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  yellow: "bg-amber-50 text-amber-900 ring-amber-300",
  red: "bg-red-50 text-red-800 ring-red-300",
  grey: "bg-slate-100 text-slate-600 ring-slate-300",
};
const DOT: Record<Band, string> = {
  green: "bg-emerald-500",
  yellow: "bg-amber-400",
  red: "bg-red-600",
  grey: "bg-slate-400",
};

/** Band with its score; the band is also spelled out, so colour is never the only signal. */
export function HealthBadge({ band, score, label }: { band: Band; score: number | null; label?: string }) {
  const t = useCachedT();
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${BAND_STYLES[band]}`}
      data-band={band}
    >
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${DOT[band]}`} />
      {label ?? t(`health.bands.${band}`)}
      {score !== null ? <span className="tabular-nums">{Math.round(score)}</span> : null}
    </span>
  );
}

export function ModeBadge({ mode, label }: { mode: "proactive" | "reactive"; label?: string }) {
  const t = useCachedT();
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${
        mode === "reactive" ? "bg-red-700 text-white ring-red-700" : "bg-white text-slate-600 ring-slate-300"
      }`}
      data-mode={mode}
    >
      {label ?? t(`health.modes.${mode}`)}
    </span>
  );
}

/** The 7-day change; the direction comes from the model's trend threshold (score.ts). */
export function TrendArrow({
  delta,
  direction,
}: {
  delta: number | null;
  direction: "up" | "down" | "flat" | null;
}) {
  const t = useCachedT();
  if (delta === null || direction === null)
    return <span className="text-slate-600">{t("health.trend.none")}</span>;
  const arrow = direction === "up" ? "↑" : direction === "down" ? "↓" : "→";
  const colour =
    direction === "up" ? "text-emerald-700" : direction === "down" ? "text-red-700" : "text-slate-500";
  return (
    <span className={`tabular-nums ${colour}`} title={t(`health.trend.${direction}`)}>
      <span aria-hidden="true">{arrow}</span>
      <span className="sr-only">{t(`health.trend.${direction}`)}</span> {delta > 0 ? "+" : ""}
      {Math.round(delta)}
    </span>
  );
}
