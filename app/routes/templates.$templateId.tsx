import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireStaff } from "~/web/guards.server";
import { staffCan } from "~/access/capabilities";
import { ProposalList } from "~/components/reviews/ProposalList";
import { Notice } from "~/components/ui/Field";
import {
  acceptProposal,
  pendingProposals,
  rejectProposal,
  revisionHistory,
} from "~/domain/reviews/proposals.server";
import { formatDate } from "~/i18n/format";
import { useRootData } from "~/root";
import { ErrorView } from "~/components/ErrorView";
import { toTeamRole } from "~/domain/team/roles";
import { FormError, TextField } from "~/components/ui/Field";
import { deleteTemplate, duplicateTemplate, getTemplateDetail } from "~/domain/templates/templates.server";
import { type ActionResult } from "~/utils/action-result";
import { fields, parseForm } from "~/utils/forms";
import { orStatusPage, runAction } from "~/utils/http.server";
import { pageTitleMeta } from "~/utils/page-title";
import { templateTaskForms } from "~/domain/forms/forms.server";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireStaff(request, "templates.manage");
  const detail = orStatusPage(() => getTemplateDetail(params.templateId ?? ""));
  return {
    ...detail,
    pageTitle: detail.template.name,
    // Changes proposed by post-onboarding reviews, and what earlier ones changed (template_revisions).
    proposals: pendingProposals(detail.template.id),
    revisions: revisionHistory(detail.template.id).map((r) => ({
      ...r,
      createdOn: r.createdAt.toISOString().slice(0, 10),
    })),
    canDecide: staffCan(user.staffRole, "templates.acceptChanges"),
    // issue 12: forms extras — which task carries a library form.
    taskForms: Object.fromEntries(
      templateTaskForms(detail.phases.flatMap((p) => p.tasks.map((task) => task.id))),
    ),
  };
}

const DuplicateSchema = z.object({ name: fields.requiredText(120) });
const DecisionSchema = z.object({ findingId: z.string().catch(""), version: fields.version() });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = requireStaff(request, "templates.manage");
  const formData = await request.formData();
  const templateId = params.templateId ?? "";
  const intent = formData.get("intent");
  if (intent === "accept" || intent === "reject") {
    const decider = requireStaff(request, "templates.acceptChanges");
    const parsed = parseForm(DecisionSchema, formData);
    if (!parsed.ok) return data<ActionResult>({ ok: false, formError: "errors.badRequest" }, 400);
    const { findingId, version } = parsed.data;
    const result = await runAction(() =>
      intent === "accept"
        ? acceptProposal(decider, findingId, version).revision
        : (rejectProposal(decider, findingId, version), null),
    );
    if (!result.ok)
      return data<ActionResult>(
        { ok: false, formError: result.formError, params: result.params },
        result.status,
      );
    return data<ActionResult>({
      ok: true,
      notice: result.value === null ? "review.rejectedNotice" : "review.acceptedNotice",
      params: result.value === null ? undefined : { revision: result.value },
    });
  }
  if (intent === "delete") {
    const result = await runAction(() => deleteTemplate(actor, templateId));
    if (!result.ok) return data<ActionResult>({ ok: false, formError: result.formError }, result.status);
    return redirect("/templates");
  }
  const parsed = parseForm(DuplicateSchema, formData);
  if (!parsed.ok) return data<ActionResult>({ ok: false, fieldErrors: parsed.fieldErrors }, 400);
  const result = await runAction(() => duplicateTemplate(actor, templateId, parsed.data.name));
  if (!result.ok) return data<ActionResult>({ ok: false, formError: result.formError }, result.status);
  return redirect(`/templates/${result.value}`);
}

const offset = (days: number) => (days >= 0 ? `+${days}` : String(days));

export default function TemplateDetail() {
  const { t } = useTranslation();
  const { template, phases, milestones, proposals, revisions, canDecide, taskForms } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const locale = useRootData()?.locale ?? "en";
  return (
    <div className="space-y-6">
      <Link to="/templates" className="text-sm text-brand-700 hover:underline">
        ← {t("templates.title")}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold">{template.name}</h1>
        <p className="mt-1 text-slate-600">{template.description}</p>
        <p className="mt-1 text-sm text-slate-500">{t("templates.offsetHint")}</p>
        <p className="mt-1 text-sm text-slate-700" data-testid="template-revision">
          {t("review.revision", { revision: template.revision })}
        </p>
      </div>
      {result?.ok && result.notice ? <Notice>{t(result.notice, result.params)}</Notice> : null}
      <FormError messageKey={result?.formError} params={result?.params} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {phases.map((phase) => (
            <section key={phase.id} className="card" aria-labelledby={`phase-${phase.id}`}>
              <h2 id={`phase-${phase.id}`} className="text-lg font-semibold">
                {phase.title}
              </h2>
              <ul className="mt-3 divide-y divide-slate-100">
                {phase.tasks.map((task) => (
                  <li key={task.id} className="py-2">
                    <p className="font-medium">
                      {task.title}
                      {task.visibility === "internal" ? (
                        <span className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800">
                          {t("templates.internal")}
                        </span>
                      ) : null}
                    </p>
                    <p className="text-sm text-slate-600">
                      {t(`templates.side.${task.side}`)} ·{" "}
                      {t("templates.days", {
                        start: offset(task.startOffsetDays),
                        due: offset(task.dueOffsetDays),
                      })}
                      {toTeamRole(task.defaultRole)
                        ? ` · ${t(`team.roles.${toTeamRole(task.defaultRole)}`)}`
                        : ""}
                    </p>
                    {taskForms[task.id] ? (
                      <p className="text-xs text-slate-600 wrap-anywhere" data-testid="template-task-form">
                        {t("formsMore.templateDetail.form", { title: taskForms[task.id]!.title })}
                      </p>
                    ) : null}
                    {task.dependsOn.length ? (
                      <p className="text-xs text-slate-500">
                        {t("templates.dependsOn", { tasks: task.dependsOn.join("、") })}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
        <aside className="space-y-6">
          <section className="card space-y-2" aria-labelledby="proposals-title">
            <h2 id="proposals-title" className="text-lg font-semibold">
              {t("review.proposalsTitle")}
            </h2>
            <ProposalList items={proposals} canDecide={canDecide} />
          </section>
          <section className="card space-y-2" aria-labelledby="revisions-title">
            <h2 id="revisions-title" className="text-lg font-semibold">
              {t("review.revisionsTitle")}
            </h2>
            <ol className="space-y-2 text-sm" data-testid="revisions">
              {revisions.map((r) => (
                <li key={r.revision}>
                  <p className="font-medium">
                    {t("review.revisionLine", {
                      revision: r.revision,
                      date: formatDate(locale, r.createdOn),
                      name: r.changedBy ?? t("activity.system"),
                    })}
                  </p>
                  <p className="break-words text-slate-700">{r.summary}</p>
                </li>
              ))}
              <li className="text-slate-600">{t("review.revisionFirst")}</li>
            </ol>
          </section>
          <section className="card" aria-labelledby="milestones-title">
            <h2 id="milestones-title" className="text-lg font-semibold">
              {t("templates.milestones")}
            </h2>
            <ul className="mt-3 space-y-3">
              {milestones.map((m) => (
                <li key={m.id}>
                  <p className="font-medium">
                    ◆ {m.title}
                    {m.isFirstValue ? (
                      <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-800">
                        {t("templates.firstValue")}
                      </span>
                    ) : null}
                  </p>
                  <p className="text-sm text-slate-600">
                    {t("templates.day", { day: offset(m.offsetDays) })}
                    {m.autoComplete ? ` · ${t("templates.autoComplete")}` : ""}
                    {m.signOffRequired ? ` · ${t("signOff.form.templateFlag")}` : ""}
                  </p>
                  <p className="text-xs text-slate-500">{m.tasks.join("、")}</p>
                </li>
              ))}
            </ul>
          </section>
          <section className="card space-y-3" aria-labelledby="duplicate-title">
            <h2 id="duplicate-title" className="font-semibold">
              {t("templates.duplicate")}
            </h2>
            <Form method="post" className="space-y-3" noValidate>
              <input type="hidden" name="intent" value="duplicate" />
              <TextField
                label={t("templates.newName")}
                name="name"
                defaultValue={t("templates.copyOf", { name: template.name })}
                error={result?.fieldErrors?.name}
                required
              />
              <button type="submit" className="btn-secondary w-full">
                {t("templates.duplicate")}
              </button>
            </Form>
            <Link to={`/templates/${template.id}/edit`} className="btn-primary w-full">
              {t("templateEdit.editLink")}
            </Link>
            <Link to={`/templates/${template.id}/import`} className="btn-secondary w-full">
              {t("templateCsv.link")}
            </Link>
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <button type="submit" className="btn-danger w-full">
                {t("templates.delete")}
              </button>
            </Form>
            <p className="text-xs text-slate-500">{t("templates.deleteHint")}</p>
          </section>
        </aside>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
