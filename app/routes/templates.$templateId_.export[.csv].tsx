import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/web/guards.server";
import { exportTemplateCsv } from "~/domain/templates/csv.server";
import { runAction } from "~/utils/http.server";

/** The template's tasks as CSV, to edit in a spreadsheet and import into this or another template. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = requireStaff(request, "templates.manage");
  const result = await runAction(() => exportTemplateCsv(actor, params.templateId ?? ""));
  if (!result.ok) return new Response(null, { status: result.status });
  const filename = `${result.value.name}.csv`;
  return new Response(result.value.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="template.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
