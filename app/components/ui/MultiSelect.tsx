import { useId } from "react";
import { useTranslation } from "react-i18next";

export type MultiSelectOption = { id: string; title: string };

/** A multi-select of ids (dependencies, required tasks) that works without client JS. */
export function MultiSelect(props: {
  label: string;
  name: string;
  options: MultiSelectOption[];
  selected: string[];
  error?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  if (!props.options.length) return null;
  return (
    <div>
      <label htmlFor={id} className="label">
        {props.label}
      </label>
      <select
        id={id}
        name={props.name}
        multiple
        size={Math.min(6, props.options.length)}
        defaultValue={props.selected}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ""}`}
        className="input"
      >
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.title}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {props.hint ?? t("planEdit.multiHint")}
      </p>
      {props.error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t(props.error)}
        </p>
      ) : null}
    </div>
  );
}
