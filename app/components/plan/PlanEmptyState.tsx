import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import { formatDate } from "~/i18n/format";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";

type Template = { id: string; name: string; locale: string; tasks: number };

/** No plan yet: editors pick a template (or start empty); everyone else hears that it is coming. */
export function PlanEmptyState({
  canEdit,
  kickoffDate,
  templates,
  result,
}: {
  canEdit: boolean;
  kickoffDate: string | null;
  templates: Template[];
  result?: ActionResult;
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const busy = useNavigation().state === "submitting";
  if (!canEdit) {
    return (
      <section className="card" aria-labelledby="plan-empty-title" data-testid="plan-empty">
        <h2 id="plan-empty-title" className="text-lg font-semibold">
          {t("plan.empty.preparingTitle")}
        </h2>
        <p className="mt-1 text-slate-600">{t("plan.empty.preparingBody")}</p>
      </section>
    );
  }
  const intent = result?.values?.intent;
  const error = (name: string) => (result && !result.ok && intent === name ? result : undefined);
  const templateError = error("fromTemplate");
  const emptyError = error("emptyPlan");
  const preselected = (templates.find((tpl) => tpl.locale === locale) ?? templates[0])?.id;
  return (
    <div className="grid gap-6 lg:grid-cols-2" data-testid="plan-empty">
      <section className="card space-y-4" aria-labelledby="plan-from-template">
        <h2 id="plan-from-template" className="text-lg font-semibold">
          {t("plan.empty.fromTemplateTitle")}
        </h2>
        {kickoffDate ? (
          <p className="text-sm text-slate-600">
            {t("plan.empty.anchoredOn", { date: formatDate(locale, kickoffDate) })}
          </p>
        ) : (
          <div
            role="alert"
            className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          >
            {t("plan.empty.noKickoff")}
          </div>
        )}
        {templateError?.formError ? (
          <FormError messageKey={templateError.formError} params={templateError.params} />
        ) : null}
        {templates.length === 0 ? (
          <Notice>{t("plan.empty.noTemplates")}</Notice>
        ) : (
          <Form method="post" className="space-y-4">
            <input type="hidden" name="intent" value="fromTemplate" />
            <SelectField
              label={t("plan.empty.template")}
              name="templateId"
              required
              defaultValue={templateError?.values?.templateId ?? preselected}
              error={templateError?.fieldErrors?.templateId}
              options={templates.map((tpl) => ({
                value: tpl.id,
                label: t("plan.empty.templateOption", {
                  name: tpl.name,
                  language: t(`language.${tpl.locale}`),
                  tasks: tpl.tasks,
                }),
              }))}
            />
            <button type="submit" className="btn-primary w-full" disabled={busy || !kickoffDate}>
              {t("plan.empty.create")}
            </button>
          </Form>
        )}
      </section>
      <section className="card space-y-4" aria-labelledby="plan-from-scratch">
        <h2 id="plan-from-scratch" className="text-lg font-semibold">
          {t("plan.empty.scratchTitle")}
        </h2>
        <p className="text-sm text-slate-600">{t("plan.empty.scratchBody")}</p>
        {emptyError?.formError && !emptyError.fieldErrors ? (
          <FormError messageKey={emptyError.formError} params={emptyError.params} />
        ) : null}
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="emptyPlan" />
          <TextField
            label={t("plan.empty.phaseTitle")}
            name="phaseTitle"
            required
            defaultValue={emptyError?.values?.phaseTitle ?? t("plan.empty.phaseTitleDefault")}
            error={emptyError?.fieldErrors?.phaseTitle}
          />
          <button type="submit" className="btn-secondary w-full" disabled={busy}>
            {t("plan.empty.startEmpty")}
          </button>
        </Form>
      </section>
    </div>
  );
}
