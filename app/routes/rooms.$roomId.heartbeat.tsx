import type { ActionFunctionArgs } from "@remix-run/node";
import { heartbeatLimiter } from "~/auth/rate-limit.server";
import { recordHeartbeat, subjectInRoom } from "~/domain/engagement/engagement.server";
import { parseHeartbeat } from "~/domain/engagement/rules";
import { DomainError } from "~/utils/errors";
import { resourceLoader } from "~/utils/http.server";
import { requireRoomAccess } from "~/web/guards.server";

/**
 * Active time (issue 12): the browser posts a heartbeat about every 15 s while a page of the room is
 * visible and the person is active (app/components/engagement/heartbeat.ts). Everyone in the room may; the
 * body is three short fields (the edge refuses more than HEARTBEAT_BODY_MAX_BYTES); the answer is 204 with
 * nothing to render. The Origin is checked at the edge like every non-GET request.
 */
export const action = resourceLoader(async ({ request, params }: ActionFunctionArgs) => {
  const { room, account, user } = requireRoomAccess(request, params.roomId, "room.view");
  if (request.method !== "POST") throw new DomainError(405, "engagement.errors.badHeartbeat");
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded"))
    throw new DomainError(400, "engagement.errors.badHeartbeat");
  const form = new URLSearchParams(await request.text());
  const heartbeat = parseHeartbeat({
    kind: form.get("kind"),
    subject: form.get("subject"),
    span: form.get("span"),
  });
  if (!heartbeat) throw new DomainError(400, "engagement.errors.badHeartbeat");
  if (!heartbeatLimiter.take(user.id)) throw new DomainError(429, "engagement.errors.tooManyRequests");
  // Time is only counted against a module or document of this room.
  if (!subjectInRoom(room.id, heartbeat)) throw new DomainError(404, "errors.notFound");
  recordHeartbeat({
    roomId: room.id,
    userId: user.id,
    isCustomer: user.kind === "customer",
    timeZone: account.timeZone,
    heartbeat,
  });
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
