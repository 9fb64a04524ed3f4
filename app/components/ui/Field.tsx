import { CodeText } from "./CodeText";
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

type Common = { label: string; name: string; error?: string; hint?: string; required?: boolean };

/** A labelled control with its hint and translated error wired up through aria attributes. */
export function Field({
  label,
  name,
  error,
  hint,
  required,
  children,
}: Common & {
  children: (props: {
    id: string;
    name: string;
    "aria-invalid"?: true;
    "aria-describedby"?: string;
    required?: boolean;
  }) => ReactNode;
}) {
  const id = useId();
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
        {required ? (
          <span className="ml-1 text-red-700" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {children({
        id,
        name,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
        required,
      })}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          <CodeText text={hint} />
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

export function TextField(
  props: Common & {
    type?: string;
    defaultValue?: string;
    autoComplete?: string;
    placeholder?: string;
    inputMode?: "numeric" | "decimal" | "email" | "url";
  },
) {
  const { type = "text", defaultValue, autoComplete, placeholder, inputMode, ...common } = props;
  return (
    <Field {...common}>
      {(a) => (
        <input
          {...a}
          type={type}
          defaultValue={defaultValue}
          autoComplete={autoComplete}
          placeholder={placeholder}
          inputMode={inputMode}
          className="input"
        />
      )}
    </Field>
  );
}

export function SelectField(
  props: Common & {
    defaultValue?: string;
    options: { value: string; label: string }[];
    placeholder?: string;
  },
) {
  const { defaultValue, options, placeholder, ...common } = props;
  const { t } = useTranslation();
  // HTML wants a required select to start with an empty placeholder option. Without a placeholder of the
  // caller's, one is added that cannot be chosen (disabled), and the first real option stays the default.
  const hiddenPlaceholder = placeholder === undefined && common.required;
  return (
    <Field {...common}>
      {(a) => (
        <select
          {...a}
          defaultValue={defaultValue ?? (hiddenPlaceholder ? (options[0]?.value ?? "") : "")}
          className="input"
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {hiddenPlaceholder ? (
            <option value="" disabled hidden>
              {t("fields.choose")}
            </option>
          ) : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A checkbox with its label beside it; the hint is announced with it. */
export function CheckboxField(props: {
  label: string;
  name: string;
  hint?: string;
  defaultChecked?: boolean;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        name={props.name}
        type="checkbox"
        defaultChecked={props.defaultChecked}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        className="mt-0.5 h-4 w-4 rounded border-slate-300"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-700">
          {props.label}
        </label>
        {props.hint ? (
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {props.hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function FormError({ messageKey, params }: { messageKey?: string; params?: Record<string, unknown> }) {
  const { t } = useTranslation();
  if (!messageKey) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      {t(messageKey, params)}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div
      role="status"
      className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
    >
      {children}
    </div>
  );
}
