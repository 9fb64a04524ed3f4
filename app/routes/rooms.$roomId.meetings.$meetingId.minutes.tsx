import type { ActionFunctionArgs } from "@remix-run/node";
import { requireRoomAccess } from "~/web/guards.server";
import { answerIntent } from "~/web/form-action.server";
import { resourceAnswer, sendMinutesForm } from "~/web/meeting-mail.server";

/**
 * POST only: the meeting page's "Email the minutes" form (intent `send`; post it with a fetcher). Success
 * redirects back to the meeting with a notice (minutesNoticeFrom); a refusal answers 400 with the
 * ActionResult and its message key. A GET has no loader here (Remix refuses it), like the other post-only
 * routes.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "meetings.edit");
  const meetingId = params.meetingId ?? "";
  const meetingPath = `/rooms/${encodeURIComponent(access.room.id)}/meetings/${encodeURIComponent(meetingId)}`;
  return resourceAnswer(
    await answerIntent(await request.formData(), { send: sendMinutesForm(access, meetingId, meetingPath) }),
  );
}
