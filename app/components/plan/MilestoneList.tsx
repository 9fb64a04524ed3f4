import { Form, Link } from "@remix-run/react";
import { useId } from "react";
import { useCachedT, type CachedT } from "~/components/cached-t";
import { FormError } from "~/components/ui/Field";
import type { Locale } from "~/i18n/config";
import { formatDate, formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";
import { SCHEDULE_TONE, scheduleText, type MilestoneSchedule } from "~/domain/plan/schedule";
import { INTERNAL_CLASS } from "./Badges";

export type MilestoneItem = {
  id: string;
  title: string;
  targetDate: string;
  baselineDate: string;
  slipDays: number;
  completedAt: Date | string | null;
  completionProposed: boolean;
  isFirstValue: boolean;
  /** Completed by the customer's sign-off (検収), not by the CSM's confirm. */
  signOffRequired?: boolean;
  internal: boolean;
  version: number;
  daysLeft: number;
  schedule: MilestoneSchedule;
  tasksDone: number;
  tasksTotal: number;
};

export function MilestoneList({
  milestones,
  canEdit,
  staff,
  timeZone,
  result,
}: {
  milestones: MilestoneItem[];
  canEdit: boolean;
  staff: boolean;
  timeZone: string;
  result?: ActionResult;
}) {
  const t = useCachedT();
  const locale = useRootData()?.locale ?? "en";
  return (
    <section className="space-y-3" aria-labelledby="milestones-title">
      <h2 id="milestones-title" className="text-lg font-semibold">
        {t("plan.milestones.title")}
      </h2>
      {milestones.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("plan.milestones.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {milestones.map((m) => (
            <MilestoneCard
              key={m.id}
              milestone={m}
              canEdit={canEdit}
              staff={staff}
              timeZone={timeZone}
              locale={locale}
              t={t}
              result={result?.values?.milestoneId === m.id ? result : undefined}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

// The list's translation and locale are passed down: a room has dozens of milestones.
function MilestoneCard({
  milestone: m,
  canEdit,
  staff,
  timeZone,
  locale,
  t,
  result,
}: {
  milestone: MilestoneItem;
  canEdit: boolean;
  staff: boolean;
  timeZone: string;
  locale: Locale;
  t: CachedT;
  result?: ActionResult;
}) {
  const id = useId();
  const error = result && !result.ok ? result : undefined;
  const proposed = m.completionProposed;
  return (
    <li
      className={`card space-y-2 ${proposed ? "border-amber-400 ring-2 ring-amber-200" : ""}`}
      data-testid="milestone"
      data-milestone-id={m.id}
    >
      <div className="flex flex-wrap items-start gap-2">
        <p className="min-w-0 flex-1 font-medium wrap-anywhere">
          <span aria-hidden="true" className="mr-1 text-brand-600">
            ◆
          </span>
          <Link to={`../milestones/${m.id}`} className="hover:text-brand-700 hover:underline">
            {m.title}
          </Link>
        </p>
        {staff && m.internal ? <span className={INTERNAL_CLASS}>{t("plan.internal")}</span> : null}
        {m.isFirstValue ? (
          <span className="rounded-full bg-brand-100 px-2 py-0.5 text-xs font-medium text-brand-800">
            {t("plan.milestones.firstValue")}
          </span>
        ) : null}
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-slate-700">
        <dt className="text-slate-500">{t("plan.milestones.target")}</dt>
        <dd>
          {formatDate(locale, m.targetDate)}
          {!m.completedAt ? (
            <span className={`ml-2 ${SCHEDULE_TONE[m.schedule.state]}`} data-testid="milestone-schedule">
              {scheduleText(t, locale, m.schedule)}
            </span>
          ) : null}
        </dd>
        {m.slipDays !== 0 ? (
          <>
            <dt className="text-slate-500">{t("plan.milestones.baseline")}</dt>
            <dd>
              {formatDate(locale, m.baselineDate)}
              <span className={`ml-2 ${m.slipDays > 0 ? "font-semibold text-amber-800" : "text-slate-500"}`}>
                {m.slipDays > 0
                  ? t("plan.milestones.slipped", { count: m.slipDays })
                  : t("plan.milestones.pulledIn", { count: -m.slipDays })}
              </span>
            </dd>
          </>
        ) : null}
        <dt className="text-slate-500">{t("plan.milestones.tasks")}</dt>
        <dd>{t("plan.milestones.tasksDone", { done: m.tasksDone, total: m.tasksTotal })}</dd>
      </dl>
      {m.completedAt ? (
        <p
          className={`text-sm font-medium ${SCHEDULE_TONE[m.schedule.state]}`}
          data-testid="milestone-completed"
          title={formatDateTime(locale, m.completedAt, timeZone)}
        >
          ✓ {scheduleText(t, locale, m.schedule)}
        </p>
      ) : proposed ? (
        <p className="text-sm font-medium text-amber-900" data-testid="milestone-proposed">
          {canEdit ? t("plan.milestones.proposedStaff") : t("plan.milestones.proposedCustomer")}
        </p>
      ) : null}
      {result?.ok && result.notice ? (
        <p role="status" className="text-sm text-emerald-800">
          {t(result.notice, result.params)}
        </p>
      ) : null}
      {error?.formError ? <FormError messageKey={error.formError} params={error.params} /> : null}
      {canEdit && !m.completedAt ? (
        <div className="space-y-3 border-t border-slate-100 pt-3">
          {m.signOffRequired ? (
            <p className="text-sm" data-testid="milestone-sign-off">
              <Link to={`../milestones/${m.id}`} className="text-brand-700 underline">
                {t("signOff.planLink")}
                <span className="sr-only">: {m.title}</span>
              </Link>
            </p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="completeMilestone" />
              <input type="hidden" name="milestoneId" value={m.id} />
              <input type="hidden" name="version" value={m.version} />
              <button type="submit" className={proposed ? "btn-primary w-full" : "btn-secondary w-full"}>
                {t("plan.milestones.confirm")}
                <span className="sr-only">: {m.title}</span>
              </button>
            </Form>
          )}
          <Form method="post" className="flex items-end gap-2" noValidate>
            <input type="hidden" name="intent" value="moveMilestone" />
            <input type="hidden" name="milestoneId" value={m.id} />
            <input type="hidden" name="version" value={m.version} />
            <div className="flex-1">
              <label htmlFor={`${id}-target`} className="label">
                {t("plan.milestones.newTarget")}
              </label>
              <input
                id={`${id}-target`}
                name="targetDate"
                type="date"
                required
                defaultValue={error?.values?.targetDate ?? m.targetDate}
                aria-invalid={error?.fieldErrors?.targetDate ? true : undefined}
                className="input"
              />
              {error?.fieldErrors?.targetDate ? (
                <p className="field-error" role="alert">
                  {t(error.fieldErrors.targetDate)}
                </p>
              ) : null}
            </div>
            <button type="submit" className="btn-secondary">
              {t("plan.milestones.move")}
            </button>
          </Form>
        </div>
      ) : null}
    </li>
  );
}
