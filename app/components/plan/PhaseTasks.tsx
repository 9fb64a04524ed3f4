import { useMemo } from "react";
import { PLAN_SIDES, TASK_STATUSES, type PlanSide, type TaskStatus } from "~/vocabulary";
import { useCachedT, type CachedT } from "~/components/cached-t";
import { builtFrom, pack, unpack, type Packed } from "~/components/packed";
import { formatDateCached, html, innerHtml, messageWith, SEP, type SafeHtml } from "~/components/static-html";
import type { Locale } from "~/i18n/config";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";
import { INTERNAL_CLASS, OVERDUE_CLASS, PILL_CLASS, SIDE_CLASS, STATUS_CLASS } from "./Badges";

export type TaskItem = {
  id: string;
  title: string;
  side: PlanSide;
  status: TaskStatus;
  startDate: string | null;
  dueDate: string | null;
  blockedReason: string | null;
  internal: boolean;
  version: number;
  assigneeName: string | null;
  mine: boolean;
  overdue: boolean;
  canUpdate: boolean;
  waitingOn: string[];
};

type Phase = { id: string; title: string; tasks: TaskItem[] };

const INTERNAL = 1;
const MINE = 2;
const OVERDUE = 4;
const CAN_UPDATE = 8;
type PackedTask = [
  id: string,
  title: string,
  side: PlanSide,
  status: TaskStatus,
  startDate: string | null,
  dueDate: string | null,
  blockedReason: string | null,
  version: number,
  assigneeName: string | null,
  flags: number,
  waitingOn: string[],
];

type PackedPhase = [id: string, title: string, tasks: PackedTask[]];

/** The phases and their tasks for the route's loader data, as arrays in one string (see `pack`). */
export function packPhases(phases: Phase[]): Packed<Phase[]> {
  return pack(phases, (list) =>
    list.map((p): PackedPhase => [
      p.id,
      p.title,
      p.tasks.map((t) => [
        t.id,
        t.title,
        t.side,
        t.status,
        t.startDate,
        t.dueDate,
        t.blockedReason,
        t.version,
        t.assigneeName,
        (t.internal ? INTERNAL : 0) |
          (t.mine ? MINE : 0) |
          (t.overdue ? OVERDUE : 0) |
          (t.canUpdate ? CAN_UPDATE : 0),
        t.waitingOn,
      ]),
    ]),
  );
}

export function unpackPhases(packed: Packed<Phase[]>): Phase[] {
  return unpack(packed, (list: PackedPhase[]) =>
    list.map(([id, title, tasks]) => ({
      id,
      title,
      tasks: tasks.map(
        ([
          id,
          title,
          side,
          status,
          startDate,
          dueDate,
          blockedReason,
          version,
          assigneeName,
          flags,
          waitingOn,
        ]) => ({
          id,
          title,
          side,
          status,
          startDate,
          dueDate,
          blockedReason,
          version,
          assigneeName,
          internal: (flags & INTERNAL) !== 0,
          mine: (flags & MINE) !== 0,
          overdue: (flags & OVERDUE) !== 0,
          canUpdate: (flags & CAN_UPDATE) !== 0,
          waitingOn,
        }),
      ),
    })),
  );
}

/**
 * Every piece of markup a task row needs that does not depend on the task, translated and built once per
 * page (a plan can list hundreds of tasks).
 */
function rowParts(t: CachedT) {
  const status = Object.fromEntries(TASK_STATUSES.map((s) => [s, t(`plan.status.${s}`)])) as Record<
    TaskStatus,
    string
  >;
  const side = Object.fromEntries(PLAN_SIDES.map((s) => [s, t(`plan.side.${s}`)])) as Record<
    PlanSide,
    string
  >;
  const options = (selected: string | undefined) =>
    html`${TASK_STATUSES.map((s) =>
      s === selected
        ? html`<option value="${s}" selected="">${status[s]}</option>`
        : html`<option value="${s}">${status[s]}</option>`,
    )}`;
  return {
    t,
    internalBadge: html`<span class="${INTERNAL_CLASS}">${t("plan.internal")}</span>`,
    sideBadge: Object.fromEntries(
      PLAN_SIDES.map((s) => [s, html`<span class="${PILL_CLASS} ${SIDE_CLASS[s]}">${side[s]}</span>`]),
    ) as Record<PlanSide, SafeHtml>,
    statusBadge: Object.fromEntries(
      TASK_STATUSES.map((s) => [s, html`<span class="${PILL_CLASS} ${STATUS_CLASS[s]}">${status[s]}</span>`]),
    ) as Record<TaskStatus, SafeHtml>,
    overdueBadge: html`<span class="${OVERDUE_CLASS}" data-testid="overdue"><span aria-hidden="true" class="mr-1">!</span>${t("plan.overdue")}</span>`,
    // Pieces of a row's markup, joined in order by rowsHtml: they open and close elements across pieces.
    assignee: html`</div></div><dl class="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600"><div class="flex gap-1"><dt>${t("plan.assignee")}${SEP}:</dt><dd>`,
    unassigned: html`${t("plan.unassigned")}`,
    you: html`<span class="ml-1 text-brand-700">(${SEP}${t("plan.you")}${SEP})</span>`,
    dates: html`</dd></div><div class="flex gap-1"><dt>${t("plan.dates")}${SEP}:</dt><dd>`,
    datesOverdue: html`</dd></div><div class="flex gap-1"><dt>${t("plan.dates")}${SEP}:</dt><dd class="font-semibold text-red-700">`,
    blockedBecause: html`<p class="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"><span class="font-semibold">${t("plan.blockedBecause")}</span> ${SEP}`,
    waitingOn: messageWith(t, "plan.waitingOn", "tasks"),
    /** The accessible name of a row's status select: the status of which task. */
    statusOf: messageWith(t, "home.statusOf", "title"),
    /** The one-click Done form, up to the task's id (then its version, then the button). */
    doneOpen: html`<form method="post" data-inplace="" class="done-form"><input type="hidden" name="status" value="done"/><input type="hidden" name="taskId" value="`,
    doneButton: html`<button name="intent" value="status"><span aria-hidden="true">✓</span> ${t("home.markDone")}<span class="sr-only">: ${SEP}`,
    /** The status options with each status, or none, selected. */
    options: Object.fromEntries(TASK_STATUSES.map((s) => [s, options(s)])) as Record<TaskStatus, SafeHtml>,
    optionsNone: options(undefined),
    reasonLabel: html`</select><label class="reason">${t("plan.blockedReason")}`,
    reasonHint: t("plan.blockedReasonHint"),
    save: html`<button name="intent" value="status" class="save">${t("plan.saveStatus")}</button></form>`,
  };
}

type RowParts = ReturnType<typeof rowParts>;

/** The id of the one description of the blocked-reason fields, shared by every row's form. */
const REASON_HINT_ID = "plan-blocked-reason-hint";

/**
 * The tasks of each phase. The rows are plain HTML (links, a disclosure and a form that posts without
 * client JS), so they are built as one string per phase: as React elements, a few hundred rows were most
 * of the page's server time.
 */
export function PhaseTasks({
  phases,
  filtered,
  staff,
  result,
  roomPath,
}: {
  phases: Phase[];
  filtered: boolean;
  staff: boolean;
  result?: ActionResult;
  /** "/rooms/:roomId", for the task links. */
  roomPath: string;
}) {
  const t = useCachedT();
  const locale = useRootData()?.locale ?? "en";
  const parts = useMemo(() => rowParts(t), [t]);
  const visible = filtered ? phases.filter((p) => p.tasks.length > 0) : phases;
  if (visible.length === 0) {
    return (
      <p className="card text-slate-600" data-testid="plan-no-match">
        {t("plan.noMatch")}
      </p>
    );
  }
  return (
    <div className="space-y-6">
      <p id={REASON_HINT_ID} className="sr-only">
        {parts.reasonHint}
      </p>
      {visible.map((phase) => (
        <section key={phase.id} aria-labelledby={`phase-${phase.id}`} data-testid="phase">
          <h3 id={`phase-${phase.id}`} className="mb-2 text-base font-semibold text-slate-800 wrap-anywhere">
            {phase.title}
          </h3>
          {phase.tasks.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-500">
              {t("plan.phaseEmpty")}
            </p>
          ) : (
            <ul
              className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
              dangerouslySetInnerHTML={innerHtml(
                // The markup of rows read from the cache is built once (an action's answer changes it).
                result
                  ? rowsHtml(phase.tasks, { staff, result, parts, locale, roomPath })
                  : builtFrom(phase.tasks, `rows|${staff}|${locale}|${roomPath}`, () =>
                      rowsHtml(phase.tasks, { staff, parts, locale, roomPath }),
                    ),
              )}
            />
          )}
        </section>
      ))}
    </div>
  );
}

/**
 * The same look as the shared Notice and FormError components. The notice beside a task is not a live
 * region (the page's own region announces it: one inserted with the row's new markup is not reliably
 * read); the error is an alert that takes the focus after a refused change.
 */
const notice = (message: string) =>
  html`<div class="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800" data-testid="task-notice">${message}</div>`;
const formError = (message: string) =>
  html`<div role="alert" tabindex="-1" data-first-error="" class="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">${message}</div>`;

function rowsHtml(
  tasks: TaskItem[],
  o: { staff: boolean; result?: ActionResult; parts: RowParts; locale: Locale; roomPath: string },
): SafeHtml {
  const { parts: p, result, roomPath } = o;
  return html`${tasks.map((task) => {
    const mine = result?.values?.taskId === task.id;
    const blocked = task.status === "blocked" && task.blockedReason;
    const waiting = task.waitingOn.length > 0 && task.status !== "done";
    const noticeHere = mine && result?.ok && result.notice;
    return html`<li id="task-${task.id}" class="scroll-mt-24 px-4 py-3 ${task.overdue ? "border-l-4 border-l-red-500" : ""}" data-testid="task" data-task-id="${task.id}"><div class="flex flex-wrap items-start gap-x-3 gap-y-1"><p class="min-w-0 flex-1 font-medium text-slate-900 wrap-anywhere"><a href="${roomPath}/tasks/${task.id}" class="hover:text-brand-700 hover:underline">${task.title}</a></p><div class="flex flex-wrap items-center gap-2">${o.staff && task.internal && p.internalBadge}${p.sideBadge[task.side]}${p.statusBadge[task.status]}${task.overdue && p.overdueBadge}${p.assignee}${task.assigneeName ?? p.unassigned}${task.mine && p.you}${task.overdue ? p.datesOverdue : p.dates}${formatDateCached(o.locale, task.startDate)}${SEP} – ${SEP}${formatDateCached(o.locale, task.dueDate)}</dd></div></dl>${blocked && html`${p.blockedBecause}${task.blockedReason}</p>`}${waiting && html`<p class="mt-1 text-xs text-slate-500 wrap-anywhere">${p.waitingOn(task.waitingOn.join(" / "))}</p>`}${noticeHere && html`<div class="mt-2">${notice(p.t(result.notice!, result.params))}</div>`}${task.canUpdate && statusControls(task, mine && !result?.ok ? result : undefined, p)}</li>`;
  })}`;
}

/**
 * One per task the viewer may update: a one-click Done form (unless done) and a compact status form
 * (select, a blocked reason shown only for "blocked", and a save button that the page's script hides:
 * with it the select submits on change). Both are plain forms that post without client JS. The forms are
 * as small as they can be (a plan shows hundreds): the styles live in tailwind.css under .status-controls,
 * the intent rides on the button and the blocked reason's description is one element for the whole list.
 * After a refused submit, that task's form carries the ids, the visible description and the error, and
 * the first error is marked for the script to focus.
 */
function statusControls(task: TaskItem, error: ActionResult | undefined, p: RowParts): SafeHtml {
  const values = error?.values;
  // The echoed value comes from the submitted form: only a known status selects an option.
  const selected = values?.status ?? task.status;
  const options = (TASK_STATUSES as readonly string[]).includes(selected)
    ? p.options[selected as TaskStatus]
    : p.optionsNone;
  const reason = values?.blockedReason ?? task.blockedReason ?? "";
  const done =
    task.status !== "done" &&
    html`${p.doneOpen}${task.id}"/><input type="hidden" name="version" value="${task.version}"/>${p.doneButton}${task.title}</span></button></form>`;
  const fields = html`<form method="post" novalidate="" data-inplace="" class="status-form"><input type="hidden" name="taskId" value="${task.id}"/><input type="hidden" name="version" value="${task.version}"/><select name="status" data-autosubmit="" aria-label="${p.statusOf(task.title)}">${options}${p.reasonLabel}`;
  if (!error)
    return html`<div class="status-controls">${done}${fields}<input name="blockedReason" maxLength="500" aria-describedby="${REASON_HINT_ID}" value="${reason}"/></label>${p.save}</div>`;
  const id = `task-${task.id}-reason`;
  const reasonError = error.fieldErrors?.blockedReason;
  const topError = error.formError && error.formError !== reasonError;
  const describedBy = reasonError ? `${id}-hint ${id}-error` : `${id}-hint`;
  return html`${topError && html`<div class="mt-2">${formError(p.t(error.formError!, error.params))}</div>`}<div class="status-controls">${done}${fields}<input id="${id}" name="blockedReason" maxLength="500" aria-describedby="${describedBy}"${reasonError && html` aria-invalid="true" data-first-error=""`} value="${reason}"/><span id="${id}-hint" class="hint">${p.reasonHint}</span>${reasonError && html`<span id="${id}-error" class="field-error" role="alert">${p.t(reasonError)}</span>`}</label>${p.save}</div>`;
}
