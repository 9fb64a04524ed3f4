import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatCsv } from "~/domain/plan/csv-schema";
import { todayIn } from "~/domain/plan/dates";
import { progressCsvRows } from "~/domain/training/progress.server";
import { resolveLocale, tFor } from "~/i18n/i18n.server";
import { resourceLoader } from "~/utils/http.server";
import { requireRoomAccess } from "~/web/guards.server";

const COLUMNS = ["person", "email", "module", "due", "status", "minutes", "lastOpened", "score"] as const;

/** The training progress matrix as CSV (vendor only), UTF-8 with BOM, formula-like cells neutralised. */
export const loader = resourceLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const access = requireRoomAccess(request, params.roomId, "engagement.view");
  const t = tFor(await resolveLocale(request, access.user.locale));
  const rows = progressCsvRows(access, (status, overdue) =>
    overdue ? t("training.overdue") : t(`training.statuses.${status}`),
  );
  const header = Object.fromEntries(COLUMNS.map((c) => [c, t(`training.csv.${c}`)])) as Record<
    (typeof COLUMNS)[number],
    string
  >;
  const csv = formatCsv(
    COLUMNS.map((c) => header[c]),
    rows.map((r) => Object.fromEntries(COLUMNS.map((c) => [header[c], r[c]]))),
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="training-${todayIn(access.account.timeZone)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
