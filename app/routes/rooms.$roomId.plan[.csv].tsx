import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRoomAccess } from "~/web/guards.server";
import { exportPlanCsv } from "~/domain/plan/csv.server";
import { todayIn } from "~/domain/plan/dates";

/** The plan as CSV (what the viewer may see), UTF-8 with BOM for Excel. */
export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.view");
  const filename = `plan-${todayIn(access.account.timeZone)}.csv`;
  return new Response(exportPlanCsv(access), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
