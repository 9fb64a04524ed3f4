import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can } from "~/access/capabilities";
import { requireRoomAccess } from "~/web/guards.server";
import { useCachedT } from "~/components/cached-t";
import { ErrorView } from "~/components/ErrorView";
import { OverdueBadge, TaskStatusBadge } from "~/components/plan/Badges";
import { ProgressBar } from "~/components/plan/ProgressBar";
import { SCHEDULE_TONE, scheduleText, type MilestoneSchedule } from "~/domain/plan/schedule";
import { getRoomProgress } from "~/domain/plan/views.server";
import { formatDate } from "~/i18n/format";
import { useRootData } from "~/root";
import { PLAN_SIDES } from "~/vocabulary";

export function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = requireRoomAccess(request, params.roomId, "room.view");
  return {
    progress: getRoomProgress(ctx),
    vendorSide: can(ctx.role, "room.viewInternal"),
    canEditPlan: can(ctx.role, "plan.edit"),
  };
}

/** How the next milestone stands, in the words every page uses (app/domain/plan/schedule.ts). */
function DaysLabel({ schedule }: { schedule: MilestoneSchedule }) {
  const t = useCachedT();
  const locale = useRootData()?.locale ?? "en";
  return (
    <span className={SCHEDULE_TONE[schedule.state]} data-testid="milestone-days">
      {scheduleText(t, locale, schedule)}
    </span>
  );
}

/** The room at a glance: how far the plan is, what the viewer should do next, and the next checkpoint. */
export default function RoomOverview() {
  const t = useCachedT();
  const locale = useRootData()?.locale ?? "en";
  const { progress: p, vendorSide, canEditPlan } = useLoaderData<typeof loader>();

  if (!p.hasPlan) {
    const next = ["handoff", "plan", "milestones", "training"] as const;
    return (
      <section className="card" aria-labelledby="overview-empty">
        <h2 id="overview-empty" className="text-lg font-semibold">
          {t("room.emptyTitle")}
        </h2>
        <p className="mt-1 text-slate-600">
          {vendorSide ? t("room.emptyBodyStaff") : t("room.emptyBodyCustomer")}
        </p>
        <ol className="mt-4 grid gap-3 sm:grid-cols-2">
          {next.map((key, i) => (
            <li key={key} className="rounded-md border border-dashed border-slate-300 p-4">
              <p className="text-sm font-semibold text-slate-800">
                {i + 1}. {t(`room.next.${key}.title`)}
              </p>
              <p className="mt-1 text-sm text-slate-600">{t(`room.next.${key}.body`)}</p>
            </li>
          ))}
        </ol>
        <div className="mt-6 flex flex-wrap gap-3">
          {canEditPlan ? (
            <Link to="plan" className="btn-primary">
              {t("progress.createPlan")}
            </Link>
          ) : null}
          <Link to="members" className="btn-secondary">
            {t("room.goToMembers")}
          </Link>
        </div>
      </section>
    );
  }

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <section className="card space-y-4" aria-labelledby="progress-title">
        <h2 id="progress-title" className="text-lg font-semibold">
          {t("progress.title")}
        </h2>
        <ProgressBar label={t("progress.shared")} percent={p.sharedPercent} testId="progress-shared" />
        {p.allPercent !== null ? (
          <ProgressBar label={t("progress.all")} percent={p.allPercent} testId="progress-all" />
        ) : null}
        <Link to="plan" className="btn-secondary w-full">
          {t("progress.openPlan")}
        </Link>
      </section>

      <section className="card space-y-3" aria-labelledby="next-for-me-title">
        <h2 id="next-for-me-title" className="text-lg font-semibold">
          {t("progress.nextForMe")}
        </h2>
        {p.nextForMe.length === 0 ? (
          <p className="text-sm text-slate-600">{t("progress.nothingForMe")}</p>
        ) : (
          <ol className="divide-y divide-slate-100" data-testid="next-for-me">
            {p.nextForMe.map((task) => (
              <li key={task.id} className="py-2">
                <p className="font-medium">{task.title}</p>
                <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
                  <span>{t("progress.due", { date: formatDate(locale, task.dueDate) })}</span>
                  <TaskStatusBadge status={task.status} />
                  {task.overdue ? <OverdueBadge /> : null}
                </p>
              </li>
            ))}
          </ol>
        )}
        <Link to="plan?mine=1" className="text-sm font-medium text-brand-700 underline">
          {t("progress.allMine")}
        </Link>
      </section>

      <section className="card space-y-3" aria-labelledby="next-milestone-title">
        <h2 id="next-milestone-title" className="text-lg font-semibold">
          {t("progress.nextMilestone")}
        </h2>
        {p.nextMilestone ? (
          <div data-testid="next-milestone">
            <p className="font-medium">
              <span aria-hidden="true" className="mr-1 text-brand-600">
                ◆
              </span>
              {p.nextMilestone.title}
            </p>
            <p className="mt-1 text-sm text-slate-600">
              {formatDate(locale, p.nextMilestone.targetDate)} ·{" "}
              <DaysLabel schedule={p.nextMilestone.schedule} />
            </p>
          </div>
        ) : (
          <p className="text-sm text-slate-600">{t("progress.noMilestone")}</p>
        )}
      </section>

      {p.overdueBySide ? (
        <section className="card space-y-3 lg:col-span-2" aria-labelledby="overdue-title">
          <h2 id="overdue-title" className="text-lg font-semibold">
            {t("progress.overdueTitle")}
          </h2>
          <dl className="grid grid-cols-3 gap-3 text-center" data-testid="overdue-by-side">
            {PLAN_SIDES.map((side) => (
              <div key={side} className="rounded-md bg-slate-50 p-3">
                <dt className="text-sm text-slate-600">{t(`plan.side.${side}`)}</dt>
                <dd
                  className={`text-2xl font-semibold ${p.overdueBySide![side] > 0 ? "text-red-700" : "text-slate-900"}`}
                >
                  {p.overdueBySide![side]}
                </dd>
              </div>
            ))}
          </dl>
          <Link to="plan?overdue=1" className="text-sm font-medium text-brand-700 underline">
            {t("progress.showOverdue")}
          </Link>
        </section>
      ) : null}

      {vendorSide ? (
        <section className="card space-y-2" aria-labelledby="forecast-title">
          <h2 id="forecast-title" className="text-lg font-semibold">
            {t("progress.forecastTitle")}
          </h2>
          {p.firstValueForecast ? (
            <>
              <p className="text-2xl font-semibold" data-testid="first-value-forecast">
                {formatDate(locale, p.firstValueForecast)}
              </p>
              {p.firstValueTarget ? (
                <p
                  className={`text-sm ${p.firstValueForecast > p.firstValueTarget ? "font-semibold text-red-700" : "text-slate-600"}`}
                >
                  {p.firstValueForecast > p.firstValueTarget
                    ? t("progress.forecastLate", { date: formatDate(locale, p.firstValueTarget) })
                    : t("progress.forecastOnTrack", { date: formatDate(locale, p.firstValueTarget) })}
                </p>
              ) : null}
              <p className="text-xs text-slate-500">{t("progress.forecastHint")}</p>
            </>
          ) : (
            <p className="text-sm text-slate-600">{t("progress.noFirstValue")}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
