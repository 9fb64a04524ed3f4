import { formatCsv } from "~/domain/plan/csv-schema";
import type { RoomContext } from "~/domain/plan/plan.server";
import { tFor } from "~/i18n/i18n.server";
import { guessLocale } from "~/domain/notifications/locale";
import { formAnswersTable } from "./forms.server";

/**
 * The answers to a form across the room as CSV in the reader's language: one row per task carrying the
 * form, the last submitted answers, table fields flattened into numbered columns; every cell through the
 * formula guard of the shared CSV helper.
 */
export function formAnswersCsv(ctx: RoomContext, formId: string): string {
  const t = tFor(ctx.user.locale ?? guessLocale(ctx.account.timeZone));
  const table = formAnswersTable(ctx, formId, {
    task: t("forms.csv.task"),
    status: (s) => (s === "status" ? t("forms.csv.status") : t(`forms.statuses.${s}`)),
    submittedAt: t("forms.csv.submittedAt"),
    yes: t("forms.fill.yes"),
    no: t("forms.fill.no"),
  });
  // Headers must be unique to key the rows: a repeated label gets " (2)", " (3)"…
  const seen = new Map<string, number>();
  const header = table.header.map((h) => {
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h} (${n})`;
  });
  return formatCsv(
    header,
    table.rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""]))),
  );
}
