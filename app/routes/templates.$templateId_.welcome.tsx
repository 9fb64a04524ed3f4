import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireStaff } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { RichTextField } from "~/components/richtext/RichTextField";
import { FormError, Notice } from "~/components/ui/Field";
import { readRichTextBody, richTextBody } from "~/domain/richtext/richtext";
import { getTemplateWelcome, saveTemplateWelcome } from "~/domain/welcome/welcome.server";
import { pageTitle } from "~/i18n/page-title.server";
import type { ActionResult } from "~/utils/action-result";
import { orStatusPage } from "~/utils/http.server";
import { pageTitleMeta } from "~/utils/page-title";
import { answerIntent, on } from "~/web/form-action.server";
import { LOCALES, type Locale } from "~/vocabulary";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

const common = {
  locale: z.enum(LOCALES),
  version: z.coerce.number().int().positive(),
};
const SaveSchema = z
  .object({ ...common, ...richTextBody() })
  .transform((input, ctx) => ({ ...input, doc: readRichTextBody(input, ctx) }));
const ClearSchema = z.object(common);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = requireStaff(request, "templates.manage");
  const template = orStatusPage(() => getTemplateWelcome(params.templateId ?? ""));
  return {
    template,
    pageTitle: await pageTitle(request, actor, "welcome.templateTitle", { name: template.name }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = requireStaff(request, "templates.manage");
  const templateId = params.templateId ?? "";
  const formData = await request.formData();
  return answerIntent(formData, {
    save: on(SaveSchema, (i) => saveTemplateWelcome(actor, templateId, i), "welcome.templateSaved", {
      invalid: "welcome.invalid",
    }),
    clear: on(
      ClearSchema,
      (i) => saveTemplateWelcome(actor, templateId, { ...i, doc: null }),
      "welcome.templateCleared",
    ),
  });
}

export default function TemplateWelcome() {
  const { t } = useTranslation();
  const { template } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <Link to={`/templates/${template.id}/edit`} className="text-sm font-medium text-brand-700 underline">
          {t("welcome.templateBack")}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">{t("welcome.templateTitle", { name: template.name })}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("welcome.templateIntro")}</p>
      </div>
      {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        {LOCALES.map((locale) => (
          <LanguageForm key={locale} locale={locale} />
        ))}
      </div>
    </div>
  );
}

function LanguageForm({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const { template } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state !== "idle";
  const value = template[locale];
  const language = t(locale === "ja" ? "welcome.templateJa" : "welcome.templateEn");
  const failed = result && !result.ok && result.values?.locale === locale ? result : undefined;
  const titleId = `welcome-${locale}`;
  return (
    <section className="card min-w-0 space-y-4" aria-labelledby={titleId}>
      <h2 id={titleId} className="text-lg font-semibold">
        {language}
      </h2>
      {failed?.formError ? <FormError messageKey={failed.formError} /> : null}
      <Form method="post" className="space-y-4" key={`${locale}-${template.version}`}>
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="version" value={template.version} />
        <RichTextField
          label={t("welcome.bodyLabel")}
          hint={value ? undefined : t("welcome.templateEmpty")}
          value={value}
          error={failed?.fieldErrors?.body}
          echoed={failed?.values?.intent === "save" ? failed.values : undefined}
        />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("welcome.templateSave", { language })}
        </button>
      </Form>
      {value ? (
        <Form method="post">
          <input type="hidden" name="intent" value="clear" />
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="version" value={template.version} />
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t("welcome.templateClear", { language })}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
