import { useTranslation } from "react-i18next";
import type { CsvRowError } from "~/domain/plan/csv-schema";

const SHOWN = 100;

/** Why an import wrote nothing: every problem with its row and column, translated. */
export function CsvErrors({ errors, formError }: { errors: CsvRowError[]; formError?: string }) {
  const { t } = useTranslation();
  return (
    <div
      role="alert"
      className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900"
      data-testid="csv-errors"
    >
      <p className="font-semibold">{formError ? t(formError) : t("csv.nothingImported")}</p>
      {errors.length ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {errors.slice(0, SHOWN).map((e, i) => (
            <li key={i}>
              {e.row > 0 ? t("csv.rowPrefix", { row: e.row }) : ""}
              {e.column ? t("csv.columnPrefix", { column: e.column }) : ""}
              {t(`csv.errors.${e.key}`, { ...e.params, column: e.column })}
            </li>
          ))}
        </ul>
      ) : null}
      {errors.length > SHOWN ? (
        <p className="mt-2">{t("csv.moreErrors", { count: errors.length - SHOWN })}</p>
      ) : null}
    </div>
  );
}
