import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/utils/action-result";
import { OrgLogo, PersonAvatar } from "./Avatar";
import { Notice } from "./Field";

/**
 * Upload, replace or remove one image (a logo or a photo): the current image or initials, the file field
 * with what it takes, the field's error, and a remove button when there is an image. Multipart only for
 * the upload; the removal is an ordinary form.
 */
export function ImageUpload(props: {
  title: string;
  kind: "org" | "person";
  name: string;
  currentUrl: string | null;
  uploadIntent: string;
  removeIntent: string;
  result: ActionResult | undefined;
  action?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const busy = useNavigation().state !== "idle";
  const mine = (intent: string) => props.result?.values?.intent === intent;
  // A too-large upload is cut before its fields are read: its error has no intent to match.
  const error =
    props.result && !props.result.ok && (mine(props.uploadIntent) || !props.result.values)
      ? props.result.fieldErrors?.file
      : undefined;
  const notice =
    props.result?.ok && (mine(props.uploadIntent) || mine(props.removeIntent)) ? props.result.notice : null;
  return (
    <section className="card space-y-4" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {props.title}
      </h2>
      {notice ? <Notice>{t(notice)}</Notice> : null}
      <div className="flex items-center gap-4">
        {props.kind === "org" ? (
          <OrgLogo name={props.name} logoUrl={props.currentUrl} size="lg" />
        ) : (
          <PersonAvatar name={props.name} photoUrl={props.currentUrl} size="lg" />
        )}
        <p className="text-sm text-slate-600">
          {props.currentUrl ? t("brand.imageCurrent") : t("brand.imageNone")}
        </p>
      </div>
      <Form method="post" action={props.action} encType="multipart/form-data" className="space-y-3">
        <input type="hidden" name="intent" value={props.uploadIntent} />
        <div>
          <label htmlFor={`${id}-file`} className="label">
            {props.currentUrl ? t("brand.replaceImage") : t("brand.chooseImage")}
          </label>
          <input
            id={`${id}-file`}
            name="file"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
            className="block w-full text-sm"
          />
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
            {t("brand.imageHint")}
          </p>
          {error ? (
            <p id={`${id}-error`} className="field-error" role="alert">
              {t(error)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("brand.upload")}
        </button>
      </Form>
      {props.currentUrl ? (
        <Form method="post" action={props.action}>
          <input type="hidden" name="intent" value={props.removeIntent} />
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t("brand.removeImage")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
