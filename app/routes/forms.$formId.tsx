import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorView } from "~/components/ErrorView";
import { FormBuilder } from "~/components/forms/FormBuilder";
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
import { orStatusPage } from "~/utils/http.server";
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

export default function LibraryFormBuilder() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  return (
    <FormBuilder
      form={d.form}
      fields={d.fields}
      back={{ to: "/forms", label: t("forms.library.back") }}
      headingLevel={1}
      canRemove
    />
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
