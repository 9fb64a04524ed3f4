import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { can } from "~/access/capabilities";
import { requireRoomAccess } from "~/web/guards.server";
import { useCachedT } from "~/components/cached-t";
import { ErrorView } from "~/components/ErrorView";
import { formatDateCached, html, innerHtml, SEP } from "~/components/static-html";
import { builtFrom } from "~/components/packed";
import { layoutTimeline, packTimeline, unpackTimeline } from "~/components/timeline/layout";
import { TimelineChart } from "~/components/timeline/TimelineChart";
import { isOverdue } from "~/domain/plan/dates";
import { isLate, SCHEDULE_TONE, scheduleText } from "~/domain/plan/schedule";
import { getPlanTimeline } from "~/domain/plan/views.server";
import { meetingsForTimeline } from "~/domain/meetings/meetings.server";
import { formatDate, formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import printCss from "~/styles/timeline-print.css?url";

/** Print layout in the head (a <style> in the body is invalid HTML), for this page only. */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: printCss, media: "print" }];

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.view");
  // Only what the chart draws: descriptions and other columns stay on the server.
  const timeline = getPlanTimeline(access);
  return {
    roomId: access.room.id,
    today: timeline.today,
    canEdit: can(access.role, "plan.edit"),
    phases: timeline.phases,
    milestones: timeline.milestones,
    /** The room's scheduled meetings: their own marker (▣) and list, next to the plan. */
    meetings: meetingsForTimeline(access),
    timeZone: access.account.timeZone,
    // The hundreds of tasks and dependencies travel as one string (see packTimeline); the object is the
    // cached read's, so it is packed once per read.
    rows: packTimeline(timeline),
  };
}

function LegendSwatch({ fill, label, pattern }: { fill: string; label: string; pattern?: boolean }) {
  return (
    <li className="flex items-center gap-2">
      <span
        aria-hidden="true"
        className="inline-block h-3 w-6 rounded-sm"
        style={{
          background: pattern ? `repeating-linear-gradient(45deg, ${fill} 0 3px, #fecaca 3px 5px)` : fill,
        }}
      />
      {label}
    </li>
  );
}

export default function Timeline() {
  const t = useCachedT();
  const locale = useRootData()?.locale ?? "en";
  const d = useLoaderData<typeof loader>();
  const { tasks, dependencies } = useMemo(() => unpackTimeline(d.rows), [d.rows]);
  // Built once per read of the plan: the phases, milestones and today come from the same read as the tasks.
  const layout = useMemo(
    () =>
      builtFrom(tasks, `layout|${d.today}`, () =>
        layoutTimeline({ phases: d.phases, tasks, milestones: d.milestones, dependencies, today: d.today }),
      ),
    [d.phases, d.milestones, d.today, tasks, dependencies],
  );
  const tableRows = useMemo(
    () =>
      builtFrom(tasks, `table|${d.today}|${locale}`, () => {
        const phaseTitle = new Map(d.phases.map((p) => [p.id, p.title]));
        const statuses = new Map<string, string>();
        const status = (s: string) => {
          let label = statuses.get(s);
          if (label === undefined) statuses.set(s, (label = t(`timeline.status.${s}`)));
          return label;
        };
        const internal = html`${SEP}${` (${t("timeline.internal")})`}`;
        const overdue = html`${SEP}${` (${t("timeline.overdue")})`}`;
        // On a phone the table is the timeline, one card per task: the dates carry their column's name
        // (hidden from screen readers, which read the column headers).
        const startLabel = html`<span class="timeline-cell-label" aria-hidden="true">${t("timeline.col.start")} </span>`;
        const dueLabel = html`<span class="timeline-cell-label" aria-hidden="true">${t("timeline.col.due")} </span>`;
        return html`${tasks.map(
          (task) =>
            html`<tr data-status="${task.status}"><td class="wrap-anywhere">${phaseTitle.get(task.phaseId) ?? ""}</td><td class="wrap-anywhere">${task.title}${task.visibility === "internal" && internal}</td><td>${startLabel}${formatDateCached(locale, task.startDate)}</td><td>${dueLabel}${formatDateCached(locale, task.dueDate)}</td><td>${status(task.status)}${isOverdue(task, d.today) && overdue}</td></tr>`,
        )}`;
      }),
    [tasks, d.phases, d.today, t, locale],
  );
  const empty = tasks.length === 0 && d.milestones.length === 0;
  return (
    <section className="space-y-4" aria-labelledby="timeline-title">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="timeline-title" className="mr-auto text-lg font-semibold">
          {t("timeline.title")}
        </h2>
        <div className="no-print flex flex-wrap gap-2">
          <a href={`/rooms/${d.roomId}/plan.csv`} className="btn-secondary" download>
            {t("csv.export")}
          </a>
          {d.canEdit ? (
            <Link to={`/rooms/${d.roomId}/plan/import`} className="btn-secondary">
              {t("csv.importTitle")}
            </Link>
          ) : null}
          <Link to={`/rooms/${d.roomId}/calendar`} className="btn-secondary">
            {t("calendar.title")}
          </Link>
        </div>
      </div>
      {empty ? (
        <p className="card text-slate-600" data-testid="timeline-empty">
          {t("timeline.empty")}
        </p>
      ) : (
        <>
          <ul
            className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-700"
            aria-label={t("timeline.legend")}
          >
            <LegendSwatch fill="#94a3b8" label={t("timeline.status.todo")} />
            <LegendSwatch fill="#2563eb" label={t("timeline.status.in_progress")} />
            <LegendSwatch fill="#0891b2" label={t("timeline.status.review")} />
            <LegendSwatch fill="#d97706" label={`‖ ${t("timeline.status.blocked")}`} />
            <LegendSwatch fill="#16a34a" label={`✓ ${t("timeline.status.done")}`} />
            <LegendSwatch fill="#dc2626" pattern label={`! ${t("timeline.overdue")}`} />
            <li className="flex items-center gap-2">
              <span aria-hidden="true" className="text-purple-700">
                ◆
              </span>
              {t("timeline.milestone")}
            </li>
            {d.meetings.length ? (
              <li className="flex items-center gap-2">
                <span aria-hidden="true" className="font-bold text-teal-700">
                  ▣
                </span>
                {t("meetings.timeline")}
              </li>
            ) : null}
            <li className="flex items-center gap-2">
              <span
                aria-hidden="true"
                className="inline-block h-3 w-6 rounded-sm border border-dashed border-slate-900"
              />
              {t("timeline.internalLegend")}
            </li>
            <li className="flex items-center gap-2">
              <span aria-hidden="true" className="font-bold text-red-600">
                ┆
              </span>
              {t("timeline.todayLegend", { date: formatDate(locale, d.today) })}
            </li>
          </ul>
          {/* From 768 px the chart; on a phone the task list below takes its place. */}
          <div
            className="timeline-scroll hidden overflow-x-auto rounded-lg border border-slate-200 bg-white md:block"
            // A scrollable region must be focusable so keyboard users can scroll it (WCAG 2.1.1).
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            tabIndex={0}
            role="region"
            aria-label={t("timeline.scrollRegion")}
          >
            <TimelineChart layout={layout} locale={locale} />
          </div>
          {/* The same plan as a table: for screen readers next to the chart, and the visible list on a
              phone (app/tailwind.css, .timeline-tasks). A table ignores sr-only's 1 px width, so the
              wrapper is what clips it. */}
          <div className="timeline-tasks" data-testid="timeline-list">
            <table>
              <caption>{t("timeline.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("timeline.col.phase")}</th>
                  <th scope="col">{t("timeline.col.task")}</th>
                  <th scope="col">{t("timeline.col.start")}</th>
                  <th scope="col">{t("timeline.col.due")}</th>
                  <th scope="col">{t("timeline.col.status")}</th>
                </tr>
              </thead>
              {/* Static rows, one string: see ~/components/static-html. */}
              <tbody dangerouslySetInnerHTML={innerHtml(tableRows)} />
            </table>
          </div>
          {d.milestones.length ? (
            <section aria-labelledby="milestone-list-title" className="card">
              <h3 id="milestone-list-title" className="mb-2 font-semibold">
                {t("timeline.milestones")}
              </h3>
              <ul className="divide-y divide-slate-100 text-sm">
                {d.milestones.map((m) => (
                  <li key={m.id} className="flex flex-wrap items-center gap-3 py-2">
                    {/* At least 10rem: on a phone the date and link wrap below rather than squeezing the
                        name to one character per line. */}
                    <span className="min-w-0 flex-1 basis-40 wrap-anywhere" data-phrase>
                      {m.title}
                      {m.visibility === "internal" ? ` [${t("timeline.internal")}]` : ""}
                    </span>
                    <span className={SCHEDULE_TONE[m.schedule.state]} data-testid="milestone-schedule">
                      {formatDate(locale, m.targetDate)}
                      {` · ${m.completedAt ? "✓" : isLate(m.schedule) ? "!" : "◆"} `}
                      {scheduleText(t, locale, m.schedule)}
                    </span>
                    <a
                      href={`/rooms/${d.roomId}/ics/milestone/${m.id}`}
                      className="no-print text-brand-700 underline"
                      download
                    >
                      {/* The name starts with what is shown (WCAG 2.5.3) and says which milestone. */}
                      {t("calendar.add")}
                      <span className="sr-only">{`: ${m.title} (.ics)`}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
      {d.meetings.length ? (
        <section aria-labelledby="meeting-list-title" className="card" data-testid="timeline-meetings">
          <h3 id="meeting-list-title" className="mb-2 font-semibold">
            {t("meetings.title")}
          </h3>
          <ul className="divide-y divide-slate-100 text-sm">
            {d.meetings.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center gap-3 py-2">
                <span aria-hidden="true" className="font-bold text-teal-700">
                  ▣
                </span>
                <Link
                  to={`/rooms/${d.roomId}/meetings/${m.id}`}
                  className="min-w-0 flex-1 basis-40 text-brand-700 underline wrap-anywhere"
                >
                  <span className="sr-only">{t("meetings.timeline")}: </span>
                  {m.title}
                </Link>
                <span className="text-slate-600">{formatDateTime(locale, m.startsAt, d.timeZone)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
