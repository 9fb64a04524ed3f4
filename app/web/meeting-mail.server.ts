import { z } from "zod";
import { sendMinutes } from "~/domain/meetings/mail.server";
import type { ActionResult } from "~/utils/action-result";
import { on, type FormHandler } from "./form-action.server";

/** The notice the minutes route redirects back to the meeting page with (see minutesNoticeFrom). */
export const MINUTES_SENT_NOTICE = "meetingMail.sent";

/**
 * The Send-minutes form (intent `send`): on success a redirect back to the meeting's page with the
 * notice and the number of recipients in the query, which the page reads with minutesNoticeFrom; a
 * refusal (cancelled meeting, nobody with an address) is the form's error with status 400.
 */
export function sendMinutesForm(
  ctx: { user: { id: string }; room: { id: string } },
  meetingId: string,
  meetingPath: string,
): FormHandler {
  return on(
    z.object({}),
    () => sendMinutes(ctx, meetingId),
    (count) => ({
      redirect: `${meetingPath}?${new URLSearchParams({ notice: MINUTES_SENT_NOTICE, sent: String(count) })}`,
    }),
  );
}

/**
 * The minutes notice a post was redirected back with, shaped as an action's answer (notice + params, for
 * `t(result.notice, result.params)`); undefined for anything else in the query.
 */
export function minutesNoticeFrom(request: Request): ActionResult | undefined {
  const search = new URL(request.url).searchParams;
  const count = Number(search.get("sent"));
  if (search.get("notice") !== MINUTES_SENT_NOTICE || !Number.isInteger(count) || count < 1 || count > 10_000)
    return undefined;
  return { ok: true, notice: MINUTES_SENT_NOTICE, params: { count } };
}

/**
 * A resource route (no component) loses the status of `data(…, 400)`: Remix answers it 200. This turns
 * an answerIntent answer into a plain Response with its status; redirects pass through.
 */
export function resourceAnswer(answer: Response | { data: unknown; init: ResponseInit | null }): Response {
  if (answer instanceof Response) return answer;
  return Response.json(answer.data, answer.init ?? undefined);
}
