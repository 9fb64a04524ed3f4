import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderFeed } from "~/domain/calendar/feeds.server";
import { env } from "~/utils/env.server";

/**
 * The secret calendar feed: calendar apps fetch it without a cookie, so the token is the only
 * credential. Access is checked again on every fetch; anything wrong is a plain 404 that reveals nothing.
 */
export function loader({ params }: LoaderFunctionArgs) {
  const body = renderFeed(params.token ?? "", env().APP_URL);
  if (body === null)
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="launchroom.ics"',
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
      "Referrer-Policy": "no-referrer",
    },
  });
}
