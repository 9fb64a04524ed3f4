import type { CommentSubject } from "#db/schema";
import { addComment, CommentSchema } from "~/domain/comments/comments.server";
import type { RoomContext } from "~/domain/plan/plan.server";
import { on } from "./form-action.server";

/**
 * The "comment" form of a task or milestone page, for answerIntent; `guard` checks the right to comment
 * before the form is read.
 */
export function commentForm(
  access: RoomContext,
  type: CommentSubject,
  subjectId: string,
  guard: () => unknown,
) {
  return on(CommentSchema, (input) => addComment(access, type, subjectId, input), "comments.posted", {
    guard,
  });
}
