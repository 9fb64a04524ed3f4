import { useTranslation } from "react-i18next";
import { daysBetween } from "~/domain/plan/dates";
import type { GoalStatus } from "~/vocabulary";
import { formatDate, formatNumber } from "~/i18n/format";
import { useRootData } from "~/root";

export const GOAL_STATUS_CLASS: Record<GoalStatus, string> = {
  no_data: "bg-slate-100 text-slate-700",
  on_track: "bg-emerald-100 text-emerald-800",
  at_risk: "bg-amber-100 text-amber-900",
  achieved: "bg-brand-100 text-brand-800",
};

/** A goal's status as a pill: words, never only a colour. */
export function GoalStatusBadge({ status }: { status: GoalStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${GOAL_STATUS_CLASS[status]}`}
      data-testid="goal-status"
      data-status={status}
    >
      {t(`goals.status.${status}`)}
    </span>
  );
}

export type ChartGoal = {
  baseline: number;
  target: number;
  unit: string;
  startDate: string;
  dueDate: string;
  checkins: { date: string; value: number }[];
  trajectory: { latest: number | null; projected: number | null };
};

const W = 320;
const H = 150;
const PAD = { left: 8, right: 8, top: 14, bottom: 20 };

/**
 * The goal's history as a small inline SVG drawn on the server: baseline and target lines, the check-ins,
 * and the projection (dashed) from the latest check-in to the due date. The SVG is an image with a
 * summary as its name; the check-in table next to it carries every value as text.
 */
export function GoalChart({ goal, label }: { goal: ChartGoal; label: string }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const n = (v: number) =>
    `${formatNumber(locale, Math.round(v * 10) / 10)}${goal.unit ? ` ${goal.unit}` : ""}`;
  const lastDate = goal.checkins.at(-1)?.date;
  const start = [goal.startDate, goal.checkins[0]?.date].filter(Boolean).sort()[0]!;
  const end = [goal.dueDate, lastDate].filter(Boolean).sort().at(-1)!;
  const span = Math.max(1, daysBetween(start, end));
  const values = [goal.baseline, goal.target, ...goal.checkins.map((c) => c.value)];
  if (goal.trajectory.projected !== null) values.push(goal.trajectory.projected);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const margin = (hi - lo || Math.abs(hi) || 1) * 0.08;
  lo -= margin;
  hi += margin;
  const x = (date: string) => PAD.left + (daysBetween(start, date) / span) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + ((hi - v) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const fx = (v: number) => v.toFixed(1);
  const points = [{ date: goal.startDate, value: goal.baseline }, ...goal.checkins];
  const path = points.map((p) => `${fx(x(p.date))},${fx(y(p.value))}`).join(" ");
  const last = goal.checkins.at(-1);
  const summary = t("goals.chart.summary", {
    baseline: n(goal.baseline),
    target: n(goal.target),
    due: formatDate(locale, goal.dueDate),
    latest: goal.trajectory.latest === null ? t("goals.chart.none") : n(goal.trajectory.latest),
    projected: goal.trajectory.projected === null ? t("goals.chart.none") : n(goal.trajectory.projected),
  });
  return (
    <figure className="space-y-1">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${label}: ${summary}`}
        className="h-auto w-full max-w-md rounded-md border border-slate-200 bg-white"
        data-testid="goal-chart"
      >
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={fx(y(goal.baseline))}
          y2={fx(y(goal.baseline))}
          className="stroke-slate-400"
          strokeDasharray="2 3"
        />
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={fx(y(goal.target))}
          y2={fx(y(goal.target))}
          className="stroke-emerald-600"
          strokeWidth={1.5}
          data-testid="goal-chart-target"
        />
        <text
          x={W - PAD.right}
          y={fx(y(goal.target) - 3)}
          textAnchor="end"
          className="fill-emerald-800 text-[10px]"
        >
          {t("goals.chart.target")} {n(goal.target)}
        </text>
        <line
          x1={fx(x(goal.dueDate))}
          x2={fx(x(goal.dueDate))}
          y1={PAD.top}
          y2={H - PAD.bottom}
          className="stroke-slate-300"
        />
        <text x={fx(x(goal.dueDate))} y={H - 6} textAnchor="end" className="fill-slate-600 text-[10px]">
          {formatDate(locale, goal.dueDate)}
        </text>
        <text x={PAD.left} y={H - 6} className="fill-slate-600 text-[10px]">
          {formatDate(locale, goal.startDate)}
        </text>
        {last && goal.trajectory.projected !== null ? (
          <line
            x1={fx(x(last.date))}
            y1={fx(y(last.value))}
            x2={fx(x(goal.dueDate))}
            y2={fx(y(goal.trajectory.projected))}
            className="stroke-brand-600"
            strokeDasharray="4 3"
            data-testid="goal-chart-projection"
          />
        ) : null}
        {goal.checkins.length ? (
          <polyline points={path} fill="none" className="stroke-brand-700" strokeWidth={2} />
        ) : null}
        {goal.checkins.map((c, i) => (
          <circle
            key={`${c.date}-${i}`}
            cx={fx(x(c.date))}
            cy={fx(y(c.value))}
            r={3.5}
            className="fill-brand-700 stroke-white"
            data-testid="goal-chart-point"
          />
        ))}
      </svg>
      <figcaption className="text-xs text-slate-600">{summary}</figcaption>
    </figure>
  );
}
