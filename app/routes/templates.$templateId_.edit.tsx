import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { PhaseTitleForm, PostButton } from "~/components/planEdit/PhaseForms";
import { MilestoneForm, TaskForm } from "~/components/planEdit/PlanForms";
import { FormError, Notice, TextField } from "~/components/ui/Field";
import { useAddFormKey, useFailure } from "~/components/ui/useFailure";
import { OFFSET_MAX, OFFSET_MIN, templateForms } from "~/domain/plan/schemas";
import {
  addMilestone,
  addPhase,
  addTask,
  getTemplateForEditing,
  removeMilestone,
  removePhase,
  removeTask,
  renamePhase,
  updateMilestone,
  updateTask,
  updateTemplateInfo,
} from "~/domain/templates/editing.server";
import {
  addTemplateGoal,
  FirstGoalSchema,
  getTemplateGoals,
  removeTemplateGoal,
  setFirstGoalMarksFirstValue,
  TemplateGoalRefSchema,
  TemplateGoalSchema,
  TemplateGoalUpdateSchema,
  updateTemplateGoal,
} from "~/domain/templates/goals.server";
import { SuggestedGoals } from "~/components/goals/SuggestedGoals";
import { RaciGrid, RaciLegend } from "~/components/raci/RaciGrid";
import { raciForms } from "~/domain/raci/schemas";
import { getTemplateRaci, setTemplateRaciCells } from "~/domain/raci/template-raci.server";
import { TEAM_ROLES } from "~/vocabulary";
import { TemplateTaskForms } from "~/components/forms/TemplateTaskForms";
import {
  attachToTemplateTask,
  detachFromTemplateTask,
  listLibraryForms,
  TemplateAttachSchema,
  TemplateDetachSchema,
  templateTaskForms,
} from "~/domain/forms/forms.server";
import { orStatusPage } from "~/utils/http.server";
import { pageTitle } from "~/i18n/page-title.server";
import { pageTitleMeta } from "~/utils/page-title";
import { answerIntent, on } from "~/web/form-action.server";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = requireStaff(request, "templates.manage");
  const detail = orStatusPage(() => getTemplateForEditing(actor, params.templateId ?? ""));
  return {
    ...detail,
    suggested: getTemplateGoals(detail.template.id),
    raci: getTemplateRaci(detail.template.id),
    // issue 12: forms extras — library forms on template tasks.
    taskForms: Object.fromEntries(templateTaskForms(detail.tasks.map((x) => x.id))),
    formLibrary: listLibraryForms().map((f) => ({ id: f.id, title: f.title, fieldCount: f.fieldCount })),
    offsetLimits: { min: OFFSET_MIN, max: OFFSET_MAX },
    pageTitle: await pageTitle(request, actor, "templateEdit.title", { name: detail.template.name }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = requireStaff(request, "templates.manage");
  const id = params.templateId ?? "";
  const formData = await request.formData();
  const f = templateForms;
  return answerIntent(formData, {
    updateTemplate: on(
      f.updateTemplate,
      (i) => updateTemplateInfo(actor, id, i),
      "templateEdit.templateSaved",
    ),
    addPhase: on(f.addPhase, (i) => addPhase(actor, id, i), "templateEdit.phaseAdded"),
    renamePhase: on(f.renamePhase, (i) => renamePhase(actor, id, i.phaseId, i), "templateEdit.phaseSaved"),
    removePhase: on(
      f.removePhase,
      (i) => removePhase(actor, id, i.phaseId, i.version),
      "templateEdit.phaseRemoved",
    ),
    addTask: on(f.addTask, (i) => addTask(actor, id, i), "templateEdit.taskAdded"),
    updateTask: on(f.updateTask, (i) => updateTask(actor, id, i.taskId, i), "templateEdit.taskSaved"),
    removeTask: on(
      f.removeTask,
      (i) => removeTask(actor, id, i.taskId, i.version),
      "templateEdit.taskRemoved",
    ),
    addMilestone: on(f.addMilestone, (i) => addMilestone(actor, id, i), "templateEdit.milestoneAdded"),
    updateMilestone: on(
      f.updateMilestone,
      (i) => updateMilestone(actor, id, i.milestoneId, i),
      "templateEdit.milestoneSaved",
    ),
    removeMilestone: on(
      f.removeMilestone,
      (i) => removeMilestone(actor, id, i.milestoneId, i.version),
      "templateEdit.milestoneRemoved",
    ),
    // The success plan's suggestions (app/domain/templates/goals.server.ts).
    addGoal: on(TemplateGoalSchema, (i) => addTemplateGoal(actor, id, i), "goals.template.added"),
    updateGoal: on(
      TemplateGoalUpdateSchema,
      (i) => updateTemplateGoal(actor, id, i.goalId, i),
      "goals.template.saved",
    ),
    removeGoal: on(
      TemplateGoalRefSchema,
      (i) => removeTemplateGoal(actor, id, i.goalId, i.version),
      "goals.template.removed",
    ),
    firstGoal: on(
      FirstGoalSchema,
      (i) => setFirstGoalMarksFirstValue(actor, id, i),
      "goals.template.settingsSaved",
    ),
    // The default RACI by team role: one cell in place (the grid), or one row (without JavaScript).
    setTemplateCell: on(
      raciForms.setTemplateCell,
      (i) => setTemplateRaciCells(actor, id, { ...i, cells: [{ teamRole: i.teamRole, letter: i.letter }] }),
      "raci.templateSaved",
      { invalid: "raci.badLetter" },
    ),
    setTemplateRow: on(
      raciForms.setTemplateRow,
      (i) => setTemplateRaciCells(actor, id, i),
      "raci.templateSaved",
      { invalid: "raci.badLetter" },
    ),
    // issue 12: forms extras — a library form on a template task.
    attachForm: on(
      TemplateAttachSchema,
      (i) => attachToTemplateTask(actor, id, i),
      "formsMore.template.attached",
    ),
    detachForm: on(
      TemplateDetachSchema,
      (i) => detachFromTemplateTask(actor, id, i),
      "formsMore.template.detached",
    ),
  });
}

const STALE = "templateEdit.stale";
const signed = (days: number) => (days >= 0 ? `+${days}` : String(days));

export default function TemplateEdit() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = useFailure();
  const busy = useNavigation().state !== "idle";
  const version = d.template.version;
  const mode = { schedule: "offsets", limits: d.offsetLimits } as const;
  const tasks = d.tasks.map((x) => ({ id: x.id, title: x.title }));
  // Any save bumps the template's version, so a stale version is news for the whole page: it goes on
  // top, with the errors of the forms without a place of their own (removals).
  const stale = result && !result.ok && result.formError === STALE ? result : undefined;
  const top =
    failure("removePhase") ??
    failure("removeTask") ??
    failure("removeMilestone") ??
    failure("removeGoal") ??
    failure("detachForm") ??
    stale;
  const formFailure = (intent: string, idKey?: string, itemId?: string) => {
    const failed = failure(intent, idKey, itemId);
    return failed?.formError === STALE ? { ...failed, formError: undefined } : failed;
  };
  const info = formFailure("updateTemplate");
  // Every save bumps the version, which the hidden fields pick up in place. Forms are never remounted on
  // it: that wiped whatever was being typed in one form when another form's save came back. Only an add
  // form starts over, after its own successful add.
  const phaseKey = useAddFormKey("addPhase");
  const taskKey = useAddFormKey("addTask");
  const milestoneKey = useAddFormKey("addMilestone");
  const goalKey = useAddFormKey("addGoal");
  const formKey = useAddFormKey("attachForm");
  const remove = (intent: string, idKey: string, itemId: string, label: string) => (
    <PostButton fields={{ intent, version, [idKey]: itemId }} className="btn-danger" label={label}>
      {t("templateEdit.remove")}
    </PostButton>
  );
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("templateEdit.title", { name: d.template.name })}</h1>
        <Link to={`/templates/${d.template.id}`} className="btn-secondary">
          {t("templateEdit.back")}
        </Link>
      </div>
      <p className="text-sm text-slate-600">{t("templateEdit.intro")}</p>
      <p>
        <Link
          to={`/templates/${d.template.id}/welcome`}
          className="text-sm font-medium text-brand-700 underline"
        >
          {t("welcome.templateLink")}
        </Link>
      </p>
      {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
      {top?.formError ? <FormError messageKey={top.formError} params={top.params} /> : null}

      <section className="card space-y-3" aria-labelledby="info-title">
        <h2 id="info-title" className="text-lg font-semibold">
          {t("templateEdit.details")}
        </h2>
        <Form method="post" noValidate className="space-y-3">
          <input type="hidden" name="intent" value="updateTemplate" />
          <input type="hidden" name="version" value={version} />
          <FormError messageKey={info?.formError} params={info?.params} />
          <TextField
            label={t("templateEdit.name")}
            name="name"
            defaultValue={info?.values ? info.values.name : d.template.name}
            error={info?.fieldErrors?.name}
            required
          />
          <TextField
            label={t("templateEdit.templateDescription")}
            name="description"
            defaultValue={info?.values ? info.values.description : (d.template.description ?? "")}
            error={info?.fieldErrors?.description}
          />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("templateEdit.save")}
          </button>
        </Form>
      </section>

      <section className="space-y-4" aria-labelledby="phases-title">
        <h2 id="phases-title" className="text-lg font-semibold">
          {t("templateEdit.phases")}
        </h2>
        {d.phases.length === 0 ? (
          <p className="text-sm text-slate-600">{t("templateEdit.noPhases")}</p>
        ) : null}
        <ol className="space-y-4">
          {d.phases.map((p, index) => {
            const phaseTasks = d.tasks.filter((x) => x.phaseId === p.id);
            return (
              <li key={p.id} className="card space-y-3" data-testid="phase">
                <div className="flex flex-wrap items-end gap-2">
                  <PhaseTitleForm
                    schedule="offsets"
                    phase={p}
                    index={index}
                    version={version}
                    failure={formFailure("renamePhase", "phaseId", p.id)}
                  />
                  {remove(
                    "removePhase",
                    "phaseId",
                    p.id,
                    t("templateEdit.removePhaseNamed", { title: p.title }),
                  )}
                </div>
                {phaseTasks.length ? (
                  <ul className="divide-y divide-slate-100">
                    {phaseTasks.map((task) => {
                      const edit = formFailure("updateTask", "taskId", task.id);
                      return (
                        <li key={task.id} className="py-2">
                          <details open={!!edit}>
                            <summary className="cursor-pointer">
                              <span className="font-medium">{task.title}</span>{" "}
                              <span className="text-sm text-slate-500">
                                {t("templates.days", {
                                  start: signed(task.startOffsetDays),
                                  due: signed(task.dueOffsetDays),
                                })}
                              </span>
                            </summary>
                            <div className="mt-3 space-y-3 border-l-2 border-slate-100 pl-4">
                              <TaskForm
                                intent="updateTask"
                                mode={mode}
                                version={version}
                                task={task}
                                phases={d.phases}
                                tasks={tasks}
                                result={edit}
                                submitLabel={t("templateEdit.saveTask")}
                              />
                              {remove(
                                "removeTask",
                                "taskId",
                                task.id,
                                t("templateEdit.removeTaskNamed", { title: task.title }),
                              )}
                            </div>
                          </details>
                        </li>
                      );
                    })}
                  </ul>
                ) : (
                  <p className="text-sm text-slate-500">{t("templateEdit.noTasks")}</p>
                )}
              </li>
            );
          })}
        </ol>
        <PhaseTitleForm
          key={phaseKey}
          schedule="offsets"
          version={version}
          failure={formFailure("addPhase")}
        />
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="card space-y-4" aria-labelledby="add-task-title">
          <h2 id="add-task-title" className="text-lg font-semibold">
            {t("templateEdit.addTask")}
          </h2>
          {d.phases.length ? (
            <TaskForm
              key={taskKey}
              intent="addTask"
              mode={mode}
              version={version}
              phases={d.phases}
              tasks={tasks}
              result={formFailure("addTask")}
              submitLabel={t("templateEdit.addTask")}
            />
          ) : (
            <p className="text-sm text-slate-600">{t("templateEdit.needPhase")}</p>
          )}
        </section>
        <section className="card space-y-4" aria-labelledby="milestones-title">
          <h2 id="milestones-title" className="text-lg font-semibold">
            {t("templateEdit.milestones")}
          </h2>
          {d.milestones.length ? (
            <ul className="divide-y divide-slate-100">
              {d.milestones.map((m) => {
                const edit = formFailure("updateMilestone", "milestoneId", m.id);
                return (
                  <li key={m.id} className="py-2">
                    <details open={!!edit}>
                      <summary className="cursor-pointer">
                        <span className="font-medium">◆ {m.title}</span>{" "}
                        <span className="text-sm text-slate-500">
                          {t("templates.day", { day: signed(m.offsetDays) })}
                        </span>
                      </summary>
                      <div className="mt-3 space-y-3 border-l-2 border-slate-100 pl-4">
                        <MilestoneForm
                          intent="updateMilestone"
                          mode={mode}
                          version={version}
                          milestone={m}
                          tasks={tasks}
                          result={edit}
                          submitLabel={t("templateEdit.saveMilestone")}
                        />
                        {remove(
                          "removeMilestone",
                          "milestoneId",
                          m.id,
                          t("templateEdit.removeMilestoneNamed", { title: m.title }),
                        )}
                      </div>
                    </details>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">{t("templateEdit.noMilestones")}</p>
          )}
          <h3 className="font-semibold">{t("templateEdit.addMilestone")}</h3>
          <MilestoneForm
            key={milestoneKey}
            intent="addMilestone"
            mode={mode}
            version={version}
            tasks={tasks}
            result={formFailure("addMilestone")}
            submitLabel={t("templateEdit.addMilestone")}
          />
        </section>
      </div>

      <SuggestedGoals
        version={version}
        suggested={d.suggested}
        failure={formFailure}
        addKey={goalKey}
        remove={(goalId, label) => remove("removeGoal", "goalId", goalId, label)}
      />

      <TemplateTaskForms
        version={version}
        tasks={tasks}
        attached={d.taskForms}
        library={d.formLibrary}
        failure={formFailure}
        formKey={formKey}
      />

      <section className="card min-w-0 space-y-4" aria-labelledby="template-raci-title">
        <div>
          <h2 id="template-raci-title" className="text-lg font-semibold">
            {t("raci.templateTitle")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("raci.templateIntro")}</p>
        </div>
        <RaciGrid
          labelledBy="template-raci-title"
          columnGroups={[
            {
              key: "roles",
              label: t("raci.teamRoles"),
              columns: TEAM_ROLES.map((r) => ({ id: r, name: t(`team.roles.${r}`) })),
            },
          ]}
          groups={[
            {
              key: "rows",
              rows: d.raci.map((r) => ({
                type: r.type,
                id: r.id,
                title: r.type === "milestone" ? `${t("raci.kind.milestone")}: ${r.title}` : r.title,
                cells: r.cells,
                editable: [...TEAM_ROLES],
              })),
            },
          ]}
          columnField="teamRole"
          cellIntent="setTemplateCell"
          rowIntent="setTemplateRow"
          sendsExpected={false}
        />
        <RaciLegend />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
