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
import { answerForm } from "./form-action.server";

/**
 * The task and milestone forms (add, update, remove) of the plan editor and the detail pages, or null
 * when `intent` is not one of them. `afterRemove` is where to go once the item is gone.
 */
export function planItemAction(ctx: RoomContext, intent: string, formData: FormData, afterRemove: string) {
  switch (intent) {
    case "addTask":
      return answerForm(formData, planForms.addTask, (input) => createTask(ctx, input), "planEdit.taskAdded");
    case "updateTask":
      return answerForm(
        formData,
        planForms.updateTask,
        (input) => updateTask(ctx, input.taskId, input),
        "planEdit.taskSaved",
      );
    case "removeTask":
      return answerForm(
        formData,
        planForms.removeTask,
        (input) => removeTask(ctx, input.taskId, input.version),
        { redirect: afterRemove },
      );
    case "addMilestone":
      return answerForm(
        formData,
        planForms.addMilestone,
        (input) => createMilestone(ctx, input),
        "planEdit.milestoneAdded",
      );
    case "updateMilestone":
      return answerForm(
        formData,
        planForms.updateMilestone,
        (input) => updateMilestone(ctx, input.milestoneId, input),
        "planEdit.milestoneSaved",
      );
    case "removeMilestone":
      return answerForm(
        formData,
        planForms.removeMilestone,
        (input) => removeMilestone(ctx, input.milestoneId, input.version),
        { redirect: afterRemove },
      );
    default:
      return null;
  }
}
