import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Schedule } from "~/domain/plan/schemas";
import type { ActionResult } from "~/utils/action-result";
import { useEditorWords } from "./words";

/** A field's translated error under a control that is not a Field (a bare input, a checkbox). */
export function FieldErrorText({ error, params }: { error?: string; params?: Record<string, unknown> }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="field-error" role="alert">
      {t(error, params)}
    </p>
  );
}

/** A one-button form posting `fields` as hidden inputs (remove, move up or down). */
export function PostButton(props: {
  fields: Record<string, string | number | undefined>;
  className: string;
  label: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post">
      {Object.entries(props.fields).map(([name, value]) =>
        value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
      )}
      <button
        type="submit"
        className={props.className}
        disabled={busy || props.disabled}
        aria-label={props.label}
      >
        {props.children}
      </button>
    </Form>
  );
}

/**
 * A phase's title: renamed in place when `phase` is given, else a new phase added at the end. `version`
 * is what the editor versions (the phase in a plan, the template in a template; a plan's new phase has none).
 */
export function PhaseTitleForm(props: {
  schedule: Schedule;
  phase?: { id: string; title: string };
  index?: number;
  version?: number;
  failure?: ActionResult;
}) {
  const { w } = useEditorWords(props.schedule);
  const busy = useNavigation().state !== "idle";
  const { phase, failure } = props;
  const inputId = phase ? `phase-${phase.id}` : "new-phase";
  const error = failure?.fieldErrors?.title;
  return (
    <Form
      method="post"
      noValidate
      className={phase ? "flex flex-1 flex-wrap items-end gap-2" : "card flex flex-wrap items-end gap-2"}
    >
      <input type="hidden" name="intent" value={phase ? "renamePhase" : "addPhase"} />
      {phase ? <input type="hidden" name="phaseId" value={phase.id} /> : null}
      {props.version !== undefined ? <input type="hidden" name="version" value={props.version} /> : null}
      <div className="min-w-48 flex-1">
        <label htmlFor={inputId} className="label">
          {phase ? w("phaseTitle", { n: (props.index ?? 0) + 1 }) : w("newPhase")}
        </label>
        <input
          id={inputId}
          name="title"
          defaultValue={failure?.values ? failure.values.title : phase?.title}
          required
          maxLength={120}
          aria-invalid={error ? true : undefined}
          className="input"
        />
        <FieldErrorText error={error} />
      </div>
      <button type="submit" className={phase ? "btn-secondary" : "btn-primary"} disabled={busy}>
        {phase ? w("rename") : w("addPhase")}
      </button>
    </Form>
  );
}
