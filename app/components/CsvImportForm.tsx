import { CodeText } from "~/components/ui/CodeText";
import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CsvErrors } from "~/components/CsvErrors";
import { Notice } from "~/components/ui/Field";
import type { CsvRowError } from "~/domain/plan/csv-schema";

export type CsvImportResult =
  | { ok: true; created: number; phasesCreated: number }
  | { ok: false; errors: CsvRowError[]; formError?: string };

/**
 * The CSV import of a room's plan or a template: the columns, the outcome (what was created, or every
 * problem of the file), the file field with its hint, and the export of the current tasks beside it.
 */
export function CsvImportForm(props: {
  columns: readonly string[];
  result: CsvImportResult | undefined;
  fileHint: string;
  exportHref: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const id = useId();
  const { result } = props;
  return (
    <>
      <p className="text-sm text-slate-600">
        {t("csv.columnsHint")} <code className="text-xs break-all">{props.columns.join(",")}</code>
      </p>
      {result?.ok ? (
        <Notice>{t("csv.imported", { count: result.created, phases: result.phasesCreated })}</Notice>
      ) : null}
      {result && !result.ok ? <CsvErrors errors={result.errors} formError={result.formError} /> : null}
      <Form method="post" encType="multipart/form-data" className="space-y-4">
        <div>
          <label htmlFor={`${id}-file`} className="label">
            {t("csv.fileLabel")}
          </label>
          <input
            id={`${id}-file`}
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-describedby={`${id}-hint`}
            className="block text-sm"
          />
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
            <CodeText text={props.fileHint} />
          </p>
        </div>
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("csv.importButton")}
          </button>
          <a href={props.exportHref} className="btn-secondary" download>
            {t("csv.export")}
          </a>
        </div>
      </Form>
    </>
  );
}
