import type { LoaderFunctionArgs } from "@remix-run/node";
import { formAnswersCsv } from "~/domain/forms/csv.server";
import { todayIn } from "~/domain/plan/dates";
import { resourceLoader } from "~/utils/http.server";
import { requireRoomAccess } from "~/web/guards.server";

/** The answers to a form across the room as CSV (UTF-8 with BOM, formula-safe): vendor staff who run the room. */
export const loader = resourceLoader(({ request, params }: LoaderFunctionArgs) => {
  const access = requireRoomAccess(request, params.roomId, "forms.manage");
  const filename = `form-answers-${todayIn(access.account.timeZone)}.csv`;
  return new Response(formAnswersCsv(access, params.formId ?? ""), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
