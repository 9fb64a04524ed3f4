import { useId, useMemo } from "react";
import { useCachedT, type CachedT } from "~/components/cached-t";
import { builtFrom } from "~/components/packed";
import { formatDateCached, html, innerHtml, SEP, type SafeHtml } from "~/components/static-html";
import type { Locale } from "~/i18n/config";
import { scheduleText } from "~/domain/plan/schedule";
import { TASK_STATUSES } from "~/vocabulary";
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

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Shortens a label to fit the label column: wide (CJK) characters count double. */
export function fitLabel(text: string, maxUnits: number): string {
  // No character counts more than two units, and a string has at least as many UTF-16 units as characters.
  if (text.length * 2 <= maxUnits) return text;
  let units = 0;
  let out = "";
  for (const ch of text) {
    const w = WIDE.test(ch) ? 2 : 1;
    if (units + w > maxUnits) return `${out}…`;
    units += w;
    out += ch;
  }
  return out;
}

const STATUS_FILL: Record<string, string> = {
  todo: "#94a3b8",
  in_progress: "#2563eb",
  review: "#0891b2",
  blocked: "#d97706",
  done: "#16a34a",
};

/**
 * The Gantt chart as inline SVG, rendered on the server: no client code needed to read it. Overdue is
 * shown by colour, a hatch pattern and a "!" mark; done by colour and a check mark; internal items by a
 * dashed outline and a label.
 *
 * The chart's content is static markup built as one string (see ~/components/static-html): a plan of a
 * few hundred tasks is thousands of SVG elements, which React rendered at a microsecond or more each.
 */
export function TimelineChart({ layout, locale }: { layout: TimelineLayout; locale: Locale }) {
  const t = useCachedT();
  const uid = useId().replace(/:/g, "");
  const markup = useMemo(
    () => builtFrom(layout, `chart|${locale}|${uid}`, () => chartHtml(layout, { t, locale, uid })),
    [layout, t, locale, uid],
  );
  return (
    <svg
      className="timeline-svg block"
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-labelledby={`${uid}-title ${uid}-desc`}
      fontFamily="system-ui, sans-serif"
      fontSize={12}
      data-testid="timeline-svg"
      dangerouslySetInnerHTML={innerHtml(markup)}
    />
  );
}

function chartHtml(
  layout: TimelineLayout,
  { t, locale, uid }: { t: CachedT; locale: Locale; uid: string },
): SafeHtml {
  const o = layout.options;
  const hatch = `${uid}-hatch`;
  const arrow = `${uid}-arrow`;
  const date = (iso: string | null) => formatDateCached(locale, iso);
  const label = {
    internal: html`${SEP}${` [${t("timeline.internal")}]`}`,
    done: t("timeline.done"),
    late: t("timeline.late"),
    overdue: t("timeline.overdue"),
    status: Object.fromEntries(TASK_STATUSES.map((s) => [s, t(`timeline.status.${s}`)])) as Record<
      string,
      string
    >,
    noDates: t("timeline.noDates"),
  };
  const taskRows = layout.rows.filter((r) => r.kind === "task");
  const overdueCount = taskRows.filter((r) => r.kind === "task" && r.overdue).length;
  const chartTop = o.headerHeight;
  const out: SafeHtml[] = [];
  const description = t("timeline.chartDesc", {
    tasks: taskRows.length,
    milestones: layout.milestones.length,
    overdue: overdueCount,
    start: formatDateCached(locale, layout.start),
    end: formatDateCached(locale, layout.end),
  });

  out.push(
    html`<title id="${uid}-title">${t("timeline.chartTitle")}</title>`,
    html`<desc id="${uid}-desc">${description}</desc>`,
    html`<defs><pattern id="${hatch}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#dc2626"/><line x1="0" y1="0" x2="0" y2="6" stroke="#fecaca" stroke-width="3"/></pattern><marker id="${arrow}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M 0 0 L 8 4 L 0 8 z" fill="#475569"/></marker></defs>`,
  );

  // Month labels and week grid
  out.push(html`<rect x="0" y="0" width="${layout.width}" height="${chartTop}" fill="#f8fafc"/>`);
  for (const m of layout.months)
    out.push(
      html`<g><line x1="${m.x}" y1="0" x2="${m.x}" y2="${chartTop}" stroke="#cbd5e1"/><text x="${m.x + 4}" y="16" fill="#0f172a" font-weight="600">${monthLabel(locale, m.date)}</text></g>`,
    );
  for (const w of layout.weeks)
    out.push(
      html`<g><line x1="${w.x}" y1="22" x2="${w.x}" y2="${layout.height}" stroke="#e2e8f0"/><text x="${w.x + 3}" y="36" fill="#64748b" font-size="10">${Number(w.date.slice(8, 10))}</text></g>`,
    );
  out.push(
    html`<line x1="${o.labelWidth}" y1="0" x2="${o.labelWidth}" y2="${layout.height}" stroke="#94a3b8"/>`,
    html`<line x1="0" y1="${chartTop}" x2="${layout.width}" y2="${chartTop}" stroke="#94a3b8"/>`,
  );

  // Milestones
  if (layout.milestones.length)
    out.push(
      html`<g><rect x="0" y="${layout.milestoneRowY}" width="${layout.width}" height="${o.rowHeight}" fill="#f1f5f9"/><text x="8" y="${layout.milestoneRowY + o.rowHeight / 2 + 4}" font-weight="700" fill="#0f172a">${t("timeline.milestones")}</text></g>`,
    );
  for (const m of layout.milestones) {
    const s = 8;
    const diamond = (cx: number) => `${cx},${m.cy - s} ${cx + s},${m.cy} ${cx},${m.cy + s} ${cx - s},${m.cy}`;
    const internal = m.milestone.visibility === "internal";
    const state = m.done ? label.done : m.late ? label.late : "";
    const title = m.milestone.title;
    const first = m.milestone.isFirstValue;
    out.push(
      html`<g data-testid="timeline-milestone"><text x="8" y="${m.cy + 4}" fill="#0f172a">${fitLabel(title, internal ? 26 : 34)}${internal && label.internal}<title>${title}</title></text>`,
    );
    if (m.baselineX !== null) {
      const bx = m.baselineX;
      const baseline = t("timeline.baseline", { date: formatDateCached(locale, m.milestone.baselineDate) });
      out.push(
        html`<g><line x1="${bx}" y1="${m.cy}" x2="${m.cx}" y2="${m.cy}" stroke="#94a3b8" stroke-dasharray="3 2"/><polygon points="${bx},${m.cy - 6} ${bx + 6},${m.cy} ${bx},${m.cy + 6} ${bx - 6},${m.cy}" fill="white" stroke="#94a3b8"><title>${baseline}</title></polygon></g>`,
      );
    }
    const fill = m.done ? "#16a34a" : m.late ? `url(#${hatch})` : "#7c3aed";
    const mark = m.done ? html`✓ ${SEP}` : m.late && html`! ${SEP}`;
    // A done milestone shows the day it was done and how late, not its planned date (milestoneSchedule).
    const sched = m.milestone.schedule;
    const when =
      sched?.doneOn && sched.state === "doneLate"
        ? `${date(sched.doneOn)} (${t("lateness.schedule.late", { count: sched.daysLate })})`
        : sched?.doneOn
          ? date(sched.doneOn)
          : date(m.milestone.targetDate);
    const status = sched ? scheduleText(t, locale, sched) : state;
    out.push(
      html`<polygon points="${diamond(m.cx)}" fill="${fill}" stroke="${first ? "#0f172a" : "white"}" stroke-width="${first ? 2 : 1}"${internal && html` stroke-dasharray="2 2"`}><title>${title} · ${date(m.milestone.targetDate)}${status && html` · ${status}`}</title></polygon><text x="${m.cx + s + 4}" y="${m.cy + 4}" fill="${m.late ? "#b91c1c" : "#334155"}" font-size="11" font-weight="600">${mark}${when}${first && html`${SEP}${` ★ ${t("timeline.firstValue")}`}`}</text></g>`,
    );
  }

  // Phases and tasks
  for (const row of layout.rows) {
    const textY = row.y + o.rowHeight / 2 + 4;
    if (row.kind === "phase") {
      out.push(
        html`<g><rect x="0" y="${row.y}" width="${layout.width}" height="${o.rowHeight}" fill="#f1f5f9"/><text x="8" y="${textY}" font-weight="700" fill="#0f172a">${fitLabel(row.phase.title, 36)}<title>${row.phase.title}</title></text></g>`,
      );
      continue;
    }
    const task = row.task;
    const internal = task.visibility === "internal";
    const title = task.title;
    out.push(
      html`<g data-testid="timeline-task"${row.overdue && html` data-overdue="true"`}><text x="20" y="${textY}" fill="${row.done ? "#64748b" : "#0f172a"}"${row.done && html` text-decoration="line-through"`}>${fitLabel(title, internal ? 28 : 36)}${internal && label.internal}<title>${title}</title></text>`,
    );
    if (row.bar) {
      const statusLabel = row.overdue
        ? label.overdue
        : (label.status[task.status] ?? t(`timeline.status.${task.status}`));
      const fill = row.overdue ? `url(#${hatch})` : (STATUS_FILL[task.status] ?? "#94a3b8");
      const markX = row.bar.x + row.bar.width + 10;
      out.push(
        html`<g><rect x="${row.bar.x + 1}" y="${row.y + 6}" width="${Math.max(row.bar.width - 2, 4)}" height="${o.rowHeight - 12}" rx="3" fill="${fill}" fill-opacity="${row.done ? 0.55 : 1}" stroke="${internal ? "#0f172a" : "none"}"${internal && html` stroke-dasharray="3 2"`}><title>${title} · ${date(task.startDate)} – ${date(task.dueDate)} · ${statusLabel}</title></rect>`,
      );
      if (row.done) out.push(html`<text x="${markX}" y="${textY}" fill="#15803d" font-weight="700">✓</text>`);
      else if (row.overdue)
        out.push(
          html`<text x="${markX}" y="${textY}" fill="#b91c1c" font-weight="700">! ${SEP}${label.overdue}</text>`,
        );
      else if (task.status === "blocked")
        out.push(
          html`<text x="${markX}" y="${textY}" fill="#b45309" font-weight="700">‖ ${SEP}${label.status.blocked!}</text>`,
        );
      out.push(html`</g>`);
    } else {
      out.push(
        html`<text x="${o.labelWidth + 6}" y="${textY}" fill="#64748b" font-style="italic">${label.noDates}</text>`,
      );
    }
    out.push(html`</g>`);
  }

  // Dependencies, above the bars
  for (const a of layout.arrows)
    out.push(
      html`<path d="${a.path}" fill="none" stroke="#475569" stroke-width="1.2" marker-end="url(#${arrow})" data-testid="timeline-arrow"/>`,
    );

  // Today
  if (layout.todayX !== null) {
    const x = layout.todayX;
    const h = layout.height;
    out.push(
      html`<g data-testid="timeline-today"><line x1="${x}" y1="22" x2="${x}" y2="${h}" stroke="#dc2626" stroke-width="2" stroke-dasharray="4 3"/><rect x="${x - 22}" y="${h - 18}" width="44" height="16" rx="3" fill="#dc2626"/><text x="${x}" y="${h - 6}" fill="white" font-size="10" text-anchor="middle" font-weight="700">${t("timeline.today")}</text></g>`,
    );
  }
  return html`${out}`;
}
