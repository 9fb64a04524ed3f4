import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRoomAccess } from "~/auth/guards.server";
import { CsvErrors } from "~/components/CsvErrors";
import { ErrorView } from "~/components/ErrorView";
import { Notice } from "~/components/ui/Field";
import { CSV_COLUMNS, MAX_IMPORT_BYTES, type CsvRowError } from "~/domain/plan/csv-schema";
import { importPlanCsv } from "~/domain/plan/csv.server";
import { runAction } from "~/utils/http.server";
import { readUploadedFile } from "~/utils/upload.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRoomAccess(request, params.roomId, "plan.edit");
  return { columns: [...CSV_COLUMNS], maxKb: MAX_IMPORT_BYTES / 1024 };
}

type ImportActionResult =
  | { ok: true; created: number; phasesCreated: number }
  | { ok: false; errors: CsvRowError[]; formError?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "plan.edit");
  const upload = await readUploadedFile(request, MAX_IMPORT_BYTES);
  if ("error" in upload)
    return data<ImportActionResult>({ ok: false, errors: [upload.error] }, upload.status);
  const bytes = upload.bytes;
  const result = await runAction(() => importPlanCsv(access, bytes));
  if (!result.ok)
    return data<ImportActionResult>({ ok: false, errors: [], formError: result.formError }, result.status);
  if (!result.value.ok) return data<ImportActionResult>({ ok: false, errors: result.value.errors }, 400);
  return data<ImportActionResult>(result.value);
}

export default function PlanImport() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { roomId } = useParams();
  return (
    <section className="card max-w-3xl space-y-4" aria-labelledby="import-title">
      <h2 id="import-title" className="text-lg font-semibold">
        {t("csv.importTitle")}
      </h2>
      <p className="text-sm text-slate-600">{t("csv.importIntro")}</p>
      <p className="text-sm text-slate-600">
        {t("csv.columnsHint")} <code className="text-xs">{CSV_COLUMNS.join(",")}</code>
      </p>
      {result?.ok ? (
        <Notice>{t("csv.imported", { count: result.created, phases: result.phasesCreated })}</Notice>
      ) : null}
      {result && !result.ok ? <CsvErrors errors={result.errors} formError={result.formError} /> : null}
      <Form method="post" encType="multipart/form-data" className="space-y-4">
        <div>
          <label htmlFor="csv-file" className="label">
            {t("csv.fileLabel")}
          </label>
          <input
            id="csv-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-describedby="csv-file-hint"
            className="block text-sm"
          />
          <p id="csv-file-hint" className="mt-1 text-xs text-slate-500">
            {t("csv.fileHint")}
          </p>
        </div>
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("csv.importButton")}
          </button>
          <a href={`/rooms/${roomId}/plan.csv`} className="btn-secondary" download>
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
