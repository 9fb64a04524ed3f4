import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useFormAction, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { requireRoomAccess } from "~/web/guards.server";
import { useCachedT } from "~/components/cached-t";
import { ErrorView } from "~/components/ErrorView";
import { OverdueBadge, PILL_CLASS, SIDE_CLASS, TaskStatusBadge } from "~/components/plan/Badges";
import { ProgressBar } from "~/components/plan/ProgressBar";
import { DoneForm, TaskResult } from "~/components/plan/TaskStatusControls";
import { useInPlaceStatus } from "~/components/plan/useInPlaceStatus";
import { PersonAvatar } from "~/components/ui/Avatar";
import { LiveMessage } from "~/components/ui/LiveMessage";
import { describeEvent } from "~/domain/activity/sentences";
import { SCHEDULE_TONE, scheduleText, type MilestoneSchedule } from "~/domain/plan/schedule";
import { getRoomHome, type RoomHome } from "~/domain/rooms/home.server";
import { formatDate, formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";
import { PLAN_SIDES } from "~/vocabulary";
import { answerIntent } from "~/web/form-action.server";
import { statusNoticeFrom, taskStatusForm } from "~/web/plan-items.server";
import { WelcomeNote } from "~/components/room/WelcomeNote";
import { GoalStatusBadge } from "~/components/goals/GoalChart";
import { getWelcomeNote } from "~/domain/welcome/welcome.server";
import { resolveLocale } from "~/i18n/i18n.server";
import { reviewSuggested } from "~/domain/reviews/reviews.server";
import { nextTrainingFor } from "~/domain/training/room.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = requireRoomAccess(request, params.roomId, "room.view");
  // The welcome note (issue 9): the room's own or its template's default, in the reader's language.
  const welcome = getWelcomeNote(ctx.room, await resolveLocale(request, ctx.user.locale));
  return {
    home: getRoomHome(ctx),
    roomId: ctx.room.id,
    timeZone: ctx.account.timeZone,
    vendorSide: can(ctx.role, "room.viewInternal"),
    canEditPlan: can(ctx.role, "plan.edit"),
    // The notice of a Done posted without JavaScript (see taskStatusForm).
    statusNotice: statusNoticeFrom(request) ?? null,
    welcome: welcome ? { doc: welcome.doc, source: welcome.source, lang: welcome.locale } : null,
    canEditWelcome: can(ctx.role, "room.editWelcome"),
    // Staff who run the room: past go-live or with the last milestone done, the review is suggested.
    suggestReview: reviewSuggested(ctx),
    // Issue 12: the customer's next training module (null for staff and when nothing is left).
    nextTraining: nextTrainingFor(ctx),
  };
}

/** The overview's one form: Done on one of my tasks (the same status change as on the plan). */
export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = requireRoomAccess(request, params.roomId, "room.view");
  const formData = await request.formData();
  return answerIntent(
    formData,
    {
      status: taskStatusForm(ctx, request, formData, {
        guard: () => requireRoomAccess(request, params.roomId, "plan.updateCustomerTasks"),
      }),
    },
    "plan.unknownAction",
  );
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

type Home = RoomHome;
type TaskLine = Home["myTasks"][number];

/** The CSM's contact card: photo or initials, name, job title, email, phone and a booking link. */
function ContactCard({ contact }: { contact: Home["contact"] }) {
  const t = useCachedT();
  return (
    <section className="card space-y-3" aria-labelledby="contact-title" data-testid="csm-contact">
      <h2 id="contact-title" className="text-base font-semibold text-slate-700">
        {t("home.contactTitle")}
      </h2>
      {contact ? (
        <>
          <div className="flex items-center gap-3">
            <PersonAvatar name={contact.name} photoUrl={contact.photoUrl} size="lg" />
            <div className="min-w-0">
              <p className="text-lg font-semibold break-words text-slate-900">{contact.name}</p>
              {contact.jobTitle ? <p className="text-sm text-slate-600">{contact.jobTitle}</p> : null}
            </div>
          </div>
          <dl className="space-y-1 text-sm">
            <div className="flex flex-wrap gap-x-2">
              <dt className="text-slate-500">{t("home.email")}</dt>
              <dd className="min-w-0 break-all">
                <a href={`mailto:${contact.email}`} className="text-brand-700 underline">
                  {contact.email}
                </a>
              </dd>
            </div>
            {contact.phone ? (
              <div className="flex flex-wrap gap-x-2">
                <dt className="text-slate-500">{t("home.phone")}</dt>
                <dd>
                  <a
                    href={`tel:${contact.phone.replace(/[^+\d]/g, "")}`}
                    className="text-brand-700 underline"
                  >
                    {contact.phone}
                  </a>
                </dd>
              </div>
            ) : null}
          </dl>
          {contact.bookingUrl ? (
            <a
              href={contact.bookingUrl}
              className="btn-secondary w-full"
              target="_blank"
              rel="noopener noreferrer"
            >
              {t("home.bookMeeting")}
              <span className="sr-only"> {t("home.opensNewWindow")}</span>
            </a>
          ) : null}
        </>
      ) : (
        <p className="text-sm text-slate-600">{t("home.noContact")}</p>
      )}
    </section>
  );
}

/** One task of a list on the overview: a link with its due date, status and overdue mark. */
function TaskSummary({ task, roomId, showSide }: { task: TaskLine; roomId: string; showSide?: boolean }) {
  const t = useCachedT();
  const locale = useRootData()?.locale ?? "en";
  return (
    <>
      <Link
        to={`/rooms/${roomId}/tasks/${task.id}`}
        className="font-medium break-words text-slate-900 underline decoration-slate-300 underline-offset-2 hover:text-brand-700"
      >
        {task.title}
      </Link>
      <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span className={task.overdue ? "font-semibold text-red-700" : undefined}>
          {task.dueDate ? t("progress.due", { date: formatDate(locale, task.dueDate) }) : t("home.noDueDate")}
        </span>
        {task.overdue ? <OverdueBadge /> : null}
        <TaskStatusBadge status={task.status} />
        {showSide ? (
          <span className={`${PILL_CLASS} ${SIDE_CLASS[task.side]}`}>{t(`plan.side.${task.side}`)}</span>
        ) : null}
        {showSide && task.assigneeName ? <span>{task.assigneeName}</span> : null}
      </p>
    </>
  );
}

function WaitingOnCard({ home, roomId, staff }: { home: Home; roomId: string; staff: boolean }) {
  const t = useCachedT();
  return (
    <section className="card space-y-3" aria-labelledby="waiting-title">
      <div>
        <h2 id="waiting-title" className="text-lg font-semibold">
          {staff ? t("home.waitingTitleStaff") : t("home.waitingTitle")}
        </h2>
        <p className="text-sm text-slate-600">
          {t(staff ? "home.waitingHintStaff" : "home.waitingHint", { days: home.waitingOnDays })}
        </p>
      </div>
      {home.waitingOn.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="waiting-empty">
          {staff ? t("home.waitingEmptyStaff") : t("home.waitingEmpty")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="waiting-on">
          {home.waitingOn.map((task) => (
            <li
              key={task.id}
              className={`py-2 ${task.overdue ? "-ml-3 border-l-4 border-l-red-500 pl-2" : ""}`}
              data-waiting-id={task.id}
            >
              <TaskSummary task={task} roomId={roomId} showSide />
            </li>
          ))}
        </ul>
      )}
      <Link to={`/rooms/${roomId}/plan?customer=1`} className="text-sm font-medium text-brand-700 underline">
        {home.waitingOnMore > 0
          ? t("home.waitingMore", { count: home.waitingOnMore })
          : t("home.allCustomerTasks")}
      </Link>
    </section>
  );
}

function MyTasksCard({ home, roomId, result }: { home: Home; roomId: string; result?: ActionResult }) {
  const t = useCachedT();
  const action = useFormAction();
  const inPlace = useInPlaceStatus();
  const latest = inPlace.result ?? result;
  const resultFor = (id: string) => (latest?.values?.taskId === id ? latest : undefined);
  // A task just done leaves the list: its notice stays at the top of the card.
  const goneId = latest?.ok && latest.values?.taskId;
  const gone = goneId && !home.myTasks.some((task) => task.id === goneId) ? latest : undefined;
  return (
    <section className="card space-y-3" aria-labelledby="my-tasks-title" {...inPlace.containerProps}>
      <h2 id="my-tasks-title" className="text-lg font-semibold">
        {t("home.myTasksTitle")}
      </h2>
      <LiveMessage result={inPlace.result} />
      {gone ? (
        <div data-task-id={goneId} tabIndex={-1}>
          <TaskResult result={gone} />
        </div>
      ) : null}
      {home.myTasks.length === 0 ? (
        <p className="text-sm text-slate-600">{t("progress.nothingForMe")}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="my-tasks">
          {home.myTasks.map((task) => (
            <li
              key={task.id}
              id={`task-${task.id}`}
              className="scroll-mt-24 space-y-2 py-3"
              data-task-id={task.id}
            >
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0 flex-1">
                  <TaskSummary task={task} roomId={roomId} />
                </div>
                {task.canUpdate ? <DoneForm task={task} action={action} /> : null}
              </div>
              <TaskResult result={resultFor(task.id)} />
            </li>
          ))}
        </ul>
      )}
      <Link to={`/rooms/${roomId}/plan?mine=1`} className="text-sm font-medium text-brand-700 underline">
        {home.myTasksMore > 0 ? t("home.myTasksMore", { count: home.myTasksMore }) : t("progress.allMine")}
      </Link>
    </section>
  );
}

/** The room's next meeting (not cancelled, not yet over), with its time in the account's zone. */
function NextMeetingCard({ home, roomId, timeZone }: { home: Home; roomId: string; timeZone: string }) {
  const t = useCachedT();
  const locale = useRootData()?.locale ?? "en";
  const m = home.nextMeeting;
  return (
    <section className="card space-y-2" aria-labelledby="next-meeting-title" data-testid="next-meeting">
      <h2 id="next-meeting-title" className="text-lg font-semibold">
        {t("meetings.next")}
      </h2>
      {m ? (
        <p className="text-sm">
          <Link
            to={`/rooms/${roomId}/meetings/${m.id}`}
            className="font-medium break-words text-brand-700 underline"
          >
            {m.title}
          </Link>
          <br />
          <span className="text-slate-600">
            {formatDateTime(locale, m.startsAt, timeZone)} ({timeZone})
          </span>
        </p>
      ) : (
        <p className="text-sm text-slate-600">{t("meetings.noUpcoming")}</p>
      )}
    </section>
  );
}

/** Progress by phase: overall progress, then the phases as an ordered list with their state in words. */
function PhasesCard({ home, roomId }: { home: Home; roomId: string }) {
  const t = useCachedT();
  const locale = useRootData()?.locale ?? "en";
  const mark = { done: "✓", current: "●", next: "○" } as const;
  const style = {
    done: "border-emerald-200 bg-emerald-50",
    current: "border-brand-600 bg-white ring-2 ring-brand-100",
    next: "border-slate-200 bg-slate-50",
  } as const;
  return (
    <section className="card space-y-4" aria-labelledby="phases-title">
      <h2 id="phases-title" className="text-lg font-semibold">
        {t("home.phasesTitle")}
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <ProgressBar label={t("progress.shared")} percent={home.sharedPercent} testId="progress-shared" />
        {home.allPercent !== null ? (
          <ProgressBar label={t("progress.all")} percent={home.allPercent} testId="progress-all" />
        ) : null}
      </div>
      <ol className="grid gap-3 sm:grid-cols-2" data-testid="phase-stepper">
        {home.phases.map((phase, i) => (
          <li
            key={phase.id}
            className={`rounded-lg border p-3 ${style[phase.state]}`}
            aria-current={phase.state === "current" ? "step" : undefined}
            data-state={phase.state}
          >
            <p className="flex items-center gap-2 text-sm">
              <span
                aria-hidden="true"
                className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${
                  phase.state === "done"
                    ? "bg-emerald-600 text-white"
                    : phase.state === "current"
                      ? "bg-brand-600 text-white"
                      : "bg-slate-200 text-slate-700"
                }`}
              >
                {phase.state === "done" ? mark.done : i + 1}
              </span>
              <span className="font-semibold text-slate-700">{t(`home.phaseState.${phase.state}`)}</span>
            </p>
            <p className="mt-1 font-medium break-words text-slate-900">{phase.title}</p>
            <p className="mt-1 text-xs text-slate-600">
              {formatDate(locale, phase.startDate)} – {formatDate(locale, phase.endDate)}
            </p>
            <p className="text-xs text-slate-600">
              {t("home.phaseDone", { done: phase.done, total: phase.total })}
            </p>
          </li>
        ))}
      </ol>
      <Link to={`/rooms/${roomId}/plan`} className="btn-secondary w-full sm:w-auto">
        {t("progress.openPlan")}
      </Link>
    </section>
  );
}

/** The success plan in brief: each goal's status and progress, linking to the tab. */
function GoalsCard({ home, roomId }: { home: Home; roomId: string }) {
  const t = useCachedT();
  const locale = useRootData()?.locale ?? "en";
  return (
    <section className="card space-y-3" aria-labelledby="home-goals-title" data-testid="home-goals">
      <h2 id="home-goals-title" className="text-lg font-semibold">
        {t("goals.home.title")}
      </h2>
      {home.goals.length ? (
        <ul className="space-y-3">
          {home.goals.map((g) => {
            const percent =
              g.progress === null ? null : Math.max(0, Math.min(100, Math.round(g.progress * 100)));
            return (
              <li key={g.id} className="space-y-1">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <p className="min-w-0 flex-1 text-sm font-medium break-words">{g.statement}</p>
                  <GoalStatusBadge status={g.status} />
                </div>
                <p className="text-xs text-slate-600">
                  {g.kpi} · {formatDate(locale, g.dueDate)}
                  {percent !== null ? ` · ${t("goals.home.progress", { percent })}` : ""}
                </p>
                {percent !== null ? (
                  <div className="h-1.5 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
                    <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t("goals.home.empty")}</p>
      )}
      <Link to={`/rooms/${roomId}/goals`} className="btn-secondary w-full sm:w-auto">
        {t("goals.home.open")}
      </Link>
    </section>
  );
}

function MilestoneCard({ home, roomId }: { home: Home; roomId: string }) {
  const t = useCachedT();
  const locale = useRootData()?.locale ?? "en";
  const m = home.nextMilestone;
  return (
    <section className="card space-y-3" aria-labelledby="next-milestone-title">
      <h2 id="next-milestone-title" className="text-lg font-semibold">
        {t("progress.nextMilestone")}
      </h2>
      {m ? (
        <div data-testid="next-milestone">
          <p className="font-medium">
            <span aria-hidden="true" className="mr-1 text-brand-600">
              ◆
            </span>
            <Link to={`/rooms/${roomId}/milestones/${m.id}`} className="break-words text-slate-900 underline">
              {m.title}
            </Link>
          </p>
          <p className="mt-1 text-sm text-slate-600">
            {formatDate(locale, m.targetDate)} · <DaysLabel schedule={m.schedule} />
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-600">{t("progress.noMilestone")}</p>
      )}
    </section>
  );
}

type NextTraining = NonNullable<ReturnType<typeof nextTrainingFor>>;

/** The customer's next training module (issue 12): title, kind, due date, overdue mark and a resume link. */
function NextTrainingCard({ next, roomId }: { next: NextTraining; roomId: string }) {
  const t = useCachedT();
  const locale = useRootData()?.locale ?? "en";
  return (
    <section className="card space-y-3" aria-labelledby="next-training-title" data-testid="next-training">
      <div>
        <h2 id="next-training-title" className="text-lg font-semibold">
          {t("trainingMore.home.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("trainingMore.home.intro", { count: next.left })}</p>
      </div>
      <div>
        <p className="font-medium break-words text-slate-900">{next.title}</p>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span>{t(`training.kinds.${next.kind}`)}</span>
          <span className={next.overdue ? "font-semibold text-red-700" : undefined}>
            {t("progress.due", { date: formatDate(locale, next.dueDate) })}
          </span>
          {next.overdue ? <OverdueBadge /> : null}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Link
          to={`/rooms/${roomId}/training/${next.id}`}
          className="btn-primary"
          data-testid="next-training-resume"
        >
          {next.status === "in_progress" ? t("trainingMore.home.resume") : t("trainingMore.home.start")}
          <span className="sr-only">: {next.title}</span>
        </Link>
        <Link to={`/rooms/${roomId}/training`} className="text-sm font-medium text-brand-700 underline">
          {t("trainingMore.home.all")}
        </Link>
      </div>
    </section>
  );
}

function ActivityCard({ home, roomId, timeZone }: { home: Home; roomId: string; timeZone: string }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  return (
    <section className="card space-y-3" aria-labelledby="recent-activity-title">
      <h2 id="recent-activity-title" className="text-lg font-semibold">
        {t("home.activityTitle")}
      </h2>
      {home.activity.length === 0 ? (
        <p className="text-sm text-slate-600">{t("activity.empty")}</p>
      ) : (
        <ol className="divide-y divide-slate-100" data-testid="recent-activity">
          {home.activity.map((e) => (
            <li key={e.id} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2">
              <Link
                to={e.href}
                className="min-w-0 flex-1 text-sm break-words text-slate-800 underline decoration-slate-300 underline-offset-2 hover:text-brand-700"
              >
                {describeEvent(e, t, locale)}
              </Link>
              <time dateTime={e.at} className="text-xs text-slate-500">
                {formatDateTime(locale, e.at, timeZone)}
              </time>
            </li>
          ))}
        </ol>
      )}
      <Link to={`/rooms/${roomId}/activity`} className="text-sm font-medium text-brand-700 underline">
        {t("home.allActivity")}
      </Link>
    </section>
  );
}

function StaffCards({ home }: { home: Home }) {
  const t = useCachedT();
  const locale = useRootData()?.locale ?? "en";
  return (
    <>
      {home.overdueBySide ? (
        <section className="card space-y-3" aria-labelledby="overdue-title">
          <h2 id="overdue-title" className="text-lg font-semibold">
            {t("progress.overdueTitle")}
          </h2>
          <dl className="grid grid-cols-3 gap-2 text-center" data-testid="overdue-by-side">
            {PLAN_SIDES.map((side) => (
              <div key={side} className="rounded-md bg-slate-50 p-2">
                <dt className="text-sm text-slate-600">{t(`plan.side.${side}`)}</dt>
                <dd
                  className={`text-2xl font-semibold ${home.overdueBySide![side] > 0 ? "text-red-700" : "text-slate-900"}`}
                >
                  {home.overdueBySide![side]}
                </dd>
              </div>
            ))}
          </dl>
          <Link to="plan?overdue=1" className="text-sm font-medium text-brand-700 underline">
            {t("progress.showOverdue")}
          </Link>
        </section>
      ) : null}
      <section className="card space-y-2" aria-labelledby="forecast-title">
        <h2 id="forecast-title" className="text-lg font-semibold">
          {t("progress.forecastTitle")}
        </h2>
        {home.firstValueForecast ? (
          <>
            <p className="text-2xl font-semibold" data-testid="first-value-forecast">
              {formatDate(locale, home.firstValueForecast)}
            </p>
            {home.firstValueTarget ? (
              <p
                className={`text-sm ${home.firstValueForecast > home.firstValueTarget ? "font-semibold text-red-700" : "text-slate-600"}`}
              >
                {home.firstValueForecast > home.firstValueTarget
                  ? t("progress.forecastLate", { date: formatDate(locale, home.firstValueTarget) })
                  : t("progress.forecastOnTrack", { date: formatDate(locale, home.firstValueTarget) })}
              </p>
            ) : null}
            <p className="text-xs text-slate-500">{t("progress.forecastHint")}</p>
          </>
        ) : (
          <p className="text-sm text-slate-600">{t("progress.noFirstValue")}</p>
        )}
      </section>
    </>
  );
}

function EmptyRoom({ vendorSide, canEditPlan }: { vendorSide: boolean; canEditPlan: boolean }) {
  const t = useCachedT();
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
        <Link to="team" className="btn-secondary">
          {t("room.goToTeam")}
        </Link>
      </div>
    </section>
  );
}

/**
 * The customer's home in the room: who their contact is, what we wait on from them, their own tasks
 * (Done saves in place), where the project stands by phase, the next milestone and recent activity.
 * Staff see the same, plus internal progress, overdue counts by side and the first-value forecast.
 *
 * Two columns from lg; on a phone one column, in the order that matters (welcome and contact, waiting
 * on you, my tasks, phases, next milestone, activity): the column wrappers are `display: contents`
 * there and each card has its `order`.
 */
/** To staff once the room is past go-live (or its last milestone is done): time for the review. */
function ReviewSuggestion() {
  const { t } = useTranslation();
  return (
    <section className="card space-y-2 border-brand-200 bg-brand-50" data-testid="review-suggestion">
      <h2 className="font-semibold">{t("review.suggestTitle")}</h2>
      <p className="text-sm text-slate-700">{t("review.suggestBody")}</p>
      <Link to="review" className="btn-primary">
        {t("review.suggestLink")}
      </Link>
    </section>
  );
}

export default function RoomOverview() {
  const d = useLoaderData<typeof loader>();
  const actionResult = useActionData<typeof action>();
  const home = d.home;
  const result = actionResult ?? d.statusNotice ?? undefined;

  return (
    <div className="flex flex-col gap-6 lg:grid lg:grid-cols-3 lg:items-start">
      <div className="contents lg:col-span-2 lg:flex lg:flex-col lg:gap-6">
        {d.suggestReview ? (
          <div className="order-1">
            <ReviewSuggestion />
          </div>
        ) : null}
        <div className="order-1 empty:hidden">
          <WelcomeNote note={d.welcome} editHref={d.canEditWelcome ? "welcome" : undefined} />
        </div>
        <div className="order-3">
          {home.hasPlan ? (
            <WaitingOnCard home={home} roomId={d.roomId} staff={d.vendorSide} />
          ) : (
            <EmptyRoom vendorSide={d.vendorSide} canEditPlan={d.canEditPlan} />
          )}
        </div>
        {home.hasPlan ? (
          <>
            <div className="order-4">
              <MyTasksCard home={home} roomId={d.roomId} result={result} />
            </div>
            <div className="order-5">
              <PhasesCard home={home} roomId={d.roomId} />
            </div>
          </>
        ) : null}
        <div className="order-8">
          <ActivityCard home={home} roomId={d.roomId} timeZone={d.timeZone} />
        </div>
      </div>
      <div className="contents lg:flex lg:flex-col lg:gap-6">
        <div className="order-2">
          <ContactCard contact={home.contact} />
        </div>
        <div className="order-3">
          <NextMeetingCard home={home} roomId={d.roomId} timeZone={d.timeZone} />
        </div>
        {d.nextTraining ? (
          <div className="order-5">
            <NextTrainingCard next={d.nextTraining} roomId={d.roomId} />
          </div>
        ) : null}
        {home.hasPlan ? (
          <div className="order-6">
            <MilestoneCard home={home} roomId={d.roomId} />
          </div>
        ) : null}
        {home.hasPlan || home.goals.length ? (
          <div className="order-7">
            <GoalsCard home={home} roomId={d.roomId} />
          </div>
        ) : null}
        {home.hasPlan && d.vendorSide ? (
          <div className="order-9 space-y-6">
            <StaffCards home={home} />
          </div>
        ) : null}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
