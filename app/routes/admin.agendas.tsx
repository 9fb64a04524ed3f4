import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorView } from "~/components/ErrorView";
import { RichTextField } from "~/components/richtext/RichTextField";
import { FormError, Notice } from "~/components/ui/Field";
import { listAgendaTemplates, saveAgendaTemplate } from "~/domain/meetings/agendas.server";
import { agendaForm } from "~/domain/meetings/schemas";
import type { ActionResult } from "~/utils/action-result";
import { answerIntent, on } from "~/web/form-action.server";
import { requireStaff } from "~/web/guards.server";
import { LOCALES, MEETING_TYPES, type MeetingType } from "~/vocabulary";

export const meta: MetaFunction = () => [{ title: "Meeting agendas · Launchroom" }];

function chosenType(request: Request): MeetingType {
  const type = new URL(request.url).searchParams.get("type");
  return (MEETING_TYPES as readonly string[]).includes(type ?? "") ? (type as MeetingType) : "kickoff";
}

export function loader({ request }: LoaderFunctionArgs) {
  requireStaff(request, "meetings.configureAgendas");
  const type = chosenType(request);
  const agenda = listAgendaTemplates().find((a) => a.type === type)!;
  return { type, agenda };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = requireStaff(request, "meetings.configureAgendas");
  const formData = await request.formData();
  return answerIntent(formData, {
    save: on(agendaForm, (input) => saveAgendaTemplate(actor, input), "meetings.agendas.saved", {
      invalid: "meetings.form.invalid",
    }),
    reset: on(
      z.object({ type: z.enum(MEETING_TYPES), locale: z.enum(LOCALES) }),
      (input) => saveAgendaTemplate(actor, { ...input, doc: null }),
      "meetings.agendas.resetDone",
    ),
  });
}

export default function AdminAgendas() {
  const { t } = useTranslation();
  const { type, agenda } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("meetings.agendas.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("meetings.agendas.intro")}</p>
      </div>
      <nav aria-label={t("meetings.form.type")} className="flex flex-wrap gap-2">
        {MEETING_TYPES.map((x) => (
          <Link
            key={x}
            to={`?type=${x}`}
            aria-current={x === type ? "page" : undefined}
            className={x === type ? "btn-primary" : "btn-secondary"}
          >
            {t(`meetings.types.${x}`)}
          </Link>
        ))}
      </nav>
      {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
      {result && !result.ok && result.formError ? <FormError messageKey={result.formError} /> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        {LOCALES.map((locale) => {
          const failed = result && !result.ok && result.values?.locale === locale ? result : undefined;
          const custom = locale === "ja" ? agenda.customJa : agenda.customEn;
          const langName = t(`meetings.agendas.${locale}`);
          return (
            <section key={`${type}-${locale}`} className="card min-w-0 space-y-3">
              <Form
                method="post"
                className="space-y-3"
                key={`${type}-${locale}-${result?.ok ? JSON.stringify(agenda[locale]) : "form"}`}
              >
                <input type="hidden" name="intent" value="save" />
                <input type="hidden" name="type" value={type} />
                <input type="hidden" name="locale" value={locale} />
                <RichTextField
                  label={t("meetings.agendas.label", { type: t(`meetings.types.${type}`), lang: langName })}
                  hint={custom ? t("meetings.agendas.custom") : t("meetings.agendas.builtIn")}
                  value={agenda[locale]}
                  error={failed?.fieldErrors?.body}
                  echoed={failed?.values}
                />
                <button type="submit" className="btn-primary" disabled={busy}>
                  {t("meetings.agendas.save")}
                </button>
              </Form>
              {custom ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="reset" />
                  <input type="hidden" name="type" value={type} />
                  <input type="hidden" name="locale" value={locale} />
                  <button type="submit" className="btn-secondary" disabled={busy}>
                    {t("meetings.agendas.reset")}
                  </button>
                </Form>
              ) : null}
            </section>
          );
        })}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
