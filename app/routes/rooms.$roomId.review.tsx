import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { can, type RoomCapability } from "~/access/capabilities";
import { ErrorView } from "~/components/ErrorView";
import { ProposalText } from "~/components/reviews/ProposalText";
import { Field, FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import {
  addFinding,
  completeReview,
  getReviewPage,
  removeFinding,
  saveAnswers,
  sendSurvey,
  startReview,
  updateFinding,
} from "~/domain/reviews/reviews.server";
import {
  ANSWER_MAX,
  AnswersSchema,
  FINDING_MAX,
  FindingSchema,
  REQUIRED_TO_COMPLETE,
  REVIEW_QUESTIONS,
} from "~/domain/reviews/schemas";
import { formatDate } from "~/i18n/format";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";
import { DomainError } from "~/utils/errors";
import { fields } from "~/utils/forms";
import { throwHttp } from "~/utils/http.server";
import { FINDING_CATEGORIES, FINDING_COSTS, PLAN_SIDES, TEMPLATE_CHANGE_KINDS } from "~/vocabulary";
import { answerIntent, on } from "~/web/form-action.server";
import { requireRoomAccess } from "~/web/guards.server";

/** The review is the vendor's: customers get 404 (as for the handoff), staff without the capability 403. */
function requireReview(request: Request, roomId: string | undefined, capability: RoomCapability) {
  const access = requireRoomAccess(request, roomId, "room.view");
  if (!can(access.role, "review.view")) throwHttp(new DomainError(404, "errors.notFound"));
  if (!can(access.role, capability)) throwHttp(new DomainError(403, "errors.forbidden"));
  return access;
}

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireReview(request, params.roomId, "review.view");
  const page = getReviewPage(access);
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  return {
    roomId: access.room.id,
    accountName: access.account.name,
    canRun: can(access.role, "review.run"),
    review: page.review
      ? {
          status: page.review.status,
          version: page.review.version,
          answers: page.review.answers,
          startedOn: day(page.review.startedAt),
          completedOn: day(page.review.completedAt),
        }
      : null,
    findings: page.findings.map((f) => ({
      id: f.id,
      version: f.version,
      category: f.category,
      cost: f.cost,
      fixBy: f.fixBy,
      description: f.description,
      proposalKind: f.proposalKind,
      proposal: f.proposal,
      proposalStatus: f.proposalStatus,
      appliedRevision: f.appliedRevision,
    })),
    template: page.template,
    templateItems: page.templateItems
      ? {
          phases: page.templateItems.phases.map((p) => ({ id: p.id, title: p.title })),
          tasks: page.templateItems.tasks.map((x) => ({ id: x.id, title: x.title })),
          milestones: page.templateItems.milestones.map((m) => ({ id: m.id, title: m.title })),
        }
      : null,
    surveys: page.surveys.map((s) => ({
      id: s.id,
      name: s.name ?? s.email,
      sentOn: day(s.createdAt),
      expired: !s.answeredAt && s.expiresAt <= new Date(),
      answeredOn: day(s.answeredAt),
      satisfaction: s.satisfaction,
      recommend: s.recommend,
      comment: s.comment,
    })),
    candidates: page.candidates,
  };
}

const Version = z.object({ version: fields.version() });
const FindingRef = z.object({ findingId: z.string().catch(""), version: fields.version() });
const SurveyRecipients = z.object({
  stakeholderIds: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string()).min(1, { message: "review.chooseRecipients" }),
  ),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireReview(request, params.roomId, "review.view");
  const formData = await request.formData();
  const run = { guard: () => requireReview(request, params.roomId, "review.run") };
  return answerIntent(formData, {
    start: on(z.object({}), () => void startReview(access), "review.started", run),
    answers: on(AnswersSchema, (i) => saveAnswers(access, i), "review.saved", run),
    complete: on(Version, (i) => completeReview(access, i.version), "review.completed", run),
    addFinding: on(FindingSchema, (i) => void addFinding(access, i), "review.findingAdded", run),
    updateFinding: on(
      FindingSchema.and(FindingRef),
      (i) => updateFinding(access, i.findingId, i),
      "review.findingUpdated",
      run,
    ),
    removeFinding: on(
      FindingRef,
      (i) => removeFinding(access, i.findingId, i.version),
      "review.findingRemoved",
      run,
    ),
    survey: on(
      SurveyRecipients,
      (i) => sendSurvey(access, i.stakeholderIds),
      (r) => ({ notice: "review.surveySent", params: { count: r.sent } }),
      run,
    ),
  });
}

type Data = ReturnType<typeof loader>;
type FindingView = Data["findings"][number];

/** After a refused post, the focus goes to the first field in error (else the form's error). */
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

function TextArea({
  label,
  name,
  defaultValue,
  error,
  hint,
  maxLength,
  required,
  rows = 3,
}: {
  label: string;
  name: string;
  defaultValue?: string;
  error?: string;
  hint?: string;
  maxLength: number;
  required?: boolean;
  rows?: number;
}) {
  return (
    <Field label={label} name={name} error={error} hint={hint} required={required}>
      {(a) => (
        <textarea {...a} rows={rows} maxLength={maxLength} defaultValue={defaultValue} className="input" />
      )}
    </Field>
  );
}

function FindingFields({ d, f, failed }: { d: Data; f?: FindingView; failed?: ActionResult }) {
  const { t } = useTranslation();
  const v = failed?.values;
  const e = failed?.fieldErrors ?? {};
  const p = (f?.proposal ?? {}) as Record<string, unknown>;
  const val = (key: string, fallback: unknown) =>
    v ? (v[key] ?? "") : fallback === undefined || fallback === null ? "" : String(fallback);
  const decided = f?.proposalStatus === "accepted" || f?.proposalStatus === "rejected";
  const items = d.templateItems;
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label={t("review.category")}
          name="category"
          required
          defaultValue={val("category", f?.category)}
          error={e.category}
          options={FINDING_CATEGORIES.map((c) => ({ value: c, label: t(`review.categories.${c}`) }))}
        />
        <SelectField
          label={t("review.cost")}
          name="cost"
          required
          hint={t("review.costHint")}
          defaultValue={val("cost", f?.cost)}
          error={e.cost}
          options={FINDING_COSTS.map((c) => ({ value: c, label: t(`review.costs.${c}`) }))}
        />
        <TextField
          label={t("review.fixBy")}
          name="fixBy"
          type="date"
          defaultValue={val("fixBy", f?.fixBy)}
          error={e.fixBy}
        />
      </div>
      <TextArea
        label={t("review.description")}
        name="description"
        required
        maxLength={FINDING_MAX}
        defaultValue={val("description", f?.description)}
        error={e.description}
      />
      {decided ? (
        <p className="text-sm text-slate-600">{t("review.proposalLocked")}</p>
      ) : items ? (
        <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">
            {t("review.proposalLegend", { template: d.template?.name ?? "" })}
          </legend>
          <p className="text-xs text-slate-500">{t("review.proposalHint")}</p>
          <SelectField
            label={t("review.proposalKind")}
            name="proposalKind"
            placeholder={t("review.noProposal")}
            defaultValue={val("proposalKind", f?.proposalKind)}
            error={e.proposalKind}
            options={TEMPLATE_CHANGE_KINDS.map((k) => ({ value: k, label: t(`review.kinds.${k}`) }))}
          />
          <div className="grid gap-3 sm:grid-cols-3">
            <SelectField
              label={t("review.pPhase")}
              name="pPhaseId"
              placeholder="—"
              defaultValue={val("pPhaseId", p.phaseId)}
              error={e.pPhaseId}
              options={items.phases.map((x) => ({ value: x.id, label: x.title }))}
            />
            <SelectField
              label={t("review.pTask")}
              name="pTaskId"
              placeholder="—"
              defaultValue={val("pTaskId", p.taskId)}
              error={e.pTaskId}
              options={items.tasks.map((x) => ({ value: x.id, label: x.title }))}
            />
            <SelectField
              label={t("review.pMilestone")}
              name="pMilestoneId"
              placeholder="—"
              defaultValue={val("pMilestoneId", p.milestoneId)}
              error={e.pMilestoneId}
              options={items.milestones.map((x) => ({ value: x.id, label: x.title }))}
            />
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              label={t("review.pTitle")}
              name="pTitle"
              defaultValue={val("pTitle", p.title)}
              error={e.pTitle}
            />
            <SelectField
              label={t("review.pSide")}
              name="pSide"
              placeholder="—"
              defaultValue={val("pSide", p.side)}
              error={e.pSide}
              options={PLAN_SIDES.map((s) => ({ value: s, label: t(`templates.side.${s}`) }))}
            />
          </div>
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField
              label={t("review.pStart")}
              name="pStart"
              inputMode="numeric"
              defaultValue={val("pStart", p.startOffsetDays)}
              error={e.pStart}
            />
            <TextField
              label={t("review.pDue")}
              name="pDue"
              inputMode="numeric"
              defaultValue={val("pDue", p.dueOffsetDays)}
              error={e.pDue}
            />
            <TextField
              label={t("review.pOffset")}
              name="pOffset"
              inputMode="numeric"
              defaultValue={val("pOffset", p.offsetDays)}
              error={e.pOffset}
            />
          </div>
        </fieldset>
      ) : (
        <p className="text-sm text-slate-600">{t("review.noTemplateHint")}</p>
      )}
    </div>
  );
}

function FindingCard({ d, f, result }: { d: Data; f: FindingView; result?: ActionResult }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const busy = useNavigation().state !== "idle";
  const failed =
    result && !result.ok && result.values?.intent === "updateFinding" && result.values.findingId === f.id
      ? result
      : undefined;
  const editable = d.canRun && d.review?.status === "open";
  return (
    <li className="card space-y-2" data-testid="finding">
      <p className="flex flex-wrap gap-2 text-xs">
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">
          {t(`review.categories.${f.category}`)}
        </span>
        <span
          className={`rounded-full px-2 py-0.5 ${f.cost === "high" ? "bg-red-50 text-red-800" : f.cost === "medium" ? "bg-amber-50 text-amber-800" : "bg-slate-100 text-slate-700"}`}
        >
          {t("review.costLabel", { cost: t(`review.costs.${f.cost}`) })}
        </span>
        {f.fixBy ? (
          <span className="text-slate-600">
            {t("review.fixByLabel", { date: formatDate(locale, f.fixBy) })}
          </span>
        ) : null}
      </p>
      <p className="break-words whitespace-pre-line">{f.description}</p>
      {f.proposalKind ? (
        <p className="rounded-md bg-brand-50 p-2 text-sm break-words text-slate-800">
          <ProposalText kind={f.proposalKind} proposal={f.proposal} />{" "}
          <span className="font-medium">
            (
            {f.proposalStatus === "accepted"
              ? t("review.proposalAccepted", { revision: f.appliedRevision ?? "" })
              : t(`review.proposalStatus.${f.proposalStatus ?? "proposed"}`)}
            )
          </span>
        </p>
      ) : null}
      {editable ? (
        <div className="flex flex-wrap items-start gap-2 border-t border-slate-100 pt-2">
          <details className="w-full" open={!!failed}>
            <summary className="cursor-pointer text-sm font-medium text-brand-700">
              {t("review.editFinding")}
            </summary>
            <Form method="post" noValidate className="mt-3 space-y-3">
              <input type="hidden" name="intent" value="updateFinding" />
              <input type="hidden" name="findingId" value={f.id} />
              <input type="hidden" name="version" value={f.version} />
              <FindingFields d={d} f={f} failed={failed} />
              {failed?.formError ? <FormError messageKey={failed.formError} params={failed.params} /> : null}
              <button type="submit" className="btn-primary" disabled={busy}>
                {t("review.saveFinding")}
              </button>
            </Form>
          </details>
          {f.proposalStatus !== "accepted" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="removeFinding" />
              <input type="hidden" name="findingId" value={f.id} />
              <input type="hidden" name="version" value={f.version} />
              <button type="submit" className="btn-danger px-3 py-1" disabled={busy}>
                {t("review.removeFinding")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

export default function ReviewPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const locale = useRootData()?.locale ?? "en";
  const busy = useNavigation().state !== "idle";
  useFocusFirstError(result);
  const failed = result && !result.ok ? result : undefined;
  const failedOf = (intent: string) => (failed?.values?.intent === intent ? failed : undefined);
  const answersFailed = failedOf("answers");
  const completeFailed = failedOf("complete");
  const addFailed = failedOf("addFinding");
  const surveyFailed = failedOf("survey");
  const topFailure =
    failed && ["start", "removeFinding"].includes(failed.values?.intent ?? "") ? failed : undefined;
  const updateOrphan =
    failedOf("updateFinding") && !d.findings.some((f) => f.id === failed?.values?.findingId);
  const review = d.review;
  const open = review?.status === "open";
  const editable = d.canRun && open;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">{t("review.title")}</h2>
        {review ? (
          <span
            className={`rounded-full px-2 py-0.5 text-sm ${open ? "bg-amber-50 text-amber-800" : "bg-emerald-50 text-emerald-800"}`}
            data-testid="review-status"
          >
            {open
              ? t("review.statusOpen", { date: formatDate(locale, review.startedOn) })
              : t("review.statusCompleted", { date: formatDate(locale, review.completedOn) })}
          </span>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">{t("review.intro")}</p>
      {result?.ok && result.notice ? <Notice>{t(result.notice, result.params)}</Notice> : null}
      {topFailure?.formError ? (
        <FormError messageKey={topFailure.formError} params={topFailure.params} />
      ) : null}
      {updateOrphan ? <FormError messageKey={failed?.formError ?? "errors.notFound"} /> : null}

      {!review ? (
        <section className="card space-y-3">
          <p>{t("review.notStartedBody")}</p>
          {d.canRun ? (
            <Form method="post">
              <input type="hidden" name="intent" value="start" />
              <button type="submit" className="btn-primary" disabled={busy}>
                {t("review.start")}
              </button>
            </Form>
          ) : (
            <p className="text-sm text-slate-600">{t("review.readOnly")}</p>
          )}
        </section>
      ) : (
        <>
          <section className="card space-y-4" aria-labelledby="review-questions">
            <h3 id="review-questions" className="text-base font-semibold">
              {t("review.questionsTitle")}
            </h3>
            {editable ? (
              <Form method="post" noValidate className="space-y-4">
                <input type="hidden" name="intent" value="answers" />
                <input type="hidden" name="version" value={review.version} />
                {answersFailed?.formError ? (
                  <FormError messageKey={answersFailed.formError} params={answersFailed.params} />
                ) : null}
                {REVIEW_QUESTIONS.map((q) => (
                  <TextArea
                    key={q}
                    label={t(`review.questions.${q}`)}
                    hint={t(`review.hints.${q}`)}
                    name={q}
                    maxLength={ANSWER_MAX}
                    required={REQUIRED_TO_COMPLETE.includes(q)}
                    defaultValue={
                      answersFailed ? (answersFailed.values?.[q] ?? "") : (review.answers[q] ?? "")
                    }
                    error={answersFailed?.fieldErrors?.[q] ?? completeFailed?.fieldErrors?.[q]}
                  />
                ))}
                <button type="submit" className="btn-primary" disabled={busy}>
                  {t("review.saveAnswers")}
                </button>
              </Form>
            ) : (
              <dl className="space-y-3">
                {REVIEW_QUESTIONS.map((q) => (
                  <div key={q}>
                    <dt className="text-sm font-medium text-slate-700">{t(`review.questions.${q}`)}</dt>
                    <dd className="break-words whitespace-pre-line">
                      {review.answers[q] || t("review.noAnswer")}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </section>

          <section className="space-y-3" aria-labelledby="review-findings">
            <h3 id="review-findings" className="text-base font-semibold">
              {t("review.findingsTitle")}{" "}
              <span className="text-sm font-normal text-slate-500">
                {t("review.findingsCount", { count: d.findings.length })}
              </span>
            </h3>
            {d.findings.length === 0 ? (
              <p className="card text-sm text-slate-600">{t("review.findingsEmpty")}</p>
            ) : (
              <ul className="space-y-3">
                {d.findings.map((f) => (
                  <FindingCard key={f.id} d={d} f={f} result={result} />
                ))}
              </ul>
            )}
            {editable ? (
              <details className="card" open={!!addFailed}>
                <summary className="cursor-pointer font-medium text-brand-700">
                  {t("review.addFinding")}
                </summary>
                <Form
                  method="post"
                  noValidate
                  className="mt-3 space-y-3"
                  key={result?.ok ? `added-${d.findings.length}` : "editing"}
                >
                  <input type="hidden" name="intent" value="addFinding" />
                  {addFailed?.formError ? (
                    <FormError messageKey={addFailed.formError} params={addFailed.params} />
                  ) : null}
                  <FindingFields d={d} failed={addFailed} />
                  <button type="submit" className="btn-primary" disabled={busy}>
                    {t("review.addFindingButton")}
                  </button>
                </Form>
              </details>
            ) : null}
          </section>

          <section className="card space-y-3" aria-labelledby="review-survey">
            <h3 id="review-survey" className="text-base font-semibold">
              {t("review.surveyTitle")}
            </h3>
            <p className="text-sm text-slate-600">{t("review.surveyIntro", { account: d.accountName })}</p>
            {d.canRun ? (
              d.candidates.length === 0 ? (
                <p className="text-sm text-slate-600">{t("review.surveyNoCandidates")}</p>
              ) : (
                <Form method="post" noValidate className="space-y-3">
                  <input type="hidden" name="intent" value="survey" />
                  <fieldset
                    aria-describedby={surveyFailed?.fieldErrors?.stakeholderIds ? "survey-error" : undefined}
                  >
                    <legend className="label">{t("review.surveyRecipients")}</legend>
                    <ul className="space-y-2">
                      {d.candidates.map((c) => (
                        <li key={c.id} className="flex items-start gap-2">
                          <input
                            id={`survey-${c.id}`}
                            type="checkbox"
                            name="stakeholderIds"
                            value={c.id}
                            defaultChecked={surveyFailed ? false : c.isSponsor}
                            aria-invalid={surveyFailed?.fieldErrors?.stakeholderIds ? true : undefined}
                            className="mt-1 h-4 w-4 rounded border-slate-300"
                          />
                          <label htmlFor={`survey-${c.id}`} className="text-sm break-all">
                            {c.name} <span className="text-slate-500">({c.email})</span>
                            {c.isSponsor ? (
                              <span className="ml-1 text-xs text-brand-800">{t("team.roles.sponsor")}</span>
                            ) : null}
                          </label>
                        </li>
                      ))}
                    </ul>
                  </fieldset>
                  {surveyFailed?.fieldErrors?.stakeholderIds ? (
                    <p id="survey-error" className="field-error" role="alert">
                      {t(surveyFailed.fieldErrors.stakeholderIds)}
                    </p>
                  ) : null}
                  {surveyFailed?.formError ? <FormError messageKey={surveyFailed.formError} /> : null}
                  <button type="submit" className="btn-secondary" disabled={busy}>
                    {t("review.askCustomer")}
                  </button>
                </Form>
              )
            ) : null}
            {d.surveys.length === 0 ? (
              <p className="text-sm text-slate-600">{t("review.surveysEmpty")}</p>
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="survey-answers">
                {d.surveys.map((s) => (
                  <li key={s.id} className="space-y-1 py-2 text-sm">
                    <p className="font-medium break-words">
                      {s.name}{" "}
                      <span className="font-normal text-slate-600">
                        {s.answeredOn
                          ? t("review.surveyAnsweredOn", { date: formatDate(locale, s.answeredOn) })
                          : s.expired
                            ? t("review.surveyExpired")
                            : t("review.surveySentOn", { date: formatDate(locale, s.sentOn) })}
                      </span>
                    </p>
                    {s.answeredOn ? (
                      <>
                        <p>
                          {t("review.surveyScores", {
                            satisfaction: s.satisfaction ?? "—",
                            recommend: s.recommend ?? "—",
                          })}
                        </p>
                        {s.comment ? (
                          <p className="break-words whitespace-pre-line text-slate-700">{s.comment}</p>
                        ) : null}
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>

          {editable ? (
            <section className="card space-y-3" aria-labelledby="review-complete">
              <h3 id="review-complete" className="text-base font-semibold">
                {t("review.completeTitle")}
              </h3>
              <p className="text-sm text-slate-600">{t("review.completeHint")}</p>
              {completeFailed?.formError ? (
                <FormError messageKey={completeFailed.formError} params={completeFailed.params} />
              ) : completeFailed?.fieldErrors ? (
                <FormError messageKey="review.completeNeedsAnswers" />
              ) : null}
              <Form method="post">
                <input type="hidden" name="intent" value="complete" />
                <input type="hidden" name="version" value={review.version} />
                <button type="submit" className="btn-primary" disabled={busy}>
                  {t("review.complete")}
                </button>
              </Form>
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
