import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorView } from "~/components/ErrorView";
import { FormBuilder } from "~/components/forms/FormBuilder";
import { getLibraryForm, removeLibraryForm, VersionSchema } from "~/domain/forms/forms.server";
import { orStatusPage } from "~/utils/http.server";
import { answerIntent, on } from "~/web/form-action.server";
import { formBuilderIntents } from "~/web/form-builder.server";
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
  const id = params.formId ?? "";
  return answerIntent(formData, {
    ...formBuilderIntents({ kind: "library", actor }, id),
    removeForm: on(
      VersionSchema,
      (i) => removeLibraryForm(actor, id, i.version),
      { redirect: "/forms" },
      { invalid: "forms.errors.fix" },
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
      removal={{ templateTasks: d.templateTasks }}
    />
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
