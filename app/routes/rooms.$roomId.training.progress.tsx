import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatActiveTime } from "~/components/engagement/ActiveTimeCard";
import { ErrorView } from "~/components/ErrorView";
import { roomCertificates } from "~/domain/training/certificates.server";
import { progressMatrix } from "~/domain/training/progress.server";
import { formatDate, formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import { requireRoomAccess } from "~/web/guards.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "engagement.view");
  return {
    ...progressMatrix(access),
    timeZone: access.account.timeZone,
    certificates: roomCertificates(access),
  };
}

export default function TrainingProgress() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const { columns, rows, timeZone, certificates } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <section className="card space-y-3" aria-labelledby="progress-title">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="progress-title" className="text-lg font-semibold">
            {t("training.progressTitle")}
          </h2>
          <div className="flex gap-3 text-sm">
            <Link to=".." relative="path" className="text-brand-700 underline">
              {t("training.backToTraining")}
            </Link>
            <a href="progress.csv" className="text-brand-700 underline" download>
              {t("training.exportCsv")}
            </a>
          </div>
        </div>
        {columns.length === 0 || rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t("training.noProgress")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm" data-testid="progress-matrix">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-3">
                    {t("training.person")}
                  </th>
                  {columns.map((c) => (
                    <th key={c.id} scope="col" className="py-2 pr-3 align-bottom">
                      {c.title}
                      <span className="block text-xs font-normal text-slate-500">
                        {t("training.dueOn", { date: formatDate(locale, c.dueDate) })}
                      </span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.userId} className="border-b border-slate-100">
                    <th scope="row" className="py-2 pr-3 font-medium">
                      {r.name}
                    </th>
                    {r.cells.map((cell, i) =>
                      cell ? (
                        <td key={columns[i]!.id} className="py-2 pr-3">
                          <span
                            className={
                              cell.overdue
                                ? "font-semibold text-red-700"
                                : cell.status === "completed"
                                  ? "text-green-800"
                                  : undefined
                            }
                          >
                            {cell.overdue ? t("training.overdue") : t(`training.statuses.${cell.status}`)}
                          </span>
                          <span className="block text-xs text-slate-500">
                            {formatActiveTime(t, cell.activeSeconds)}
                            {cell.lastOpenedAt
                              ? ` · ${formatDateTime(locale, cell.lastOpenedAt, timeZone)}`
                              : ""}
                            {cell.score !== null ? ` · ${cell.score}%` : ""}
                          </span>
                        </td>
                      ) : (
                        <td key={columns[i]!.id} className="py-2 pr-3 text-slate-400">
                          <span aria-hidden="true">—</span>
                          <span className="sr-only">{t("training.notAssigned")}</span>
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card space-y-3" aria-labelledby="certificates-title">
        <h2 id="certificates-title" className="text-lg font-semibold">
          {t("trainingMore.certificate.staffTitle")}
        </h2>
        {certificates.length === 0 ? (
          <p className="text-sm text-slate-600">{t("trainingMore.certificate.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="room-certificates">
            {certificates.map((c) => (
              <li key={`${c.userId}:${c.pathId}`} className="flex flex-wrap justify-between gap-2 py-2">
                <Link
                  to={`../certificates/${c.pathId}/${c.userId}`}
                  relative="path"
                  className="font-medium break-words text-brand-700 underline"
                >
                  {c.name} — {c.title}
                </Link>
                <span className="text-slate-600">{formatDate(locale, c.completedOn)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
