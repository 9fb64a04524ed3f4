import { Form, Link, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Trans, useTranslation } from "react-i18next";
import { FormInputs } from "~/components/forms/FormFields";
import { CheckboxField, FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import { optionsText, type FormFieldDef } from "~/domain/forms/fields";
import type { ActionResult } from "~/utils/action-result";
import { FORM_FIELD_KINDS } from "~/vocabulary";

type FieldData = FormFieldDef;

function FieldSettings({
  field,
  result,
  version,
}: {
  field?: FieldData;
  result?: ActionResult;
  version: number;
}) {
  const { t } = useTranslation();
  const v = result?.values;
  const e = result?.fieldErrors ?? {};
  return (
    <Form method="post" className="space-y-3">
      <input type="hidden" name="intent" value={field ? "updateField" : "addField"} />
      <input type="hidden" name="version" value={version} />
      {field ? <input type="hidden" name="fieldId" value={field.id} /> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t("forms.builder.label")}
          name="label"
          defaultValue={v ? v.label : field?.label}
          error={e.label}
          required
        />
        <SelectField
          label={t("forms.builder.kind")}
          name="kind"
          defaultValue={v ? v.kind : field?.kind}
          options={FORM_FIELD_KINDS.map((k) => ({ value: k, label: t(`forms.kinds.${k}`) }))}
          error={e.kind}
          required
        />
      </div>
      <TextField
        label={t("forms.builder.help")}
        name="help"
        defaultValue={v ? v.help : field?.help}
        error={e.help}
      />
      <div>
        <label htmlFor={`options-${field?.id ?? "new"}`} className="label">
          {t("forms.builder.options")}
        </label>
        <textarea
          id={`options-${field?.id ?? "new"}`}
          name="options"
          rows={3}
          className="input"
          defaultValue={v ? v.options : field ? optionsText(field) : ""}
          aria-describedby={`options-hint-${field?.id ?? "new"}`}
          aria-invalid={e.options ? true : undefined}
        />
        <p id={`options-hint-${field?.id ?? "new"}`} className="mt-1 text-xs text-slate-500">
          <Trans i18nKey="forms.builder.optionsHint" components={{ code: <code /> }} />
        </p>
        {e.options ? (
          <p className="field-error" role="alert">
            {t(e.options)}
          </p>
        ) : null}
      </div>
      <CheckboxField
        label={t("forms.builder.required")}
        name="required"
        defaultChecked={v ? v.required === "on" : field?.required}
      />
      <button type="submit" className="btn-primary">
        {field ? t("forms.builder.saveField") : t("forms.builder.addField")}
      </button>
    </Form>
  );
}

/**
 * The form builder (settings, fields with their settings, add a field, a preview, remove the form): the
 * library's page and a room's own form (issue 12, forms extras) use it; the route's action answers the
 * intents (updateForm, addField, updateField, removeField, moveField, removeForm).
 */
export function FormBuilder(props: {
  form: { id: string; title: string; description: string; language: string; version: number };
  fields: FieldData[];
  back: { to: string; label: string };
  /** 1 on a page of its own, 2 inside the room's layout (whose header holds the h1). */
  headingLevel: 1 | 2;
  /** The remove-the-form button, offered for a library form: how many template tasks use the form. */
  removal?: { templateTasks: number };
  /** What goes above the settings (e.g. which task the room's form is on). */
  lead?: ReactNode;
  /** Only the preview: a room's form the customer has started answering can no longer change. */
  locked?: boolean;
}) {
  const { t } = useTranslation();
  const d = props;
  const result = useActionData<ActionResult>();
  const Title = props.headingLevel === 1 ? "h1" : "h2";
  return (
    <div className="space-y-6">
      <Link to={props.back.to} className="text-sm text-brand-700 hover:underline">
        {props.back.label}
      </Link>
      <Title className="text-2xl font-semibold wrap-anywhere">{d.form.title}</Title>
      {props.lead}
      {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
      {result && !result.ok && result.formError ? (
        <FormError messageKey={result.formError} params={result.params} />
      ) : null}
      {props.locked ? null : <EditSections form={d.form} fields={d.fields} result={result} />}
      <section className="card space-y-3" aria-labelledby="preview-title">
        <h2 id="preview-title" className="text-lg font-semibold">
          {t("forms.builder.preview")}
        </h2>
        {d.form.description ? (
          <p className="whitespace-pre-wrap text-sm wrap-anywhere">{d.form.description}</p>
        ) : null}
        <FormInputs fields={d.fields} answers={{}} disabled />
      </section>
      {props.removal ? (
        <section className="card" aria-labelledby="remove-form-title">
          <h2 id="remove-form-title" className="sr-only">
            {t("forms.builder.removeForm")}
          </h2>
          <Form method="post">
            <input type="hidden" name="intent" value="removeForm" />
            <input type="hidden" name="version" value={d.form.version} />
            <button type="submit" className="btn-danger" aria-describedby="remove-form-hint">
              {t("forms.builder.removeForm")}
            </button>
          </Form>
          <p id="remove-form-hint" className="mt-2 text-xs text-slate-600">
            {props.removal.templateTasks > 0
              ? t("forms.builder.removeHintUsed", { count: props.removal.templateTasks })
              : t("forms.builder.removeHint")}
          </p>
        </section>
      ) : null}
    </div>
  );
}

/** The form's settings, its fields (reorder, remove, edit) and the add-a-field form. */
function EditSections({
  form,
  fields,
  result,
}: {
  form: { title: string; description: string; language: string; version: number };
  fields: FieldData[];
  result: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const d = { form, fields };
  const intent = result?.values?.intent;
  const fieldOf = (r: ActionResult | undefined) => r?.values?.fieldId;
  return (
    <>
      <section className="card space-y-3" aria-labelledby="form-settings">
        <h2 id="form-settings" className="text-lg font-semibold">
          {t("forms.builder.settings")}
        </h2>
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="updateForm" />
          <input type="hidden" name="version" value={d.form.version} />
          <TextField
            label={t("forms.builder.formTitle")}
            name="title"
            defaultValue={intent === "updateForm" && !result?.ok ? result?.values?.title : d.form.title}
            error={intent === "updateForm" ? result?.fieldErrors?.title : undefined}
            required
          />
          <TextField
            label={t("forms.builder.description")}
            name="description"
            defaultValue={d.form.description}
          />
          <SelectField
            label={t("forms.builder.language")}
            name="language"
            defaultValue={d.form.language}
            options={[
              { value: "ja", label: t("language.ja") },
              { value: "en", label: t("language.en") },
            ]}
          />
          <button type="submit" className="btn-secondary">
            {t("forms.builder.saveForm")}
          </button>
        </Form>
      </section>
      <section className="card space-y-3" aria-labelledby="fields-title">
        <h2 id="fields-title" className="text-lg font-semibold">
          {t("forms.builder.fields")}
        </h2>
        {d.fields.length === 0 ? (
          <p className="text-sm text-slate-600">{t("forms.builder.noFields")}</p>
        ) : null}
        <ol className="space-y-3">
          {d.fields.map((f, i) => (
            <li key={f.id} className="rounded-md border border-slate-200 p-3">
              <div className="flex flex-wrap items-center gap-2">
                <span className="min-w-0 font-medium wrap-anywhere">{f.label}</span>
                <span className="text-xs text-slate-500">
                  {t(`forms.kinds.${f.kind}`)}
                  {f.required ? ` · ${t("forms.builder.requiredShort")}` : ""}
                </span>
                <div className="ml-auto flex gap-2">
                  {(["up", "down"] as const).map((dir) => (
                    <Form method="post" key={dir}>
                      <input type="hidden" name="intent" value="moveField" />
                      <input type="hidden" name="version" value={d.form.version} />
                      <input type="hidden" name="fieldId" value={f.id} />
                      <input type="hidden" name="direction" value={dir} />
                      <button
                        type="submit"
                        className="btn-secondary px-2 py-1 text-xs"
                        disabled={dir === "up" ? i === 0 : i === d.fields.length - 1}
                        aria-label={t(dir === "up" ? "forms.builder.moveUp" : "forms.builder.moveDown", {
                          label: f.label,
                        })}
                      >
                        {dir === "up" ? "↑" : "↓"}
                      </button>
                    </Form>
                  ))}
                  <Form method="post">
                    <input type="hidden" name="intent" value="removeField" />
                    <input type="hidden" name="version" value={d.form.version} />
                    <input type="hidden" name="fieldId" value={f.id} />
                    <button
                      type="submit"
                      className="btn-danger px-2 py-1 text-xs"
                      aria-label={t("forms.builder.removeField", { label: f.label })}
                    >
                      {t("forms.builder.remove")}
                    </button>
                  </Form>
                </div>
              </div>
              <details
                className="mt-2"
                open={intent === "updateField" && !result?.ok && fieldOf(result) === f.id}
              >
                <summary className="cursor-pointer text-sm text-brand-700">
                  {t("forms.builder.editField")}
                </summary>
                <div className="mt-2">
                  <FieldSettings
                    key={`${f.id}-${d.form.version}`}
                    field={f}
                    version={d.form.version}
                    result={
                      intent === "updateField" && fieldOf(result) === f.id && !result?.ok ? result : undefined
                    }
                  />
                </div>
              </details>
            </li>
          ))}
        </ol>
      </section>
      <section className="card space-y-3" aria-labelledby="add-field-title">
        <h2 id="add-field-title" className="text-lg font-semibold">
          {t("forms.builder.addField")}
        </h2>
        <FieldSettings
          key={`new-${d.form.version}`}
          version={d.form.version}
          result={intent === "addField" && !result?.ok ? result : undefined}
        />
      </section>
    </>
  );
}
