import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { PLAN_SIDES, VISIBILITIES } from "~/vocabulary";
import { CheckboxField, FormError, SelectField, TextField } from "~/components/ui/Field";
import { MultiSelect, type MultiSelectOption } from "~/components/ui/MultiSelect";
import type { ActionResult } from "~/utils/action-result";

type Option = MultiSelectOption;

export type TaskFormValues = {
  id?: string;
  version?: number;
  phaseId?: string;
  title?: string;
  description?: string | null;
  side?: string;
  assigneeId?: string | null;
  startDate?: string | null;
  dueDate?: string | null;
  visibility?: string;
  dependsOn?: string[];
};

/** Add or edit a task. `result` is this form's own failed result, if any (values echoed back). */
export function TaskForm(props: {
  intent: string;
  task?: TaskFormValues;
  phases: Option[];
  stakeholders: { id: string; name: string }[];
  tasks: Option[];
  result?: ActionResult;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const descId = useId();
  const r = props.result && !props.result.ok ? props.result : undefined;
  const v = r?.values;
  const e = r?.fieldErrors ?? {};
  const task = props.task ?? {};
  const val = (key: keyof TaskFormValues & string, fallback: string | null | undefined) =>
    v ? v[key] : (fallback ?? undefined);
  return (
    <Form method="post" noValidate className="space-y-3">
      <input type="hidden" name="intent" value={props.intent} />
      {task.id ? <input type="hidden" name="taskId" value={task.id} /> : null}
      {task.version ? <input type="hidden" name="version" value={task.version} /> : null}
      {r?.formError ? <FormError messageKey={r.formError} params={r.params} /> : null}
      <TextField
        label={t("planEdit.taskTitle")}
        name="title"
        defaultValue={val("title", task.title)}
        error={e.title}
        required
      />
      <div>
        <label htmlFor={descId} className="label">
          {t("planEdit.description")}
        </label>
        <textarea
          id={descId}
          name="description"
          rows={3}
          maxLength={5000}
          defaultValue={val("description", task.description)}
          className="input"
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t("planEdit.phase")}
          name="phaseId"
          defaultValue={val("phaseId", task.phaseId ?? props.phases[0]?.id)}
          error={e.phaseId}
          options={props.phases.map((p) => ({ value: p.id, label: p.title }))}
          required
        />
        <SelectField
          label={t("planEdit.side")}
          name="side"
          defaultValue={val("side", task.side ?? "joint")}
          error={e.side}
          options={PLAN_SIDES.map((s) => ({ value: s, label: t(`planEdit.sides.${s}`) }))}
          required
        />
        <SelectField
          label={t("planEdit.assignee")}
          name="assigneeId"
          defaultValue={val("assigneeId", task.assigneeId)}
          error={e.assigneeId}
          placeholder={t("planEdit.unassigned")}
          options={props.stakeholders.map((s) => ({ value: s.id, label: s.name }))}
        />
        <SelectField
          label={t("planEdit.visibility")}
          name="visibility"
          defaultValue={val("visibility", task.visibility ?? "shared")}
          error={e.visibility}
          options={VISIBILITIES.map((s) => ({ value: s, label: t(`planEdit.visibilities.${s}`) }))}
          required
        />
        <TextField
          label={t("planEdit.startDate")}
          name="startDate"
          type="date"
          defaultValue={val("startDate", task.startDate)}
          error={e.startDate}
        />
        <TextField
          label={t("planEdit.dueDate")}
          name="dueDate"
          type="date"
          defaultValue={val("dueDate", task.dueDate)}
          error={e.dueDate}
        />
      </div>
      <MultiSelect
        label={t("planEdit.dependsOn")}
        name="dependsOn"
        options={props.tasks.filter((o) => o.id !== task.id)}
        selected={task.dependsOn ?? []}
        error={e.dependsOn}
      />
      <button type="submit" className="btn-primary" disabled={busy}>
        {props.submitLabel}
      </button>
    </Form>
  );
}

export type MilestoneFormValues = {
  id?: string;
  version?: number;
  title?: string;
  targetDate?: string;
  taskIds?: string[];
  isFirstValue?: boolean;
  autoComplete?: boolean;
  visibility?: string;
};

export function MilestoneForm(props: {
  intent: string;
  milestone?: MilestoneFormValues;
  tasks: Option[];
  result?: ActionResult;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const r = props.result && !props.result.ok ? props.result : undefined;
  const v = r?.values;
  const e = r?.fieldErrors ?? {};
  const m = props.milestone ?? {};
  return (
    <Form method="post" noValidate className="space-y-3">
      <input type="hidden" name="intent" value={props.intent} />
      {m.id ? <input type="hidden" name="milestoneId" value={m.id} /> : null}
      {m.version ? <input type="hidden" name="version" value={m.version} /> : null}
      {r?.formError ? <FormError messageKey={r.formError} params={r.params} /> : null}
      <TextField
        label={t("planEdit.milestoneTitle")}
        name="title"
        defaultValue={v ? v.title : m.title}
        error={e.title}
        required
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t("planEdit.targetDate")}
          name="targetDate"
          type="date"
          hint={m.id ? t("planEdit.baselineKept") : undefined}
          defaultValue={v ? v.targetDate : m.targetDate}
          error={e.targetDate}
          required
        />
        <SelectField
          label={t("planEdit.visibility")}
          name="visibility"
          defaultValue={v ? v.visibility : (m.visibility ?? "shared")}
          error={e.visibility}
          options={VISIBILITIES.map((s) => ({ value: s, label: t(`planEdit.visibilities.${s}`) }))}
          required
        />
      </div>
      <MultiSelect
        label={t("planEdit.requiredTasks")}
        name="taskIds"
        options={props.tasks}
        selected={m.taskIds ?? []}
        error={e.taskIds}
      />
      <CheckboxField
        label={t("planEdit.firstValue")}
        name="isFirstValue"
        hint={t("planEdit.firstValueHint")}
        defaultChecked={v ? v.isFirstValue === "on" : !!m.isFirstValue}
      />
      {e.isFirstValue ? (
        <p className="field-error" role="alert">
          {t(e.isFirstValue, r?.params)}
        </p>
      ) : null}
      <CheckboxField
        label={t("planEdit.autoComplete")}
        name="autoComplete"
        hint={t("planEdit.autoCompleteHint")}
        defaultChecked={v ? v.autoComplete === "on" : !!m.autoComplete}
      />
      <button type="submit" className="btn-primary" disabled={busy}>
        {props.submitLabel}
      </button>
    </Form>
  );
}

const STATUS_STYLE: Record<string, string> = {
  todo: "bg-slate-100 text-slate-700",
  in_progress: "bg-sky-100 text-sky-800",
  blocked: "bg-red-100 text-red-800",
  done: "bg-emerald-100 text-emerald-800",
};

/** A task status as a coloured pill. */
export function TaskStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status] ?? ""}`}>
      {t(`task.statuses.${status}`)}
    </span>
  );
}
