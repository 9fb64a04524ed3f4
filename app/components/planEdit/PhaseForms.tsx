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

/** The phase's title, renamed in place. `version` is what the editor versions (the phase or the template). */
export function RenamePhaseForm(props: {
  schedule: Schedule;
  phase: { id: string; title: string };
  index: number;
  version: number;
  failure?: ActionResult;
}) {
  const { w } = useEditorWords(props.schedule);
  const busy = useNavigation().state !== "idle";
  const { phase, failure } = props;
  const error = failure?.fieldErrors?.title;
  return (
    <Form method="post" noValidate className="flex flex-1 flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="renamePhase" />
      <input type="hidden" name="phaseId" value={phase.id} />
      <input type="hidden" name="version" value={props.version} />
      <div className="min-w-48 flex-1">
        <label htmlFor={`phase-${phase.id}`} className="label">
          {w("phaseTitle", { n: props.index + 1 })}
        </label>
        <input
          id={`phase-${phase.id}`}
          name="title"
          defaultValue={failure?.values ? failure.values.title : phase.title}
          required
          maxLength={120}
          aria-invalid={error ? true : undefined}
          className="input"
        />
        <FieldErrorText error={error} />
      </div>
      <button type="submit" className="btn-secondary" disabled={busy}>
        {w("rename")}
      </button>
    </Form>
  );
}

/** Adds a phase at the end. `version` is the template's; a plan's new phase has none yet. */
export function NewPhaseForm(props: { schedule: Schedule; version?: number; failure?: ActionResult }) {
  const { w } = useEditorWords(props.schedule);
  const busy = useNavigation().state !== "idle";
  const error = props.failure?.fieldErrors?.title;
  return (
    <Form method="post" noValidate className="card flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="addPhase" />
      {props.version !== undefined ? <input type="hidden" name="version" value={props.version} /> : null}
      <div className="min-w-48 flex-1">
        <label htmlFor="new-phase" className="label">
          {w("newPhase")}
        </label>
        <input
          id="new-phase"
          name="title"
          required
          maxLength={120}
          defaultValue={props.failure?.values?.title}
          aria-invalid={error ? true : undefined}
          className="input"
        />
        <FieldErrorText error={error} />
      </div>
      <button type="submit" className="btn-primary" disabled={busy}>
        {w("addPhase")}
      </button>
    </Form>
  );
}
