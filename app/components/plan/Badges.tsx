import { useTranslation } from "react-i18next";
import type { PlanSide, TaskStatus } from "~/vocabulary";

// The classes are shared with the plan list, whose rows are built as HTML strings (see PhaseTasks).
export const PILL_CLASS = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium";

export const SIDE_CLASS: Record<PlanSide, string> = {
  vendor: "bg-indigo-50 text-indigo-800",
  customer: "bg-teal-50 text-teal-800",
  joint: "bg-violet-50 text-violet-800",
};

export const STATUS_CLASS: Record<TaskStatus, string> = {
  todo: "bg-slate-100 text-slate-700",
  in_progress: "bg-sky-50 text-sky-800",
  review: "bg-fuchsia-50 text-fuchsia-800",
  blocked: "bg-amber-100 text-amber-900",
  done: "bg-emerald-50 text-emerald-800",
};

/** Staff-only marker: the customer never sees the item at all. */
export const INTERNAL_CLASS = `${PILL_CLASS} border border-dashed border-slate-400 bg-white text-slate-700`;
export const OVERDUE_CLASS = `${PILL_CLASS} bg-red-100 text-red-800`;

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return <span className={`${PILL_CLASS} ${STATUS_CLASS[status]}`}>{t(`plan.status.${status}`)}</span>;
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <span className={OVERDUE_CLASS} data-testid="overdue">
      <span aria-hidden="true" className="mr-1">
        !
      </span>
      {t("plan.overdue")}
    </span>
  );
}
