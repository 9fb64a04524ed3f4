import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PostButton } from "~/components/planEdit/PhaseForms";
import { CheckboxField, FormError, SelectField } from "~/components/ui/Field";
import type { ActionResult } from "~/utils/action-result";

/**
 * The template editor's forms on tasks (issue 12, forms extras): which template task carries which library
 * form, a form to attach one (task, form, "submitting completes the task") and a button to take one off.
 * Rooms made from the template afterwards get a copy of the form on the task made from it.
 */
export function TemplateTaskForms(props: {
  version: number;
  tasks: { id: string; title: string }[];
  attached: Record<string, { formId: string; title: string; completesTask: boolean }>;
  library: { id: string; title: string; fieldCount: number }[];
  failure: (intent: string, idKey?: string, itemId?: string) => ActionResult | undefined;
  formKey: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const failed = props.failure("attachForm");
  const withForms = props.tasks.filter((task) => props.attached[task.id]);
  return (
    <section className="card space-y-4" aria-labelledby="template-forms-title">
      <div>
        <h2 id="template-forms-title" className="text-lg font-semibold">
          {t("formsMore.template.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("formsMore.template.lead")}</p>
      </div>
      {withForms.length ? (
        <ul className="divide-y divide-slate-100" data-testid="template-task-forms">
          {withForms.map((task) => {
            const a = props.attached[task.id]!;
            return (
              <li key={task.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div className="min-w-0 text-sm">
                  <p className="font-medium wrap-anywhere">{task.title}</p>
                  <p className="text-slate-600 wrap-anywhere">
                    {t(
                      a.completesTask
                        ? "formsMore.template.attachedFormCompletes"
                        : "formsMore.template.attachedForm",
                      { title: a.title },
                    )}
                  </p>
                </div>
                <PostButton
                  fields={{ intent: "detachForm", taskId: task.id, version: props.version }}
                  className="btn-secondary"
                  label={t("formsMore.template.detachLabel", { task: task.title, title: a.title })}
                >
                  {t("formsMore.template.detach")}
                </PostButton>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t("formsMore.template.none")}</p>
      )}
      {!props.library.length ? (
        <p className="text-sm text-slate-600">
          {t("forms.attach.noLibrary")}{" "}
          <Link to="/forms" className="text-brand-700 underline">
            {t("forms.library.title")}
          </Link>
        </p>
      ) : props.tasks.length ? (
        <Form method="post" noValidate className="space-y-3" key={props.formKey}>
          <h3 className="text-sm font-semibold">{t("formsMore.template.attachTitle")}</h3>
          <input type="hidden" name="intent" value="attachForm" />
          <input type="hidden" name="version" value={props.version} />
          <FormError messageKey={failed?.formError} params={failed?.params} />
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField
              label={t("formsMore.template.task")}
              name="taskId"
              required
              defaultValue={failed?.values?.taskId}
              error={failed?.fieldErrors?.taskId}
              options={props.tasks.map((task) => ({
                value: task.id,
                label: props.attached[task.id]
                  ? t("formsMore.template.taskWithForm", {
                      task: task.title,
                      title: props.attached[task.id]!.title,
                    })
                  : task.title,
              }))}
            />
            <SelectField
              label={t("forms.attach.form")}
              name="formId"
              required
              defaultValue={failed?.values?.formId}
              error={failed?.fieldErrors?.formId}
              options={props.library.map((f) => ({
                value: f.id,
                label: t("forms.attach.option", { title: f.title, count: f.fieldCount }),
              }))}
            />
          </div>
          <CheckboxField
            label={t("forms.attach.completesTask")}
            name="completesTask"
            defaultChecked={failed?.values ? failed.values.completesTask === "on" : true}
          />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("forms.attach.submit")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
