import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useId } from "react";
import { useTranslation } from "react-i18next";
import { can, type RoomCapability } from "~/access/capabilities";
import { ErrorView } from "~/components/ErrorView";
import { GoalChart, GoalStatusBadge } from "~/components/goals/GoalChart";
import { PostButton } from "~/components/planEdit/PhaseForms";
import { FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import { useAddFormKey, useFailure } from "~/components/ui/useFailure";
import {
  addCheckin,
  addGoal,
  CheckinSchema,
  GoalMoveSchema,
  GoalRefSchema,
  GoalSchema,
  GoalUpdateSchema,
  listGoals,
  moveGoal,
  removeGoal,
  updateGoal,
  type GoalView,
} from "~/domain/goals/goals.server";
import { plainNumber } from "~/domain/goals/number";
import { formatDate, formatNumber } from "~/i18n/format";
import { useRootData } from "~/root";
import { echoedList, type ActionResult } from "~/utils/action-result";
import { answerIntent, on } from "~/web/form-action.server";
import { requireRoomAccess } from "~/web/guards.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.view");
  const plan = listGoals(access);
  return {
    ...plan,
    roomId: access.room.id,
    canEdit: can(access.role, "goals.edit"),
    canCheckIn: can(access.role, "goals.checkIn"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const guard = (capability: RoomCapability) => requireRoomAccess(request, params.roomId, capability);
  const access = guard("room.view");
  const edit = { guard: () => guard("goals.edit"), invalid: "goals.errors.fix" };
  return answerIntent(formData, {
    add: on(GoalSchema, (i) => void addGoal(access, i), "goals.notice.added", edit),
    update: on(GoalUpdateSchema, ({ id, ...i }) => updateGoal(access, id, i), "goals.notice.updated", edit),
    remove: on(GoalRefSchema, (i) => removeGoal(access, i.id, i.version), "goals.notice.removed", edit),
    move: on(
      GoalMoveSchema,
      (i) => moveGoal(access, i.id, i.direction, i.version),
      "goals.notice.moved",
      edit,
    ),
    checkin: on(
      CheckinSchema,
      (i) => addCheckin(access, i),
      (r) =>
        r.firstValue
          ? "goals.notice.firstValue"
          : r.achieved
            ? "goals.notice.achieved"
            : "goals.notice.checkedIn",
      { guard: () => guard("goals.checkIn"), invalid: "goals.errors.fix" },
    ),
  });
}

type Data = ReturnType<typeof loader>;

/** After a refused post, the focus goes to the first field in error (else the form's error). */
function useFocusFirstError(result: ActionResult | undefined) {
  useEffect(() => {
    if (!result || result.ok) return;
    const target =
      document.querySelector<HTMLElement>('main [aria-invalid="true"]') ??
      document.querySelector<HTMLElement>('main [role="alert"]');
    if (target) {
      if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))
        target.setAttribute("tabindex", "-1");
      target.focus();
    }
  }, [result]);
}

/** The goal's fields, for adding and editing; values echoed after a refusal, else the stored ones. */
function GoalFields({ d, g, result }: { d: Data; g?: GoalView; result?: ActionResult }) {
  const { t } = useTranslation();
  const brand = useRootData()?.brand.companyName ?? "";
  const v = result?.values;
  const e = result?.fieldErrors ?? {};
  const val = (key: string, stored: string | number | null | undefined) =>
    v ? v[key] : stored === null || stored === undefined ? undefined : String(stored);
  const selected = echoedList(v, "milestoneIds") ?? g?.milestones.map((m) => m.id) ?? [];
  const legendId = useId();
  return (
    <div className="space-y-3">
      <TextField
        label={t("goals.fields.statement")}
        name="statement"
        hint={t("goals.fields.statementHint")}
        defaultValue={val("statement", g?.statement)}
        error={e.statement}
        required
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t("goals.fields.kpi")}
          name="kpi"
          hint={t("goals.fields.kpiHint")}
          defaultValue={val("kpi", g?.kpi)}
          error={e.kpi}
          required
        />
        <TextField
          label={t("goals.fields.unit")}
          name="unit"
          hint={t("goals.fields.unitHint")}
          defaultValue={val("unit", g?.unit)}
          error={e.unit}
        />
        <TextField
          label={t("goals.fields.baseline")}
          name="baseline"
          inputMode="decimal"
          hint={t("goals.fields.numberHint")}
          defaultValue={val("baseline", g ? plainNumber(g.baseline) : undefined)}
          error={e.baseline}
          required
        />
        <TextField
          label={t("goals.fields.target")}
          name="target"
          inputMode="decimal"
          defaultValue={val("target", g ? plainNumber(g.target) : undefined)}
          error={e.target}
          required
        />
        <TextField
          label={t("goals.fields.dueDate")}
          name="dueDate"
          type="date"
          defaultValue={val("dueDate", g?.dueDate)}
          error={e.dueDate}
          required
        />
        <SelectField
          label={t("goals.fields.owner")}
          name="ownerId"
          defaultValue={val("ownerId", g?.ownerId) ?? ""}
          error={e.ownerId}
          placeholder={t("goals.fields.noOwner")}
          options={d.people.map((p) => ({
            value: p.id,
            label: `${p.name} (${p.side === "vendor" ? brand : t("goals.fields.customerSide")})`,
          }))}
        />
      </div>
      {d.milestones.length ? (
        <fieldset aria-describedby={e.milestoneIds ? `${legendId}-error` : undefined}>
          <legend className="label">{t("goals.fields.milestones")}</legend>
          <ul className="grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-1">
            {d.milestones.map((m) => (
              <li key={m.id}>
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="milestoneIds"
                    value={m.id}
                    defaultChecked={selected.includes(m.id)}
                    className="mt-0.5 h-4 w-4 rounded border-slate-300"
                  />
                  <span className="break-words">{m.title}</span>
                </label>
              </li>
            ))}
          </ul>
          {e.milestoneIds ? (
            <p id={`${legendId}-error`} className="field-error" role="alert">
              {t(e.milestoneIds)}
            </p>
          ) : null}
        </fieldset>
      ) : null}
    </div>
  );
}

function CheckinForm({ d, g, result }: { d: Data; g: GoalView; result?: ActionResult }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const v = result?.values;
  const e = result?.fieldErrors ?? {};
  return (
    <Form
      method="post"
      noValidate
      className="space-y-3"
      aria-label={t("goals.checkin.formFor", { goal: g.statement })}
    >
      <input type="hidden" name="intent" value="checkin" />
      <input type="hidden" name="goalId" value={g.id} />
      <FormError messageKey={result?.formError} params={result?.params} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={g.unit ? t("goals.checkin.valueWithUnit", { unit: g.unit }) : t("goals.checkin.value")}
          name="value"
          inputMode="decimal"
          defaultValue={v?.value}
          error={e.value}
          required
        />
        <TextField
          label={t("goals.checkin.date")}
          name="date"
          type="date"
          hint={t("goals.checkin.dateHint")}
          defaultValue={v?.date ?? d.today}
          error={e.date}
          required
        />
      </div>
      <TextField
        label={t("goals.checkin.comment")}
        name="comment"
        defaultValue={v?.comment}
        error={e.comment}
      />
      <button type="submit" className="btn-primary" disabled={busy}>
        {t("goals.checkin.submit")}
      </button>
    </Form>
  );
}

function GoalCard({ d, g, index }: { d: Data; g: GoalView; index: number }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const failure = useFailure();
  const busy = useNavigation().state !== "idle";
  const n = (value: number) =>
    `${formatNumber(locale, Math.round(value * 10) / 10)}${g.unit ? ` ${g.unit}` : ""}`;
  const edit = failure("update", "id", g.id);
  const checkin = failure("checkin", "goalId", g.id);
  const progress = g.trajectory.progress === null ? null : Math.round(g.trajectory.progress * 100);
  const headingId = `goal-${g.id}`;
  return (
    <li className="card space-y-4" data-testid="goal" aria-labelledby={headingId}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={headingId} className="min-w-0 flex-1 text-base font-semibold break-words">
          {g.statement}
        </h3>
        <GoalStatusBadge status={g.trajectory.status} />
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">{t("goals.fields.kpi")}</dt>
        <dd className="break-words">{g.kpi}</dd>
        <dt className="text-slate-600">{t("goals.view.fromTo")}</dt>
        <dd>
          {t("goals.view.fromToValue", {
            baseline: n(g.baseline),
            target: n(g.target),
            due: formatDate(locale, g.dueDate),
          })}
        </dd>
        <dt className="text-slate-600">{t("goals.view.latest")}</dt>
        <dd data-testid="goal-latest">
          {g.trajectory.latest === null
            ? t("goals.view.noCheckins")
            : t("goals.view.latestValue", {
                value: n(g.trajectory.latest),
                percent: progress ?? 0,
              })}
        </dd>
        {g.trajectory.projected !== null ? (
          <>
            <dt className="text-slate-600">{t("goals.view.projected")}</dt>
            <dd>
              {t("goals.view.projectedValue", {
                value: n(g.trajectory.projected),
                due: formatDate(locale, g.dueDate),
              })}
            </dd>
          </>
        ) : null}
        {g.achievedOn ? (
          <>
            <dt className="text-slate-600">{t("goals.view.achievedOn")}</dt>
            <dd>{formatDate(locale, g.achievedOn)}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">{t("goals.fields.owner")}</dt>
        <dd className="break-words">{g.ownerName ?? t("goals.fields.noOwner")}</dd>
        {g.milestones.length ? (
          <>
            <dt className="text-slate-600">{t("goals.fields.milestones")}</dt>
            <dd>
              <ul className="space-y-0.5">
                {g.milestones.map((m) => (
                  <li key={m.id}>
                    <Link
                      to={`/rooms/${d.roomId}/milestones/${m.id}`}
                      className="break-words text-brand-700 underline"
                    >
                      {m.title}
                    </Link>
                    {m.done ? (
                      <span className="text-slate-600"> · {t("goals.view.milestoneDone")}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>

      <GoalChart goal={g} label={g.statement} />

      {g.checkins.length ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium text-brand-700">
            {t("goals.checkin.history", { count: g.checkins.length })}
          </summary>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="goal-checkins">
              <caption className="sr-only">{t("goals.checkin.historyOf", { goal: g.statement })}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-slate-600">
                  <th scope="col" className="py-1 pr-3 font-medium">
                    {t("goals.checkin.date")}
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    {t("goals.checkin.value")}
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    {t("goals.checkin.comment")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...g.checkins].reverse().map((c) => (
                  <tr key={c.id} className="border-b border-slate-100 align-top">
                    <td className="py-1 pr-3 whitespace-nowrap">{formatDate(locale, c.date)}</td>
                    <td className="py-1 pr-3 whitespace-nowrap">{n(c.value)}</td>
                    <td className="py-1 break-words">
                      {c.comment}
                      {c.authorName ? (
                        <span className="block text-xs text-slate-500">{c.authorName}</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}

      {d.canCheckIn ? (
        <details open={!!checkin} className="border-t border-slate-100 pt-3">
          <summary
            className="cursor-pointer text-sm font-medium text-brand-700"
            data-testid="goal-checkin-toggle"
          >
            {t("goals.checkin.add")}
          </summary>
          <div className="mt-3">
            <CheckinForm d={d} g={g} result={checkin} />
          </div>
        </details>
      ) : null}

      {d.canEdit ? (
        <div className="flex flex-wrap items-start gap-2 border-t border-slate-100 pt-3">
          <details open={!!edit} className="w-full">
            <summary className="cursor-pointer text-sm font-medium text-brand-700">
              {t("goals.editNamed", { goal: g.statement })}
            </summary>
            <Form method="post" noValidate className="mt-3 space-y-3">
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="id" value={g.id} />
              <input type="hidden" name="version" value={g.version} />
              <FormError messageKey={edit?.formError} params={edit?.params} />
              <GoalFields d={d} g={g} result={edit} />
              <button type="submit" className="btn-primary" disabled={busy}>
                {t("goals.save")}
              </button>
            </Form>
          </details>
          <PostButton
            fields={{ intent: "move", id: g.id, version: g.version, direction: "up" }}
            className="btn-secondary px-3 py-1"
            label={t("goals.moveUpNamed", { goal: g.statement })}
            disabled={index === 0}
          >
            {t("goals.moveUp")}
          </PostButton>
          <PostButton
            fields={{ intent: "move", id: g.id, version: g.version, direction: "down" }}
            className="btn-secondary px-3 py-1"
            label={t("goals.moveDownNamed", { goal: g.statement })}
            disabled={index === d.goals.length - 1}
          >
            {t("goals.moveDown")}
          </PostButton>
          <PostButton
            fields={{ intent: "remove", id: g.id, version: g.version }}
            className="btn-danger px-3 py-1"
            label={t("goals.removeNamed", { goal: g.statement })}
          >
            {t("goals.remove")}
          </PostButton>
        </div>
      ) : null}
    </li>
  );
}

export default function SuccessPlan() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = useFailure();
  const busy = useNavigation().state !== "idle";
  const addKey = useAddFormKey("add");
  const add = failure("add");
  // Refusals of the one-button forms (and of an edit whose goal is gone) go above the list.
  const top = failure("remove") ?? failure("move");
  useFocusFirstError(result);
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="min-w-0 space-y-4 lg:col-span-2">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-lg font-semibold">{t("goals.title")}</h2>
          <a href={`/rooms/${d.roomId}/goals.csv`} className="btn-secondary" download>
            {t("goals.exportCsv")}
          </a>
        </div>
        <p className="text-sm text-slate-600">{t("goals.intro")}</p>
        {result?.ok && result.notice ? <Notice>{t(result.notice, result.params)}</Notice> : null}
        {top ? <FormError messageKey={top.formError ?? "errors.notFound"} params={top.params} /> : null}
        {d.goals.length === 0 ? (
          <p className="card text-sm text-slate-600" data-testid="goals-empty">
            {d.canEdit ? t("goals.emptyEditor") : t("goals.empty")}
          </p>
        ) : (
          <ol className="space-y-4" data-testid="goals">
            {d.goals.map((g, index) => (
              <GoalCard key={g.id} d={d} g={g} index={index} />
            ))}
          </ol>
        )}
      </div>
      {d.canEdit ? (
        <section className="card h-fit space-y-4" aria-labelledby="goal-add-title">
          <h2 id="goal-add-title" className="text-lg font-semibold">
            {t("goals.addTitle")}
          </h2>
          <Form method="post" noValidate className="space-y-4" key={addKey}>
            <input type="hidden" name="intent" value="add" />
            <FormError messageKey={add?.formError} params={add?.params} />
            <GoalFields d={d} result={add} />
            <button type="submit" className="btn-primary w-full" disabled={busy}>
              {t("goals.add")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
