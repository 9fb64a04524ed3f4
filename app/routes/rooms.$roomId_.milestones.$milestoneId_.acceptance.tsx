import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorView } from "~/components/ErrorView";
import { TaskStatusBadge } from "~/components/planEdit/PlanForms";
import { useHydrated } from "~/components/ui/useHydrated";
import { getAcceptanceRecord } from "~/domain/signoff/signoff.server";
import { formatDate, formatDateTime } from "~/i18n/format";
import { pageTitle } from "~/i18n/page-title.server";
import { useRootData } from "~/root";
import { orStatusPage } from "~/utils/http.server";
import { pageTitleMeta } from "~/utils/page-title";
import { requireRoomAccess } from "~/web/guards.server";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

/**
 * The acceptance record (検収記録) of a milestone, laid out for A4 paper: anyone who can see the milestone
 * may print it once a sign-off was requested (404 before).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.view");
  const record = orStatusPage(() => getAcceptanceRecord(access, params.milestoneId ?? ""));
  return {
    pageTitle: await pageTitle(request, access.user, "signOff.record.title", {
      milestone: record.milestone.title,
    }),
    roomId: access.room.id,
    timeZone: access.account.timeZone,
    ...record,
  };
}

export default function AcceptanceRecord() {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? "en";
  const company = root?.brand.companyName ?? "Launchroom";
  const d = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  const when = (v: Date | string | null) => (v ? formatDateTime(locale, v, d.timeZone) : "—");
  const someone = t("signOff.someone");
  return (
    <article className="report-print card mx-auto max-w-3xl space-y-6 p-6 sm:p-10" data-print-report>
      <div className="no-print flex flex-wrap items-center gap-3">
        <Link to={`/rooms/${d.roomId}/milestones/${d.milestone.id}`} className="btn-secondary">
          {t("signOff.record.back")}
        </Link>
        {hydrated ? (
          <button type="button" className="btn-primary" onClick={() => window.print()}>
            {t("signOff.record.print")}
          </button>
        ) : null}
      </div>
      <header className="space-y-1 border-b border-slate-200 pb-4">
        <p className="text-sm text-slate-600">{t("signOff.record.preparedBy", { company })}</p>
        <h1 className="text-2xl font-semibold break-words">
          {t("signOff.record.title", { milestone: d.milestone.title })}
        </h1>
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-500">{t("signOff.record.account")}</dt>
          <dd className="wrap-anywhere">{d.accountName}</dd>
          <dt className="text-slate-500">{t("signOff.record.room")}</dt>
          <dd className="wrap-anywhere">{d.roomTitle}</dd>
          <dt className="text-slate-500">{t("signOff.record.milestone")}</dt>
          <dd className="wrap-anywhere">{d.milestone.title}</dd>
          <dt className="text-slate-500">{t("signOff.record.target")}</dt>
          <dd>{formatDate(locale, d.milestone.targetDate)}</dd>
          <dt className="text-slate-500">{t("signOff.record.status")}</dt>
          <dd data-testid="acceptance-status">
            {d.milestone.completedAt
              ? t("signOff.record.completed", {
                  date: when(d.milestone.completedAt),
                  name: d.milestone.completedBy ?? someone,
                })
              : t("signOff.record.open")}
          </dd>
        </dl>
      </header>
      <section className="report-section space-y-2">
        <h2 className="text-lg font-semibold">{t("signOff.record.tasks")}</h2>
        {d.tasks.length ? (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-1 pr-2">
                  {t("signOff.record.task")}
                </th>
                <th scope="col" className="py-1 pr-2">
                  {t("signOff.record.taskStatus")}
                </th>
                <th scope="col" className="py-1">
                  {t("signOff.record.taskDone")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.tasks.map((task) => (
                <tr key={task.id} className="report-item border-b border-slate-100">
                  <td className="py-1 pr-2 wrap-anywhere">{task.title}</td>
                  <td className="py-1 pr-2">
                    <TaskStatusBadge status={task.status} />
                  </td>
                  <td className="py-1">{when(task.completedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-500">{t("signOff.record.noTasks")}</p>
        )}
        {d.hiddenTasks ? (
          <p className="text-xs text-slate-500">
            {t("signOff.record.hiddenTasks", { count: d.hiddenTasks })}
          </p>
        ) : null}
      </section>
      <section className="report-section space-y-2">
        <h2 className="text-lg font-semibold">{t("signOff.record.requests")}</h2>
        <ol className="space-y-3 text-sm">
          {d.history.map((r, i) => (
            <li key={r.id} className="report-item rounded border border-slate-200 p-3">
              <p className="font-medium">{t("signOff.record.round", { n: i + 1 })}</p>
              <dl className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
                <dt className="text-slate-500">{t("signOff.record.requestedAt")}</dt>
                <dd>{when(r.requestedAt)}</dd>
                <dt className="text-slate-500">{t("signOff.record.approver")}</dt>
                <dd className="wrap-anywhere">{r.approverName ?? someone}</dd>
                <dt className="text-slate-500">{t("signOff.record.decision")}</dt>
                <dd>{t(`signOff.decisions.${r.decision ?? "waiting"}`)}</dd>
                {r.decision ? (
                  <>
                    <dt className="text-slate-500">{t("signOff.record.decidedBy")}</dt>
                    <dd className="wrap-anywhere">
                      {t("signOff.record.decidedByValue", {
                        name: r.decidedByName ?? someone,
                        date: when(r.decidedAt),
                      })}
                    </dd>
                  </>
                ) : null}
                {r.comment ? (
                  <>
                    <dt className="text-slate-500">{t("signOff.record.comment")}</dt>
                    <dd className="whitespace-pre-wrap wrap-anywhere" data-testid="acceptance-comment">
                      {r.comment}
                    </dd>
                  </>
                ) : null}
              </dl>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
