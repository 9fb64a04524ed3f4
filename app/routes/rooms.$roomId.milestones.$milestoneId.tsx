import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, type RoomCapability } from "~/access/capabilities";
import { requireRoomAccess } from "~/web/guards.server";
import { CommentThread } from "~/components/comments/CommentThread";
import { ErrorView } from "~/components/ErrorView";
import { MilestoneRating } from "~/components/health/MilestoneRating";
import { myMilestoneRating, rateMilestone, RatingSchema } from "~/domain/health/health.server";
import { MilestoneForm, TaskStatusBadge } from "~/components/planEdit/PlanForms";
import { FormError, Notice } from "~/components/ui/Field";
import { listComments, mentionableMembers } from "~/domain/comments/comments.server";
import { getMilestoneDetail } from "~/domain/plan/editing.server";
import { daysBetween, todayIn } from "~/domain/plan/dates";
import { completedDateIn, milestoneSchedule, SCHEDULE_TONE, scheduleText } from "~/domain/plan/schedule";
import { getPlan, seesInternal } from "~/domain/plan/plan.server";
import { formatDate, formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import { orStatusPage } from "~/utils/http.server";
import { commentForm } from "~/web/comment-action.server";
import { readFileForm } from "~/web/file-forms.server";
import { answerIntent, on } from "~/web/form-action.server";
import { planItemForms } from "~/web/plan-items.server";
import { SignOffPanel } from "~/components/signoff/SignOffPanel";
import {
  decideSignOff,
  getSignOffView,
  requestSignOffAgain,
  SIGN_OFF_COMMENT_MAX,
} from "~/domain/signoff/signoff.server";
import { SIGN_OFF_DECISIONS } from "~/vocabulary";
import { fields } from "~/utils/forms";
import { z } from "zod";

const DecideSchema = z.object({
  signOffId: fields.requiredText(64),
  decision: fields.enumOf(SIGN_OFF_DECISIONS),
  comment: fields.optionalText(SIGN_OFF_COMMENT_MAX),
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.milestone.title} · Launchroom` : "Launchroom" },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.view");
  const detail = orStatusPage(() => getMilestoneDetail(access, params.milestoneId ?? ""));
  const canEdit = can(access.role, "plan.edit");
  const plan = canEdit ? getPlan(access) : null;
  const m = detail.milestone;
  return {
    roomId: access.room.id,
    timeZone: access.account.timeZone,
    ...detail,
    milestone: { ...m, taskIds: detail.requiredTasks.map((t) => t.id) },
    slipDays: daysBetween(m.baselineDate, m.targetDate),
    schedule: milestoneSchedule(
      { targetDate: m.targetDate, completedDate: completedDateIn(m.completedAt, access.account.timeZone) },
      todayIn(access.account.timeZone),
    ),
    comments: listComments(access, "milestone", m.id),
    canComment: can(access.role, "comments.write"),
    canCommentInternal: can(access.role, "comments.write") && seesInternal(access.role),
    canAttach: can(access.role, "comments.write") && can(access.role, "documents.upload"),
    mentionable: can(access.role, "comments.write")
      ? mentionableMembers(access.room.id, m.visibility === "internal")
          .filter((x) => x.userId !== access.user.id)
          .map((x) => ({ userId: x.userId, name: x.name }))
      : [],
    signOff: getSignOffView(access, m.id),
    staff: seesInternal(access.role),
    editorTasks: plan ? plan.tasks.map((t) => ({ id: t.id, title: t.title })) : null,
    // Customers rate completed shared milestones (a health input); vendors read ratings on the health panel.
    rating:
      can(access.role, "milestones.rate") && m.completedAt && m.visibility === "shared"
        ? { mine: myMilestoneRating(access, m.id) }
        : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.view");
  // Multipart when files come with it (attachments, issue 12): checked and kept while they stream.
  const read = await readFileForm(request, "files");
  if ("answer" in read) return read.answer;
  const formData = read.upload.form;
  const needs = (capability: RoomCapability) => () => requireRoomAccess(request, params.roomId, capability);
  const milestoneId = params.milestoneId ?? "";
  // The milestone edited or rated is the one of the URL, whatever the form says.
  formData.set("milestoneId", milestoneId);
  const { updateMilestone, removeMilestone } = planItemForms(access, `/rooms/${access.room.id}/plan/edit`);
  return answerIntent(formData, {
    rate: on(RatingSchema, (i) => rateMilestone(access, i), "rating.saved", {
      guard: needs("milestones.rate"),
    }),
    comment: commentForm(access, "milestone", milestoneId, needs("comments.write"), read.upload),
    // The A's decision; any other customer is refused by the domain (403), staff by the capability.
    decideSignOff: on(
      DecideSchema,
      (i) => decideSignOff(access, milestoneId, i),
      (_, i) => (i.decision === "approved" ? "signOff.notice.approved" : "signOff.notice.changesRequested"),
      { guard: needs("milestones.signOff") },
    ),
    requestSignOff: on(
      z.object({}),
      () => requestSignOffAgain(access, milestoneId),
      (outcome) => (outcome === "resent" ? "signOff.notice.resent" : "signOff.notice.requested"),
      { guard: needs("plan.edit") },
    ),
    updateMilestone: { ...updateMilestone, guard: needs("plan.edit") },
    removeMilestone: { ...removeMilestone, guard: needs("plan.edit") },
  });
}

export default function MilestoneDetail() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const m = d.milestone;
  const editResult = result?.values?.intent === "updateMilestone" ? result : undefined;
  const removeFailure =
    result && !result.ok && result.values?.intent === "removeMilestone" ? result : undefined;
  return (
    <div className="space-y-6">
      <nav aria-label={t("task.breadcrumb")} className="text-sm">
        <Link to={`/rooms/${d.roomId}/plan`} className="text-brand-700 underline">
          {t("task.backToPlan")}
        </Link>
      </nav>
      <article className="card space-y-4" aria-labelledby="milestone-title">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="milestone-title" className="min-w-0 text-xl font-semibold wrap-anywhere">
            {m.title}
          </h2>
          {m.isFirstValue ? (
            <span className="rounded-full bg-brand-100 px-2 py-0.5 text-xs font-medium text-brand-800">
              {t("task.firstValue")}
            </span>
          ) : null}
          {m.completedAt ? (
            <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">
              {t("task.milestoneDone")}
            </span>
          ) : null}
          {m.visibility === "internal" ? (
            <span className="rounded-full bg-amber-200 px-2 py-0.5 text-xs font-semibold text-amber-900">
              {t("task.internal")}
            </span>
          ) : null}
        </div>
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <div className="sm:col-span-3">
            <dt className="text-slate-500">{t("lateness.schedule.label")}</dt>
            <dd data-testid="milestone-schedule" className={SCHEDULE_TONE[d.schedule.state]}>
              {scheduleText(t, locale, d.schedule)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("task.targetDate")}</dt>
            <dd>{formatDate(locale, m.targetDate)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("task.baselineDate")}</dt>
            <dd>{formatDate(locale, m.baselineDate)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("task.slip")}</dt>
            <dd data-testid="slip">
              {d.slipDays === 0
                ? t("task.onBaseline")
                : d.slipDays > 0
                  ? t("task.slipLater", { count: d.slipDays })
                  : t("task.slipEarlier", { count: -d.slipDays })}
            </dd>
          </div>
          {m.completedAt ? (
            <div>
              <dt className="text-slate-500">{t("task.completedAt")}</dt>
              <dd>{formatDateTime(locale, m.completedAt, d.timeZone)}</dd>
            </div>
          ) : null}
        </dl>
        <div>
          <h3 className="text-sm font-semibold">
            {t("task.requiredTasks", { done: d.requiredDone, total: d.requiredTotal })}
          </h3>
          {d.requiredTasks.length ? (
            <ul className="mt-1 space-y-1 text-sm">
              {d.requiredTasks.map((task) => (
                <li key={task.id} className="flex items-center gap-2">
                  <Link to={`/rooms/${d.roomId}/tasks/${task.id}`} className="text-brand-700 underline">
                    {task.title}
                  </Link>
                  <TaskStatusBadge status={task.status} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-sm text-slate-500">{t("task.noRequiredTasks")}</p>
          )}
        </div>
      </article>

      {d.signOff ? (
        <SignOffPanel
          roomId={d.roomId}
          milestoneId={m.id}
          completed={!!m.completedAt}
          staff={d.staff}
          timeZone={d.timeZone}
          data={d.signOff}
          result={
            result?.values?.intent === "decideSignOff" || result?.values?.intent === "requestSignOff"
              ? result
              : undefined
          }
        />
      ) : null}

      {d.editorTasks ? (
        <section className="card space-y-3" aria-labelledby="milestone-edit-title">
          {editResult?.ok && editResult.notice ? <Notice>{t(editResult.notice)}</Notice> : null}
          <details open={!!editResult && !editResult.ok}>
            <summary id="milestone-edit-title" className="cursor-pointer text-base font-semibold">
              {t("task.editMilestone")}
            </summary>
            <div className="mt-3 space-y-3">
              <MilestoneForm
                key={`${m.id}-${m.version}`}
                intent="updateMilestone"
                mode={{ schedule: "dates" }}
                version={m.version}
                milestone={m}
                tasks={d.editorTasks}
                result={editResult}
                submitLabel={t("task.save")}
              />
            </div>
          </details>
          {removeFailure?.formError ? (
            <FormError messageKey={removeFailure.formError} params={removeFailure.params} />
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="removeMilestone" />
            <input type="hidden" name="version" value={m.version} />
            <button type="submit" className="btn-danger">
              {t("task.removeMilestone")}
            </button>
          </Form>
        </section>
      ) : null}

      {d.rating ? (
        <MilestoneRating
          milestoneId={m.id}
          mine={d.rating.mine}
          result={result?.values?.intent === "rate" ? result : undefined}
        />
      ) : null}

      <CommentThread
        comments={d.comments}
        canWrite={d.canComment}
        canWriteInternal={d.canCommentInternal}
        canAttach={d.canAttach}
        mentionable={d.mentionable}
        timeZone={d.timeZone}
        result={result}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
