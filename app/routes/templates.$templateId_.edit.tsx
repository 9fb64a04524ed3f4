import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { PLAN_SIDES, VISIBILITIES } from "~/vocabulary";
import { requireStaff } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { CheckboxField, FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import { MultiSelect, type MultiSelectOption } from "~/components/ui/MultiSelect";
import {
  addMilestone,
  addPhase,
  addTask,
  getTemplateForEditing,
  parseEditForm,
  MilestoneRefSchema,
  MilestoneSchema,
  OFFSET_MAX,
  OFFSET_MIN,
  PhaseRefSchema,
  PhaseSchema,
  removeMilestone,
  removePhase,
  removeTask,
  renamePhase,
  TaskRefSchema,
  TaskSchema,
  TemplateInfoSchema,
  updateMilestone,
  updateTask,
  updateTemplateInfo,
} from "~/domain/templates/editing.server";
import { formValues, type ActionResult } from "~/utils/action-result";
import { DomainError } from "~/utils/errors";
import { type FormResult } from "~/utils/forms";
import { runAction, throwHttp } from "~/utils/http.server";
import { pageTitle } from "~/i18n/page-title.server";
import { pageTitleMeta } from "~/utils/page-title";

/** Turns a DomainError of a loader into its status page. */
function runDomain<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof DomainError) throwHttp(error);
    throw error;
  }
}

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = requireStaff(request, "templates.manage");
  const detail = runDomain(() => getTemplateForEditing(actor, params.templateId ?? ""));
  return {
    ...detail,
    offsetLimits: { min: OFFSET_MIN, max: OFFSET_MAX },
    pageTitle: await pageTitle(request, actor, "templateEdit.title", { name: detail.template.name }),
  };
}

/** Multi-selects arrive as repeated keys: echo them back joined by newlines so a failed form keeps them. */
const MULTI = ["dependsOn", "taskIds"];

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = requireStaff(request, "templates.manage");
  const templateId = params.templateId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const values = formValues(formData);
  for (const key of MULTI)
    if (formData.has(key))
      values[key] = formData
        .getAll(key)
        .filter((v) => typeof v === "string")
        .join("\n");

  const run = async <T,>(
    parsed: FormResult<T>,
    fn: (input: T) => unknown,
    notice: string,
  ): Promise<ReturnType<typeof data<ActionResult>>> => {
    if (!parsed.ok) return data<ActionResult>({ ok: false, fieldErrors: parsed.fieldErrors, values }, 400);
    const result = await runAction(() => fn(parsed.data));
    if (!result.ok) {
      const failure: ActionResult = result.field
        ? { ok: false, fieldErrors: { [result.field]: result.formError }, params: result.params, values }
        : { ok: false, formError: result.formError, params: result.params, values };
      return data<ActionResult>(failure, result.status);
    }
    return data<ActionResult>({ ok: true, notice, values: { intent } });
  };

  switch (intent) {
    case "updateTemplate":
      return run(
        parseEditForm(TemplateInfoSchema, formData),
        (input) => updateTemplateInfo(actor, templateId, input),
        "templateEdit.templateSaved",
      );
    case "addPhase":
      return run(
        parseEditForm(PhaseSchema, formData),
        (input) => addPhase(actor, templateId, input),
        "templateEdit.phaseAdded",
      );
    case "renamePhase":
      return run(
        parseEditForm(PhaseSchema.extend(PhaseRefSchema.shape), formData),
        (input) => renamePhase(actor, templateId, input.phaseId, input),
        "templateEdit.phaseSaved",
      );
    case "removePhase":
      return run(
        parseEditForm(PhaseRefSchema, formData),
        (input) => removePhase(actor, templateId, input.phaseId, input.version),
        "templateEdit.phaseRemoved",
      );
    case "addTask":
      return run(
        parseEditForm(TaskSchema, formData),
        (input) => addTask(actor, templateId, input),
        "templateEdit.taskAdded",
      );
    case "updateTask":
      return run(
        parseEditForm(TaskSchema.extend(TaskRefSchema.shape), formData),
        (input) => updateTask(actor, templateId, input.taskId, input),
        "templateEdit.taskSaved",
      );
    case "removeTask":
      return run(
        parseEditForm(TaskRefSchema, formData),
        (input) => removeTask(actor, templateId, input.taskId, input.version),
        "templateEdit.taskRemoved",
      );
    case "addMilestone":
      return run(
        parseEditForm(MilestoneSchema, formData),
        (input) => addMilestone(actor, templateId, input),
        "templateEdit.milestoneAdded",
      );
    case "updateMilestone":
      return run(
        parseEditForm(MilestoneSchema.extend(MilestoneRefSchema.shape), formData),
        (input) => updateMilestone(actor, templateId, input.milestoneId, input),
        "templateEdit.milestoneSaved",
      );
    case "removeMilestone":
      return run(
        parseEditForm(MilestoneRefSchema, formData),
        (input) => removeMilestone(actor, templateId, input.milestoneId, input.version),
        "templateEdit.milestoneRemoved",
      );
    default:
      return data<ActionResult>({ ok: false, formError: "errors.unexpected", values }, 400);
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Option = MultiSelectOption;

/** The failed result of the form with this intent (and item id), if that is the one that failed. */
function useFailure() {
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : undefined;
  return (intent: string, idKey?: string, id?: string) =>
    failed?.values?.intent === intent && (!idKey || failed.values?.[idKey] === id) ? failed : undefined;
}

function FieldErrorText({ error, params }: { error?: string; params?: Record<string, unknown> }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="field-error" role="alert">
      {t(error, params)}
    </p>
  );
}

type TaskRow = LoaderData["tasks"][number];

function TaskEditForm(props: {
  intent: "addTask" | "updateTask";
  version: number;
  limits: { min: number; max: number };
  task?: TaskRow;
  phases: Option[];
  tasks: Option[];
  failure?: ActionResult;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const descId = useId();
  const v = props.failure?.values;
  const e = props.failure?.fieldErrors ?? {};
  const task = props.task;
  const val = (key: string, fallback: string | number | null | undefined) =>
    v ? v[key] : fallback === null || fallback === undefined ? undefined : String(fallback);
  const selected = v ? (v.dependsOn ?? "").split("\n").filter(Boolean) : (task?.dependsOn ?? []);
  return (
    <Form method="post" noValidate className="space-y-3">
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="version" value={props.version} />
      {task ? <input type="hidden" name="taskId" value={task.id} /> : null}
      {props.failure?.formError !== "templateEdit.stale" ? (
        <FormError messageKey={props.failure?.formError} params={props.failure?.params} />
      ) : null}
      <TextField
        label={t("templateEdit.taskTitle")}
        name="title"
        defaultValue={val("title", task?.title)}
        error={e.title}
        required
      />
      <div>
        <label htmlFor={descId} className="label">
          {t("templateEdit.description")}
        </label>
        <textarea
          id={descId}
          name="description"
          rows={2}
          maxLength={5000}
          defaultValue={val("description", task?.description)}
          className="input"
        />
        <FieldErrorText error={e.description} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t("templateEdit.phase")}
          name="phaseId"
          defaultValue={val("phaseId", task?.phaseId ?? props.phases[0]?.id)}
          error={e.phaseId}
          options={props.phases.map((p) => ({ value: p.id, label: p.title }))}
          required
        />
        <SelectField
          label={t("templateEdit.side")}
          name="side"
          defaultValue={val("side", task?.side ?? "joint")}
          error={e.side}
          options={PLAN_SIDES.map((s) => ({ value: s, label: t(`templates.side.${s}`) }))}
          required
        />
        <TextField
          label={t("templateEdit.defaultRole")}
          name="defaultRole"
          hint={t("templateEdit.defaultRoleHint")}
          defaultValue={val("defaultRole", task?.defaultRole)}
          error={e.defaultRole}
        />
        <SelectField
          label={t("templateEdit.visibility")}
          name="visibility"
          defaultValue={val("visibility", task?.visibility ?? "shared")}
          error={e.visibility}
          options={VISIBILITIES.map((s) => ({ value: s, label: t(`templateEdit.visibilities.${s}`) }))}
          required
        />
        <TextField
          label={t("templateEdit.startOffset")}
          name="startOffsetDays"
          type="number"
          inputMode="numeric"
          hint={t("templateEdit.offsetHint", props.limits)}
          defaultValue={val("startOffsetDays", task?.startOffsetDays ?? 0)}
          error={e.startOffsetDays}
          required
        />
        <TextField
          label={t("templateEdit.dueOffset")}
          name="dueOffsetDays"
          type="number"
          inputMode="numeric"
          hint={t("templateEdit.offsetHint", props.limits)}
          defaultValue={val("dueOffsetDays", task?.dueOffsetDays ?? 0)}
          error={e.dueOffsetDays}
          required
        />
      </div>
      <MultiSelect
        label={t("templateEdit.dependsOn")}
        hint={t("templateEdit.multiHint")}
        name="dependsOn"
        options={props.tasks.filter((o) => o.id !== task?.id)}
        selected={selected}
        error={e.dependsOn}
      />
      <button type="submit" className="btn-primary" disabled={busy}>
        {props.submitLabel}
      </button>
    </Form>
  );
}

type MilestoneRow = LoaderData["milestones"][number];

function MilestoneEditForm(props: {
  intent: "addMilestone" | "updateMilestone";
  version: number;
  limits: { min: number; max: number };
  milestone?: MilestoneRow;
  tasks: Option[];
  failure?: ActionResult;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const v = props.failure?.values;
  const e = props.failure?.fieldErrors ?? {};
  const m = props.milestone;
  const selected = v ? (v.taskIds ?? "").split("\n").filter(Boolean) : (m?.taskIds ?? []);
  return (
    <Form method="post" noValidate className="space-y-3">
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="version" value={props.version} />
      {m ? <input type="hidden" name="milestoneId" value={m.id} /> : null}
      {props.failure?.formError !== "templateEdit.stale" ? (
        <FormError messageKey={props.failure?.formError} params={props.failure?.params} />
      ) : null}
      <TextField
        label={t("templateEdit.milestoneTitle")}
        name="title"
        defaultValue={v ? v.title : m?.title}
        error={e.title}
        required
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t("templateEdit.milestoneOffset")}
          name="offsetDays"
          type="number"
          inputMode="numeric"
          hint={t("templateEdit.offsetHint", props.limits)}
          defaultValue={v ? v.offsetDays : String(m?.offsetDays ?? 0)}
          error={e.offsetDays}
          required
        />
        <SelectField
          label={t("templateEdit.visibility")}
          name="visibility"
          defaultValue={v ? v.visibility : (m?.visibility ?? "shared")}
          error={e.visibility}
          options={VISIBILITIES.map((s) => ({ value: s, label: t(`templateEdit.visibilities.${s}`) }))}
          required
        />
      </div>
      <MultiSelect
        label={t("templateEdit.requiredTasks")}
        hint={t("templateEdit.multiHint")}
        name="taskIds"
        options={props.tasks}
        selected={selected}
        error={e.taskIds}
      />
      <CheckboxField
        label={t("templateEdit.firstValue")}
        name="isFirstValue"
        hint={t("templateEdit.firstValueHint")}
        defaultChecked={v ? v.isFirstValue === "on" : !!m?.isFirstValue}
      />
      <FieldErrorText error={e.isFirstValue} params={props.failure?.params} />
      <CheckboxField
        label={t("templateEdit.autoComplete")}
        name="autoComplete"
        hint={t("templateEdit.autoCompleteHint")}
        defaultChecked={v ? v.autoComplete === "on" : !!m?.autoComplete}
      />
      <button type="submit" className="btn-primary" disabled={busy}>
        {props.submitLabel}
      </button>
    </Form>
  );
}

function RemoveButton(props: { intent: string; version: number; idKey: string; id: string; label: string }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="version" value={props.version} />
      <input type="hidden" name={props.idKey} value={props.id} />
      <button type="submit" className="btn-danger" disabled={busy} aria-label={props.label}>
        {t("templateEdit.remove")}
      </button>
    </Form>
  );
}

const signed = (days: number) => (days >= 0 ? `+${days}` : String(days));

export default function TemplateEdit() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = useFailure();
  const busy = useNavigation().state !== "idle";
  const version = d.template.version;
  const taskOptions = d.tasks.map((x) => ({ id: x.id, title: x.title }));
  const infoFailure = failure("updateTemplate");
  const addPhaseFailure = failure("addPhase");
  // Errors of the forms without a place of their own (removals, stale versions) go on top.
  const topFailure =
    failure("removePhase") ??
    failure("removeTask") ??
    failure("removeMilestone") ??
    (result && !result.ok && result.formError === "templateEdit.stale" ? result : undefined);
  // Successful saves change the version: remount forms so they pick up the new hidden version.
  const formKey = `v${version}`;
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("templateEdit.title", { name: d.template.name })}</h1>
        <Link to={`/templates/${d.template.id}`} className="btn-secondary">
          {t("templateEdit.back")}
        </Link>
      </div>
      <p className="text-sm text-slate-600">{t("templateEdit.intro")}</p>
      {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
      {topFailure?.formError ? (
        <FormError messageKey={topFailure.formError} params={topFailure.params} />
      ) : null}

      <section className="card space-y-3" aria-labelledby="info-title">
        <h2 id="info-title" className="text-lg font-semibold">
          {t("templateEdit.details")}
        </h2>
        <Form method="post" noValidate className="space-y-3" key={formKey}>
          <input type="hidden" name="intent" value="updateTemplate" />
          <input type="hidden" name="version" value={version} />
          {infoFailure?.formError !== "templateEdit.stale" ? (
            <FormError messageKey={infoFailure?.formError} params={infoFailure?.params} />
          ) : null}
          <TextField
            label={t("templateEdit.name")}
            name="name"
            defaultValue={infoFailure?.values ? infoFailure.values.name : d.template.name}
            error={infoFailure?.fieldErrors?.name}
            required
          />
          <TextField
            label={t("templateEdit.templateDescription")}
            name="description"
            defaultValue={
              infoFailure?.values ? infoFailure.values.description : (d.template.description ?? "")
            }
            error={infoFailure?.fieldErrors?.description}
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
            const rename = failure("renamePhase", "phaseId", p.id);
            const phaseTasks = d.tasks.filter((x) => x.phaseId === p.id);
            return (
              <li key={p.id} className="card space-y-3" data-testid="phase">
                <div className="flex flex-wrap items-end gap-2">
                  <Form
                    method="post"
                    noValidate
                    className="flex flex-1 flex-wrap items-end gap-2"
                    key={formKey}
                  >
                    <input type="hidden" name="intent" value="renamePhase" />
                    <input type="hidden" name="phaseId" value={p.id} />
                    <input type="hidden" name="version" value={version} />
                    <div className="min-w-48 flex-1">
                      <label htmlFor={`phase-${p.id}`} className="label">
                        {t("templateEdit.phaseTitle", { n: index + 1 })}
                      </label>
                      <input
                        id={`phase-${p.id}`}
                        name="title"
                        defaultValue={rename?.values ? rename.values.title : p.title}
                        required
                        maxLength={120}
                        aria-invalid={rename?.fieldErrors?.title ? true : undefined}
                        className="input"
                      />
                      <FieldErrorText error={rename?.fieldErrors?.title} />
                    </div>
                    <button type="submit" className="btn-secondary" disabled={busy}>
                      {t("templateEdit.rename")}
                    </button>
                  </Form>
                  <RemoveButton
                    intent="removePhase"
                    version={version}
                    idKey="phaseId"
                    id={p.id}
                    label={t("templateEdit.removePhaseNamed", { title: p.title })}
                  />
                </div>
                {phaseTasks.length ? (
                  <ul className="divide-y divide-slate-100">
                    {phaseTasks.map((task) => {
                      const edit = failure("updateTask", "taskId", task.id);
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
                              <TaskEditForm
                                key={formKey}
                                intent="updateTask"
                                version={version}
                                limits={d.offsetLimits}
                                task={task}
                                phases={d.phases}
                                tasks={taskOptions}
                                failure={edit}
                                submitLabel={t("templateEdit.saveTask")}
                              />
                              <RemoveButton
                                intent="removeTask"
                                version={version}
                                idKey="taskId"
                                id={task.id}
                                label={t("templateEdit.removeTaskNamed", { title: task.title })}
                              />
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
        <Form method="post" noValidate className="card flex flex-wrap items-end gap-2" key={formKey}>
          <input type="hidden" name="intent" value="addPhase" />
          <input type="hidden" name="version" value={version} />
          <div className="min-w-48 flex-1">
            <label htmlFor="new-phase" className="label">
              {t("templateEdit.newPhase")}
            </label>
            <input
              id="new-phase"
              name="title"
              required
              maxLength={120}
              defaultValue={addPhaseFailure?.values?.title}
              aria-invalid={addPhaseFailure?.fieldErrors?.title ? true : undefined}
              className="input"
            />
            <FieldErrorText error={addPhaseFailure?.fieldErrors?.title} />
          </div>
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("templateEdit.addPhase")}
          </button>
        </Form>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="card space-y-4" aria-labelledby="add-task-title">
          <h2 id="add-task-title" className="text-lg font-semibold">
            {t("templateEdit.addTask")}
          </h2>
          {d.phases.length ? (
            <TaskEditForm
              key={formKey}
              intent="addTask"
              version={version}
              limits={d.offsetLimits}
              phases={d.phases}
              tasks={taskOptions}
              failure={failure("addTask")}
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
                const edit = failure("updateMilestone", "milestoneId", m.id);
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
                        <MilestoneEditForm
                          key={formKey}
                          intent="updateMilestone"
                          version={version}
                          limits={d.offsetLimits}
                          milestone={m}
                          tasks={taskOptions}
                          failure={edit}
                          submitLabel={t("templateEdit.saveMilestone")}
                        />
                        <RemoveButton
                          intent="removeMilestone"
                          version={version}
                          idKey="milestoneId"
                          id={m.id}
                          label={t("templateEdit.removeMilestoneNamed", { title: m.title })}
                        />
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
          <MilestoneEditForm
            key={formKey}
            intent="addMilestone"
            version={version}
            limits={d.offsetLimits}
            tasks={taskOptions}
            failure={failure("addMilestone")}
            submitLabel={t("templateEdit.addMilestone")}
          />
        </section>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
