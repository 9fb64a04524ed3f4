import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorView } from "~/components/ErrorView";
import { FormError, SelectField, TextField } from "~/components/ui/Field";
import { createLibraryForm, FormSchema, listLibraryForms } from "~/domain/forms/forms.server";
import { useRootData } from "~/root";
import { answerIntent, on } from "~/web/form-action.server";
import { requireStaff } from "~/web/guards.server";

export const meta: MetaFunction = () => [{ title: "Forms · Launchroom" }];

export function loader({ request }: LoaderFunctionArgs) {
  requireStaff(request, "forms.library");
  return { forms: listLibraryForms() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = requireStaff(request, "forms.library");
  const formData = await request.formData();
  return answerIntent(formData, {
    create: on(
      FormSchema,
      (i) => createLibraryForm(actor, i),
      (id) => ({ redirect: `/forms/${id}` }),
      {
        invalid: "forms.errors.fix",
      },
    ),
  });
}

export default function FormLibrary() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const locale = useRootData()?.locale ?? "ja";
  const e = result?.fieldErrors ?? {};
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("forms.library.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("forms.library.lead")}</p>
      </div>
      <section className="card" aria-labelledby="library-list">
        <h2 id="library-list" className="sr-only">
          {t("forms.library.title")}
        </h2>
        {d.forms.length ? (
          <ul className="divide-y divide-slate-100">
            {d.forms.map((f) => (
              <li key={f.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <Link to={`/forms/${f.id}`} className="min-w-0 text-brand-700 underline wrap-anywhere">
                  {f.title}
                </Link>
                <span className="text-sm text-slate-500">
                  {t("forms.library.summary", { count: f.fieldCount, language: t(`language.${f.language}`) })}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{t("forms.library.empty")}</p>
        )}
      </section>
      <section className="card space-y-3" aria-labelledby="new-form-title">
        <h2 id="new-form-title" className="text-lg font-semibold">
          {t("forms.library.new")}
        </h2>
        {result?.formError ? <FormError messageKey={result.formError} /> : null}
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="create" />
          <TextField
            label={t("forms.builder.formTitle")}
            name="title"
            defaultValue={result?.values?.title}
            error={e.title}
            required
          />
          <TextField
            label={t("forms.builder.description")}
            name="description"
            defaultValue={result?.values?.description}
            error={e.description}
          />
          <SelectField
            label={t("forms.builder.language")}
            name="language"
            defaultValue={result?.values?.language ?? locale}
            options={[
              { value: "ja", label: t("language.ja") },
              { value: "en", label: t("language.en") },
            ]}
            error={e.language}
          />
          <button type="submit" className="btn-primary">
            {t("forms.library.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
