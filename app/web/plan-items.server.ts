import { z } from "zod";
import { TASK_STATUSES } from "~/vocabulary";
import {
  createMilestone,
  createTask,
  removeMilestone,
  removeTask,
  updateMilestone,
  updateTask,
} from "~/domain/plan/editing.server";
import { setTaskStatus, type RoomContext } from "~/domain/plan/plan.server";
import { planForms } from "~/domain/plan/schemas";
import type { ActionResult } from "~/utils/action-result";
import { fields } from "~/utils/forms";
import { on, type FormHandler } from "./form-action.server";

/**
 * The task and milestone forms (add, update, remove) of the plan editor and the detail pages, for
 * answerIntent. `afterRemove` is where to go once the item is gone.
 */
export function planItemForms(ctx: RoomContext, afterRemove: string) {
  const gone = { redirect: afterRemove };
  return {
    addTask: on(planForms.addTask, (i) => createTask(ctx, i), "planEdit.taskAdded"),
    updateTask: on(planForms.updateTask, (i) => updateTask(ctx, i.taskId, i), "planEdit.taskSaved"),
    removeTask: on(planForms.removeTask, (i) => removeTask(ctx, i.taskId, i.version), gone),
    addMilestone: on(planForms.addMilestone, (i) => createMilestone(ctx, i), "planEdit.milestoneAdded"),
    updateMilestone: on(
      planForms.updateMilestone,
      (i) => updateMilestone(ctx, i.milestoneId, i),
      "planEdit.milestoneSaved",
    ),
    removeMilestone: on(
      planForms.removeMilestone,
      (i) => removeMilestone(ctx, i.milestoneId, i.version),
      gone,
    ),
  };
}

const StatusSchema = z.object({
  taskId: fields.requiredText(64),
  status: fields.enumOf(TASK_STATUSES),
  blockedReason: fields.optionalText(500),
  version: fields.version(),
});

/** The notices a status change answers with: the only ones a page takes back from its URL. */
const STATUS_NOTICES = [
  "plan.notice.statusChanged",
  "plan.notice.milestoneProposed",
  "plan.notice.milestoneCompleted",
] as const;

/** The form field a page's script adds when it shows the answer in place (a fetcher, no navigation). */
export const IN_PLACE_FIELD = "inPlace";

/**
 * The status form of a task (Done button and status select), the same on the plan, the overview and the
 * task page: the rule is setTaskStatus's. Posted by the page's script (with IN_PLACE_FIELD), it answers
 * with the notice and the task's id for the page to show beside the task; posted as a plain form (no
 * JavaScript), success redirects back to the same page (its query kept) at the task's anchor with the
 * notice in the URL, read back by statusNoticeFrom. Refusals answer as any form does (400/403/409 with
 * the message and the values), so the page shows them beside the task.
 */
export function taskStatusForm(
  ctx: RoomContext,
  request: Request,
  formData: FormData,
  options: { guard?: () => unknown; anchor?: (taskId: string) => string } = {},
): FormHandler {
  const inPlace = formData.get(IN_PLACE_FIELD) === "1";
  const anchor = options.anchor ?? ((taskId: string) => `task-${taskId}`);
  return on(
    StatusSchema,
    ({ taskId, ...input }) => setTaskStatus(ctx, taskId, input),
    ({ completed, proposed }, { taskId }) => {
      const notice = completed.length
        ? "plan.notice.milestoneCompleted"
        : proposed.length
          ? "plan.notice.milestoneProposed"
          : "plan.notice.statusChanged";
      if (inPlace) return { notice, values: { taskId } };
      return { redirect: backTo(request, { notice, task: taskId }, anchor(taskId)) };
    },
    { guard: options.guard, invalid: "plan.fixErrors" },
  );
}

/** The page the post came from (its own query kept, Remix's and ours replaced), at `hash`. */
function backTo(request: Request, set: Record<string, string>, hash: string): string {
  const url = new URL(request.url);
  for (const name of ["index", "_data", "notice", "task"]) url.searchParams.delete(name);
  for (const [name, value] of Object.entries(set)) url.searchParams.set(name, value);
  return `${url.pathname}?${url.searchParams.toString()}#${encodeURIComponent(hash)}`;
}

/**
 * The status notice a no-JavaScript post was redirected back with (see taskStatusForm), shaped as the
 * action's answer so the page shows it the same way; undefined for anything but a known notice.
 */
export function statusNoticeFrom(request: Request): ActionResult | undefined {
  const search = new URL(request.url).searchParams;
  const notice = search.get("notice") ?? "";
  const taskId = search.get("task") ?? "";
  if (!(STATUS_NOTICES as readonly string[]).includes(notice) || !taskId || taskId.length > 64)
    return undefined;
  return { ok: true, notice, values: { intent: "status", taskId } };
}
