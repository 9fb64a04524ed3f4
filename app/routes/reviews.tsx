import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { z } from "zod";
import { staffCan } from "~/access/capabilities";
import { ErrorView } from "~/components/ErrorView";
import { ProposalList } from "~/components/reviews/ProposalList";
import { FormError, Notice, TextField } from "~/components/ui/Field";
import { acceptProposal, pendingProposals, rejectProposal } from "~/domain/reviews/proposals.server";
import { reportPeriod, reviewReport } from "~/domain/reviews/report.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useRootData } from "~/root";
import { fields } from "~/utils/forms";
import { FINDING_CATEGORIES, FINDING_COSTS } from "~/vocabulary";
import { answerIntent, on } from "~/web/form-action.server";
import { requireStaff } from "~/web/guards.server";

export const meta: MetaFunction = () => [{ title: "Launchroom" }];

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireStaff(request, "reviews.report");
  const period = reportPeriod(new URL(request.url).searchParams);
  const canDecide = staffCan(user.staffRole, "templates.acceptChanges");
  return {
    report: reviewReport(user, period),
    canDecide,
    // Only those who decide see the queue here; CSMs follow their own on each review page.
    proposals: canDecide ? pendingProposals().map((p) => ({ ...p, templateName: p.templateName })) : [],
  };
}

const Decision = z.object({ findingId: z.string().catch(""), version: fields.version() });

export async function action({ request }: ActionFunctionArgs) {
  requireStaff(request, "reviews.report");
  const formData = await request.formData();
  const decider = () => requireStaff(request, "templates.acceptChanges");
  return answerIntent(formData, {
    accept: on(
      Decision,
      (i) => acceptProposal(decider(), i.findingId, i.version),
      (r) => ({ notice: "review.acceptedNotice", params: { revision: r.revision } }),
      { guard: decider },
    ),
    reject: on(Decision, (i) => rejectProposal(decider(), i.findingId, i.version), "review.rejectedNotice", {
      guard: decider,
    }),
  });
}

export default function ReviewReportPage() {
  const { t } = useTranslation();
  const { report, canDecide, proposals } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const locale = useRootData()?.locale ?? "en";
  const { findings, totals, surveys, surveyTotal, timeToValue, period } = report;
  const monthLabel = (m: string) =>
    new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" }).format(
      new Date(`${m}-01T00:00:00Z`),
    );
  const nps = (v: number | null) => (v === null ? "—" : v > 0 ? `+${v}` : String(v));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("review.reportTitle")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("review.reportIntro")}</p>
      </div>
      {result?.ok && result.notice ? <Notice>{t(result.notice, result.params)}</Notice> : null}
      {result && !result.ok ? (
        <FormError messageKey={result.formError ?? "errors.badRequest"} params={result.params} />
      ) : null}

      <Form method="get" className="card flex flex-wrap items-end gap-3" aria-label={t("review.period")}>
        <div className="w-44">
          <TextField label={t("review.from")} name="from" type="date" defaultValue={period.from} />
        </div>
        <div className="w-44">
          <TextField label={t("review.to")} name="to" type="date" defaultValue={period.to} />
        </div>
        <button type="submit" className="btn-secondary">
          {t("review.showPeriod")}
        </button>
        <p className="w-full text-xs text-slate-500">
          {t("review.periodShown", {
            from: formatDate(locale, period.from),
            to: formatDate(locale, period.to),
          })}
        </p>
      </Form>

      <section className="card space-y-3" aria-labelledby="report-findings">
        <h2 id="report-findings" className="text-lg font-semibold">
          {t("review.reportFindings")}
        </h2>
        {findings.length === 0 ? (
          <p className="text-sm text-slate-600">{t("review.reportFindingsEmpty")}</p>
        ) : (
          <ScrollRegion labelledBy="report-findings">
            <table className="w-full min-w-[40rem] text-sm" data-testid="findings-table">
              <thead>
                <tr className="border-b border-slate-200 text-left">
                  <th scope="col" className="py-2 pr-3">
                    {t("review.template")}
                  </th>
                  {FINDING_CATEGORIES.map((c) => (
                    <th key={c} scope="col" className="px-2 py-2 text-right">
                      {t(`review.categories.${c}`)}
                    </th>
                  ))}
                  <th scope="col" className="px-2 py-2 text-right">
                    {t("review.total")}
                  </th>
                  <th scope="col" className="py-2 pl-3">
                    {t("review.costMix")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...findings, { ...totals, templateId: "total", templateName: null }].map((row) => (
                  <tr key={row.templateId ?? "none"} className="border-b border-slate-100">
                    <th scope="row" className="py-2 pr-3 text-left font-medium break-words">
                      {row.templateId === "total"
                        ? t("review.total")
                        : (row.templateName ?? t("review.noTemplate"))}
                    </th>
                    {FINDING_CATEGORIES.map((c) => (
                      <td key={c} className="px-2 py-2 text-right tabular-nums">
                        {row.byCategory[c]}
                      </td>
                    ))}
                    <td className="px-2 py-2 text-right font-semibold tabular-nums">{row.total}</td>
                    <td className="py-2 pl-3 text-xs text-slate-700">
                      {FINDING_COSTS.map((c) =>
                        t("review.costCount", { cost: t(`review.costs.${c}`), count: row.byCost[c] }),
                      ).join(" · ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section className="card space-y-3" aria-labelledby="report-surveys">
        <h2 id="report-surveys" className="text-lg font-semibold">
          {t("review.reportSurveys")}
        </h2>
        <p className="text-xs text-slate-500">{t("review.npsHint")}</p>
        {surveys.length === 0 ? (
          <p className="text-sm text-slate-600">{t("review.reportSurveysEmpty")}</p>
        ) : (
          <ScrollRegion labelledBy="report-surveys">
            <table className="w-full text-sm" data-testid="surveys-table">
              <thead>
                <tr className="border-b border-slate-200 text-left">
                  <th scope="col" className="py-2 pr-3">
                    {t("review.month")}
                  </th>
                  <th scope="col" className="px-2 py-2 text-right">
                    {t("review.avgSatisfaction")}
                  </th>
                  <th scope="col" className="px-2 py-2 text-right">
                    NPS
                  </th>
                  <th scope="col" className="px-2 py-2 text-right">
                    {t("review.answers")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...surveys, { month: "total", ...surveyTotal }].map((s) => (
                  <tr key={s.month} className="border-b border-slate-100">
                    <th scope="row" className="py-2 pr-3 text-left font-medium">
                      {s.month === "total" ? t("review.total") : monthLabel(s.month)}
                    </th>
                    <td className="px-2 py-2 text-right tabular-nums">
                      {s.satisfaction === null ? "—" : formatNumber(locale, s.satisfaction)}
                    </td>
                    <td className="px-2 py-2 text-right tabular-nums">{nps(s.nps)}</td>
                    <td className="px-2 py-2 text-right tabular-nums">{s.n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section className="card space-y-3" aria-labelledby="report-ttv">
        <h2 id="report-ttv" className="text-lg font-semibold">
          {t("review.reportTimeToValue")}
        </h2>
        {timeToValue.length === 0 ? (
          <p className="text-sm text-slate-600">{t("review.reportTimeToValueEmpty")}</p>
        ) : (
          <ScrollRegion labelledBy="report-ttv">
            <table className="w-full text-sm" data-testid="ttv-table">
              <thead>
                <tr className="border-b border-slate-200 text-left">
                  <th scope="col" className="py-2 pr-3">
                    {t("review.template")}
                  </th>
                  <th scope="col" className="px-2 py-2 text-right">
                    {t("review.medianDays")}
                  </th>
                  <th scope="col" className="px-2 py-2 text-right">
                    {t("review.roomsReached")}
                  </th>
                  <th scope="col" className="px-2 py-2 text-right">
                    {t("review.findingsInPeriod")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {timeToValue.map((r) => (
                  <tr key={r.templateId} className="border-b border-slate-100">
                    <th scope="row" className="py-2 pr-3 text-left font-medium break-words">
                      <Link to={`/templates/${r.templateId}`} className="text-brand-700 underline">
                        {r.templateName}
                      </Link>
                    </th>
                    <td className="px-2 py-2 text-right tabular-nums">
                      {r.medianDays === null ? "—" : t("review.days", { count: Math.round(r.medianDays) })}
                    </td>
                    <td className="px-2 py-2 text-right tabular-nums">{r.rooms}</td>
                    <td className="px-2 py-2 text-right tabular-nums">{r.findings}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      {canDecide ? (
        <section className="card space-y-3" aria-labelledby="report-proposals">
          <h2 id="report-proposals" className="text-lg font-semibold">
            {t("review.proposalsTitle")}
          </h2>
          <ProposalList items={proposals} canDecide showTemplate />
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
