import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/web/guards.server";
import { exportTemplateCsv } from "~/domain/templates/csv.server";
import { resourceLoader } from "~/utils/http.server";

/** The template's tasks as CSV, to edit in a spreadsheet and import into this or another template. */
export const loader = resourceLoader(({ request, params }: LoaderFunctionArgs) => {
  const actor = requireStaff(request, "templates.manage");
  const { name, csv } = exportTemplateCsv(actor, params.templateId ?? "");
  const filename = `${name}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="template.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "private, no-store",
    },
  });
});
