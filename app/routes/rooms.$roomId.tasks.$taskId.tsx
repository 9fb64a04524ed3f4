import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AttachmentList, FileInput } from "~/components/documents/FileBits";
import {
  attachToTask,
  listTaskAttachments,
  mayRemoveAttachment,
  removeTaskAttachment,
} from "~/domain/documents/attachments.server";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { can, type RoomCapability } from "~/access/capabilities";
import { requireRoomAccess } from "~/web/guards.server";
import { CommentThread } from "~/components/comments/CommentThread";
import { ErrorView } from "~/components/ErrorView";
import { OverdueBadge } from "~/components/plan/Badges";
import { TaskResult, TaskStatusControls } from "~/components/plan/TaskStatusControls";
import { useInPlaceStatus } from "~/components/plan/useInPlaceStatus";
import { TaskForm, TaskStatusBadge } from "~/components/planEdit/PlanForms";
import { LiveMessage } from "~/components/ui/LiveMessage";
import { FormError, Notice } from "~/components/ui/Field";
import { FormStatusBadge } from "~/components/forms/FormFields";
import { taskFormSummary } from "~/domain/forms/forms.server";
import { listComments, mentionableMembers } from "~/domain/comments/comments.server";
import { meetingOfTask } from "~/domain/meetings/meetings.server";
import { getTaskDetail } from "~/domain/plan/editing.server";
import { isOverdue, todayIn } from "~/domain/plan/dates";
import { canUpdateTask, getPlan, seesInternal } from "~/domain/plan/plan.server";
import { formatDate, formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import { orStatusPage } from "~/utils/http.server";
import { commentForm } from "~/web/comment-action.server";
import { readFileForm } from "~/web/file-forms.server";
import { uploadsOf } from "~/web/file-forms.server";
import { answerIntent, on } from "~/web/form-action.server";
import { planItemForms, statusNoticeFrom, taskStatusForm } from "~/web/plan-items.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.task.title} · Launchroom` : "Launchroom" },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.view");
  const detail = orStatusPage(() => getTaskDetail(access, params.taskId ?? ""));
  const canEdit = can(access.role, "plan.edit");
  const plan = canEdit ? getPlan(access) : null;
  const internalTalk = detail.task.visibility === "internal";
  return {
    roomId: access.room.id,
    timeZone: access.account.timeZone,
    ...detail,
    task: { ...detail.task, dependsOn: detail.dependsOn.map((d) => d.id) },
    overdue: isOverdue(detail.task, todayIn(access.account.timeZone)),
    canUpdateStatus: canUpdateTask(access.role, detail.task),
    // The notice of a status change posted without JavaScript (see taskStatusForm).
    statusNotice: statusNoticeFrom(request) ?? null,
    /** The meeting whose action item became this task (linked both ways). */
    fromMeeting: meetingOfTask(access, detail.task.id),
    comments: listComments(access, "task", detail.task.id),
    /** The task's form (ヒアリングシート), if one is attached; staff who run the room may attach one. */
    taskForm: taskFormSummary(access, detail.task.id),
    canManageForms: can(access.role, "forms.manage"),
    attachments: listTaskAttachments(detail.task.id).map(({ createdById, ...file }) => ({
      ...file,
      removable: mayRemoveAttachment(access, createdById),
    })),
    canAttachToTask: can(access.role, "documents.upload"),
    canComment: can(access.role, "comments.write"),
    canCommentInternal: can(access.role, "comments.write") && seesInternal(access.role),
    canAttach: can(access.role, "comments.write") && can(access.role, "documents.upload"),
    mentionable: can(access.role, "comments.write")
      ? mentionableMembers(access.room.id, internalTalk)
          .filter((m) => m.userId !== access.user.id)
          .map((m) => ({ userId: m.userId, name: m.name }))
      : [],
    editor: plan
      ? {
          phases: plan.phases.map((p) => ({ id: p.id, title: p.title })),
          tasks: plan.tasks.map((t) => ({ id: t.id, title: t.title })),
          stakeholders: plan.stakeholders.map((s) => ({ id: s.id, name: s.name })),
        }
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
  const taskId = params.taskId ?? "";
  // The task edited is the one of the URL, whatever the form says.
  formData.set("taskId", taskId);
  const { updateTask, removeTask } = planItemForms(access, `/rooms/${access.room.id}/plan/edit`);
  return answerIntent(formData, {
    comment: commentForm(access, "task", taskId, needs("comments.write"), read.upload),
    status: taskStatusForm(access, request, formData, {
      guard: needs("plan.updateCustomerTasks"),
      anchor: () => "status",
    }),
    updateTask: { ...updateTask, guard: needs("plan.edit") },
    removeTask: { ...removeTask, guard: needs("plan.edit") },
    attach: on(
      z.object({}),
      () => attachToTask(access, taskId, uploadsOf(read.upload, "files")),
      (r) => ({ notice: "documents.attachments.added", params: { count: r.count } }),
      { guard: needs("documents.upload") },
    ),
    removeAttachment: on(
      z.object({ fileId: z.string().min(1), fileName: z.string().default("") }),
      (i) => removeTaskAttachment(access, taskId, i.fileId),
      (_r, i) => ({ notice: "documents.attachments.removed", params: { name: i.fileName } }),
    ),
  });
}

export default function TaskDetail() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const inPlace = useInPlaceStatus();
  const statusResult =
    inPlace.result ??
    (result?.values?.intent === "status" ? result : undefined) ??
    d.statusNotice ??
    undefined;
  const editResult = result?.values?.intent === "updateTask" ? result : undefined;
  const removeFailure = result && !result.ok && result.values?.intent === "removeTask" ? result : undefined;
  const task = d.task;
  const attachResult = result?.values?.intent === "attach" ? result : undefined;
  const removeAttachmentResult = result?.values?.intent === "removeAttachment" ? result : undefined;
  return (
    <div className="space-y-6">
      <nav aria-label={t("task.breadcrumb")} className="text-sm">
        <Link to={`/rooms/${d.roomId}/plan`} className="text-brand-700 underline">
          {t("task.backToPlan")}
        </Link>
      </nav>
      <article className="card space-y-4" aria-labelledby="task-title">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="task-title" className="min-w-0 text-xl font-semibold wrap-anywhere">
            {task.title}
          </h2>
          <TaskStatusBadge status={task.status} />
          {d.overdue ? <OverdueBadge /> : null}
          {d.fromMeeting ? (
            <Link
              to={`/rooms/${d.roomId}/meetings/${d.fromMeeting.meetingId}`}
              className="text-sm text-brand-700 underline"
              data-testid="from-meeting"
            >
              {t("meetings.fromMeeting", {
                title: d.fromMeeting.title,
                date: formatDate(locale, d.fromMeeting.date),
              })}
            </Link>
          ) : null}
          {task.visibility === "internal" ? (
            <span className="rounded-full bg-amber-200 px-2 py-0.5 text-xs font-semibold text-amber-900">
              {t("task.internal")}
            </span>
          ) : null}
        </div>
        {d.canUpdateStatus ? (
          <section
            id="status"
            data-task-id={task.id}
            aria-labelledby="task-status-title"
            className="scroll-mt-24 space-y-2 rounded-md bg-slate-50 p-3"
            {...inPlace.containerProps}
          >
            <h3 id="task-status-title" className="text-sm font-semibold">
              {t("home.statusTitle")}
            </h3>
            <TaskResult result={statusResult} />
            <TaskStatusControls task={task} result={statusResult} />
            <LiveMessage result={inPlace.result} />
          </section>
        ) : null}
        {task.description ? (
          <p className="whitespace-pre-wrap text-slate-700 wrap-anywhere">{task.description}</p>
        ) : null}
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">{t("task.phase")}</dt>
            <dd className="wrap-anywhere">{d.phase?.title ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("task.side")}</dt>
            <dd>{t(`task.sides.${task.side}`)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("task.assignee")}</dt>
            <dd>{d.assignee?.name ?? t("task.unassigned")}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("task.startDate")}</dt>
            <dd>{formatDate(locale, task.startDate)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("task.dueDate")}</dt>
            <dd>
              {formatDate(locale, task.dueDate)}
              {task.dueDate ? (
                <a
                  href={`../ics/task/${task.id}`}
                  className="ml-2 text-sm text-brand-700 underline hover:text-brand-800"
                  download
                >
                  {t("task.addToCalendar")}
                </a>
              ) : null}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("task.completedAt")}</dt>
            <dd>{task.completedAt ? formatDateTime(locale, task.completedAt, d.timeZone) : "—"}</dd>
          </div>
        </dl>
        {d.taskForm ? (
          <section aria-labelledby="task-form-title" className="rounded-md border border-slate-200 p-3">
            <h3 id="task-form-title" className="text-sm font-semibold">
              {t("forms.task.title")}
            </h3>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
              <Link
                to={`/rooms/${d.roomId}/tasks/${task.id}/form`}
                className="text-brand-700 underline wrap-anywhere"
              >
                {d.taskForm.title}
              </Link>
              <FormStatusBadge status={d.taskForm.status} />
            </p>
          </section>
        ) : d.canManageForms ? (
          <p className="text-sm">
            <Link to={`/rooms/${d.roomId}/tasks/${task.id}/form`} className="text-brand-700 underline">
              {t("forms.task.attach")}
            </Link>
          </p>
        ) : null}
        {task.status === "blocked" && task.blockedReason ? (
          <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {t("task.blockedReason", { reason: task.blockedReason })}
          </p>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="min-w-0">
            <h3 className="text-sm font-semibold">{t("task.dependsOn")}</h3>
            {d.dependsOn.length ? (
              <ul className="mt-1 space-y-1 text-sm">
                {d.dependsOn.map((dep) => (
                  <li key={dep.id} className="flex items-center gap-2">
                    <Link
                      to={`/rooms/${d.roomId}/tasks/${dep.id}`}
                      className="min-w-0 text-brand-700 underline wrap-anywhere"
                    >
                      {dep.title}
                    </Link>
                    <TaskStatusBadge status={dep.status} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-sm text-slate-500">{t("task.noDependencies")}</p>
            )}
          </div>
          <div className="min-w-0">
            <h3 className="text-sm font-semibold">{t("task.milestones")}</h3>
            {d.milestones.length ? (
              <ul className="mt-1 space-y-1 text-sm">
                {d.milestones.map((m) => (
                  <li key={m.id} className="wrap-anywhere">
                    <Link to={`/rooms/${d.roomId}/milestones/${m.id}`} className="text-brand-700 underline">
                      {m.title}
                    </Link>{" "}
                    <span className="text-slate-500">{formatDate(locale, m.targetDate)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-sm text-slate-500">{t("task.noMilestones")}</p>
            )}
          </div>
        </div>
      </article>

      {d.editor ? (
        <section className="card space-y-3" aria-labelledby="task-edit-title">
          {editResult?.ok && editResult.notice ? <Notice>{t(editResult.notice)}</Notice> : null}
          <details open={!!editResult && !editResult.ok}>
            <summary id="task-edit-title" className="cursor-pointer text-base font-semibold">
              {t("task.edit")}
            </summary>
            <div className="mt-3 space-y-3">
              <TaskForm
                key={`${task.id}-${task.version}`}
                intent="updateTask"
                mode={{ schedule: "dates", stakeholders: d.editor.stakeholders }}
                version={task.version}
                task={task}
                phases={d.editor.phases}
                tasks={d.editor.tasks}
                result={editResult}
                submitLabel={t("task.save")}
              />
            </div>
          </details>
          {removeFailure?.formError ? (
            <FormError messageKey={removeFailure.formError} params={removeFailure.params} />
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="removeTask" />
            <input type="hidden" name="version" value={task.version} />
            <button type="submit" className="btn-danger">
              {t("task.remove")}
            </button>
          </Form>
        </section>
      ) : null}

      <section className="card space-y-3" aria-labelledby="attachments-title" data-testid="task-attachments">
        <h2 id="attachments-title" className="text-base font-semibold">
          {t("documents.attachments.title")}
        </h2>
        {attachResult?.ok && attachResult.notice ? (
          <Notice>{t(attachResult.notice, attachResult.params)}</Notice>
        ) : null}
        {removeAttachmentResult?.ok && removeAttachmentResult.notice ? (
          <Notice>{t(removeAttachmentResult.notice, removeAttachmentResult.params)}</Notice>
        ) : null}
        {removeAttachmentResult && !removeAttachmentResult.ok && removeAttachmentResult.formError ? (
          <p className="field-error" role="alert">
            {t(removeAttachmentResult.formError)}
          </p>
        ) : null}
        {d.attachments.length ? (
          <AttachmentList files={d.attachments} locale={locale} />
        ) : (
          <p className="text-sm text-slate-600">{t("documents.attachments.empty")}</p>
        )}
        {d.canAttachToTask ? (
          <Form
            method="post"
            encType="multipart/form-data"
            className="space-y-3"
            key={attachResult?.ok ? `a-${d.attachments.length}` : "attach"}
          >
            <input type="hidden" name="intent" value="attach" />
            <FileInput
              name="files"
              label={t("documents.attachments.add")}
              error={attachResult?.fieldErrors?.files}
              params={attachResult?.params}
              multiple
              required
            />
            <SubmitButton className="btn-secondary">{t("documents.attachments.upload")}</SubmitButton>
          </Form>
        ) : null}
      </section>

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
