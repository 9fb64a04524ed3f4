import { useMemo } from "react";
import { PLAN_SIDES, TASK_STATUSES, type PlanSide, type TaskStatus } from "~/vocabulary";
import { useCachedT, type CachedT } from "~/components/cached-t";
import { pack, unpack, type Packed } from "~/components/packed";
import { esc, formatDateCached, messageWith, SEP } from "~/components/static-html";
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
 * Every string a task row needs, translated and built once per page (a plan can list hundreds of
 * tasks): the fixed pieces of markup, ready to be joined.
 */
function rowParts(t: CachedT) {
  const status = Object.fromEntries(TASK_STATUSES.map((s) => [s, esc(t(`plan.status.${s}`))])) as Record<
    TaskStatus,
    string
  >;
  const side = Object.fromEntries(PLAN_SIDES.map((s) => [s, esc(t(`plan.side.${s}`))])) as Record<
    PlanSide,
    string
  >;
  const options = (selected: string | undefined) =>
    TASK_STATUSES.map(
      (s) => `<option value="${s}"${s === selected ? ` selected=""` : ""}>${status[s]}</option>`,
    ).join("");
  return {
    t,
    internalBadge: `<span class="${INTERNAL_CLASS}">${esc(t("plan.internal"))}</span>`,
    sideBadge: Object.fromEntries(
      PLAN_SIDES.map((s) => [s, `<span class="${PILL_CLASS} ${SIDE_CLASS[s]}">${side[s]}</span>`]),
    ) as Record<PlanSide, string>,
    statusBadge: Object.fromEntries(
      TASK_STATUSES.map((s) => [s, `<span class="${PILL_CLASS} ${STATUS_CLASS[s]}">${status[s]}</span>`]),
    ) as Record<TaskStatus, string>,
    overdueBadge: `<span class="${OVERDUE_CLASS}" data-testid="overdue"><span aria-hidden="true" class="mr-1">!</span>${esc(t("plan.overdue"))}</span>`,
    assignee: `</div></div><dl class="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600"><div class="flex gap-1"><dt>${esc(t("plan.assignee"))}${SEP}:</dt><dd>`,
    unassigned: esc(t("plan.unassigned")),
    you: `<span class="ml-1 text-brand-700">(${SEP}${esc(t("plan.you"))}${SEP})</span>`,
    dates: `</dd></div><div class="flex gap-1"><dt>${esc(t("plan.dates"))}${SEP}:</dt><dd>`,
    datesOverdue: `</dd></div><div class="flex gap-1"><dt>${esc(t("plan.dates"))}${SEP}:</dt><dd class="font-semibold text-red-700">`,
    blockedBecause: `<p class="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"><span class="font-semibold">${esc(t("plan.blockedBecause"))}</span> ${SEP}`,
    waitingOn: messageWith(t, "plan.waitingOn", "tasks"),
    changeStatus: `<summary class="cursor-pointer text-sm font-medium text-brand-700">${esc(t("plan.changeStatus"))}<span class="sr-only">: ${SEP}`,
    statusLabel: esc(t("plan.statusLabel")),
    /** The status options with each status, or none, selected. */
    options: Object.fromEntries(TASK_STATUSES.map((s) => [s, options(s)])) as Record<TaskStatus, string>,
    optionsNone: options(undefined),
    blockedReason: esc(t("plan.blockedReason")),
    blockedReasonHint: esc(t("plan.blockedReasonHint")),
    save: `</div><button type="submit" class="btn-primary">${esc(t("plan.saveStatus"))}</button></form></details>`,
  };
}

type RowParts = ReturnType<typeof rowParts>;

/**
 * The tasks of each phase. The rows are plain HTML (links, a disclosure and a form that posts without
 * client JS), so they are built as one string per phase: as React elements, a few hundred rows were most
 * of the page's server time. The markup is what the React rows drew.
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
      {visible.map((phase) => (
        <section key={phase.id} aria-labelledby={`phase-${phase.id}`} data-testid="phase">
          <h3 id={`phase-${phase.id}`} className="mb-2 text-base font-semibold text-slate-800">
            {phase.title}
          </h3>
          {phase.tasks.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-500">
              {t("plan.phaseEmpty")}
            </p>
          ) : (
            <ul
              className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
              dangerouslySetInnerHTML={{
                __html: rowsHtml(phase.tasks, { staff, result, parts, locale, roomPath }),
              }}
            />
          )}
        </section>
      ))}
    </div>
  );
}

/** The same markup as the shared Notice and FormError components. */
const notice = (html: string) =>
  `<div role="status" class="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800">${html}</div>`;
const formError = (html: string) =>
  `<div role="alert" class="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">${html}</div>`;

function rowsHtml(
  tasks: TaskItem[],
  o: { staff: boolean; result?: ActionResult; parts: RowParts; locale: Locale; roomPath: string },
): string {
  const { parts: p, result } = o;
  const roomPath = esc(o.roomPath);
  const out: string[] = [];
  for (const task of tasks) {
    const mine = result?.values?.taskId === task.id;
    const id = esc(task.id);
    const title = esc(task.title);
    out.push(
      `<li class="px-4 py-3 ${task.overdue ? "border-l-4 border-l-red-500" : ""}" data-testid="task" data-task-id="${id}">`,
      `<div class="flex flex-wrap items-start gap-x-3 gap-y-1"><p class="min-w-0 flex-1 font-medium text-slate-900">`,
      `<a href="${roomPath}/tasks/${id}" class="hover:text-brand-700 hover:underline">${title}</a></p>`,
      `<div class="flex flex-wrap items-center gap-2">`,
      o.staff && task.internal ? p.internalBadge : "",
      p.sideBadge[task.side],
      p.statusBadge[task.status],
      task.overdue ? p.overdueBadge : "",
      p.assignee,
      typeof task.assigneeName === "string" ? esc(task.assigneeName) : p.unassigned,
      task.mine ? p.you : "",
      task.overdue ? p.datesOverdue : p.dates,
      esc(formatDateCached(o.locale, task.startDate)),
      `${SEP} – ${SEP}`,
      esc(formatDateCached(o.locale, task.dueDate)),
      "</dd></div></dl>",
    );
    if (task.status === "blocked" && task.blockedReason)
      out.push(p.blockedBecause, esc(task.blockedReason), "</p>");
    if (task.waitingOn.length > 0 && task.status !== "done")
      out.push(
        `<p class="mt-1 text-xs text-slate-500">`,
        esc(p.waitingOn(task.waitingOn.join(" / "))),
        "</p>",
      );
    if (mine && result?.ok && result.notice)
      out.push(`<div class="mt-2">${notice(esc(p.t(result.notice, result.params)))}</div>`);
    if (task.canUpdate) statusForm(out, task, mine && !result?.ok ? result : undefined, p);
    out.push("</li>");
  }
  return out.join("");
}

/** One per task the viewer may update: a disclosure holding a plain form. */
function statusForm(out: string[], task: TaskItem, error: ActionResult | undefined, p: RowParts): void {
  const id = `task-${esc(task.id)}`;
  const values = error?.values;
  const reasonError = error?.fieldErrors?.blockedReason;
  // The echoed value comes from the submitted form: only a known status selects an option.
  const selected = values?.status ?? task.status;
  const options = (TASK_STATUSES as readonly string[]).includes(selected)
    ? p.options[selected as TaskStatus]
    : p.optionsNone;
  const reason = values?.blockedReason ?? task.blockedReason ?? "";
  out.push(
    error ? `<details class="mt-2" open="">` : `<details class="mt-2">`,
    p.changeStatus,
    esc(task.title),
    "</span></summary>",
  );
  if (error?.formError && error.formError !== reasonError)
    out.push(`<div class="mt-2">${formError(esc(p.t(error.formError, error.params)))}</div>`);
  out.push(
    `<form method="post" class="mt-2 flex flex-wrap items-end gap-3" novalidate="">`,
    `<input type="hidden" name="intent" value="status"/><input type="hidden" name="taskId" value="${esc(task.id)}"/>`,
    `<input type="hidden" name="version" value="${task.version}"/>`,
    `<div><label for="${id}-status" class="label">${p.statusLabel}</label><select id="${id}-status" name="status" class="input">`,
    options,
    `</select></div><div class="min-w-48 flex-1"><label for="${id}-reason" class="label">${p.blockedReason}</label>`,
    `<input id="${id}-reason" name="blockedReason" type="text" maxLength="500" aria-describedby="${id}-reason-hint`,
    reasonError ? ` ${id}-reason-error" aria-invalid="true"` : `"`,
    ` class="input" value="${esc(reason)}"/><p id="${id}-reason-hint" class="mt-1 text-xs text-slate-500">${p.blockedReasonHint}</p>`,
  );
  if (reasonError)
    out.push(`<p id="${id}-reason-error" class="field-error" role="alert">${esc(p.t(reasonError))}</p>`);
  out.push(p.save);
}
