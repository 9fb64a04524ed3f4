/**
 * A rich-text form field. The server renders a plain <textarea name="bodyText"> (it works without
 * JavaScript: the server turns its text into paragraphs); once the page runs, the Tiptap editor is
 * loaded on demand (React.lazy, its own chunk) and replaces it, writing Tiptap JSON into a hidden
 * `bodyJson`. Pages that only read rich text never import this file.
 */
import { lazy, Suspense, useId, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { richTextToPlainText, type RichTextNode } from "~/domain/richtext/richtext";

const RichTextEditor = lazy(() => import("./RichTextEditor"));

export type RichTextFieldProps = {
  label: string;
  hint?: string;
  /** Message key of the field's error (richText.*). */
  error?: string;
  /** The stored document to edit, when there is one. */
  value: RichTextNode | null;
  /** What was posted and refused: shown again so nothing typed is lost. */
  echoed?: Record<string, string | undefined>;
  /** The fields' prefix: `${name}Json` (editor) and `${name}Text` (textarea); "body" by default. */
  name?: string;
  /** Textarea height without JavaScript. */
  rows?: number;
};

const noSubscription = () => () => {};

function parseEchoedJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function RichTextField(props: RichTextFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const labelId = `${id}-label`;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  // False while rendering on the server and hydrating, true once the page runs: then the editor loads.
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  const name = props.name ?? "body";
  // What the textarea shows: the text typed before a refusal, or the stored document as text.
  const echoedText = props.echoed?.[`${name}Json`] ? undefined : props.echoed?.[`${name}Text`];
  const text = echoedText ?? (props.value ? richTextToPlainText(props.value) : "");
  const echoedJson = parseEchoedJson(props.echoed?.[`${name}Json`]);
  const initial = echoedJson ?? (echoedText !== undefined ? null : props.value);

  const textarea = (
    <textarea
      id={`${id}-text`}
      name={`${name}Text`}
      rows={props.rows ?? 12}
      className="input font-normal"
      defaultValue={text}
      aria-labelledby={labelId}
      aria-describedby={describedBy}
      aria-invalid={props.error ? true : undefined}
      disabled={enhanced}
    />
  );

  return (
    <div>
      {/* A label for the textarea without JavaScript; the editor is named by the same element. */}
      <label id={labelId} htmlFor={`${id}-text`} className="label">
        {props.label}
      </label>
      {props.hint ? (
        <p id={hintId} className="mb-2 text-xs text-slate-500">
          {props.hint}
        </p>
      ) : null}
      {enhanced ? (
        <Suspense fallback={<div aria-busy="true">{textarea}</div>}>
          <RichTextEditor
            name={`${name}Json`}
            labelledBy={labelId}
            describedBy={describedBy}
            invalid={!!props.error}
            initial={initial}
          />
        </Suspense>
      ) : (
        <>
          {textarea}
          <p className="mt-1 text-xs text-slate-500">{t("richText.plainTextHint")}</p>
        </>
      )}
      {props.error ? (
        <p id={errorId} className="field-error" role="alert">
          {t(props.error)}
        </p>
      ) : null}
    </div>
  );
}
