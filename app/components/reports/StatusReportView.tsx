import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ReportMilestone, ReportTask, StatusReportContent } from "#emails/status-report-content";
import { formatDate, formatNumber } from "~/i18n/format";
import { useRootData } from "~/root";

/**
 * The weekly status report's sections, in the reader's language: the page's preview and the printable
 * page of a sent report show the same thing the email says. Plain text only (React escapes it); each item
 * stays whole across printed pages.
 */
export function StatusReportView({
  content: c,
  headingLevel = 2,
}: {
  content: StatusReportContent;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const H = headingLevel === 2 ? "h2" : "h3";
  const date = (d: string | null | undefined) => formatDate(locale, d);
  const section = (id: string, title: string, body: ReactNode, more = 0) => (
    <section className="report-section space-y-2" aria-labelledby={`report-${id}`} data-section={id}>
      <H
        id={`report-${id}`}
        className="border-b border-slate-200 pb-1 text-base font-semibold text-slate-900"
      >
        {title}
      </H>
      {body}
      {more ? <p className="text-sm text-slate-600">{t("reports.view.more", { count: more })}</p> : null}
    </section>
  );
  const empty = (key: string) => <p className="text-sm text-slate-600">{t(`reports.view.empty.${key}`)}</p>;
  const taskList = (tasks: ReportTask[], alert = false) => (
    <ul className="space-y-2">
      {tasks.map((task, i) => (
        <li
          key={i}
          className={`report-item border-l-4 pl-3 ${alert ? "border-red-600" : "border-slate-300"}`}
        >
          <p className="font-medium break-words text-slate-900">{task.title}</p>
          <p className="text-sm text-slate-600">
            {[
              task.doneOn ? t("reports.view.doneOn", { date: date(task.doneOn) }) : null,
              !task.doneOn && task.dueDate ? t("reports.view.due", { date: date(task.dueDate) }) : null,
              task.daysOverdue ? t("reports.view.overdue", { count: task.daysOverdue }) : null,
              task.assigneeName ? t("reports.view.assignee", { name: task.assigneeName }) : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
          {task.blocked ? (
            <p className="text-sm break-words text-red-800">
              {task.blockedReason
                ? t("reports.view.blocked", { reason: task.blockedReason })
                : t("reports.view.blockedNoReason")}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
  const milestoneState = (m: ReportMilestone) => {
    switch (m.state) {
      case "doneOnTime":
        return t("reports.view.milestone.doneOnTime", { date: date(m.doneOn) });
      case "doneLate":
        return t("reports.view.milestone.doneLate", { date: date(m.doneOn), count: m.daysLate });
      case "late":
        return t("reports.view.milestone.late", { count: m.daysLate });
      default:
        return m.daysLate === 0
          ? t("reports.view.milestone.dueToday")
          : t("reports.view.milestone.left", { count: -m.daysLate });
    }
  };
  const num = (v: number, unit: string) => `${formatNumber(locale, v)}${unit}`;

  return (
    <div className="space-y-6" data-testid="report-content">
      <p className="text-sm text-slate-700">
        {t("reports.view.period", { start: date(c.periodStart), end: date(c.periodEnd) })}
      </p>
      {c.intro ? (
        <div
          className="report-item rounded-md bg-slate-50 p-4 break-words whitespace-pre-line text-slate-800"
          data-testid="report-intro"
        >
          {c.intro}
        </div>
      ) : null}
      {section(
        "done",
        t("reports.view.sections.done"),
        c.done.items.length ? taskList(c.done.items) : empty("done"),
        c.done.more,
      )}
      {section(
        "dueSoon",
        t("reports.view.sections.dueSoon", { date: date(c.aheadEnd) }),
        c.dueSoon.items.length ? taskList(c.dueSoon.items) : empty("dueSoon"),
        c.dueSoon.more,
      )}
      {section(
        "attention",
        t("reports.view.sections.attention"),
        c.attention.items.length ? taskList(c.attention.items, true) : empty("attention"),
        c.attention.more,
      )}
      {section(
        "milestones",
        t("reports.view.sections.milestones"),
        c.milestones.length ? (
          <ul className="space-y-2">
            {c.milestones.map((m, i) => (
              <li
                key={i}
                className={`report-item border-l-4 pl-3 ${m.late ? "border-red-600" : "border-slate-300"}`}
              >
                <p className="font-medium break-words text-slate-900">{m.title}</p>
                <p className="text-sm text-slate-600">
                  {t("reports.view.milestone.target", { date: date(m.targetDate) })} ·{" "}
                  <span className={m.late ? "font-semibold text-red-700" : undefined}>
                    {milestoneState(m)}
                  </span>
                </p>
                {m.slipDays !== 0 ? (
                  <p className="text-sm text-amber-900">
                    {t(
                      m.slipDays > 0 ? "reports.view.milestone.slipped" : "reports.view.milestone.pulledIn",
                      {
                        count: Math.abs(m.slipDays),
                        date: date(m.baselineDate),
                      },
                    )}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          empty("milestones")
        ),
      )}
      {section(
        "decisions",
        t("reports.view.sections.decisions"),
        c.decisions.length ? (
          <ul className="space-y-2">
            {c.decisions.map((d, i) => (
              <li key={i} className="report-item border-l-4 border-slate-300 pl-3">
                <p className="break-words text-slate-900">{d.text}</p>
                <p className="text-sm text-slate-600">
                  {t("reports.view.fromMeeting", { title: d.meetingTitle, date: date(d.meetingDate) })}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          empty("decisions")
        ),
      )}
      {section(
        "actionItems",
        t("reports.view.sections.actionItems"),
        c.actionItems.items.length ? (
          <ul className="space-y-2">
            {c.actionItems.items.map((a, i) => (
              <li
                key={i}
                className={`report-item border-l-4 pl-3 ${a.overdue ? "border-red-600" : "border-slate-300"}`}
              >
                <p className="break-words text-slate-900">{a.text}</p>
                <p className="text-sm text-slate-600">
                  {[
                    a.dueDate ? t("reports.view.due", { date: date(a.dueDate) }) : null,
                    a.ownerName ? t("reports.view.assignee", { name: a.ownerName }) : null,
                    t("reports.view.fromMeetingShort", { title: a.meetingTitle }),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          empty("actionItems")
        ),
        c.actionItems.more,
      )}
      {section(
        "goals",
        t("reports.view.sections.goals"),
        c.goals.length ? (
          <ul className="space-y-2">
            {c.goals.map((g, i) => (
              <li
                key={i}
                className={`report-item border-l-4 pl-3 ${g.status === "at_risk" ? "border-red-600" : "border-slate-300"}`}
              >
                <p className="font-medium break-words text-slate-900">
                  {g.statement} — <span>{t(`reports.view.goalStatus.${g.status}`)}</span>
                </p>
                <p className="text-sm text-slate-600">
                  {g.latest === null
                    ? t("reports.view.goalNoData", {
                        kpi: g.kpi,
                        target: num(g.target, g.unit),
                        date: date(g.dueDate),
                      })
                    : t("reports.view.goalValue", {
                        kpi: g.kpi,
                        latest: num(g.latest, g.unit),
                        target: num(g.target, g.unit),
                        date: date(g.dueDate),
                      })}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          empty("goals")
        ),
      )}
    </div>
  );
}
