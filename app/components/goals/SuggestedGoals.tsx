import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormError, TextField } from "~/components/ui/Field";
import { plainNumber } from "~/domain/goals/number";
import type { ActionResult } from "~/utils/action-result";

type Suggested = {
  firstGoalMarksFirstValue: boolean;
  goals: {
    id: string;
    statement: string;
    kpi: string;
    unit: string;
    baseline: number | null;
    target: number | null;
    dueOffsetDays: number;
  }[];
};

type Goal = Suggested["goals"][number];

function GoalForm(props: {
  intent: "addGoal" | "updateGoal";
  version: number;
  goal?: Goal;
  result?: ActionResult;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const g = props.goal;
  const v = props.result?.values;
  const e = props.result?.fieldErrors ?? {};
  const val = (key: string, stored: string | number | null | undefined) =>
    v ? v[key] : stored === null || stored === undefined ? undefined : String(stored);
  return (
    <Form method="post" noValidate className="space-y-3">
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="version" value={props.version} />
      {g ? <input type="hidden" name="goalId" value={g.id} /> : null}
      <FormError messageKey={props.result?.formError} params={props.result?.params} />
      <TextField
        label={t("goals.template.statement")}
        name="statement"
        defaultValue={val("statement", g?.statement)}
        error={e.statement}
        required
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t("goals.template.kpi")}
          name="kpi"
          defaultValue={val("kpi", g?.kpi)}
          error={e.kpi}
          required
        />
        <TextField
          label={t("goals.template.unit")}
          name="unit"
          defaultValue={val("unit", g?.unit)}
          error={e.unit}
        />
        <TextField
          label={t("goals.template.baseline")}
          name="baseline"
          inputMode="decimal"
          defaultValue={val("baseline", g?.baseline === null || !g ? undefined : plainNumber(g.baseline))}
          error={e.baseline}
        />
        <TextField
          label={t("goals.template.target")}
          name="target"
          inputMode="decimal"
          defaultValue={val("target", g?.target === null || !g ? undefined : plainNumber(g.target))}
          error={e.target}
        />
        <TextField
          label={t("goals.template.dueOffset")}
          name="dueOffsetDays"
          type="number"
          inputMode="numeric"
          defaultValue={val("dueOffsetDays", g?.dueOffsetDays ?? 60)}
          error={e.dueOffsetDays}
          required
        />
      </div>
      <button type="submit" className="btn-primary" disabled={busy}>
        {props.submitLabel}
      </button>
    </Form>
  );
}

/** The template editor's "Suggested goals" section and its first-value setting. */
export function SuggestedGoals(props: {
  version: number;
  suggested: Suggested;
  failure: (intent: string, idKey?: string, itemId?: string) => ActionResult | undefined;
  addKey: string;
  remove: (goalId: string, label: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const { suggested, version } = props;
  const setting = props.failure("firstGoal");
  return (
    <section className="card space-y-4" aria-labelledby="suggested-goals-title" data-testid="suggested-goals">
      <h2 id="suggested-goals-title" className="text-lg font-semibold">
        {t("goals.template.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("goals.template.intro")}</p>
      <Form method="post" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="firstGoal" />
        <input type="hidden" name="version" value={version} />
        <FormError messageKey={setting?.formError} params={setting?.params} />
        <CheckboxField
          label={t("goals.template.firstGoal")}
          name="firstGoalMarksFirstValue"
          hint={t("goals.template.firstGoalHint")}
          defaultChecked={
            setting?.values
              ? setting.values.firstGoalMarksFirstValue === "on"
              : suggested.firstGoalMarksFirstValue
          }
        />
        <button type="submit" className="btn-secondary" disabled={busy}>
          {t("goals.template.saveSettings")}
        </button>
      </Form>
      {suggested.goals.length ? (
        <ul className="divide-y divide-slate-100">
          {suggested.goals.map((g) => {
            const edit = props.failure("updateGoal", "goalId", g.id);
            return (
              <li key={g.id} className="py-2" data-testid="suggested-goal">
                <details open={!!edit}>
                  <summary className="cursor-pointer">
                    <span className="font-medium break-words">{g.statement}</span>{" "}
                    <span className="text-sm text-slate-500">
                      {g.kpi} · {t("goals.template.dueDay", { day: g.dueOffsetDays })}
                    </span>
                  </summary>
                  <div className="mt-3 space-y-3 border-l-2 border-slate-100 pl-4">
                    <GoalForm
                      intent="updateGoal"
                      version={version}
                      goal={g}
                      result={edit}
                      submitLabel={t("goals.template.save")}
                    />
                    {props.remove(g.id, t("goals.template.removeNamed", { goal: g.statement }))}
                  </div>
                </details>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t("goals.template.none")}</p>
      )}
      <h3 className="font-semibold">{t("goals.template.add")}</h3>
      <GoalForm
        key={props.addKey}
        intent="addGoal"
        version={version}
        result={props.failure("addGoal")}
        submitLabel={t("goals.template.add")}
      />
    </section>
  );
}
