import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { ErrorView } from "~/components/ErrorView";
import { FormInputs } from "~/components/forms/FormFields";
import { CheckboxField, FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import { optionsText } from "~/domain/forms/fields";
import {
  addField,
  FieldMoveSchema,
  FieldRefSchema,
  FieldSchema,
  FieldUpdateSchema,
  FormUpdateSchema,
  getLibraryForm,
  moveField,
  removeField,
  removeLibraryForm,
  updateField,
  updateForm,
  VersionSchema,
  type FormScope,
} from "~/domain/forms/forms.server";
import type { ActionResult } from "~/utils/action-result";
import { orStatusPage } from "~/utils/http.server";
import { FORM_FIELD_KINDS } from "~/vocabulary";
import { answerIntent, on } from "~/web/form-action.server";
import { requireStaff } from "~/web/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.form.title} · Launchroom` : "Launchroom" },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  requireStaff(request, "forms.library");
  return orStatusPage(() => getLibraryForm(params.formId ?? ""));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = requireStaff(request, "forms.library");
  const formData = await request.formData();
  const scope: FormScope = { kind: "library", actor };
  const id = params.formId ?? "";
  const opts = { invalid: "forms.errors.fix" };
  return answerIntent(formData, {
    updateForm: on(FormUpdateSchema, (i) => updateForm(scope, id, i), "forms.notice.saved", opts),
    addField: on(FieldSchema, (i) => addField(scope, id, i), "forms.notice.fieldAdded", opts),
    updateField: on(FieldUpdateSchema, (i) => updateField(scope, id, i), "forms.notice.fieldSaved", opts),
    removeField: on(FieldRefSchema, (i) => removeField(scope, id, i), "forms.notice.fieldRemoved", opts),
    moveField: on(FieldMoveSchema, (i) => moveField(scope, id, i), "forms.notice.fieldMoved", opts),
    removeForm: on(
      VersionSchema,
      (i) => removeLibraryForm(actor, id, i.version),
      { redirect: "/forms" },
      opts,
    ),
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type FieldData = Data["fields"][number];

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

export default function FormBuilder() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const intent = result?.values?.intent;
  const fieldOf = (r: ActionResult | undefined) => r?.values?.fieldId;
  return (
    <div className="space-y-6">
      <Link to="/forms" className="text-sm text-brand-700 hover:underline">
        {t("forms.library.back")}
      </Link>
      <h1 className="text-2xl font-semibold wrap-anywhere">{d.form.title}</h1>
      {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
      {result && !result.ok && result.formError ? (
        <FormError messageKey={result.formError} params={result.params} />
      ) : null}
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
      <section className="card space-y-3" aria-labelledby="preview-title">
        <h2 id="preview-title" className="text-lg font-semibold">
          {t("forms.builder.preview")}
        </h2>
        {d.form.description ? (
          <p className="whitespace-pre-wrap text-sm wrap-anywhere">{d.form.description}</p>
        ) : null}
        <FormInputs fields={d.fields} answers={{}} disabled />
      </section>
      <section className="card" aria-labelledby="remove-form-title">
        <h2 id="remove-form-title" className="sr-only">
          {t("forms.builder.removeForm")}
        </h2>
        <Form method="post">
          <input type="hidden" name="intent" value="removeForm" />
          <input type="hidden" name="version" value={d.form.version} />
          <button type="submit" className="btn-danger">
            {t("forms.builder.removeForm")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
