import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportRaciCsv } from "~/domain/raci/csv.server";
import { todayIn } from "~/domain/plan/dates";
import { getBrand } from "~/domain/workspace/brand.server";
import { resolveLocale, tFor } from "~/i18n/i18n.server";
import { resourceLoader } from "~/utils/http.server";
import { requireRoomAccess } from "~/web/guards.server";

/** The RACI as CSV (what the viewer may see: customers get shared rows only), UTF-8 with BOM for Excel. */
export const loader = resourceLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const access = requireRoomAccess(request, params.roomId, "raci.view");
  const t = tFor(await resolveLocale(request, access.user.locale));
  const csv = exportRaciCsv(access, t, { vendor: getBrand().companyName, customer: access.account.name });
  const filename = `raci-${todayIn(access.account.timeZone)}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
