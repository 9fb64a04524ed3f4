import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/web/guards.server";
import { CsvImportForm, type CsvImportResult } from "~/components/CsvImportForm";
import { ErrorView } from "~/components/ErrorView";
import { MAX_IMPORT_BYTES } from "~/domain/plan/csv-schema";
import { importTemplateCsv, TEMPLATE_CSV_COLUMNS } from "~/domain/templates/csv.server";
import { getTemplateDetail } from "~/domain/templates/templates.server";
import { runAction } from "~/utils/http.server";
import { readUploadedFile } from "~/utils/upload.server";
import { pageTitle } from "~/i18n/page-title.server";
import { pageTitleMeta } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = requireStaff(request, "templates.manage");
  const { template } = getTemplateDetail(params.templateId ?? "");
  return {
    template: { id: template.id, name: template.name },
    columns: [...TEMPLATE_CSV_COLUMNS],
    pageTitle: await pageTitle(request, actor, "templateCsv.importTitle"),
  };
}

type Result = CsvImportResult;

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
  return (
    <section className="card mx-auto max-w-3xl space-y-4" aria-labelledby="import-title">
      <Link to={`/templates/${template.id}`} className="text-sm text-brand-700 hover:underline">
        ← {template.name}
      </Link>
      <h1 id="import-title" className="text-xl font-semibold">
        {t("templateCsv.importTitle")}
      </h1>
      <p className="text-sm text-slate-600">{t("templateCsv.intro")}</p>
      <CsvImportForm
        columns={columns}
        result={result}
        fileHint={t("templateCsv.fileHint")}
        exportHref={`/templates/${template.id}/export.csv`}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
