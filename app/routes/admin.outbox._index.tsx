import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OUTBOX_STATUSES } from "~/vocabulary";
import { requireStaff } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { Pagination } from "~/components/ui/Pagination";
import { OutboxStatusBadge } from "~/components/OutboxStatusBadge";
import { listOutbox, type OutboxStatus } from "~/mail/outbox.server";
import { formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import { pageTitle } from "~/i18n/page-title.server";
import { pageTitleMeta } from "~/utils/page-title";

const PAGE_SIZE = 50;

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = requireStaff(request, "outbox.view");
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status");
  const status = (OUTBOX_STATUSES as readonly string[]).includes(statusParam ?? "")
    ? (statusParam as OutboxStatus)
    : undefined;
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  const { rows, total } = listOutbox({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, status });
  return {
    rows,
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    status: status ?? "",
    pageTitle: await pageTitle(request, actor, "outbox.title"),
  };
}

export default function Outbox() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const { rows, total, page, pageCount, status } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("outbox.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("outbox.subtitle", { count: total })}</p>
      </div>
      <Form method="get" className="flex items-end gap-3">
        <div>
          <label htmlFor="status" className="label">
            {t("fields.status")}
          </label>
          <select id="status" name="status" defaultValue={status} className="input">
            <option value="">{t("outbox.allStatuses")}</option>
            {OUTBOX_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`outbox.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("portfolio.apply")}
        </button>
      </Form>
      {rows.length === 0 ? (
        <div className="card text-center text-slate-600">{t("outbox.empty")}</div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-[48rem] w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="whitespace-nowrap px-4 py-3">
                  {t("outbox.created")}
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-3">
                  {t("outbox.to")}
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-3">
                  {t("outbox.template")}
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-3">
                  {t("fields.status")}
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-3 text-right">
                  {t("outbox.attempts")}
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-3">
                  {t("outbox.lastError")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="px-4 py-3 whitespace-nowrap">
                    <Link to={row.id} className="text-brand-700 hover:underline">
                      {formatDateTime(locale, row.createdAt)}
                    </Link>
                  </td>
                  <td className="px-4 py-3">{row.toEmail}</td>
                  <td className="px-4 py-3">
                    {t(`layout.emailTemplates.${row.template}`, { defaultValue: row.template })}
                  </td>
                  <td className="px-4 py-3">
                    <OutboxStatusBadge status={row.status} transport={row.transport} />
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums">{row.attempts}</td>
                  <td
                    className="max-w-xs truncate px-4 py-3 text-slate-600"
                    title={row.lastError ?? undefined}
                  >
                    {row.lastError ?? "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageCount={pageCount} params={{ status }} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
