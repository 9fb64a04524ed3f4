import { useTranslation } from "react-i18next";
import { addDays, daysBetween } from "~/domain/plan/dates";

type Point = { day: string; score: number | null };

const WIDTH = 720;
const HEIGHT = 170;
const PAD = { left: 32, right: 36, top: 8, bottom: 22 };

/**
 * The score's daily history as a server-rendered SVG line over the band areas; days without a score
 * (grey) break the line. A table of weekly values follows for screen readers.
 */
export function HealthHistoryChart(props: {
  points: Point[];
  today: string;
  weeks: number;
  thresholds: { green: number; yellow: number };
  formatDay: (day: string) => string;
}) {
  const { t } = useTranslation();
  const start = addDays(props.today, -props.weeks * 7);
  const span = daysBetween(start, props.today) || 1;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (day: string) => PAD.left + (daysBetween(start, day) / span) * innerW;
  const y = (score: number) => PAD.top + (1 - score / 100) * innerH;

  const segments: string[][] = [];
  let current: string[] = [];
  for (const p of props.points) {
    if (p.day < start) continue;
    if (p.score === null) {
      if (current.length) segments.push(current);
      current = [];
      continue;
    }
    current.push(`${x(p.day).toFixed(1)},${y(p.score).toFixed(1)}`);
  }
  if (current.length) segments.push(current);
  const weekly = Array.from({ length: props.weeks }, (_, i) => addDays(start, (i + 1) * 7));
  const scoreOn = (day: string) =>
    [...props.points].reverse().find((p) => p.day <= day && daysBetween(p.day, day) < 7)?.score ?? null;
  const bands = [
    { from: props.thresholds.green, to: 100, className: "fill-emerald-50" },
    { from: props.thresholds.yellow, to: props.thresholds.green, className: "fill-amber-50" },
    { from: 0, to: props.thresholds.yellow, className: "fill-red-50" },
  ];
  const scored = props.points.filter((p) => p.score !== null);
  return (
    <figure>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full"
        role="img"
        aria-label={
          scored.length
            ? t("health.history.summary", {
                weeks: props.weeks,
                first: Math.round(scored[0].score!),
                last: Math.round(scored[scored.length - 1].score!),
              })
            : t("health.history.empty")
        }
        data-testid="health-history"
      >
        {bands.map((b) => (
          <rect
            key={b.from}
            x={PAD.left}
            width={innerW}
            y={y(b.to)}
            height={y(b.from) - y(b.to)}
            className={b.className}
          />
        ))}
        {[0, props.thresholds.yellow, props.thresholds.green, 100].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} className="stroke-slate-200" />
            <text x={PAD.left - 4} y={y(v) + 4} textAnchor="end" className="fill-slate-500 text-[10px]">
              {v}
            </text>
          </g>
        ))}
        {weekly
          .filter((_, i) => i % 3 === 2)
          .map((day) => (
            <text
              key={day}
              x={x(day)}
              y={HEIGHT - 6}
              textAnchor="middle"
              className="fill-slate-500 text-[10px]"
            >
              {props.formatDay(day)}
            </text>
          ))}
        {segments.map((s, i) =>
          s.length === 1 ? (
            <circle
              key={i}
              cx={s[0].split(",")[0]}
              cy={s[0].split(",")[1]}
              r={2.5}
              className="fill-brand-700"
            />
          ) : (
            <polyline key={i} points={s.join(" ")} fill="none" strokeWidth={2} className="stroke-brand-700" />
          ),
        )}
      </svg>
      {/* For screen readers. A table ignores sr-only's 1 px width (it made the page 636 px wide on a
          phone), so a wrapper clips it. */}
      <div className="sr-only">
        <table>
          <caption>{t("health.history.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("health.history.week")}</th>
              <th scope="col">{t("health.score")}</th>
            </tr>
          </thead>
          <tbody>
            {weekly.map((day) => {
              const score = scoreOn(day);
              return (
                <tr key={day}>
                  <td>{props.formatDay(day)}</td>
                  <td>{score === null ? t("health.noData") : Math.round(score)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
