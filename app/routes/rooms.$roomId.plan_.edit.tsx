import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRoomAccess } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { PhaseTitleForm, PostButton } from "~/components/planEdit/PhaseForms";
import { MilestoneForm, TaskForm } from "~/components/planEdit/PlanForms";
import { FormError, Notice } from "~/components/ui/Field";
import { useAddFormKey, useFailure } from "~/components/ui/useFailure";
import { addPhase, movePhase, moveTask, removePhase, renamePhase } from "~/domain/plan/editing.server";
import { getPlan } from "~/domain/plan/plan.server";
import { planForms } from "~/domain/plan/schemas";
import { formatDate } from "~/i18n/format";
import { useRootData } from "~/root";
import { answerIntent, on } from "~/web/form-action.server";
import { planItemForms } from "~/web/plan-items.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "plan.edit");
  const plan = getPlan(access);
  return {
    roomId: access.room.id,
    phases: plan.phases.map((p) => ({
      id: p.id,
      title: p.title,
      version: p.version,
      tasks: plan.tasks
        .filter((t) => t.phaseId === p.id)
        .map((t) => ({
          id: t.id,
          title: t.title,
          dueDate: t.dueDate,
          visibility: t.visibility,
          version: t.version,
        })),
    })),
    milestones: plan.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      targetDate: m.targetDate,
      baselineDate: m.baselineDate,
      visibility: m.visibility,
    })),
    tasks: plan.tasks.map((t) => ({ id: t.id, title: t.title })),
    stakeholders: plan.stakeholders.map((s) => ({ id: s.id, name: s.name })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "plan.edit");
  const formData = await request.formData();
  return answerIntent(formData, {
    ...planItemForms(access, `/rooms/${access.room.id}/plan/edit`),
    addPhase: on(planForms.addPhase, (i) => addPhase(access, i), "planEdit.phaseAdded"),
    renamePhase: on(planForms.renamePhase, (i) => renamePhase(access, i.phaseId, i), "planEdit.phaseSaved"),
    removePhase: on(
      planForms.removePhase,
      (i) => removePhase(access, i.phaseId, i.version),
      "planEdit.phaseRemoved",
    ),
    movePhase: on(
      planForms.movePhase,
      (i) => movePhase(access, i.phaseId, i.direction, i.version),
      "planEdit.phaseMoved",
    ),
    moveTask: on(
      planForms.moveTask,
      (i) => moveTask(access, i.taskId, i.direction, i.version),
      "planEdit.taskMoved",
    ),
  });
}

const ARROWS = { up: "↑", down: "↓" } as const;

/** Move up and down buttons of an item in a list; the one at either end is disabled. */
function MoveButtons(props: {
  intent: "movePhase" | "moveTask";
  idKey: "phaseId" | "taskId";
  item: { id: string; title: string; version: number };
  index: number;
  count: number;
  className: string;
}) {
  const { t } = useTranslation();
  return (["up", "down"] as const).map((direction) => (
    <PostButton
      key={direction}
      fields={{ intent: props.intent, [props.idKey]: props.item.id, version: props.item.version, direction }}
      className={props.className}
      disabled={direction === "up" ? props.index === 0 : props.index === props.count - 1}
      label={t(direction === "up" ? "planEdit.moveUpNamed" : "planEdit.moveDownNamed", {
        title: props.item.title,
      })}
    >
      {ARROWS[direction]}
    </PostButton>
  ));
}

export default function PlanEdit() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = useFailure();
  // Each add form starts empty after its own successful add, and only then.
  const phaseKey = useAddFormKey("addPhase");
  const taskKey = useAddFormKey("addTask");
  const milestoneKey = useAddFormKey("addMilestone");
  const failed = result && !result.ok ? result : undefined;
  const mode = { schedule: "dates", stakeholders: d.stakeholders } as const;
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">{t("planEdit.title")}</h2>
        <Link to={`/rooms/${d.roomId}/plan`} className="btn-secondary">
          {t("planEdit.backToPlan")}
        </Link>
      </div>
      {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
      {failed?.formError && !["addTask", "addMilestone"].includes(failed.values?.intent ?? "") ? (
        <FormError messageKey={failed.formError} params={failed.params} />
      ) : null}

      <section className="space-y-4" aria-labelledby="phases-title">
        <h3 id="phases-title" className="text-base font-semibold">
          {t("planEdit.phases")}
        </h3>
        {d.phases.length === 0 ? <p className="text-sm text-slate-600">{t("planEdit.noPhases")}</p> : null}
        <ol className="space-y-3">
          {d.phases.map((p, index) => (
            <li key={p.id} className="card space-y-3" data-testid="phase">
              <div className="flex flex-wrap items-end gap-2">
                <PhaseTitleForm
                  schedule="dates"
                  phase={p}
                  index={index}
                  version={p.version}
                  failure={failure("renamePhase", "phaseId", p.id)}
                />
                <MoveButtons
                  intent="movePhase"
                  idKey="phaseId"
                  item={p}
                  index={index}
                  count={d.phases.length}
                  className="btn-secondary px-3"
                />
                <PostButton
                  fields={{ intent: "removePhase", phaseId: p.id, version: p.version }}
                  className="btn-danger"
                  label={t("planEdit.removePhaseNamed", { title: p.title })}
                >
                  {t("planEdit.remove")}
                </PostButton>
              </div>
              {p.tasks.length ? (
                <ul className="divide-y divide-slate-100 text-sm">
                  {p.tasks.map((task, taskIndex) => (
                    <li key={task.id} className="flex flex-wrap items-center gap-2 py-1.5">
                      <Link
                        to={`/rooms/${d.roomId}/tasks/${task.id}`}
                        className="min-w-0 font-medium text-brand-700 underline wrap-anywhere"
                      >
                        {task.title}
                      </Link>
                      {task.visibility === "internal" ? (
                        <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900">
                          {t("planEdit.visibilities.internal")}
                        </span>
                      ) : null}
                      <span className="text-slate-500">
                        {t("planEdit.due", { date: formatDate(locale, task.dueDate) })}
                      </span>
                      <div className="ml-auto flex gap-1">
                        <MoveButtons
                          intent="moveTask"
                          idKey="taskId"
                          item={task}
                          index={taskIndex}
                          count={p.tasks.length}
                          className="btn-secondary px-2 py-0.5"
                        />
                      </div>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-500">{t("planEdit.noTasks")}</p>
              )}
            </li>
          ))}
        </ol>
        <PhaseTitleForm schedule="dates" failure={failure("addPhase")} key={phaseKey} />
      </section>

      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <section className="card space-y-4" aria-labelledby="add-task-title">
          <h3 id="add-task-title" className="text-base font-semibold">
            {t("planEdit.addTask")}
          </h3>
          {d.phases.length ? (
            <TaskForm
              key={taskKey}
              intent="addTask"
              mode={mode}
              phases={d.phases}
              tasks={d.tasks}
              result={failure("addTask")}
              submitLabel={t("planEdit.addTask")}
            />
          ) : (
            <p className="text-sm text-slate-600">{t("planEdit.needPhase")}</p>
          )}
        </section>
        <section className="card space-y-4" aria-labelledby="add-milestone-title">
          <h3 id="add-milestone-title" className="text-base font-semibold">
            {t("planEdit.addMilestone")}
          </h3>
          {d.milestones.length ? (
            <ul className="divide-y divide-slate-100 text-sm">
              {d.milestones.map((m) => (
                <li key={m.id} className="flex flex-wrap gap-2 py-1.5">
                  <Link
                    to={`/rooms/${d.roomId}/milestones/${m.id}`}
                    className="min-w-0 font-medium text-brand-700 underline wrap-anywhere"
                  >
                    {m.title}
                  </Link>
                  <span className="text-slate-500">{formatDate(locale, m.targetDate)}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <MilestoneForm
            key={milestoneKey}
            intent="addMilestone"
            mode={mode}
            tasks={d.tasks}
            result={failure("addMilestone")}
            submitLabel={t("planEdit.addMilestone")}
          />
        </section>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
