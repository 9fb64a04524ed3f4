import { Form } from "@remix-run/react";
import { useId } from "react";
import { MentionTextarea } from "~/components/comments/MentionTextarea";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormError, Notice } from "~/components/ui/Field";
import { formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { AttachmentList, FileInput, type AttachmentView } from "~/components/documents/FileBits";

export type ThreadComment = {
  id: string;
  body: string;
  internal: boolean;
  createdAt: string | Date;
  authorName: string;
  mentions: string[];
  attachments?: AttachmentView[];
};

/**
 * The conversation of a task or milestone: the comments (plain text, never HTML) and the add form.
 * Internal comments only ever reach vendor staff; they are marked so nobody mistakes them for shared ones.
 */
export function CommentThread(props: {
  comments: ThreadComment[];
  canWrite: boolean;
  canWriteInternal: boolean;
  /** May send files with a comment (documents.upload). */
  canAttach?: boolean;
  mentionable: { userId: string; name: string }[];
  timeZone: string;
  result?: ActionResult;
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const bodyId = useId();
  const result = props.result;
  const commentResult =
    result && (result.notice === "comments.posted" || result.values?.intent === "comment");
  const bodyError = commentResult ? result?.fieldErrors?.body : undefined;
  return (
    <section className="space-y-4" aria-labelledby="comments-title">
      <h2 id="comments-title" className="text-lg font-semibold">
        {t("comments.title")}{" "}
        <span className="text-sm font-normal text-slate-500">({props.comments.length})</span>
      </h2>
      {props.comments.length === 0 ? (
        <p className="text-sm text-slate-600">{t("comments.empty")}</p>
      ) : (
        <ol className="space-y-3" data-testid="comment-list">
          {props.comments.map((c) => (
            <li
              key={c.id}
              className={`rounded-lg border px-4 py-3 ${c.internal ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}
            >
              <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                <span className="font-medium text-slate-900">{c.authorName}</span>
                <span>{formatDateTime(locale, c.createdAt, props.timeZone)}</span>
                {c.internal ? (
                  <span className="rounded-full bg-amber-200 px-2 py-0.5 text-xs font-semibold text-amber-900">
                    {t("comments.internalBadge")}
                  </span>
                ) : null}
              </p>
              <p className="mt-1 whitespace-pre-wrap break-words">{c.body}</p>
              {c.attachments?.length ? <AttachmentList files={c.attachments} locale={locale} /> : null}
              {c.mentions.length ? (
                <p className="mt-1 text-xs text-slate-500">
                  {t("comments.mentioned", { names: c.mentions.join(", ") })}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {commentResult && result?.notice ? <Notice>{t(result.notice)}</Notice> : null}
      {commentResult && result?.formError ? (
        <FormError messageKey={result.formError} params={result.params} />
      ) : null}
      {props.canWrite ? (
        <Form
          method="post"
          encType={props.canAttach ? "multipart/form-data" : undefined}
          className="card space-y-3"
          key={result?.ok ? "posted" : "editing"}
        >
          <input type="hidden" name="intent" value="comment" />
          <div>
            <label htmlFor={bodyId} className="label">
              {t("comments.body")}
            </label>
            <MentionTextarea
              id={bodyId}
              people={props.mentionable}
              name="body"
              rows={4}
              maxLength={5000}
              required
              defaultValue={commentResult && !result?.ok ? result?.values?.body : undefined}
              aria-invalid={bodyError ? true : undefined}
              aria-describedby={`${bodyId}-hint${bodyError ? ` ${bodyId}-error` : ""}`}
              className="input"
            />
            <p id={`${bodyId}-hint`} className="mt-1 text-xs text-slate-500">
              {t("comments.hint")}
            </p>
            {bodyError ? (
              <p id={`${bodyId}-error`} className="field-error" role="alert">
                {t(bodyError)}
              </p>
            ) : null}
          </div>
          {props.canAttach ? (
            <FileInput
              name="files"
              label={t("documents.attachments.withComment")}
              error={commentResult ? result?.fieldErrors?.files : undefined}
              params={result?.params}
              multiple
            />
          ) : null}
          {props.canWriteInternal ? (
            <CheckboxField label={t("comments.internal")} name="internal" hint={t("comments.internalHint")} />
          ) : null}
          <SubmitButton>{t("comments.post")}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
