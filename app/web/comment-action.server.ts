import type { CommentSubject } from "#db/schema";
import { addComment, CommentSchema } from "~/domain/comments/comments.server";
import type { RoomContext } from "~/domain/plan/plan.server";
import { answerForm } from "./form-action.server";

/** The "comment" intent of a task or milestone page. */
export function postCommentAction(
  access: RoomContext,
  type: CommentSubject,
  subjectId: string,
  formData: FormData,
) {
  return answerForm(
    formData,
    CommentSchema,
    (input) => addComment(access, type, subjectId, input),
    "comments.posted",
  );
}
