import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderFeed } from "~/domain/calendar/feeds.server";
import { env } from "~/utils/env.server";
import { notFound } from "~/utils/errors";
import { resourceLoader } from "~/utils/http.server";

/**
 * The secret calendar feed: calendar apps fetch it without a cookie, so the token is the only
 * credential. Access is checked again on every fetch; anything wrong is a plain 404 that reveals nothing.
 */
export const loader = resourceLoader(({ params }: LoaderFunctionArgs) => {
  const body = renderFeed(params.token ?? "", env().APP_URL);
  if (body === null) throw notFound();
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="launchroom.ics"',
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
      "Referrer-Policy": "no-referrer",
    },
  });
});
