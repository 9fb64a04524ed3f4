import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { PLAN_SIDES, TEAM_ROLES, VISIBILITIES } from "~/vocabulary";
import { toTeamRole } from "~/domain/team/roles";
import { CheckboxField, FormError, SelectField, TextField } from "~/components/ui/Field";
import { MultiSelect, type MultiSelectOption } from "~/components/ui/MultiSelect";
import { echoedList, type ActionResult } from "~/utils/action-result";
import { FieldErrorText } from "./PhaseForms";
import { useEditorWords } from "./words";

type Option = MultiSelectOption;

/**
 * Which editor a form is in: a room's plan schedules on dates and assigns stakeholders; a template
 * schedules in days from the kickoff (within `limits`) and names a default role.
 */
export type EditorMode =
  | { schedule: "dates"; stakeholders?: { id: string; name: string }[] }
  | { schedule: "offsets"; limits: { min: number; max: number } };

export type TaskFormValues = {
  id?: string;
  phaseId?: string;
  title?: string;
  description?: string | null;
  side?: string;
  visibility?: string;
  dependsOn?: string[];
  isDeliverable?: boolean;
  assigneeId?: string | null;
  startDate?: string | null;
  dueDate?: string | null;
  defaultRole?: string | null;
  startOffsetDays?: number;
  dueOffsetDays?: number;
};

export type MilestoneFormValues = {
  id?: string;
  title?: string;
  taskIds?: string[];
  isFirstValue?: boolean;
  autoComplete?: boolean;
  /** The customer's A signs it off (検収) instead of the CSM confirming it. */
  signOffRequired?: boolean;
  visibility?: string;
  targetDate?: string;
  offsetDays?: number;
};

/** Props both forms share. `version` goes in a hidden field; `result` is this form's own result, if any. */
type FormProps = {
  intent: string;
  mode: EditorMode;
  version?: number;
  tasks: Option[];
  result?: ActionResult;
  submitLabel: string;
};

/** The failed result's echoed values and errors, and `val` to prefer an echoed value over the stored one. */
function useEcho(result: ActionResult | undefined) {
  const r = result && !result.ok ? result : undefined;
  const v = r?.values;
  const val = (key: string, stored: string | number | null | undefined) =>
    v ? v[key] : stored === null || stored === undefined ? undefined : String(stored);
  return { r, v, e: r?.fieldErrors ?? {}, val };
}

function Hidden(props: { intent: string; idKey: string; id?: string; version?: number }) {
  return (
    <>
      <input type="hidden" name="intent" value={props.intent} />
      {props.id ? <input type="hidden" name={props.idKey} value={props.id} /> : null}
      {props.version !== undefined ? <input type="hidden" name="version" value={props.version} /> : null}
    </>
  );
}

/** Add or edit a task, in a room's plan or in a template. */
export function TaskForm(props: FormProps & { task?: TaskFormValues; phases: Option[] }) {
  const { mode } = props;
  const { t, w, side, visibility } = useEditorWords(mode.schedule);
  const busy = useNavigation().state !== "idle";
  const descId = useId();
  const { r, v, e, val } = useEcho(props.result);
  const task = props.task ?? {};
  return (
    <Form method="post" noValidate className="space-y-3">
      <Hidden intent={props.intent} idKey="taskId" id={task.id} version={props.version} />
      {r?.formError ? <FormError messageKey={r.formError} params={r.params} /> : null}
      <TextField
        label={w("taskTitle")}
        name="title"
        defaultValue={val("title", task.title)}
        error={e.title}
        required
      />
      <div>
        <label htmlFor={descId} className="label">
          {w("description")}
        </label>
        <textarea
          id={descId}
          name="description"
          rows={mode.schedule === "dates" ? 3 : 2}
          maxLength={5000}
          defaultValue={val("description", task.description)}
          className="input"
        />
        <FieldErrorText error={e.description} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={w("phase")}
          name="phaseId"
          defaultValue={val("phaseId", task.phaseId ?? props.phases[0]?.id)}
          error={e.phaseId}
          options={props.phases.map((p) => ({ value: p.id, label: p.title }))}
          required
        />
        <SelectField
          label={w("side")}
          name="side"
          defaultValue={val("side", task.side ?? "joint")}
          error={e.side}
          options={PLAN_SIDES.map((s) => ({ value: s, label: side(s) }))}
          required
        />
        {mode.schedule === "dates" ? (
          <AssigneeField
            stakeholders={mode.stakeholders ?? []}
            value={val("assigneeId", task.assigneeId)}
            error={e.assigneeId}
          />
        ) : (
          <SelectField
            label={t("templateEdit.defaultRole")}
            name="defaultRole"
            hint={t("templateEdit.defaultRoleHint")}
            defaultValue={val("defaultRole", toTeamRole(task.defaultRole)) ?? ""}
            error={e.defaultRole}
            placeholder={t("team.noRole")}
            options={TEAM_ROLES.map((r) => ({ value: r, label: t(`team.roles.${r}`) }))}
          />
        )}
        <SelectField
          label={w("visibility")}
          name="visibility"
          defaultValue={val("visibility", task.visibility ?? "shared")}
          error={e.visibility}
          options={VISIBILITIES.map((s) => ({ value: s, label: visibility(s) }))}
          required
        />
        <WhenField mode={mode} when="start" item={task} val={val} errors={e} />
        <WhenField mode={mode} when="due" item={task} val={val} errors={e} />
      </div>
      <MultiSelect
        label={w("dependsOn")}
        hint={w("multiHint")}
        name="dependsOn"
        options={props.tasks.filter((o) => o.id !== task.id)}
        selected={echoedList(v, "dependsOn") ?? task.dependsOn ?? []}
        error={e.dependsOn}
      />
      <CheckboxField
        label={t("raci.deliverable")}
        name="isDeliverable"
        hint={t("raci.deliverableHint")}
        defaultChecked={v ? v.isDeliverable === "on" : !!task.isDeliverable}
      />
      <button type="submit" className="btn-primary" disabled={busy}>
        {props.submitLabel}
      </button>
    </Form>
  );
}

/** Add or edit a milestone, in a room's plan or in a template. */
export function MilestoneForm(props: FormProps & { milestone?: MilestoneFormValues }) {
  const { mode } = props;
  const { t, w, visibility } = useEditorWords(mode.schedule);
  const busy = useNavigation().state !== "idle";
  const { r, v, e, val } = useEcho(props.result);
  const m = props.milestone ?? {};
  return (
    <Form method="post" noValidate className="space-y-3">
      <Hidden intent={props.intent} idKey="milestoneId" id={m.id} version={props.version} />
      {r?.formError ? <FormError messageKey={r.formError} params={r.params} /> : null}
      <TextField
        label={w("milestoneTitle")}
        name="title"
        defaultValue={val("title", m.title)}
        error={e.title}
        required
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <WhenField
          mode={mode}
          when="target"
          item={m}
          val={val}
          errors={e}
          hint={m.id ? t("planEdit.baselineKept") : undefined}
          required
        />
        <SelectField
          label={w("visibility")}
          name="visibility"
          defaultValue={val("visibility", m.visibility ?? "shared")}
          error={e.visibility}
          options={VISIBILITIES.map((s) => ({ value: s, label: visibility(s) }))}
          required
        />
      </div>
      <MultiSelect
        label={w("requiredTasks")}
        hint={w("multiHint")}
        name="taskIds"
        options={props.tasks}
        selected={echoedList(v, "taskIds") ?? m.taskIds ?? []}
        error={e.taskIds}
      />
      <CheckboxField
        label={w("firstValue")}
        name="isFirstValue"
        hint={w("firstValueHint")}
        defaultChecked={v ? v.isFirstValue === "on" : !!m.isFirstValue}
      />
      <FieldErrorText error={e.isFirstValue} params={r?.params} />
      <CheckboxField
        label={w("autoComplete")}
        name="autoComplete"
        hint={w("autoCompleteHint")}
        defaultChecked={v ? v.autoComplete === "on" : !!m.autoComplete}
      />
      <CheckboxField
        label={t("signOff.form.required")}
        name="signOffRequired"
        hint={t("signOff.form.requiredHint")}
        defaultChecked={v ? v.signOffRequired === "on" : !!m.signOffRequired}
      />
      <button type="submit" className="btn-primary" disabled={busy}>
        {props.submitLabel}
      </button>
    </Form>
  );
}

function AssigneeField(props: {
  stakeholders: { id: string; name: string }[];
  value?: string;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t("planEdit.assignee")}
      name="assigneeId"
      defaultValue={props.value}
      error={props.error}
      placeholder={t("planEdit.unassigned")}
      options={props.stakeholders.map((s) => ({ value: s.id, label: s.name }))}
    />
  );
}

/** Where each schedule keeps an item's start, due and target, and how the field is labelled. */
const WHEN = {
  start: {
    dates: ["startDate", "planEdit.startDate"],
    offsets: ["startOffsetDays", "templateEdit.startOffset"],
  },
  due: { dates: ["dueDate", "planEdit.dueDate"], offsets: ["dueOffsetDays", "templateEdit.dueOffset"] },
  target: {
    dates: ["targetDate", "planEdit.targetDate"],
    offsets: ["offsetDays", "templateEdit.milestoneOffset"],
  },
} as const;

/**
 * A start, due or target: a calendar date in a plan (optional but for a milestone's target), a required
 * whole number of days from the kickoff within the template's limits in a template.
 */
function WhenField(props: {
  mode: EditorMode;
  when: keyof typeof WHEN;
  item: Record<string, unknown>;
  val: (key: string, stored: string | number | null | undefined) => string | undefined;
  errors: Record<string, string>;
  hint?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const { mode } = props;
  const days = mode.schedule === "offsets";
  const [name, label] = WHEN[props.when][mode.schedule];
  const stored = props.item[name] as string | number | null | undefined;
  return (
    <TextField
      label={t(label)}
      name={name}
      type={days ? "number" : "date"}
      inputMode={days ? "numeric" : undefined}
      hint={mode.schedule === "offsets" ? t("templateEdit.offsetHint", mode.limits) : props.hint}
      defaultValue={props.val(name, stored ?? (days ? 0 : undefined))}
      error={props.errors[name]}
      required={days || props.required}
    />
  );
}

const STATUS_STYLE: Record<string, string> = {
  todo: "bg-slate-100 text-slate-700",
  in_progress: "bg-sky-100 text-sky-800",
  review: "bg-fuchsia-100 text-fuchsia-800",
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
