import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { requireRoomAccess } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { MilestoneForm, TaskForm } from "~/components/planEdit/PlanForms";
import { FormError, Notice } from "~/components/ui/Field";
import {
  addPhase,
  failureResult,
  movePhase,
  moveTask,
  PhaseSchema,
  PhaseUpdateSchema,
  planItemAction,
  removePhase,
  renamePhase,
  VersionSchema,
} from "~/domain/plan/editing.server";
import { getPlan } from "~/domain/plan/plan.server";
import { formatDate } from "~/i18n/format";
import { useRootData } from "~/root";
import { formValues, type ActionResult } from "~/utils/action-result";
import { parseForm } from "~/utils/forms";
import { runAction } from "~/utils/http.server";

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

const PhaseRef = z.object({ phaseId: z.string().min(1) });
const Direction = z.object({ direction: z.enum(["up", "down"]) });
const TaskMove = Direction.extend({ taskId: z.string().min(1) }).extend(VersionSchema.shape);

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "plan.edit");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const values = formValues(formData);
  const item = await planItemAction(access, intent, formData, `/rooms/${access.room.id}/plan/edit`);
  if (item) return item;
  const answer = async (fn: () => unknown, notice: string) => {
    const result = await runAction(fn);
    if (!result.ok) return data<ActionResult>(failureResult(result, values), result.status);
    return data<ActionResult>({ ok: true, notice, values: { intent } });
  };
  const invalid = (fieldErrors: Record<string, string>) =>
    data<ActionResult>({ ok: false, fieldErrors, values }, 400);
  if (intent === "addPhase") {
    const parsed = parseForm(PhaseSchema, formData);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    return answer(() => addPhase(access, parsed.data), "planEdit.phaseAdded");
  }
  if (intent === "renamePhase") {
    const parsed = parseForm(PhaseUpdateSchema.extend(PhaseRef.shape), formData);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    return answer(() => renamePhase(access, parsed.data.phaseId, parsed.data), "planEdit.phaseSaved");
  }
  if (intent === "movePhase" || intent === "removePhase") {
    const parsed = parseForm(PhaseRef.extend(PhaseUpdateSchema.pick({ version: true }).shape), formData);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const { phaseId, version } = parsed.data;
    if (intent === "removePhase")
      return answer(() => removePhase(access, phaseId, version), "planEdit.phaseRemoved");
    const direction = Direction.safeParse(Object.fromEntries(formData));
    if (!direction.success) return invalid({ direction: "validation.choose" });
    return answer(() => movePhase(access, phaseId, direction.data.direction, version), "planEdit.phaseMoved");
  }
  if (intent === "moveTask") {
    const parsed = parseForm(TaskMove, formData);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const { taskId, direction, version } = parsed.data;
    return answer(() => moveTask(access, taskId, direction, version), "planEdit.taskMoved");
  }
  return data<ActionResult>({ ok: false, formError: "errors.unexpected", values }, 400);
}

export default function PlanEdit() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const failed = result && !result.ok ? result : undefined;
  const failedIntent = failed?.values?.intent;
  const phaseFailure = (intent: string, phaseId: string) =>
    failedIntent === intent && failed?.values?.phaseId === phaseId ? failed : undefined;
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">{t("planEdit.title")}</h2>
        <Link to={`/rooms/${d.roomId}/plan`} className="btn-secondary">
          {t("planEdit.backToPlan")}
        </Link>
      </div>
      {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
      {failed?.formError && !["addTask", "addMilestone"].includes(failedIntent ?? "") ? (
        <FormError messageKey={failed.formError} params={failed.params} />
      ) : null}

      <section className="space-y-4" aria-labelledby="phases-title">
        <h3 id="phases-title" className="text-base font-semibold">
          {t("planEdit.phases")}
        </h3>
        {d.phases.length === 0 ? <p className="text-sm text-slate-600">{t("planEdit.noPhases")}</p> : null}
        <ol className="space-y-3">
          {d.phases.map((p, index) => {
            const renameError = phaseFailure("renamePhase", p.id)?.fieldErrors?.title;
            return (
              <li key={p.id} className="card space-y-3" data-testid="phase">
                <div className="flex flex-wrap items-end gap-2">
                  <Form method="post" className="flex flex-1 flex-wrap items-end gap-2">
                    <input type="hidden" name="intent" value="renamePhase" />
                    <input type="hidden" name="phaseId" value={p.id} />
                    <input type="hidden" name="version" value={p.version} />
                    <div className="min-w-48 flex-1">
                      <label htmlFor={`phase-${p.id}`} className="label">
                        {t("planEdit.phaseTitle", { n: index + 1 })}
                      </label>
                      <input
                        id={`phase-${p.id}`}
                        name="title"
                        defaultValue={p.title}
                        required
                        maxLength={120}
                        aria-invalid={renameError ? true : undefined}
                        className="input"
                      />
                      {renameError ? (
                        <p className="field-error" role="alert">
                          {t(renameError)}
                        </p>
                      ) : null}
                    </div>
                    <button type="submit" className="btn-secondary" disabled={busy}>
                      {t("planEdit.rename")}
                    </button>
                  </Form>
                  {(["up", "down"] as const).map((direction) => {
                    const disabled = direction === "up" ? index === 0 : index === d.phases.length - 1;
                    return (
                      <Form method="post" key={direction}>
                        <input type="hidden" name="intent" value="movePhase" />
                        <input type="hidden" name="phaseId" value={p.id} />
                        <input type="hidden" name="version" value={p.version} />
                        <input type="hidden" name="direction" value={direction} />
                        <button
                          type="submit"
                          className="btn-secondary px-3"
                          disabled={busy || disabled}
                          aria-label={t(
                            direction === "up" ? "planEdit.moveUpNamed" : "planEdit.moveDownNamed",
                            {
                              title: p.title,
                            },
                          )}
                        >
                          {direction === "up" ? "↑" : "↓"}
                        </button>
                      </Form>
                    );
                  })}
                  <Form method="post">
                    <input type="hidden" name="intent" value="removePhase" />
                    <input type="hidden" name="phaseId" value={p.id} />
                    <input type="hidden" name="version" value={p.version} />
                    <button
                      type="submit"
                      className="btn-danger"
                      disabled={busy}
                      aria-label={t("planEdit.removePhaseNamed", { title: p.title })}
                    >
                      {t("planEdit.remove")}
                    </button>
                  </Form>
                </div>
                {p.tasks.length ? (
                  <ul className="divide-y divide-slate-100 text-sm">
                    {p.tasks.map((task, taskIndex) => (
                      <li key={task.id} className="flex flex-wrap items-center gap-2 py-1.5">
                        <Link
                          to={`/rooms/${d.roomId}/tasks/${task.id}`}
                          className="font-medium text-brand-700 underline"
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
                          {(["up", "down"] as const).map((direction) => (
                            <Form method="post" key={direction}>
                              <input type="hidden" name="intent" value="moveTask" />
                              <input type="hidden" name="taskId" value={task.id} />
                              <input type="hidden" name="version" value={task.version} />
                              <input type="hidden" name="direction" value={direction} />
                              <button
                                type="submit"
                                className="btn-secondary px-2 py-0.5"
                                disabled={
                                  busy ||
                                  (direction === "up" ? taskIndex === 0 : taskIndex === p.tasks.length - 1)
                                }
                                aria-label={t(
                                  direction === "up" ? "planEdit.moveUpNamed" : "planEdit.moveDownNamed",
                                  { title: task.title },
                                )}
                              >
                                {direction === "up" ? "↑" : "↓"}
                              </button>
                            </Form>
                          ))}
                        </div>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-slate-500">{t("planEdit.noTasks")}</p>
                )}
              </li>
            );
          })}
        </ol>
        <Form method="post" className="card flex flex-wrap items-end gap-2" key={result?.ok ? "p-ok" : "p"}>
          <input type="hidden" name="intent" value="addPhase" />
          <div className="min-w-48 flex-1">
            <label htmlFor="new-phase" className="label">
              {t("planEdit.newPhase")}
            </label>
            <input
              id="new-phase"
              name="title"
              required
              maxLength={120}
              defaultValue={failedIntent === "addPhase" ? failed?.values?.title : undefined}
              className="input"
            />
            {failedIntent === "addPhase" && failed?.fieldErrors?.title ? (
              <p className="field-error" role="alert">
                {t(failed.fieldErrors.title)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("planEdit.addPhase")}
          </button>
        </Form>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="card space-y-4" aria-labelledby="add-task-title">
          <h3 id="add-task-title" className="text-base font-semibold">
            {t("planEdit.addTask")}
          </h3>
          {d.phases.length ? (
            <TaskForm
              key={result?.ok ? `t-${result.notice}` : "t"}
              intent="addTask"
              phases={d.phases}
              stakeholders={d.stakeholders}
              tasks={d.tasks}
              result={failedIntent === "addTask" ? failed : undefined}
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
                    className="font-medium text-brand-700 underline"
                  >
                    {m.title}
                  </Link>
                  <span className="text-slate-500">{formatDate(locale, m.targetDate)}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <MilestoneForm
            key={result?.ok ? `m-${result.notice}` : "m"}
            intent="addMilestone"
            tasks={d.tasks}
            result={failedIntent === "addMilestone" ? failed : undefined}
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
