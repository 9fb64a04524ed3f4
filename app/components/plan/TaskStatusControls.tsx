import { useId } from "react";
import { useTranslation } from "react-i18next";
import { TASK_STATUSES, type TaskStatus } from "~/vocabulary";
import type { ActionResult } from "~/utils/action-result";

type Task = { id: string; title: string; status: TaskStatus; version: number; blockedReason?: string | null };

/** The result beside a task: its notice, or the error of a refused change (focused by useInPlaceStatus). */
export function TaskResult({ result }: { result?: ActionResult }) {
  const { t } = useTranslation();
  if (!result) return null;
  if (result.ok && result.notice)
    return (
      <p
        className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
        data-testid="task-notice"
      >
        {t(result.notice, result.params)}
      </p>
    );
  if (!result.ok && result.formError && result.formError !== result.fieldErrors?.blockedReason)
    return (
      <p
        role="alert"
        tabIndex={-1}
        data-first-error=""
        className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
      >
        {t(result.formError, result.params)}
      </p>
    );
  return null;
}

/** The hidden fields every status form of a task carries. */
function TaskFields({ task }: { task: Task }) {
  return (
    <>
      <input type="hidden" name="taskId" value={task.id} />
      <input type="hidden" name="version" value={task.version} />
    </>
  );
}

/**
 * The one-click Done form of a task (none once it is done). A plain form that posts without JS; inside
 * a container with useInPlaceStatus's props, it saves in place. `action` is the route's form action
 * (an index route needs its `?index`).
 */
export function DoneForm({ task, action }: { task: Task; action?: string }) {
  const { t } = useTranslation();
  if (task.status === "done") return null;
  return (
    <form method="post" action={action} data-inplace="" className="done-form">
      <TaskFields task={task} />
      <input type="hidden" name="status" value="done" />
      <button name="intent" value="status">
        <span aria-hidden="true">✓</span> {t("home.markDone")}
        <span className="sr-only">: {task.title}</span>
      </button>
    </form>
  );
}

/**
 * The status controls of the task page: Done, and a status select that submits on change with JS (its
 * save button shows without JS, and for "blocked", whose reason is asked for first). Same markup and
 * styles as the plan rows' (tailwind.css, .status-controls).
 */
export function TaskStatusControls({ task, result }: { task: Task; result?: ActionResult }) {
  const { t } = useTranslation();
  const id = useId();
  const failed = result && !result.ok ? result : undefined;
  const reasonError = failed?.fieldErrors?.blockedReason;
  const selected = failed?.values?.status ?? task.status;
  return (
    <div className="status-controls" key={`${task.version}-${failed ? "failed" : "ok"}`}>
      <DoneForm task={task} />
      <form method="post" noValidate data-inplace="" className="status-form">
        <TaskFields task={task} />
        <select
          name="status"
          data-autosubmit=""
          aria-label={t("home.statusOf", { title: task.title })}
          defaultValue={(TASK_STATUSES as readonly string[]).includes(selected) ? selected : task.status}
        >
          {TASK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`plan.status.${s}`)}
            </option>
          ))}
        </select>
        <label className="reason">
          {t("plan.blockedReason")}
          <input
            name="blockedReason"
            maxLength={500}
            defaultValue={failed?.values?.blockedReason ?? task.blockedReason ?? ""}
            aria-describedby={reasonError ? `${id}-hint ${id}-error` : `${id}-hint`}
            aria-invalid={reasonError ? true : undefined}
            data-first-error={reasonError ? "" : undefined}
          />
          <span id={`${id}-hint`} className="hint">
            {t("plan.blockedReasonHint")}
          </span>
          {reasonError ? (
            <span id={`${id}-error`} className="field-error" role="alert">
              {t(reasonError)}
            </span>
          ) : null}
        </label>
        <button name="intent" value="status" className="save">
          {t("plan.saveStatus")}
        </button>
      </form>
    </div>
  );
}
