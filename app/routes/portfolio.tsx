import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ROOM_STAGES, ROOM_STATUSES } from "#db/schema/enums";
import { staffCan } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { Pagination } from "~/components/ui/Pagination";
import { StatusBadge } from "~/components/room/StatusBadge";
import { listPortfolio, type PortfolioScope } from "~/domain/rooms/rooms.server";
import { formatDate, formatMoney, formatNumber } from "~/i18n/format";
import { useRootData } from "~/root";

export const meta: MetaFunction = () => [{ title: "Launchroom" }];

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireStaff(request, "portfolio.view");
  const url = new URL(request.url);
  const scope: PortfolioScope = url.searchParams.get("scope") === "all" ? "all" : "mine";
  const query = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const page = Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1;
  const portfolio = listPortfolio(user, { scope, query, page });
  return {
    ...portfolio,
    scope,
    query,
    canViewAll: staffCan(user.staffRole, "portfolio.viewAll"),
    canCreate: staffCan(user.staffRole, "accounts.create"),
    readOnly: user.staffRole === "sales",
  };
}

export default function Portfolio() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const { rows, total, page, pageCount, scope, query, canViewAll, canCreate, readOnly } =
    useLoaderData<typeof loader>();
  // Translated once per render rather than once per row: the page lists up to a page of rooms.
  const stageLabels = useMemo(() => Object.fromEntries(ROOM_STAGES.map((s) => [s, t(`stages.${s}`)])), [t]);
  const statusLabels = useMemo(
    () => Object.fromEntries(ROOM_STATUSES.map((s) => [s, t(`statuses.${s}`)])),
    [t],
  );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("portfolio.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {readOnly
              ? t("portfolio.salesHint")
              : t("portfolio.count", { count: total, formatted: formatNumber(locale, total) })}
          </p>
        </div>
        {canCreate ? (
          <Link to="/accounts/new" className="btn-primary">
            {t("portfolio.newAccount")}
          </Link>
        ) : null}
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-3" role="search">
        {canViewAll ? (
          <div>
            <label htmlFor="scope" className="label">
              {t("portfolio.scope")}
            </label>
            <select id="scope" name="scope" defaultValue={scope} className="input">
              <option value="mine">{t("portfolio.scopeMine")}</option>
              <option value="all">{t("portfolio.scopeAll")}</option>
            </select>
          </div>
        ) : null}
        <div className="min-w-64 flex-1">
          <label htmlFor="q" className="label">
            {t("portfolio.search")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={query}
            className="input"
            placeholder={t("portfolio.searchPlaceholder")}
          />
        </div>
        <button type="submit" className="btn-secondary">
          {t("portfolio.apply")}
        </button>
      </Form>
      {rows.length === 0 ? (
        <div className="card text-center">
          <p className="font-medium">{t("portfolio.emptyTitle")}</p>
          <p className="mt-1 text-sm text-slate-600">
            {query
              ? t("portfolio.emptySearch")
              : scope === "mine" && canViewAll
                ? t("portfolio.emptyMine")
                : t("portfolio.emptyAll")}
          </p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-[48rem] w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t("portfolio.title")}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="whitespace-nowrap px-4 py-3">
                  {t("fields.account")}
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-3">
                  {t("fields.room")}
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-3">
                  {t("fields.status")}
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-3">
                  {t("fields.stage")}
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-3">
                  {t("fields.csm")}
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-3">
                  {t("fields.renewalDate")}
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-3 text-right">
                  {t("fields.mrr")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.roomId} className="hover:bg-slate-50">
                  <td className="px-4 py-3 font-medium">{row.accountName}</td>
                  <td className="px-4 py-3">
                    <Link
                      to={`/rooms/${row.roomId}`}
                      className="text-brand-700 underline-offset-2 hover:underline"
                    >
                      {row.roomTitle}
                    </Link>
                  </td>
                  <td className="px-4 py-3">
                    <StatusBadge status={row.status} label={statusLabels[row.status]} />
                  </td>
                  <td className="px-4 py-3">{stageLabels[row.stage]}</td>
                  <td className="px-4 py-3">{row.csmName}</td>
                  <td className="px-4 py-3 whitespace-nowrap">{formatDate(locale, row.renewalDate)}</td>
                  <td className="px-4 py-3 text-right whitespace-nowrap tabular-nums">
                    {formatMoney(locale, row.mrrMinor, row.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageCount={pageCount} params={{ scope, q: query }} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
