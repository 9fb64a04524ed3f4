import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { ErrorView } from "~/components/ErrorView";
import { RaciGrid, RaciLegend, type GridRowGroup } from "~/components/raci/RaciGrid";
import { FormError, Notice } from "~/components/ui/Field";
import { canEditRaciCell, getRaciMatrix, setRaciCell, setRaciRow } from "~/domain/raci/raci.server";
import { raciForms } from "~/domain/raci/schemas";
import { useRootData } from "~/root";
import { formValues, type ActionResult } from "~/utils/action-result";
import { asDomainError } from "~/utils/errors";
import { parseForm } from "~/utils/forms";
import { answerIntent, on } from "~/web/form-action.server";
import { requireRoomAccess } from "~/web/guards.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "raci.view");
  const matrix = getRaciMatrix(access);
  const editableFor = (row: { visibility: "shared" | "internal" }) => [
    ...(canEditRaciCell(access.role, row, "vendor") ? matrix.columns.vendor.map((c) => c.id) : []),
    ...(canEditRaciCell(access.role, row, "customer") ? matrix.columns.customer.map((c) => c.id) : []),
  ];
  return {
    roomId: access.room.id,
    accountName: access.account.name,
    columns: matrix.columns,
    groups: matrix.groups.map((g) => ({
      ...g,
      rows: g.rows.map((r) => ({ ...r, editable: editableFor(r) })),
    })),
    brokenCount: matrix.brokenCount,
    rowCount: matrix.rowCount,
    canEdit: can(access.role, "raci.edit"),
    canEditPlan: can(access.role, "plan.edit"),
    canEditTeam: can(access.role, "stakeholders.edit"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "raci.edit");
  const formData = await request.formData();
  if (formData.get("intent") === "setCell") {
    // In place (the grid's fetcher): every refusal is an answer with its status, so the page stays.
    const values = formValues(formData);
    const parsed = parseForm(raciForms.setCell, formData);
    if (!parsed.ok)
      return data<ActionResult>(
        { ok: false, fieldErrors: parsed.fieldErrors, formError: "raci.badLetter", values },
        400,
      );
    try {
      const r = setRaciCell(access, parsed.data);
      const params = {
        row: r.row,
        person: r.person,
        letter: r.letter ?? "",
        broken: r.problems.length ? 1 : 0,
      };
      return data<ActionResult>({
        ok: true,
        notice: r.letter ? (r.assigned ? "raci.savedAssigned" : "raci.saved") : "raci.cleared",
        params,
        values,
      });
    } catch (error) {
      const domain = asDomainError(error);
      if (!domain) throw error;
      return data<ActionResult>(
        { ok: false, formError: domain.messageKey, params: domain.params, values },
        domain.status,
      );
    }
  }
  return answerIntent(formData, {
    setRow: on(
      raciForms.setRow,
      (input) => setRaciRow(access, input),
      (r) => ({ notice: "raci.rowSaved", params: { row: r.row } }),
      { invalid: "raci.badLetter" },
    ),
  });
}

export default function RaciPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const company = useRootData()?.brand.companyName ?? "";
  const [broken, setBroken] = useState(d.brokenCount);
  const onLetters = useCallback((n: number) => setBroken(n), []);
  const people = d.columns.vendor.length + d.columns.customer.length;
  const role = (r: string | null) => (r ? t(`team.roles.${r}`) : undefined);
  const groups: GridRowGroup[] = d.groups.map((g, i) => ({
    key: `${g.kind}-${i}`,
    label: g.kind === "milestones" ? t("raci.milestonesGroup") : undefined,
    rows: g.rows,
  }));
  return (
    <section className="card min-w-0 space-y-4" aria-labelledby="raci-title">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id="raci-title" className="text-lg font-semibold">
            {t("raci.title")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("raci.intro")}</p>
        </div>
        {people && d.rowCount ? (
          <p className="flex flex-wrap gap-3 text-sm">
            <Link to="print" className="text-brand-700 underline" data-testid="raci-print-link">
              {t("raci.printLink")}
            </Link>
            <a
              href={`/rooms/${d.roomId}/raci.csv`}
              className="text-brand-700 underline"
              download
              data-testid="raci-csv-link"
            >
              {t("raci.csvLink")}
            </a>
          </p>
        ) : null}
      </div>
      {result?.ok && result.notice ? <Notice>{t(result.notice, result.params)}</Notice> : null}
      {result && !result.ok ? (
        <FormError messageKey={result.formError ?? "raci.badLetter"} params={result.params} />
      ) : null}
      {!people || !d.rowCount ? (
        <div
          className="rounded-lg border border-dashed border-slate-300 p-6 text-sm"
          data-testid="raci-empty"
        >
          <p className="font-medium">{t("raci.emptyTitle")}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
            {!people ? (
              <li>
                {t("raci.emptyNoPeople")}{" "}
                <Link to="../team" className="text-brand-700 underline">
                  {t("raci.toTeam")}
                </Link>
              </li>
            ) : null}
            {!d.rowCount ? (
              <li>
                {t("raci.emptyNoRows")}{" "}
                {d.canEditPlan ? (
                  <Link to="../plan/edit" className="text-brand-700 underline">
                    {t("raci.toPlanEditor")}
                  </Link>
                ) : null}
              </li>
            ) : null}
          </ul>
        </div>
      ) : (
        <>
          <p
            className={`rounded-md p-3 text-sm font-medium ${broken ? "bg-amber-50 text-amber-900" : "bg-emerald-50 text-emerald-900"}`}
            data-testid="raci-broken-count"
            data-count={broken}
          >
            {broken ? t("raci.brokenCount", { count: broken }) : t("raci.allGood")}
          </p>
          <RaciGrid
            labelledBy="raci-title"
            columnGroups={[
              {
                key: "vendor",
                label: company,
                columns: d.columns.vendor.map((c) => ({ id: c.id, name: c.name, detail: role(c.teamRole) })),
              },
              {
                key: "customer",
                label: d.accountName,
                columns: d.columns.customer.map((c) => ({
                  id: c.id,
                  name: c.name,
                  detail: role(c.teamRole),
                })),
              },
            ]}
            groups={groups}
            columnField="stakeholderId"
            cellIntent="setCell"
            rowIntent="setRow"
            sendsExpected
            onLetters={onLetters}
          />
          {!d.canEdit ? <p className="text-sm text-slate-600">{t("raci.readOnly")}</p> : null}
        </>
      )}
      <section aria-labelledby="raci-legend-title" className="space-y-2 border-t border-slate-200 pt-4">
        <h3 id="raci-legend-title" className="font-semibold">
          {t("raci.legendTitle")}
        </h3>
        <RaciLegend />
        <p className="text-sm text-slate-600">{t("raci.rule")}</p>
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
