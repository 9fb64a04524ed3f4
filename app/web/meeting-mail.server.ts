import { z } from "zod";
import { sendMinutes } from "~/domain/meetings/mail.server";
import { on, type FormHandler } from "./form-action.server";

/**
 * The meeting page's "Email the minutes" form (intent `sendMinutes`): the notice names how many people
 * it went to; a refusal (cancelled meeting, nobody with an address) is the form's error with status 400.
 */
export function sendMinutesForm(
  ctx: { user: { id: string }; room: { id: string } },
  meetingId: string,
): FormHandler {
  return on(
    z.object({}),
    () => sendMinutes(ctx, meetingId),
    (count) => ({ notice: "meetingMail.sent", params: { count } }),
  );
}
