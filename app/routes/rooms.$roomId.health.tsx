import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { can } from "~/access/capabilities";
import { requireRoomAccess } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { AlertList } from "~/components/health/AlertList";
import { HealthBadge, ModeBadge, TrendArrow } from "~/components/health/HealthBadges";
import { HealthHistoryChart } from "~/components/health/HealthHistoryChart";
import { FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import {
  acknowledgeAlert,
  clearOverride,
  getHealthPanel,
  OverrideSchema,
  PulseSchema,
  setOverride,
  setPulse,
  snoozeAlert,
  SnoozeSchema,
} from "~/domain/health/health.server";
import { MEASURE_GROUPS, OVERRIDE_DEFAULT_DAYS, PULSES, type MeasureResult } from "~/domain/health/model";
import { capText, measureFactsText } from "~/domain/health/text";
import { formatDate, formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import { formValues, type ActionResult } from "~/utils/action-result";
import { parseForm } from "~/utils/forms";
import { runAction } from "~/utils/http.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "health.view");
  return { ...getHealthPanel(access), canManage: can(access.role, "health.manage") };
}

const AlertRef = z.object({ alertId: z.string().min(1) });

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "health.manage");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const values = formValues(formData);
  const run = async <T,>(schema: z.ZodType<T>, fn: (input: T) => void, notice: string) => {
    const parsed = parseForm(schema, formData);
    if (!parsed.ok) return data<ActionResult>({ ok: false, fieldErrors: parsed.fieldErrors, values }, 400);
    const result = await runAction(() => fn(parsed.data));
    if (!result.ok)
      return data<ActionResult>(
        { ok: false, formError: result.formError, params: result.params, values },
        result.status,
      );
    return data<ActionResult>({ ok: true, notice, values: { intent } });
  };
  switch (intent) {
    case "pulse":
      return run(PulseSchema, (input) => setPulse(access, input), "health.notices.pulse");
    case "override":
      return run(OverrideSchema, (input) => setOverride(access, input), "health.notices.override");
    case "clearOverride":
      return run(z.object({}), () => clearOverride(access), "health.notices.overrideCleared");
    case "acknowledge":
      return run(AlertRef, (input) => acknowledgeAlert(access, input.alertId), "health.notices.acknowledged");
    case "snooze":
      return run(SnoozeSchema, (input) => snoozeAlert(access, input), "health.notices.snoozed");
    default:
      return data<ActionResult>({ ok: false, formError: "errors.badRequest", values }, 400);
  }
}

export default function HealthPanel() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const panel = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const describe = (m: Pick<MeasureResult, "key" | "raw" | "facts">) => measureFactsText(t, locale, m);
  const { state, override, pulse } = panel;
  const health = panel.result;
  const measures = health?.measures ?? [];
  const sorted = [...measures].sort((a, b) => b.effectiveWeight - a.effectiveWeight);
  const failed = (intent: string) =>
    result && !result.ok && result.values?.intent === intent ? result : undefined;
  const v = (intent: string, key: string) => failed(intent)?.values?.[key];

  return (
    <div className="space-y-6" data-testid="health-panel">
      <h2 className="sr-only">{t("health.title")}</h2>
      {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
      <FormError messageKey={result?.ok ? undefined : result?.formError} params={result?.params} />

      <section className="card grid gap-6 md:grid-cols-[auto_1fr]" aria-labelledby="health-score-title">
        <div className="space-y-2 text-center md:text-left">
          <h3 id="health-score-title" className="text-sm font-medium text-slate-600">
            {t("health.score")}
          </h3>
          <p className="text-5xl font-semibold tabular-nums" data-testid="health-score">
            {state?.effectiveScore == null ? "—" : Math.round(state.effectiveScore)}
          </p>
          <p className="flex flex-wrap items-center justify-center gap-2 md:justify-start">
            {state ? <HealthBadge band={state.effectiveBand} score={null} /> : null}
            {state ? <ModeBadge mode={state.mode} /> : null}
            {health ? <TrendArrow delta={health.trend.delta} direction={health.trend.direction} /> : null}
          </p>
          {override ? (
            <p className="text-sm text-slate-600" data-testid="health-computed">
              {t("health.computedBeside", {
                score: state?.score == null ? "—" : Math.round(state.score),
                band: t(`health.bands.${state?.band ?? "grey"}`),
              })}
            </p>
          ) : null}
        </div>
        <div className="space-y-3">
          {state?.band === "grey" && health ? (
            <p className="text-sm text-slate-700">
              {t("health.greyExplained", { percent: Math.round(health.dataShare * 100) })}
            </p>
          ) : null}
          {health && health.drags.length ? (
            <div>
              <h3 className="font-semibold">{t("health.dragsTitle")}</h3>
              <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm" data-testid="health-drags">
                {health.drags.map((key) => {
                  const m = measures.find((x) => x.key === key)!;
                  return (
                    <li key={key}>
                      <span className="font-medium">{t(`health.measures.${key}`)}</span>: {describe(m)} →{" "}
                      {t("health.drag", {
                        score: Math.round(m.score ?? 0),
                        lost: m.pointsLost.toFixed(1),
                        weight: m.effectiveWeight.toFixed(1),
                      })}
                    </li>
                  );
                })}
              </ol>
            </div>
          ) : null}
          {health?.caps.length ? (
            <ul className="space-y-1 text-sm text-red-800" data-testid="health-caps">
              {health.caps.map((c) => (
                <li key={c.key}>{capText(t, locale, c)}</li>
              ))}
            </ul>
          ) : null}
          <div>
            <h3 className="font-semibold">{t("health.changesTitle")}</h3>
            {panel.changes.length ? (
              <ul className="mt-1 space-y-1 text-sm">
                {panel.changes.map((c) => (
                  <li key={c.key}>
                    {t("health.change", {
                      measure: t(`health.measures.${c.key}`),
                      from: c.from === null ? t("health.noData") : Math.round(c.from),
                      to: c.to === null ? t("health.noData") : Math.round(c.to),
                    })}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-sm text-slate-600">{t("health.noChanges")}</p>
            )}
          </div>
        </div>
      </section>

      {panel.alerts.length ? (
        <section className="card space-y-3" aria-labelledby="health-alerts-title">
          <h3 id="health-alerts-title" className="font-semibold">
            {t("alerts.title")}
          </h3>
          <AlertList alerts={panel.alerts} canManage={panel.canManage} failed={failed} />
        </section>
      ) : null}

      <section className="card space-y-3" aria-labelledby="health-measures-title">
        <h3 id="health-measures-title" className="font-semibold">
          {t("health.measuresTitle")}
        </h3>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[42rem] text-sm" data-testid="health-measures">
            <thead className="text-left text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-3">
                  {t("health.columns.measure")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("health.columns.facts")}
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  {t("health.columns.score")}
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  {t("health.columns.weight")}
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  {t("health.columns.contribution")}
                </th>
                <th scope="col" className="py-2 text-right">
                  {t("health.columns.lost")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sorted.map((m) => (
                <tr key={m.key} className={m.score === null ? "text-slate-400" : ""} data-measure={m.key}>
                  <th scope="row" className="py-2 pr-3 text-left font-medium">
                    {t(`health.measures.${m.key}`)}
                    <span className="block text-xs font-normal text-slate-500">
                      {t(`health.groups.${MEASURE_GROUPS[m.key]}`)}
                    </span>
                  </th>
                  <td className="py-2 pr-3">{describe(m)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">
                    {m.score === null ? t("health.na.short") : Math.round(m.score)}
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums">
                    {m.effectiveWeight.toFixed(1)}
                    <span className="sr-only"> / {m.weight}</span>
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums">{m.contribution.toFixed(1)}</td>
                  <td className="py-2 text-right tabular-nums">{m.pointsLost.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
            {health?.preCapScore != null ? (
              <tfoot className="border-t border-slate-300 font-medium">
                <tr>
                  <th scope="row" colSpan={4} className="py-2 pr-3 text-left">
                    {t("health.preCap")}
                  </th>
                  <td className="py-2 pr-3 text-right tabular-nums">{health.preCapScore.toFixed(1)}</td>
                  <td />
                </tr>
                {health.caps.map((c) => (
                  <tr key={c.key} className="text-red-800">
                    <th scope="row" colSpan={4} className="py-1 pr-3 text-left font-normal">
                      {capText(t, locale, c)}
                    </th>
                    <td className="py-1 pr-3 text-right tabular-nums">≤ {c.limit}</td>
                    <td />
                  </tr>
                ))}
                <tr>
                  <th scope="row" colSpan={4} className="py-2 pr-3 text-left">
                    {t("health.finalScore")}
                  </th>
                  <td className="py-2 pr-3 text-right tabular-nums">{health.score?.toFixed(1)}</td>
                  <td />
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
        <p className="text-xs text-slate-500">
          {t("health.modelNote", {
            version: state?.modelVersion ?? 1,
            at: formatDateTime(locale, state?.computedAt ?? null),
          })}
        </p>
      </section>

      <section className="card space-y-3" aria-labelledby="health-history-title">
        <h3 id="health-history-title" className="font-semibold">
          {t("health.history.title")}
        </h3>
        <HealthHistoryChart
          points={panel.history.map((h) => ({ day: h.day, score: h.score }))}
          today={panel.today}
          weeks={panel.historyWeeks}
          thresholds={panel.config.bands}
          formatDay={(day) => formatDate(locale, day)}
        />
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="card space-y-3" aria-labelledby="pulse-title">
          <h3 id="pulse-title" className="font-semibold">
            {t("health.pulse.title")}
          </h3>
          {pulse ? (
            <p className="text-sm" data-testid="health-pulse">
              <HealthBadge band={pulse.value} score={null} label={t(`health.pulse.values.${pulse.value}`)} />{" "}
              {t("health.pulse.setBy", { name: pulse.by, at: formatDateTime(locale, pulse.at) })}
              <span className="mt-1 block text-slate-700">{pulse.comment}</span>
            </p>
          ) : (
            <p className="text-sm text-slate-600">
              {t("health.pulse.none", { days: panel.config.pulseMaxAgeDays })}
            </p>
          )}
          {panel.canManage ? (
            // Keyed by the saved pulse so the form starts empty again after a save.
            <Form key={pulse?.at ?? "none"} method="post" className="space-y-3" noValidate>
              <input type="hidden" name="intent" value="pulse" />
              <fieldset>
                <legend className="label">{t("health.pulse.value")}</legend>
                <div className="flex flex-wrap gap-4">
                  {PULSES.map((p) => (
                    <label key={p} className="flex items-center gap-2 text-sm">
                      <input
                        type="radio"
                        name="value"
                        value={p}
                        defaultChecked={(v("pulse", "value") ?? pulse?.value) === p}
                      />
                      {t(`health.pulse.values.${p}`)}
                    </label>
                  ))}
                </div>
                {failed("pulse")?.fieldErrors?.value ? (
                  <p className="field-error" role="alert">
                    {t(failed("pulse")!.fieldErrors!.value)}
                  </p>
                ) : null}
              </fieldset>
              <TextField
                label={t("health.pulse.comment")}
                name="comment"
                required
                defaultValue={v("pulse", "comment") ?? ""}
                error={failed("pulse")?.fieldErrors?.comment}
              />
              <button type="submit" className="btn-primary" disabled={busy}>
                {t("health.pulse.save")}
              </button>
            </Form>
          ) : null}
        </section>

        <section className="card space-y-3" aria-labelledby="override-title">
          <h3 id="override-title" className="font-semibold">
            {t("health.override.title")}
          </h3>
          {override ? (
            <div className="space-y-2 text-sm" data-testid="health-override">
              <p>
                {t("health.override.active", {
                  value:
                    override.band && override.score != null
                      ? `${t(`health.bands.${override.band}`)} ${override.score}`
                      : override.band
                        ? t(`health.bands.${override.band}`)
                        : override.score,
                  until: formatDate(locale, override.expiresOn),
                  name: override.by,
                })}
              </p>
              <p className="text-slate-700">{override.reason}</p>
              {panel.canManage ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="clearOverride" />
                  <button type="submit" className="btn-secondary" disabled={busy}>
                    {t("health.override.clear")}
                  </button>
                </Form>
              ) : null}
            </div>
          ) : (
            <p className="text-sm text-slate-600">{t("health.override.none")}</p>
          )}
          {panel.canManage ? (
            <Form method="post" className="space-y-3" noValidate>
              <input type="hidden" name="intent" value="override" />
              <div className="grid gap-3 sm:grid-cols-2">
                <SelectField
                  label={t("health.override.band")}
                  name="band"
                  defaultValue={v("override", "band") ?? ""}
                  error={failed("override")?.fieldErrors?.band}
                  options={[
                    { value: "", label: t("health.override.noBand") },
                    ...(["green", "yellow", "red"] as const).map((b) => ({
                      value: b,
                      label: t(`health.bands.${b}`),
                    })),
                  ]}
                />
                <TextField
                  label={t("health.override.score")}
                  name="score"
                  inputMode="numeric"
                  defaultValue={v("override", "score")}
                  error={failed("override")?.fieldErrors?.score}
                  hint={t("health.override.scoreHint")}
                />
              </div>
              <TextField
                label={t("health.override.reason")}
                name="reason"
                required
                defaultValue={v("override", "reason")}
                error={failed("override")?.fieldErrors?.reason}
              />
              <TextField
                label={t("health.override.days")}
                name="days"
                inputMode="numeric"
                required
                defaultValue={v("override", "days") ?? String(OVERRIDE_DEFAULT_DAYS)}
                error={failed("override")?.fieldErrors?.days}
                hint={t("health.override.daysHint", { max: panel.config.overrideMaxDays })}
              />
              <button type="submit" className="btn-secondary" disabled={busy}>
                {t("health.override.save")}
              </button>
            </Form>
          ) : null}
        </section>
      </div>

      {panel.ratings.length ? (
        <section className="card space-y-2" aria-labelledby="ratings-title">
          <h3 id="ratings-title" className="font-semibold">
            {t("health.ratings.title")}
          </h3>
          <ul className="space-y-2 text-sm">
            {panel.ratings.map((r, i) => (
              <li key={i}>
                <span aria-hidden="true">{"★".repeat(r.stars) + "☆".repeat(5 - r.stars)}</span>{" "}
                {t("health.ratings.item", { stars: r.stars, milestone: r.milestone, name: r.by })}
                {r.comment ? <span className="block text-slate-700">{r.comment}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="text-sm">
        <Link to="/alerts" className="text-brand-700 hover:underline">
          {t("alerts.inboxLink")}
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
