import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorView } from "~/components/ErrorView";
import { RaciLegend } from "~/components/raci/RaciGrid";
import { useHydrated } from "~/components/ui/useHydrated";
import { todayIn } from "~/domain/plan/dates";
import { getRaciMatrix } from "~/domain/raci/raci.server";
import { formatDate } from "~/i18n/format";
import { pageTitle } from "~/i18n/page-title.server";
import { useRootData } from "~/root";
import { pageTitleMeta } from "~/utils/page-title";
import { requireRoomAccess } from "~/web/guards.server";
import { ScrollRegion } from "~/components/ui/ScrollRegion";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

/** The RACI laid out for A4 paper: what the viewer may see (customers: shared rows only), rule marks included. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "raci.view");
  const matrix = getRaciMatrix(access);
  return {
    pageTitle: await pageTitle(request, access.user, "raci.printTitle", { room: access.room.title }),
    roomId: access.room.id,
    roomTitle: access.room.title,
    accountName: access.account.name,
    today: todayIn(access.account.timeZone),
    matrix,
  };
}

export default function PrintableRaci() {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? "en";
  const company = root?.brand.companyName ?? "Launchroom";
  const d = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  const { vendor, customer } = d.matrix.columns;
  const people = [...vendor, ...customer];
  const role = (r: string | null) => (r ? t(`team.roles.${r}`) : "");
  return (
    <article
      className="raci-print card mx-auto max-w-5xl space-y-6 p-6 sm:p-10"
      data-print-report
      data-print-raci
    >
      <div className="no-print flex flex-wrap items-center gap-3">
        <Link to={`/rooms/${d.roomId}/raci`} className="btn-secondary">
          {t("raci.backToRaci")}
        </Link>
        {hydrated ? (
          <button type="button" className="btn-primary" onClick={() => window.print()}>
            {t("raci.printButton")}
          </button>
        ) : null}
      </div>
      <header className="space-y-1 border-b border-slate-200 pb-4">
        <p className="text-sm text-slate-600">
          {t("reports.preparedBy", { company, account: d.accountName })}
        </p>
        <h1 id="raci-print-title" className="text-2xl font-semibold break-words">
          {t("raci.printTitle", { room: d.roomTitle })}
        </h1>
        <p className="text-sm text-slate-600">
          {t("raci.printedOn", { date: formatDate(locale, d.today) })}
          {" · "}
          {d.matrix.brokenCount ? t("raci.brokenCount", { count: d.matrix.brokenCount }) : t("raci.allGood")}
        </p>
      </header>
      {people.length && d.matrix.rowCount ? (
        <ScrollRegion labelledBy="raci-print-title">
          <table className="w-full border-collapse text-xs" data-testid="raci-print-table">
            <thead>
              <tr>
                <th scope="col" rowSpan={2} className="border border-slate-300 p-1 text-left">
                  {t("raci.rowHeader")}
                </th>
                {vendor.length ? (
                  <th scope="colgroup" colSpan={vendor.length} className="border border-slate-300 p-1">
                    {company}
                  </th>
                ) : null}
                {customer.length ? (
                  <th scope="colgroup" colSpan={customer.length} className="border border-slate-300 p-1">
                    {d.accountName}
                  </th>
                ) : null}
                <th scope="col" rowSpan={2} className="border border-slate-300 p-1 text-left">
                  {t("raci.checkHeader")}
                </th>
              </tr>
              <tr>
                {people.map((p) => (
                  <th key={p.id} scope="col" className="border border-slate-300 p-1 font-medium break-words">
                    <span className="block">{p.name}</span>
                    <span className="block font-normal text-slate-600">{role(p.teamRole)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            {d.matrix.groups.map((g, i) => (
              <tbody key={i} className="report-item">
                {g.kind === "milestones" ? (
                  <tr>
                    <th
                      scope="rowgroup"
                      colSpan={people.length + 2}
                      className="border border-slate-300 bg-slate-100 p-1 text-left"
                    >
                      {t("raci.milestonesGroup")}
                    </th>
                  </tr>
                ) : null}
                {g.rows.map((r) => (
                  <tr key={r.id} data-raci-row={r.id}>
                    <th
                      scope="row"
                      className={`border border-slate-300 p-1 text-left break-words ${r.type === "task" ? "pl-3 font-normal" : "font-semibold"}`}
                    >
                      <span className="sr-only">{t(`raci.kind.${r.type}`)}: </span>
                      {r.title}
                    </th>
                    {people.map((p) => (
                      <td key={p.id} className="border border-slate-300 p-1 text-center font-semibold">
                        {r.cells[p.id] ?? ""}
                      </td>
                    ))}
                    <td className="border border-slate-300 p-1">
                      {r.problems.length ? (
                        <span data-testid="raci-row-problem">
                          ⚠ {r.problems.map((p) => t(`raci.problems.${p}`)).join(t("raci.problemSeparator"))}
                        </span>
                      ) : (
                        "✓"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </ScrollRegion>
      ) : (
        <p className="text-sm">{t("raci.emptyTitle")}</p>
      )}
      <section className="space-y-2 report-item">
        <h2 className="font-semibold">{t("raci.legendTitle")}</h2>
        <RaciLegend />
        <p className="text-sm text-slate-600">{t("raci.rule")}</p>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
