import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { StatusReportView } from "~/components/reports/StatusReportView";
import { ErrorView } from "~/components/ErrorView";
import { useHydrated } from "~/components/ui/useHydrated";
import { getSentReport } from "~/domain/reports/reports.server";
import { formatDateTime } from "~/i18n/format";
import { pageTitle } from "~/i18n/page-title.server";
import { useRootData } from "~/root";
import { pageTitleMeta } from "~/utils/page-title";
import { orStatusPage } from "~/utils/http.server";
import { requireRoomAccess } from "~/web/guards.server";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

/**
 * A sent weekly report as its recipients received it (the stored snapshot), laid out for A4 paper. Anyone
 * who can open the room may read it: the email links here, and it holds shared items only.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { room, account, role, user } = requireRoomAccess(request, params.roomId, "room.view");
  const report = orStatusPage(() => getSentReport(room.id, params.reportId ?? ""));
  return {
    pageTitle: await pageTitle(request, user, "reports.printTitle", { room: room.title }),
    roomId: room.id,
    roomTitle: room.title,
    accountName: account.name,
    timeZone: account.timeZone,
    canSend: can(role, "reports.send"),
    periodStart: report.content.periodStart,
    periodEnd: report.content.periodEnd,
    sentAt: report.sentAt.toISOString(),
    recipientCount: report.recipientCount,
    content: report.content,
  };
}

export default function PrintableReport() {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? "en";
  const company = root?.brand.companyName ?? "Launchroom";
  const data = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  return (
    <article className="report-print card mx-auto max-w-3xl space-y-6 p-6 sm:p-10" data-print-report>
      <div className="no-print flex flex-wrap items-center gap-3">
        <Link
          to={data.canSend ? `/rooms/${data.roomId}/report` : `/rooms/${data.roomId}`}
          className="btn-secondary"
        >
          {data.canSend ? t("reports.backToReports") : t("reports.backToRoom")}
        </Link>
        {hydrated ? (
          <button type="button" className="btn-primary" onClick={() => window.print()}>
            {t("reports.print")}
          </button>
        ) : null}
      </div>
      <header className="space-y-1 border-b border-slate-200 pb-4">
        <p className="text-sm text-slate-600">
          {t("reports.preparedBy", { company, account: data.accountName })}
        </p>
        <h1 className="text-2xl font-semibold break-words">
          {t("reports.printTitle", { room: data.roomTitle })}
        </h1>
        <p className="text-sm text-slate-600">
          {t("reports.printSentOn", {
            at: formatDateTime(locale, data.sentAt, data.timeZone),
            count: data.recipientCount,
          })}{" "}
        </p>
      </header>
      <StatusReportView content={data.content} />
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
