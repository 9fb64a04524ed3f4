import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { ErrorView } from "~/components/ErrorView";
import {
  AnswerList,
  FormInputs,
  FormStatusBadge as StatusBadge,
  type Returned,
} from "~/components/forms/FormFields";
import { FormError, Notice } from "~/components/ui/Field";
import {
  acceptAnswers,
  AnswersRefused,
  AttachSchema,
  attachToTask,
  createRoomForm,
  detachFromTask,
  getTaskForm,
  listLibraryForms,
  returnFields,
  RoomFormSchema,
  saveDraft,
  submitAnswers,
  VersionSchema,
  type PostedAnswers,
} from "~/domain/forms/forms.server";
import type { CheckedUpload } from "~/domain/files/files.server";
import { formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import { formValues, type ActionResult } from "~/utils/action-result";
import { formFields } from "~/utils/forms";
import { formFailure, orStatusPage, runAction } from "~/utils/http.server";
import { answerIntent, on } from "~/web/form-action.server";
import { requireRoomAccess } from "~/web/guards.server";
import { readFileUploadForm } from "~/web/uploads.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.view ? `${data.view.form.title} · Launchroom` : "Launchroom" },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.view");
  const view = orStatusPage(() => getTaskForm(access, params.taskId ?? ""));
  const canManage = can(access.role, "forms.manage");
  return {
    roomId: access.room.id,
    taskId: params.taskId ?? "",
    timeZone: access.account.timeZone,
    view,
    canManage,
    library: canManage
      ? listLibraryForms().map((f) => ({ id: f.id, title: f.title, fieldCount: f.fieldCount }))
      : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.view");
  const taskId = params.taskId ?? "";
  const needs = (capability: "forms.fill" | "forms.manage") => () =>
    requireRoomAccess(request, params.roomId, capability);
  const { form: formData, files, refused } = await readFileUploadForm(request);
  const intent = String(formData.get("intent") ?? "");
  if (intent === "draft" || intent === "submit") {
    needs("forms.fill")();
    const values = formValues(formData);
    const uploads = new Map<string, CheckedUpload>();
    for (const [name, list] of files)
      if (name.startsWith("f_") && list[0]) uploads.set(name.slice(2), list[0]);
    const refusedById = new Map<string, string>();
    for (const [name, key] of refused) if (name.startsWith("f_")) refusedById.set(name.slice(2), key);
    const posted: PostedAnswers = {
      raw: formFields(formData),
      uploads,
      refused: refusedById,
      version: Number(formData.get("version") ?? -1),
    };
    const result = await runAction(() => {
      try {
        if (intent === "draft") {
          saveDraft(access, taskId, posted);
          return { taskDone: false, refused: null };
        }
        return { ...submitAnswers(access, taskId, posted), refused: null };
      } catch (error) {
        // Answers refused field by field: 400 with a message by each field, what was typed echoed.
        if (error instanceof AnswersRefused) return { taskDone: false, refused: error.fieldErrors };
        throw error;
      }
    });
    if (!result.ok) return formFailure(result, values);
    if (result.value.refused)
      return data<ActionResult>(
        { ok: false, fieldErrors: result.value.refused, formError: "forms.errors.fix", values },
        400,
      );
    const notice =
      intent === "draft"
        ? "forms.notice.draftSaved"
        : result.value.taskDone
          ? "forms.notice.submittedTaskDone"
          : "forms.notice.submitted";
    return data<ActionResult>({ ok: true, notice, values: { intent } });
  }
  if (intent === "return") {
    needs("forms.manage")();
    const values = formValues(formData);
    const comments: Record<string, string> = {};
    for (const [key, value] of formData.entries())
      if (key.startsWith("return_") && typeof value === "string") comments[key.slice(7)] = value;
    const result = await runAction(() =>
      returnFields(access, taskId, { version: Number(formData.get("version") ?? -1), comments }),
    );
    if (!result.ok) return formFailure(result, values);
    return data<ActionResult>({ ok: true, notice: "forms.notice.returned", values: { intent } });
  }
  return answerIntent(formData, {
    attach: on(AttachSchema, (i) => void attachToTask(access, taskId, i), "forms.notice.attached", {
      guard: needs("forms.manage"),
    }),
    // issue 12: forms extras — a form of this room only, then edited in the builder.
    createRoomForm: on(
      RoomFormSchema,
      (i) => createRoomForm(access, taskId, i),
      (formId) => ({ redirect: `/rooms/${access.room.id}/forms/${formId}/edit` }),
      { guard: needs("forms.manage") },
    ),
    detach: on(VersionSchema.partial(), () => detachFromTask(access, taskId), "forms.notice.detached", {
      guard: needs("forms.manage"),
    }),
    accept: on(VersionSchema, (i) => acceptAnswers(access, taskId, i.version), "forms.notice.accepted", {
      guard: needs("forms.manage"),
    }),
  });
}

function useFocusFirstError(result: ActionResult | undefined) {
  useEffect(() => {
    if (!result || result.ok) return;
    const target =
      document.querySelector<HTMLElement>('main [aria-invalid="true"]') ??
      document.querySelector<HTMLElement>('main [role="alert"]');
    if (target) {
      if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))
        target.setAttribute("tabindex", "-1");
      target.focus();
    }
  }, [result]);
}

export default function TaskFormPage() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  useFocusFirstError(result);
  const v = d.view;
  const back = (
    <nav aria-label={t("forms.page.breadcrumb")} className="text-sm">
      <Link to={`/rooms/${d.roomId}/tasks/${d.taskId}`} className="text-brand-700 underline">
        {t("forms.page.backToTask")}
      </Link>
    </nav>
  );
  if (!v)
    return (
      <div className="space-y-6">
        {back}
        <section className="card space-y-3" aria-labelledby="attach-title">
          <h2 id="attach-title" className="text-xl font-semibold">
            {t("forms.attach.title")}
          </h2>
          {result?.formError ? <FormError messageKey={result.formError} params={result.params} /> : null}
          {d.library.length ? (
            <AttachForm library={d.library} result={result} />
          ) : (
            <p className="text-sm text-slate-600">
              {t("forms.attach.noLibrary")}{" "}
              <Link to="/forms" className="text-brand-700 underline">
                {t("forms.library.title")}
              </Link>
            </p>
          )}
        </section>
        <RoomFormCreate result={result} />
      </div>
    );
  const returned = new Map<string, Returned>(
    v.openReturns.map((r) => [r.fieldId, { comment: r.comment, returnedBy: r.returnedBy }]),
  );
  const answers = v.response?.answers ?? {};
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  const echoedValues =
    result && !result.ok && (result.values?.intent === "draft" || result.values?.intent === "submit")
      ? result.values
      : undefined;
  return (
    <div className="space-y-6">
      {back}
      <article className="card space-y-4" aria-labelledby="form-title">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="form-title" className="min-w-0 text-xl font-semibold wrap-anywhere">
            {v.form.title}
          </h2>
          <StatusBadge status={v.status} />
        </div>
        <p className="text-sm text-slate-600">
          {t("forms.page.forTask", { task: v.task.title })}
          {v.attachment.completesTask ? ` ${t("forms.page.completesTask")}` : ""}
        </p>
        {v.form.description ? (
          <p className="whitespace-pre-wrap text-slate-700 wrap-anywhere">{v.form.description}</p>
        ) : null}
        {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
        {result && !result.ok && result.formError ? (
          <FormError messageKey={result.formError} params={result.params} />
        ) : null}
        {v.openReturns.length && d.view && v.canFill ? (
          <div
            className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
            role="note"
          >
            {t("forms.fill.returnedLead", { count: v.openReturns.length })}
          </div>
        ) : null}
        {v.canFill ? (
          <Form method="post" encType="multipart/form-data" className="space-y-5" noValidate>
            <input type="hidden" name="version" value={v.version} />
            <FormInputs
              fields={v.fields}
              answers={answers}
              values={echoedValues}
              errors={fieldErrors}
              returned={returned}
            />
            <div className="flex flex-wrap gap-3">
              <button type="submit" name="intent" value="submit" className="btn-primary" disabled={busy}>
                {v.submissions.length ? t("forms.fill.resubmit") : t("forms.fill.submit")}
              </button>
              <button type="submit" name="intent" value="draft" className="btn-secondary" disabled={busy}>
                {t("forms.fill.saveDraft")}
              </button>
            </div>
          </Form>
        ) : v.status === "not_started" || (v.status === "draft" && !d.canManage) ? (
          <p className="text-sm text-slate-600">{t("forms.page.notSubmittedYet")}</p>
        ) : null}
        {!v.canFill && v.status === "draft" && d.canManage ? (
          <p className="text-sm text-slate-600">{t("forms.page.draftInProgress")}</p>
        ) : null}
        {!v.canFill && (v.status === "submitted" || v.status === "accepted") && !d.canManage ? (
          <div className="space-y-3">
            <p className="text-sm text-slate-600">
              {v.status === "accepted" ? t("forms.page.acceptedLead") : t("forms.page.submittedLead")}
            </p>
            <AnswerList fields={v.fields} answers={answers} />
          </div>
        ) : null}
      </article>

      {d.canManage && v.submissions.length ? <ReviewSection d={d} result={result} /> : null}

      {v.submissions.length ? (
        <section className="card space-y-3" aria-labelledby="versions-title">
          <h2 id="versions-title" className="text-lg font-semibold">
            {t("forms.review.versions")}
          </h2>
          <ol className="space-y-2">
            {v.submissions.map((s) => (
              <li key={s.number}>
                <details>
                  <summary className="cursor-pointer text-sm">
                    {t("forms.review.version", {
                      number: s.number,
                      name: s.submittedBy ?? "—",
                      date: formatDateTime(locale, s.submittedAt, d.timeZone),
                    })}
                  </summary>
                  <div className="mt-2">
                    <AnswerList fields={v.fields} answers={s.answers} />
                  </div>
                </details>
              </li>
            ))}
          </ol>
          {v.pastReturns.length ? (
            <div>
              <h3 className="text-sm font-semibold">{t("forms.review.pastReturns")}</h3>
              <ul className="mt-1 space-y-1 text-sm">
                {v.pastReturns.map((r) => (
                  <li key={r.id} className="wrap-anywhere">
                    {t("forms.review.pastReturn", {
                      field: v.fields.find((f) => f.id === r.fieldId)?.label ?? "—",
                      comment: r.comment,
                      number: r.resolvedBySubmission ?? 0,
                    })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ) : null}

      {d.canManage ? (
        <section className="card space-y-2" aria-labelledby="form-admin-title">
          <h2 id="form-admin-title" className="text-lg font-semibold">
            {t("forms.page.adminTitle")}
          </h2>
          <p className="text-sm">
            <a
              href={`/rooms/${d.roomId}/forms/${v.form.id}.csv`}
              className="text-brand-700 underline"
              download
            >
              {t("forms.page.csv")}
            </a>
          </p>
          {v.status === "not_started" ? (
            <p className="text-sm">
              <Link to={`/rooms/${d.roomId}/forms/${v.form.id}/edit`} className="text-brand-700 underline">
                {t("formsMore.room.editLink")}
              </Link>
            </p>
          ) : null}
          {v.status === "not_started" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="detach" />
              <button type="submit" className="btn-secondary">
                {t("forms.page.detach")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function ReviewSection({
  d,
  result,
}: {
  d: ReturnType<typeof useLoaderData<typeof loader>>;
  result: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const v = d.view!;
  const answers = v.submissions[0]?.answers ?? {};
  const open = new Map(v.openReturns.map((r) => [r.fieldId, r]));
  const values = result && !result.ok && result.values?.intent === "return" ? result.values : undefined;
  const reviewing = v.status === "submitted";
  return (
    <section className="card space-y-4" aria-labelledby="review-title">
      <h2 id="review-title" className="text-lg font-semibold">
        {t("forms.review.title")}
      </h2>
      <p className="text-sm text-slate-600">
        {reviewing
          ? t("forms.review.lead")
          : v.status === "returned"
            ? t("forms.review.waiting")
            : t("forms.review.accepted")}
      </p>
      <Form method="post" className="space-y-4">
        <input type="hidden" name="version" value={v.version} />
        <AnswerList
          fields={v.fields}
          answers={answers}
          extra={(f) =>
            open.get(f.id) ? (
              <p className="mt-1 text-sm text-amber-900">
                {t("forms.review.sentBack", { comment: open.get(f.id)!.comment })}
              </p>
            ) : reviewing ? (
              <div className="mt-2">
                <label htmlFor={`return-${f.id}`} className="text-xs text-slate-600">
                  {t("forms.review.returnComment", { field: f.label })}
                </label>
                <textarea
                  id={`return-${f.id}`}
                  name={`return_${f.id}`}
                  rows={2}
                  className="input"
                  defaultValue={values?.[`return_${f.id}`] ?? ""}
                  aria-invalid={result?.fieldErrors?.[`return_${f.id}`] ? true : undefined}
                />
              </div>
            ) : null
          }
        />
        {reviewing ? (
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="intent" value="return" className="btn-secondary">
              {t("forms.review.sendBack")}
            </button>
            <button type="submit" name="intent" value="accept" className="btn-primary">
              {t("forms.review.accept")}
            </button>
          </div>
        ) : null}
      </Form>
    </section>
  );
}

function RoomFormCreate({ result }: { result: ActionResult | undefined }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "ja";
  const mine = result && !result.ok && result.values?.intent === "createRoomForm" ? result : undefined;
  const error = mine?.fieldErrors?.title;
  return (
    <section className="card space-y-3" aria-labelledby="room-form-title">
      <h2 id="room-form-title" className="text-xl font-semibold">
        {t("formsMore.room.createTitle")}
      </h2>
      <p className="text-sm text-slate-600">{t("formsMore.room.createLead")}</p>
      {mine?.formError ? <FormError messageKey={mine.formError} params={mine.params} /> : null}
      <Form method="post" className="space-y-3" noValidate>
        <input type="hidden" name="intent" value="createRoomForm" />
        <div>
          <label htmlFor="room-form-name" className="label">
            {t("forms.builder.formTitle")}
            <span className="ml-1 text-red-700" aria-hidden="true">
              *
            </span>
          </label>
          <input
            id="room-form-name"
            name="title"
            className="input"
            required
            defaultValue={mine?.values?.title ?? ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "room-form-name-error" : undefined}
          />
          {error ? (
            <p id="room-form-name-error" className="field-error" role="alert">
              {t(error)}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="room-form-language" className="label">
            {t("forms.builder.language")}
          </label>
          <select
            id="room-form-language"
            name="language"
            className="input"
            defaultValue={mine?.values?.language ?? locale}
          >
            <option value="ja">{t("language.ja")}</option>
            <option value="en">{t("language.en")}</option>
          </select>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="completesTask"
            defaultChecked={mine ? mine.values?.completesTask === "on" : true}
          />
          {t("forms.attach.completesTask")}
        </label>
        <button type="submit" className="btn-secondary">
          {t("formsMore.room.create")}
        </button>
      </Form>
    </section>
  );
}

function AttachForm({
  library,
  result,
}: {
  library: { id: string; title: string; fieldCount: number }[];
  result: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const error = result?.fieldErrors?.formId;
  return (
    <Form method="post" className="space-y-3">
      <input type="hidden" name="intent" value="attach" />
      <div>
        <label htmlFor="attach-form" className="label">
          {t("forms.attach.form")}
        </label>
        <select id="attach-form" name="formId" className="input" aria-invalid={error ? true : undefined}>
          {library.map((f) => (
            <option key={f.id} value={f.id}>
              {t("forms.attach.option", { title: f.title, count: f.fieldCount })}
            </option>
          ))}
        </select>
        {error ? (
          <p className="field-error" role="alert">
            {t(error)}
          </p>
        ) : null}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="completesTask" defaultChecked />
        {t("forms.attach.completesTask")}
      </label>
      <button type="submit" className="btn-primary">
        {t("forms.attach.submit")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
