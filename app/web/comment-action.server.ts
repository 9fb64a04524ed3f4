import type { CommentSubject } from "#db/schema";
import { addComment, CommentSchema } from "~/domain/comments/comments.server";
import type { RoomContext } from "~/domain/plan/plan.server";
import { uploadsOf } from "./file-forms.server";
import { on } from "./form-action.server";
import type { FileUploadForm } from "./uploads.server";

/**
 * The "comment" form of a task or milestone page, for answerIntent; `guard` checks the right to comment
 * before the form is read. Files sent in its `files` field (issue 12) are attached to the comment; a
 * refused file refuses the comment with the message on that field (the text typed is echoed back).
 */
export function commentForm(
  access: RoomContext,
  type: CommentSubject,
  subjectId: string,
  guard: () => unknown,
  upload?: FileUploadForm,
) {
  return on(
    CommentSchema,
    (input) => addComment(access, type, subjectId, input, upload ? uploadsOf(upload, "files") : []),
    "comments.posted",
    { guard },
  );
}
