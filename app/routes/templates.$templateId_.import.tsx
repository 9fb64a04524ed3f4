import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/auth/guards.server";
import { CsvErrors } from "~/components/CsvErrors";
import { ErrorView } from "~/components/ErrorView";
import { Notice } from "~/components/ui/Field";
import { MAX_IMPORT_BYTES, type CsvRowError } from "~/domain/plan/csv-schema";
import { importTemplateCsv, TEMPLATE_CSV_COLUMNS } from "~/domain/templates/csv.server";
import { getTemplateDetail } from "~/domain/templates/templates.server";
import { runAction } from "~/utils/http.server";
import { readUploadedFile } from "~/utils/upload.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  requireStaff(request, "templates.manage");
  const { template } = getTemplateDetail(params.templateId ?? "");
  return { template: { id: template.id, name: template.name }, columns: [...TEMPLATE_CSV_COLUMNS] };
}

type Result =
  | { ok: true; created: number; phasesCreated: number }
  | { ok: false; errors: CsvRowError[]; formError?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = requireStaff(request, "templates.manage");
  const upload = await readUploadedFile(request, MAX_IMPORT_BYTES);
  if ("error" in upload) return data<Result>({ ok: false, errors: [upload.error] }, upload.status);
  const result = await runAction(() => importTemplateCsv(actor, params.templateId ?? "", upload.bytes));
  if (!result.ok) return data<Result>({ ok: false, errors: [], formError: result.formError }, result.status);
  if (!result.value.ok) return data<Result>({ ok: false, errors: result.value.errors }, 400);
  return data<Result>(result.value);
}

export default function TemplateImport() {
  const { t } = useTranslation();
  const { template, columns } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="card mx-auto max-w-3xl space-y-4" aria-labelledby="import-title">
      <Link to={`/templates/${template.id}`} className="text-sm text-brand-700 hover:underline">
        ← {template.name}
      </Link>
      <h1 id="import-title" className="text-xl font-semibold">
        {t("templateCsv.importTitle")}
      </h1>
      <p className="text-sm text-slate-600">{t("templateCsv.intro")}</p>
      <p className="text-sm text-slate-600">
        {t("csv.columnsHint")} <code className="text-xs">{columns.join(",")}</code>
      </p>
      {result?.ok ? (
        <Notice>{t("csv.imported", { count: result.created, phases: result.phasesCreated })}</Notice>
      ) : null}
      {result && !result.ok ? <CsvErrors errors={result.errors} formError={result.formError} /> : null}
      <Form method="post" encType="multipart/form-data" className="space-y-4">
        <div>
          <label htmlFor="template-csv" className="label">
            {t("csv.fileLabel")}
          </label>
          <input
            id="template-csv"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-describedby="template-csv-hint"
            className="block text-sm"
          />
          <p id="template-csv-hint" className="mt-1 text-xs text-slate-500">
            {t("templateCsv.fileHint")}
          </p>
        </div>
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("csv.importButton")}
          </button>
          <a href={`/templates/${template.id}/export.csv`} className="btn-secondary" download>
            {t("csv.export")}
          </a>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
