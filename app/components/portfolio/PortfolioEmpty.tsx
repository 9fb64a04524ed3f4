import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { StaffRole } from "~/vocabulary";
import { hasFilters, portfolioHref, portfolioSearch, type PortfolioParams } from "~/domain/health/portfolio";
import { clearedHref } from "./PortfolioFilterForm";

/** Nothing to list: says why, and offers the way out (clear the filters, or widen to all accounts). */
export function PortfolioEmpty({
  params,
  role,
  canChooseScope,
}: {
  params: PortfolioParams;
  role: StaffRole;
  canChooseScope: boolean;
}) {
  const { t } = useTranslation();
  const filtered = hasFilters(params);
  const mineOnly = canChooseScope && params.scope === "mine";
  return (
    <div className="card text-center" data-testid="portfolio-empty">
      <p className="font-medium">{t("portfolio.emptyTitle")}</p>
      <p className="mt-1 text-sm text-slate-600">
        {filtered
          ? t("portfolio.emptyFiltered")
          : mineOnly
            ? t("portfolio.emptyMine")
            : t("portfolio.emptyAll")}
      </p>
      {filtered || mineOnly ? (
        <div className="mt-4 flex justify-center gap-3">
          {filtered ? (
            <Link to={clearedHref(params, role)} className="btn-secondary">
              {t("portfolio.filters.clear")}
            </Link>
          ) : null}
          {mineOnly ? (
            <Link
              to={portfolioHref(portfolioSearch(params, role, { scope: "all", page: 1 }))}
              className="btn-secondary"
            >
              {t("portfolio.showAll")}
            </Link>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
