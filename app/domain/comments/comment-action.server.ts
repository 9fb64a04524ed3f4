import { data } from "@remix-run/node";
import type { CommentSubject } from "#db/schema";
import type { RoomContext } from "~/domain/plan/plan.server";
import type { ActionResult } from "~/utils/action-result";
import { parseForm } from "~/utils/forms";
import { runAction } from "~/utils/http.server";
import { addComment, CommentSchema } from "./comments.server";

/** The "comment" intent of a task or milestone page: validates, posts, answers with an ActionResult. */
export async function postCommentAction(
  access: RoomContext,
  type: CommentSubject,
  subjectId: string,
  formData: FormData,
) {
  const values = { intent: "comment", body: String(formData.get("body") ?? "") };
  const parsed = parseForm(CommentSchema, formData);
  if (!parsed.ok) return data<ActionResult>({ ok: false, fieldErrors: parsed.fieldErrors, values }, 400);
  const result = await runAction(() => addComment(access, type, subjectId, parsed.data));
  if (!result.ok)
    return data<ActionResult>(
      { ok: false, formError: result.formError, params: result.params, values },
      result.status,
    );
  return data<ActionResult>({ ok: true, notice: "comments.posted" });
}
