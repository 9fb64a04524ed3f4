import { useChosenFileCheck } from "~/components/ui/file-size";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import {
  BLANK_TABLE_ROWS,
  cellName,
  choicesOf,
  columnsOf,
  inputName,
  type Answer,
  type Answers,
  type FileAnswer,
  type FormFieldDef,
} from "~/domain/forms/fields";

export type Returned = { comment: string; returnedBy: string | null };

/** The value to show in an input: what was just posted (after a refusal), else the stored answer. */
function echoed(values: Record<string, string> | undefined, name: string, stored: string | undefined) {
  return values ? (values[name] ?? "") : (stored ?? "");
}

/**
 * The customer's inputs for a form's fields. Required fields are marked but not enforced by the browser,
 * so a half-filled draft can always be saved; the server checks on submit. A field sent back shows the
 * CSM's comment right above its input.
 */
export function FormInputs(props: {
  fields: FormFieldDef[];
  answers: Answers;
  values?: Record<string, string>;
  errors?: Record<string, string>;
  returned?: Map<string, Returned>;
  disabled?: boolean;
}) {
  return (
    <div className="space-y-5">
      {props.fields.map((f) => (
        <FieldInput
          key={f.id}
          field={f}
          answer={props.answers[f.id]}
          values={props.values}
          errors={props.errors ?? {}}
          returned={props.returned?.get(f.id)}
          disabled={props.disabled}
        />
      ))}
    </div>
  );
}

function FieldInput({
  field,
  answer,
  values,
  errors,
  returned,
  disabled,
}: {
  field: FormFieldDef;
  answer: Answer | undefined;
  values?: Record<string, string>;
  errors: Record<string, string>;
  returned?: Returned;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const checkChosenFiles = useChosenFileCheck();
  const id = useId();
  const name = inputName(field.id);
  const error = errors[name];
  const describedBy = [
    field.help ? `${id}-help` : "",
    returned ? `${id}-returned` : "",
    error ? `${id}-error` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const common = {
    "aria-invalid": error ? (true as const) : undefined,
    "aria-describedby": describedBy || undefined,
    "aria-required": field.required || undefined,
    disabled,
  };
  const stored = typeof answer === "string" ? answer : undefined;
  const isGroup = ["single_choice", "multiple_choice", "yes_no", "table"].includes(field.kind);
  const label = (
    <>
      <span className="wrap-anywhere">{field.label}</span>
      {field.required ? (
        <>
          <span className="ml-1 text-red-700" aria-hidden="true">
            *
          </span>
          <span className="sr-only">{t("forms.fill.requiredMark")}</span>
        </>
      ) : null}
    </>
  );
  let control;
  switch (field.kind) {
    case "short_text":
    case "number":
    case "date":
      control = (
        <input
          id={id}
          name={name}
          type={field.kind === "date" ? "date" : "text"}
          inputMode={field.kind === "number" ? "decimal" : undefined}
          defaultValue={echoed(values, name, stored)}
          className="input"
          {...common}
        />
      );
      break;
    case "long_text":
      control = (
        <textarea
          id={id}
          name={name}
          rows={4}
          defaultValue={echoed(values, name, stored)}
          className="input"
          {...common}
        />
      );
      break;
    case "single_choice":
    case "yes_no": {
      const options =
        field.kind === "yes_no"
          ? [
              { value: "yes", label: t("forms.fill.yes") },
              { value: "no", label: t("forms.fill.no") },
            ]
          : choicesOf(field).map((c) => ({ value: c, label: c }));
      const current = echoed(values, name, stored);
      control = (
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {options.map((o, i) => (
            <label key={o.value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={name}
                value={o.value}
                defaultChecked={current === o.value}
                disabled={disabled}
                aria-invalid={i === 0 && error ? true : undefined}
              />
              <span className="wrap-anywhere">{o.label}</span>
            </label>
          ))}
        </div>
      );
      break;
    }
    case "multiple_choice": {
      const chosen = values
        ? (values[name] ?? "").split("\n").filter(Boolean)
        : Array.isArray(answer)
          ? (answer as string[])
          : [];
      control = (
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {choicesOf(field).map((c, i) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={name}
                value={c}
                defaultChecked={chosen.includes(c)}
                disabled={disabled}
                aria-invalid={i === 0 && error ? true : undefined}
              />
              <span className="wrap-anywhere">{c}</span>
            </label>
          ))}
        </div>
      );
      break;
    }
    case "file": {
      const file =
        answer && typeof answer === "object" && !Array.isArray(answer) ? (answer as FileAnswer) : undefined;
      control = (
        <div className="space-y-2">
          {file ? (
            <p className="text-sm">
              <input type="hidden" name={`${name}.keep`} value={file.fileId} />
              <a href={`/files/${file.fileId}`} className="text-brand-700 underline wrap-anywhere">
                {file.name}
              </a>{" "}
              <span className="text-slate-500">{t("forms.fill.fileKept")}</span>
            </p>
          ) : null}
          <input
            id={id}
            name={name}
            type="file"
            className="block text-sm"
            onChange={checkChosenFiles}
            {...common}
          />
        </div>
      );
      break;
    }
    case "table": {
      const columns = columnsOf(field);
      const storedRows = Array.isArray(answer) ? (answer as Record<string, string>[]) : [];
      const postedRows = values
        ? Math.max(
            0,
            ...Object.keys(values)
              .filter((k) => k.startsWith(`${name}.`))
              .map((k) => Number(k.slice(name.length + 1).split(".")[0]) + 1),
          )
        : 0;
      const count = Math.max(storedRows.length, postedRows) + BLANK_TABLE_ROWS;
      control = (
        <div>
          <ScrollRegion labelledBy={`${id}-legend`}>
            <table className="min-w-full text-sm">
              <thead>
                <tr>
                  <th scope="col" className="w-8 px-1 text-left font-normal text-slate-500">
                    #
                  </th>
                  {columns.map((c) => (
                    <th key={c.key} scope="col" className="px-1 text-left font-medium">
                      <span className="wrap-anywhere">{c.label}</span>
                      {c.required ? <span className="ml-1 text-red-700">*</span> : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: count }, (_, r) => (
                  <tr key={r}>
                    <td className="px-1 text-slate-500">{r + 1}</td>
                    {columns.map((c) => {
                      const cell = cellName(field.id, r, c.key);
                      const cellError = errors[cell];
                      return (
                        <td key={c.key} className="px-1 py-1 align-top">
                          <input
                            name={cell}
                            type={c.kind === "date" ? "date" : c.kind === "email" ? "email" : "text"}
                            inputMode={c.kind === "number" ? "decimal" : undefined}
                            aria-label={t("forms.fill.cellLabel", { column: c.label, row: r + 1 })}
                            aria-invalid={cellError ? true : undefined}
                            defaultValue={echoed(values, cell, storedRows[r]?.[c.key])}
                            disabled={disabled}
                            className="input min-w-32"
                          />
                          {cellError ? (
                            <p className="field-error" role="alert">
                              {t(cellError)}
                            </p>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <p className="mt-1 text-xs text-slate-500">{t("forms.fill.tableHint")}</p>
        </div>
      );
      break;
    }
  }
  return (
    <div
      className={returned ? "rounded-md border-2 border-amber-400 bg-amber-50 p-3" : undefined}
      data-field={field.id}
    >
      {isGroup ? (
        <fieldset
          className="min-w-0"
          /* a fieldset is as wide as its content by default: the table would widen the page */ aria-describedby={
            describedBy || undefined
          }
        >
          <legend id={`${id}-legend`} className="label">
            {label}
          </legend>
          {returned ? <ReturnNote id={`${id}-returned`} returned={returned} /> : null}
          {field.help ? <Help id={`${id}-help`} text={field.help} /> : null}
          {control}
        </fieldset>
      ) : (
        <div>
          <label htmlFor={id} className="label">
            {label}
          </label>
          {returned ? <ReturnNote id={`${id}-returned`} returned={returned} /> : null}
          {field.help ? <Help id={`${id}-help`} text={field.help} /> : null}
          {control}
        </div>
      )}
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

function Help({ id, text }: { id: string; text: string }) {
  return (
    <p id={id} className="mb-1 text-xs whitespace-pre-wrap text-slate-600 wrap-anywhere">
      {text}
    </p>
  );
}

function ReturnNote({ id, returned }: { id: string; returned: Returned }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="mb-2 text-sm text-amber-900 wrap-anywhere" data-testid="returned-comment">
      <strong>{t("forms.fill.returnedBy", { name: returned.returnedBy ?? "—" })}</strong> {returned.comment}
    </p>
  );
}

/** The answers as read-only text (the CSM's review, earlier versions). */
export function AnswerList(props: {
  fields: FormFieldDef[];
  answers: Answers;
  extra?: (field: FormFieldDef) => React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <dl className="space-y-4">
      {props.fields.map((f) => {
        const a = props.answers[f.id];
        let shown: React.ReactNode = <span className="text-slate-500">{t("forms.review.noAnswer")}</span>;
        if (a !== undefined) {
          if (f.kind === "yes_no") shown = a === "yes" ? t("forms.fill.yes") : t("forms.fill.no");
          else if (f.kind === "multiple_choice") shown = (a as string[]).join("、");
          else if (f.kind === "file") {
            const file = a as FileAnswer;
            shown = (
              <a href={`/files/${file.fileId}`} className="text-brand-700 underline">
                {file.name}
              </a>
            );
          } else if (f.kind === "table") {
            const columns = columnsOf(f);
            shown = (
              <div className="overflow-x-auto">
                <table className="min-w-full text-sm">
                  <thead>
                    <tr>
                      {columns.map((c) => (
                        <th key={c.key} scope="col" className="px-2 text-left font-medium">
                          {c.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {(a as Record<string, string>[]).map((row, i) => (
                      <tr key={i} className="border-t border-slate-200">
                        {columns.map((c) => (
                          <td key={c.key} className="px-2 py-1 wrap-anywhere">
                            {row[c.key] ?? ""}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          } else shown = <span className="whitespace-pre-wrap">{a as string}</span>;
        }
        return (
          <div key={f.id} className="border-b border-slate-100 pb-3" data-field={f.id}>
            <dt className="text-sm font-semibold wrap-anywhere">{f.label}</dt>
            <dd className="mt-1 text-sm wrap-anywhere">
              {shown}
              {props.extra ? props.extra(f) : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** Where a task's form stands. */
export function FormStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const colours: Record<string, string> = {
    not_started: "bg-slate-100 text-slate-700",
    draft: "bg-sky-100 text-sky-900",
    submitted: "bg-indigo-100 text-indigo-900",
    returned: "bg-amber-200 text-amber-900",
    accepted: "bg-emerald-100 text-emerald-900",
  };
  return (
    <span
      className={`rounded-full px-2 py-0.5 text-xs font-semibold ${colours[status] ?? ""}`}
      data-testid="form-status"
    >
      {t(`forms.statuses.${status}`)}
    </span>
  );
}
