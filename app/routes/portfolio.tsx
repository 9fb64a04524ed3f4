import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { staffCan } from "~/access/capabilities";
import { requireStaff } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { FirstValueTable } from "~/components/portfolio/FirstValueTable";
import { PortfolioEmpty } from "~/components/portfolio/PortfolioEmpty";
import { PortfolioFilterForm } from "~/components/portfolio/PortfolioFilterForm";
import { PortfolioTable } from "~/components/portfolio/PortfolioTable";
import { PriorityView } from "~/components/portfolio/PriorityView";
import { Pagination } from "~/components/ui/Pagination";
import {
  PORTFOLIO_VIEWS,
  parsePortfolioParams,
  portfolioHref,
  portfolioSearch,
  type PortfolioParams,
} from "~/domain/health/portfolio";
import { firstValueByTemplate, getPriorityView, listPortfolio } from "~/domain/health/portfolio.server";
import { formatNumber } from "~/i18n/format";
import { useRootData } from "~/root";
import { pageTitle } from "~/i18n/page-title.server";
import { pageTitleMeta } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireStaff(request, "portfolio.view");
  const parsed = parsePortfolioParams(new URL(request.url).searchParams, user.staffRole);
  // Only CSMs choose between their own accounts and all: admins always see all, sales only their own.
  const canChooseScope = user.staffRole === "csm";
  const params: PortfolioParams = { ...parsed, scope: canChooseScope ? parsed.scope : "all" };
  const common = {
    role: user.staffRole,
    canChooseScope,
    canCreate: staffCan(user.staffRole, "accounts.create"),
    readOnly: user.staffRole === "sales",
    pageTitle: await pageTitle(request, user, "portfolio.title"),
  };
  if (params.view === "priority") {
    const priority = getPriorityView(user, params);
    return { ...common, params, total: priority.total, priority, list: null, firstValue: null };
  }
  const list = listPortfolio(user, params);
  return {
    ...common,
    params: { ...params, page: list.page },
    total: list.total,
    priority: null,
    list,
    firstValue: firstValueByTemplate(user, params),
  };
}

export default function Portfolio() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const data = useLoaderData<typeof loader>();
  const { params, role, total, list, priority, firstValue } = data;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("portfolio.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {data.readOnly ? `${t("portfolio.salesHint")} ` : null}
            {t("portfolio.count", { count: total, formatted: formatNumber(locale, total) })}
          </p>
        </div>
        {data.canCreate ? (
          <Link to="/accounts/new" className="btn-primary">
            {t("portfolio.newAccount")}
          </Link>
        ) : null}
      </div>
      <nav aria-label={t("portfolio.views.label")} className="flex gap-2 border-b border-slate-200">
        {PORTFOLIO_VIEWS.map((view) => {
          const current = params.view === view;
          return (
            <Link
              key={view}
              to={portfolioHref(portfolioSearch(params, role, { view, page: 1 }))}
              aria-current={current ? "page" : undefined}
              className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
                current
                  ? "border-brand-600 text-brand-700"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
              }`}
            >
              {t(`portfolio.views.${view}`)}
            </Link>
          );
        })}
      </nav>
      <PortfolioFilterForm params={params} role={role} canChooseScope={data.canChooseScope} />
      {list ? (
        <>
          {list.rows.length === 0 ? (
            <PortfolioEmpty params={params} role={role} canChooseScope={data.canChooseScope} />
          ) : (
            <PortfolioTable rows={list.rows} params={params} role={role} inactiveDays={list.inactiveDays} />
          )}
          <Pagination
            page={list.page}
            pageCount={list.pageCount}
            params={portfolioSearch(params, role, { page: 1 })}
          />
          {firstValue ? <FirstValueTable groups={firstValue} /> : null}
        </>
      ) : null}
      {priority ? (
        priority.total === 0 ? (
          <PortfolioEmpty params={params} role={role} canChooseScope={data.canChooseScope} />
        ) : (
          <PriorityView view={priority} />
        )
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
