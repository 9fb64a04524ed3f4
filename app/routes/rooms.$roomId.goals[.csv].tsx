import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportGoalsCsv } from "~/domain/goals/goals.server";
import { todayIn } from "~/domain/plan/dates";
import { resourceLoader } from "~/utils/http.server";
import { requireRoomAccess } from "~/web/guards.server";

/** The success plan as CSV, UTF-8 with BOM for Excel; everyone who sees the room sees its goals. */
export const loader = resourceLoader(({ request, params }: LoaderFunctionArgs) => {
  const access = requireRoomAccess(request, params.roomId, "room.view");
  const filename = `success-plan-${todayIn(access.account.timeZone)}.csv`;
  return new Response(exportGoalsCsv(access), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
