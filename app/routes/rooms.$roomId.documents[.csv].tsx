import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportDocumentAccessCsv } from "~/domain/documents/csv.server";
import { todayIn } from "~/domain/plan/dates";
import { resolveLocale, tFor } from "~/i18n/i18n.server";
import { resourceLoader } from "~/utils/http.server";
import { requireRoomAccess } from "~/web/guards.server";

/** Who viewed and downloaded which document (vendor staff only), UTF-8 with BOM for Excel. */
export const loader = resourceLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const access = requireRoomAccess(request, params.roomId, "engagement.view");
  const t = tFor(await resolveLocale(request, access.user.locale));
  const filename = `document-access-${todayIn(access.account.timeZone)}.csv`;
  return new Response(exportDocumentAccessCsv(access, t), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
