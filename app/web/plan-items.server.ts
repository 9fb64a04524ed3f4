import {
  createMilestone,
  createTask,
  removeMilestone,
  removeTask,
  updateMilestone,
  updateTask,
} from "~/domain/plan/editing.server";
import type { RoomContext } from "~/domain/plan/plan.server";
import { planForms } from "~/domain/plan/schemas";
import { on } from "./form-action.server";

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
