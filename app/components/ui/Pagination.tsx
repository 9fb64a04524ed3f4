import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous / next links that keep the list's other search parameters (pairs allow a repeated key). */
export function Pagination({
  page,
  pageCount,
  params,
}: {
  page: number;
  pageCount: number;
  params: Record<string, string> | [string, string][];
}) {
  const { t } = useTranslation();
  if (pageCount <= 1) return null;
  const link = (p: number) => {
    const search = new URLSearchParams(params);
    search.set("page", String(p));
    return `?${search}`;
  };
  return (
    <nav aria-label={t("pagination.label")} className="flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link to={link(page - 1)} className="btn-secondary" rel="prev">
          {t("pagination.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span>{t("pagination.pageOf", { page, pageCount })}</span>
      {page < pageCount ? (
        <Link to={link(page + 1)} className="btn-secondary" rel="next">
          {t("pagination.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
