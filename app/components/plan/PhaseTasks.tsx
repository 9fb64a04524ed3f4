import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { TASK_STATUSES, type PlanSide, type TaskStatus } from "#db/schema/enums";
import { FormError, Notice } from "~/components/ui/Field";
import type { Locale } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";
import { InternalBadge, OverdueBadge, SideBadge, TaskStatusBadge } from "./Badges";

export type TaskItem = {
  id: string;
  title: string;
  description: string | null;
  side: PlanSide;
  status: TaskStatus;
  startDate: string | null;
  dueDate: string | null;
  blockedReason: string | null;
  internal: boolean;
  version: number;
  assigneeName: string | null;
  mine: boolean;
  overdue: boolean;
  canUpdate: boolean;
  waitingOn: string[];
};

type Phase = { id: string; title: string; tasks: TaskItem[] };

/**
 * Every string a task row needs, translated once per page: a plan can list hundreds of tasks, and
 * per-row translation and router hooks were most of the page's server time.
 */
function useRowLabels() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      t,
      status: Object.fromEntries(TASK_STATUSES.map((s) => [s, t(`plan.status.${s}`)])) as Record<
        TaskStatus,
        string
      >,
      side: {
        vendor: t("plan.side.vendor"),
        customer: t("plan.side.customer"),
        joint: t("plan.side.joint"),
      } as Record<PlanSide, string>,
      internal: t("plan.internal"),
      overdue: t("plan.overdue"),
      assignee: t("plan.assignee"),
      unassigned: t("plan.unassigned"),
      you: t("plan.you"),
      dates: t("plan.dates"),
      blockedBecause: t("plan.blockedBecause"),
      changeStatus: t("plan.changeStatus"),
      statusLabel: t("plan.statusLabel"),
      blockedReason: t("plan.blockedReason"),
      blockedReasonHint: t("plan.blockedReasonHint"),
      saveStatus: t("plan.saveStatus"),
    }),
    [t],
  );
}

type RowLabels = ReturnType<typeof useRowLabels>;

export function PhaseTasks({
  phases,
  filtered,
  staff,
  result,
  roomPath,
}: {
  phases: Phase[];
  filtered: boolean;
  staff: boolean;
  result?: ActionResult;
  /** "/rooms/:roomId", for the task links. */
  roomPath: string;
}) {
  const { t } = useTranslation();
  const labels = useRowLabels();
  const locale = useRootData()?.locale ?? "en";
  const visible = filtered ? phases.filter((p) => p.tasks.length > 0) : phases;
  if (visible.length === 0) {
    return (
      <p className="card text-slate-600" data-testid="plan-no-match">
        {t("plan.noMatch")}
      </p>
    );
  }
  return (
    <div className="space-y-6">
      {visible.map((phase) => (
        <section key={phase.id} aria-labelledby={`phase-${phase.id}`} data-testid="phase">
          <h3 id={`phase-${phase.id}`} className="mb-2 text-base font-semibold text-slate-800">
            {phase.title}
          </h3>
          {phase.tasks.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-500">
              {t("plan.phaseEmpty")}
            </p>
          ) : (
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
              {phase.tasks.map((task) => (
                <TaskRow
                  key={task.id}
                  task={task}
                  staff={staff}
                  result={result}
                  labels={labels}
                  locale={locale}
                  roomPath={roomPath}
                />
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}

function TaskRow({
  task,
  staff,
  result,
  labels,
  locale,
  roomPath,
}: {
  task: TaskItem;
  staff: boolean;
  result?: ActionResult;
  labels: RowLabels;
  locale: Locale;
  roomPath: string;
}) {
  const { t } = labels;
  const mine = result?.values?.taskId === task.id;
  const error = mine && !result?.ok ? result : undefined;
  return (
    <li
      className={`px-4 py-3 ${task.overdue ? "border-l-4 border-l-red-500" : ""}`}
      data-testid="task"
      data-task-id={task.id}
    >
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        <p className="min-w-0 flex-1 font-medium text-slate-900">
          <a href={`${roomPath}/tasks/${task.id}`} className="hover:text-brand-700 hover:underline">
            {task.title}
          </a>
        </p>
        <div className="flex flex-wrap items-center gap-2">
          {staff && task.internal ? <InternalBadge label={labels.internal} /> : null}
          <SideBadge side={task.side} label={labels.side[task.side]} />
          <TaskStatusBadge status={task.status} label={labels.status[task.status]} />
          {task.overdue ? <OverdueBadge label={labels.overdue} /> : null}
        </div>
      </div>
      <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
        <div className="flex gap-1">
          <dt>{labels.assignee}:</dt>
          <dd>
            {task.assigneeName ?? labels.unassigned}
            {task.mine ? <span className="ml-1 text-brand-700">({labels.you})</span> : null}
          </dd>
        </div>
        <div className="flex gap-1">
          <dt>{labels.dates}:</dt>
          <dd className={task.overdue ? "font-semibold text-red-700" : undefined}>
            {formatDate(locale, task.startDate)} – {formatDate(locale, task.dueDate)}
          </dd>
        </div>
      </dl>
      {task.status === "blocked" && task.blockedReason ? (
        <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <span className="font-semibold">{labels.blockedBecause}</span> {task.blockedReason}
        </p>
      ) : null}
      {task.waitingOn.length > 0 && task.status !== "done" ? (
        <p className="mt-1 text-xs text-slate-500">
          {t("plan.waitingOn", { tasks: task.waitingOn.join(" / ") })}
        </p>
      ) : null}
      {mine && result?.ok && result.notice ? (
        <div className="mt-2">
          <Notice>{t(result.notice, result.params)}</Notice>
        </div>
      ) : null}
      {task.canUpdate ? <TaskStatusForm task={task} error={error} labels={labels} /> : null}
    </li>
  );
}

/** A plain form (no router hooks): one per task the viewer may update, on a page of hundreds. */
function TaskStatusForm({
  task,
  error,
  labels,
}: {
  task: TaskItem;
  error?: ActionResult;
  labels: RowLabels;
}) {
  const { t } = labels;
  const id = useId();
  const values = error?.values;
  const reasonError = error?.fieldErrors?.blockedReason;
  return (
    <details className="mt-2" open={!!error}>
      <summary className="cursor-pointer text-sm font-medium text-brand-700">
        {labels.changeStatus}
        <span className="sr-only">: {task.title}</span>
      </summary>
      {error?.formError && error.formError !== reasonError ? (
        <div className="mt-2">
          <FormError messageKey={error.formError} params={error.params} />
        </div>
      ) : null}
      <form method="post" className="mt-2 flex flex-wrap items-end gap-3" noValidate>
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="taskId" value={task.id} />
        <input type="hidden" name="version" value={task.version} />
        <div>
          <label htmlFor={`${id}-status`} className="label">
            {labels.statusLabel}
          </label>
          <select
            id={`${id}-status`}
            name="status"
            defaultValue={values?.status ?? task.status}
            className="input"
          >
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {labels.status[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-48 flex-1">
          <label htmlFor={`${id}-reason`} className="label">
            {labels.blockedReason}
          </label>
          <input
            id={`${id}-reason`}
            name="blockedReason"
            type="text"
            maxLength={500}
            defaultValue={values?.blockedReason ?? task.blockedReason ?? ""}
            aria-describedby={`${id}-reason-hint${reasonError ? ` ${id}-reason-error` : ""}`}
            aria-invalid={reasonError ? true : undefined}
            className="input"
          />
          <p id={`${id}-reason-hint`} className="mt-1 text-xs text-slate-500">
            {labels.blockedReasonHint}
          </p>
          {reasonError ? (
            <p id={`${id}-reason-error`} className="field-error" role="alert">
              {t(reasonError)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn-primary">
          {labels.saveStatus}
        </button>
      </form>
    </details>
  );
}
