import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRoomAccess } from "~/web/guards.server";
import { CsvImportForm, type CsvImportResult } from "~/components/CsvImportForm";
import { ErrorView } from "~/components/ErrorView";
import { CSV_COLUMNS, MAX_IMPORT_BYTES } from "~/domain/plan/csv-schema";
import { importPlanCsv } from "~/domain/plan/csv.server";
import { runAction } from "~/utils/http.server";
import { readUploadedFile } from "~/utils/upload.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRoomAccess(request, params.roomId, "plan.edit");
  return { columns: [...CSV_COLUMNS], maxKb: MAX_IMPORT_BYTES / 1024 };
}

type ImportActionResult = CsvImportResult;

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
  const { roomId } = useParams();
  return (
    <section className="card max-w-3xl space-y-4" aria-labelledby="import-title">
      <h2 id="import-title" className="text-lg font-semibold">
        {t("csv.importTitle")}
      </h2>
      <p className="text-sm text-slate-600">{t("csv.importIntro")}</p>
      <CsvImportForm
        columns={CSV_COLUMNS}
        result={result}
        fileHint={t("csv.fileHint")}
        exportHref={`/rooms/${roomId}/plan.csv`}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
