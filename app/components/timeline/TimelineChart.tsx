import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import type { TimelineLayout } from "./layout";

const MONTH_FORMATS = new Map<Locale, Intl.DateTimeFormat>();
function monthLabel(locale: Locale, date: string): string {
  let f = MONTH_FORMATS.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", {
      year: "numeric",
      month: "short",
      timeZone: "UTC",
    });
    MONTH_FORMATS.set(locale, f);
  }
  return f.format(new Date(`${date}T00:00:00Z`));
}

/** Shortens a label to fit the label column: wide (CJK) characters count double. */
export function fitLabel(text: string, maxUnits: number): string {
  let units = 0;
  let out = "";
  for (const ch of text) {
    const w =
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
    if (units + w > maxUnits) return `${out}…`;
    units += w;
    out += ch;
  }
  return out;
}

const STATUS_FILL: Record<string, string> = {
  todo: "#94a3b8",
  in_progress: "#2563eb",
  blocked: "#d97706",
  done: "#16a34a",
};

/**
 * The Gantt chart as inline SVG, rendered on the server: no client code needed to read it. Overdue is
 * shown by colour, a hatch pattern and a "!" mark; done by colour and a check mark; internal items by a
 * dashed outline and a label.
 */
export function TimelineChart({ layout, locale }: { layout: TimelineLayout; locale: Locale }) {
  const { t } = useTranslation();
  const uid = useId().replace(/:/g, "");
  const o = layout.options;
  const titleId = `${uid}-title`;
  const descId = `${uid}-desc`;
  const hatch = `${uid}-hatch`;
  const arrow = `${uid}-arrow`;
  const taskRows = layout.rows.filter((r) => r.kind === "task");
  const overdueCount = taskRows.filter((r) => r.kind === "task" && r.overdue).length;
  const chartTop = o.headerHeight;
  return (
    <svg
      className="timeline-svg block"
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      fontFamily="system-ui, sans-serif"
      fontSize={12}
      data-testid="timeline-svg"
    >
      <title id={titleId}>{t("timeline.chartTitle")}</title>
      <desc id={descId}>
        {t("timeline.chartDesc", {
          tasks: taskRows.length,
          milestones: layout.milestones.length,
          overdue: overdueCount,
          start: formatDate(locale, layout.start),
          end: formatDate(locale, layout.end),
        })}
      </desc>
      <defs>
        <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#dc2626" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#fecaca" strokeWidth="3" />
        </pattern>
        <marker id={arrow} viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">
          <path d="M 0 0 L 8 4 L 0 8 z" fill="#475569" />
        </marker>
      </defs>

      {/* Month labels and week grid */}
      <rect x={0} y={0} width={layout.width} height={chartTop} fill="#f8fafc" />
      {layout.months.map((m) => (
        <g key={`m-${m.date}`}>
          <line x1={m.x} y1={0} x2={m.x} y2={chartTop} stroke="#cbd5e1" />
          <text x={m.x + 4} y={16} fill="#0f172a" fontWeight={600}>
            {monthLabel(locale, m.date)}
          </text>
        </g>
      ))}
      {layout.weeks.map((w) => (
        <g key={`w-${w.date}`}>
          <line x1={w.x} y1={22} x2={w.x} y2={layout.height} stroke="#e2e8f0" />
          <text x={w.x + 3} y={36} fill="#64748b" fontSize={10}>
            {Number(w.date.slice(8, 10))}
          </text>
        </g>
      ))}
      <line x1={o.labelWidth} y1={0} x2={o.labelWidth} y2={layout.height} stroke="#94a3b8" />
      <line x1={0} y1={chartTop} x2={layout.width} y2={chartTop} stroke="#94a3b8" />

      {/* Milestones */}
      {layout.milestones.length ? (
        <g>
          <rect x={0} y={layout.milestoneRowY} width={layout.width} height={o.rowHeight} fill="#f1f5f9" />
          <text x={8} y={layout.milestoneRowY + o.rowHeight / 2 + 4} fontWeight={700} fill="#0f172a">
            {t("timeline.milestones")}
          </text>
        </g>
      ) : null}
      {layout.milestones.map((m) => {
        const s = 8;
        const diamond = (cx: number) =>
          `${cx},${m.cy - s} ${cx + s},${m.cy} ${cx},${m.cy + s} ${cx - s},${m.cy}`;
        const internal = m.milestone.visibility === "internal";
        const state = m.done ? t("timeline.done") : m.late ? t("timeline.late") : "";
        return (
          <g key={m.milestone.id} data-testid="timeline-milestone">
            <text x={8} y={m.cy + 4} fill="#0f172a">
              {fitLabel(m.milestone.title, internal ? 26 : 34)}
              {internal ? ` [${t("timeline.internal")}]` : ""}
              <title>{m.milestone.title}</title>
            </text>
            {m.baselineX !== null ? (
              <g>
                <line x1={m.baselineX} y1={m.cy} x2={m.cx} y2={m.cy} stroke="#94a3b8" strokeDasharray="3 2" />
                <polygon
                  points={`${m.baselineX},${m.cy - 6} ${m.baselineX + 6},${m.cy} ${m.baselineX},${m.cy + 6} ${m.baselineX - 6},${m.cy}`}
                  fill="white"
                  stroke="#94a3b8"
                >
                  <title>
                    {t("timeline.baseline", { date: formatDate(locale, m.milestone.baselineDate) })}
                  </title>
                </polygon>
              </g>
            ) : null}
            <polygon
              points={diamond(m.cx)}
              fill={m.done ? "#16a34a" : m.late ? `url(#${hatch})` : "#7c3aed"}
              stroke={m.milestone.isFirstValue ? "#0f172a" : "white"}
              strokeWidth={m.milestone.isFirstValue ? 2 : 1}
              strokeDasharray={internal ? "2 2" : undefined}
            >
              <title>
                {`${m.milestone.title} · ${formatDate(locale, m.milestone.targetDate)}${state ? ` · ${state}` : ""}`}
              </title>
            </polygon>
            <text
              x={m.cx + s + 4}
              y={m.cy + 4}
              fill={m.late ? "#b91c1c" : "#334155"}
              fontSize={11}
              fontWeight={600}
            >
              {m.done ? "✓ " : m.late ? "! " : ""}
              {formatDate(locale, m.milestone.targetDate)}
              {m.milestone.isFirstValue ? ` ★ ${t("timeline.firstValue")}` : ""}
            </text>
          </g>
        );
      })}

      {/* Phases and tasks */}
      {layout.rows.map((row) => {
        if (row.kind === "phase")
          return (
            <g key={`p-${row.phase.id}`}>
              <rect x={0} y={row.y} width={layout.width} height={o.rowHeight} fill="#f1f5f9" />
              <text x={8} y={row.y + o.rowHeight / 2 + 4} fontWeight={700} fill="#0f172a">
                {fitLabel(row.phase.title, 36)}
                <title>{row.phase.title}</title>
              </text>
            </g>
          );
        const task = row.task;
        const internal = task.visibility === "internal";
        const barY = row.y + 6;
        const barH = o.rowHeight - 12;
        const statusLabel = row.overdue ? t("timeline.overdue") : t(`timeline.status.${task.status}`);
        return (
          <g key={task.id} data-testid="timeline-task" data-overdue={row.overdue ? "true" : undefined}>
            <text
              x={20}
              y={row.y + o.rowHeight / 2 + 4}
              fill={row.done ? "#64748b" : "#0f172a"}
              textDecoration={row.done ? "line-through" : undefined}
            >
              {fitLabel(task.title, internal ? 28 : 36)}
              {internal ? ` [${t("timeline.internal")}]` : ""}
              <title>{task.title}</title>
            </text>
            {row.bar ? (
              <g>
                <rect
                  x={row.bar.x + 1}
                  y={barY}
                  width={Math.max(row.bar.width - 2, 4)}
                  height={barH}
                  rx={3}
                  fill={row.overdue ? `url(#${hatch})` : (STATUS_FILL[task.status] ?? "#94a3b8")}
                  fillOpacity={row.done ? 0.55 : 1}
                  stroke={internal ? "#0f172a" : "none"}
                  strokeDasharray={internal ? "3 2" : undefined}
                >
                  <title>
                    {`${task.title} · ${formatDate(locale, task.startDate)} – ${formatDate(locale, task.dueDate)} · ${statusLabel}`}
                  </title>
                </rect>
                {row.done ? (
                  <text
                    x={row.bar.x + row.bar.width + 10}
                    y={row.y + o.rowHeight / 2 + 4}
                    fill="#15803d"
                    fontWeight={700}
                  >
                    ✓
                  </text>
                ) : row.overdue ? (
                  <text
                    x={row.bar.x + row.bar.width + 10}
                    y={row.y + o.rowHeight / 2 + 4}
                    fill="#b91c1c"
                    fontWeight={700}
                  >
                    ! {t("timeline.overdue")}
                  </text>
                ) : task.status === "blocked" ? (
                  <text
                    x={row.bar.x + row.bar.width + 10}
                    y={row.y + o.rowHeight / 2 + 4}
                    fill="#b45309"
                    fontWeight={700}
                  >
                    ‖ {t("timeline.status.blocked")}
                  </text>
                ) : null}
              </g>
            ) : (
              <text x={o.labelWidth + 6} y={row.y + o.rowHeight / 2 + 4} fill="#64748b" fontStyle="italic">
                {t("timeline.noDates")}
              </text>
            )}
          </g>
        );
      })}

      {/* Dependencies, above the bars */}
      {layout.arrows.map((a) => (
        <path
          key={`${a.from}-${a.to}`}
          d={a.path}
          fill="none"
          stroke="#475569"
          strokeWidth={1.2}
          markerEnd={`url(#${arrow})`}
          data-testid="timeline-arrow"
        />
      ))}

      {/* Today */}
      {layout.todayX !== null ? (
        <g data-testid="timeline-today">
          <line
            x1={layout.todayX}
            y1={22}
            x2={layout.todayX}
            y2={layout.height}
            stroke="#dc2626"
            strokeWidth={2}
            strokeDasharray="4 3"
          />
          <rect x={layout.todayX - 22} y={layout.height - 18} width={44} height={16} rx={3} fill="#dc2626" />
          <text
            x={layout.todayX}
            y={layout.height - 6}
            fill="white"
            fontSize={10}
            textAnchor="middle"
            fontWeight={700}
          >
            {t("timeline.today")}
          </text>
        </g>
      ) : null}
    </svg>
  );
}
