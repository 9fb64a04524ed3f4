import { useChosenFileCheck } from "~/components/ui/file-size";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RichTextField } from "~/components/richtext/RichTextField";
import { FormError, SelectField, TextField } from "~/components/ui/Field";
import type { RichTextNode } from "~/domain/richtext/richtext";
import type { ActionResult } from "~/utils/action-result";
import { useRootData } from "~/root";
import { LOCALES, type Locale, type TrainingKind } from "~/vocabulary";
import { readVideoDuration } from "./video-duration";

export type ModuleFormValues = {
  title?: string;
  product?: string | null;
  persona?: string | null;
  language?: Locale;
  doc?: RichTextNode | null;
  embedUrl?: string;
  durationSeconds?: number;
  url?: string;
  quizText?: string;
  passScore?: number;
  maxAttempts?: number;
  hasFile?: boolean;
};

/**
 * The form of a library module of one kind (new or edit). Multipart, so videos and files upload through
 * the file core; the fields of other kinds are not shown. Saving an edit adds a version.
 */
export function ModuleForm(props: {
  kind: TrainingKind;
  values: ModuleFormValues;
  result?: ActionResult;
  version?: number;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const { kind, result } = props;
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.fieldErrors ?? {};
  const echoed = failed?.values ?? {};
  const pick = (key: string, stored: string | number | null | undefined) =>
    failed ? echoed[key] : stored === null || stored === undefined ? undefined : String(stored);
  const v = props.values;
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-4" noValidate>
      <input type="hidden" name="intent" value="save" />
      {props.version !== undefined ? <input type="hidden" name="version" value={props.version} /> : null}
      {failed?.formError ? <FormError messageKey={failed.formError} /> : null}
      <TextField
        label={t("training.fields.title")}
        name="title"
        required
        defaultValue={pick("title", v.title)}
        error={errors.title}
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label={t("training.fields.product")}
          name="product"
          defaultValue={pick("product", v.product)}
          error={errors.product}
        />
        <TextField
          label={t("training.fields.persona")}
          name="persona"
          defaultValue={pick("persona", v.persona)}
          error={errors.persona}
        />
        <SelectField
          label={t("training.fields.language")}
          name="language"
          required
          defaultValue={pick("language", v.language)}
          options={LOCALES.map((l) => ({ value: l, label: t(`training.languages.${l}`) }))}
          error={errors.language}
        />
      </div>
      {kind === "lesson" ? (
        <RichTextField
          label={t("training.fields.lesson")}
          value={v.doc ?? null}
          error={errors.body}
          echoed={failed ? echoed : undefined}
        />
      ) : null}
      {kind === "video" ? (
        <fieldset className="space-y-3">
          <legend className="label">{t("training.fields.videoSource")}</legend>
          <FileInput
            label={t("training.fields.videoFile")}
            hint={t("training.fields.videoFileHint")}
            error={errors.file}
            accept="video/mp4,video/webm"
            hasFile={v.hasFile}
            onChosen={fillDurationFrom}
          />
          <TextField
            label={t("training.fields.embedUrl")}
            hint={t("training.fields.embedUrlHint")}
            name="embedUrl"
            type="url"
            defaultValue={pick("embedUrl", v.embedUrl)}
            error={errors.embedUrl}
          />
          <TextField
            label={t("training.fields.durationSeconds")}
            hint={t("training.fields.durationSecondsHint")}
            name="durationSeconds"
            inputMode="numeric"
            required
            defaultValue={pick("durationSeconds", v.durationSeconds)}
            error={errors.durationSeconds}
          />
        </fieldset>
      ) : null}
      {kind === "file" ? (
        <FileInput label={t("training.fields.file")} error={errors.file} hasFile={v.hasFile} />
      ) : null}
      {kind === "link" ? (
        <TextField
          label={t("training.fields.url")}
          name="url"
          type="url"
          required
          defaultValue={pick("url", v.url)}
          error={errors.url}
        />
      ) : null}
      {kind === "quiz" ? (
        <>
          <QuizTextField defaultValue={pick("quizText", v.quizText)} error={errors.quizText} />
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              label={t("training.fields.passScore")}
              name="passScore"
              inputMode="numeric"
              defaultValue={pick("passScore", v.passScore ?? 80)}
              error={errors.passScore}
            />
            <TextField
              label={t("training.fields.maxAttempts")}
              hint={t("training.fields.maxAttemptsHint")}
              name="maxAttempts"
              inputMode="numeric"
              defaultValue={pick("maxAttempts", v.maxAttempts ?? 0)}
              error={errors.maxAttempts}
            />
          </div>
        </>
      ) : null}
      <button type="submit" className="btn-primary" disabled={busy}>
        {props.submitLabel}
      </button>
    </Form>
  );
}

/**
 * Fills "length in seconds" from the chosen video, when the browser can tell: the length decides when
 * watching counts as done, so it should be the file's, not a guess. Staff can still change it.
 */
async function fillDurationFrom(input: HTMLInputElement) {
  const file = input.files?.[0];
  if (!file || input.validationMessage) return;
  const seconds = await readVideoDuration(file);
  const field = input.form?.elements.namedItem("durationSeconds");
  if (seconds !== null && field instanceof HTMLInputElement) field.value = String(seconds);
}

function FileInput(props: {
  label: string;
  hint?: string;
  error?: string;
  accept?: string;
  hasFile?: boolean;
  /** After a file is chosen and passed the size checks. */
  onChosen?: (input: HTMLInputElement) => void;
}) {
  const { t } = useTranslation();
  const checkChosenFiles = useChosenFileCheck();
  const maxMegabytes = Math.round((useRootData()?.fileMaxBytes ?? 0) / 1024 / 1024);
  return (
    <div>
      <label htmlFor="training-file" className="label">
        {props.label}
      </label>
      <input
        id="training-file"
        name="file"
        type="file"
        accept={props.accept}
        onChange={(event) => {
          checkChosenFiles(event);
          props.onChosen?.(event.currentTarget);
        }}
        className="block text-sm"
        aria-describedby={props.error ? "training-file-error" : undefined}
        aria-invalid={props.error ? true : undefined}
      />
      {props.hint || props.hasFile ? (
        <p className="mt-1 text-xs text-slate-500">
          {[props.hint, props.hasFile ? t("training.fields.keepFile") : null].filter(Boolean).join(" ")}
        </p>
      ) : null}
      {props.error ? (
        <p id="training-file-error" className="field-error" role="alert">
          {t(props.error, { max: maxMegabytes })}
        </p>
      ) : null}
    </div>
  );
}

function QuizTextField(props: { defaultValue?: string; error?: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor="quiz-text" className="label">
        {t("training.fields.quizText")}
      </label>
      <textarea
        id="quiz-text"
        name="quizText"
        rows={10}
        className="input font-mono"
        defaultValue={props.defaultValue}
        aria-describedby={`quiz-text-hint${props.error ? " quiz-text-error" : ""}`}
        aria-invalid={props.error ? true : undefined}
      />
      <p id="quiz-text-hint" className="mt-1 text-xs whitespace-pre-line text-slate-500">
        {t("training.fields.quizTextHint")}
      </p>
      {props.error ? (
        <p id="quiz-text-error" className="field-error" role="alert">
          {t(props.error)}
        </p>
      ) : null}
    </div>
  );
}
