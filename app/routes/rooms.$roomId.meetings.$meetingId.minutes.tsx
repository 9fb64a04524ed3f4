import type { ActionFunctionArgs } from "@remix-run/node";
import { requireRoomAccess } from "~/web/guards.server";
import { answerIntent } from "~/web/form-action.server";
import { sendMinutesForm } from "~/web/meeting-mail.server";

/**
 * POST only: the meeting page's "Email the minutes" form (intent `send`). Success redirects back to the
 * meeting with a notice; a refusal answers 400 with its message. A GET has no loader here (Remix answers
 * it as a bad request), like the other post-only routes.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "meetings.edit");
  const meetingId = params.meetingId ?? "";
  const meetingPath = `/rooms/${encodeURIComponent(access.room.id)}/meetings/${encodeURIComponent(meetingId)}`;
  return answerIntent(await request.formData(), { send: sendMinutesForm(access, meetingId, meetingPath) });
}
