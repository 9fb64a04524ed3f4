import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRoomAccess } from "~/web/guards.server";
import { itemCalendar } from "~/domain/calendar/feeds.server";
import { resolveLocale } from "~/i18n/i18n.server";
import { env } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { throwHttp } from "~/utils/http.server";

/** "Add to calendar": one task (its due date) or milestone (its target) as an .ics download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.view");
  const kind = params.kind;
  if (kind !== "task" && kind !== "milestone") throwHttp(new DomainError(404, "errors.notFound"));
  const locale = await resolveLocale(request, access.user.locale);
  let file: { filename: string; body: string };
  try {
    file = itemCalendar(access, kind, params.itemId ?? "", env().APP_URL, locale);
  } catch (error) {
    if (error instanceof DomainError) throwHttp(error);
    throw error;
  }
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
