import { useTranslation } from "react-i18next";
import type { PlanSide, TaskStatus } from "#db/schema/enums";

const pill = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium";

const SIDE_CLASS: Record<PlanSide, string> = {
  vendor: "bg-indigo-50 text-indigo-800",
  customer: "bg-teal-50 text-teal-800",
  joint: "bg-violet-50 text-violet-800",
};

// `label` lets long lists pass a translation made once per page instead of once per row.
export function SideBadge({ side, label }: { side: PlanSide; label?: string }) {
  const { t } = useTranslation();
  return <span className={`${pill} ${SIDE_CLASS[side]}`}>{label ?? t(`plan.side.${side}`)}</span>;
}

const STATUS_CLASS: Record<TaskStatus, string> = {
  todo: "bg-slate-100 text-slate-700",
  in_progress: "bg-sky-50 text-sky-800",
  blocked: "bg-amber-100 text-amber-900",
  done: "bg-emerald-50 text-emerald-800",
};

export function TaskStatusBadge({ status, label }: { status: TaskStatus; label?: string }) {
  const { t } = useTranslation();
  return <span className={`${pill} ${STATUS_CLASS[status]}`}>{label ?? t(`plan.status.${status}`)}</span>;
}

/** Staff-only marker: the customer never sees the item at all. */
export function InternalBadge({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`${pill} border border-dashed border-slate-400 bg-white text-slate-700`}>
      {label ?? t("plan.internal")}
    </span>
  );
}

export function OverdueBadge({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`${pill} bg-red-100 text-red-800`} data-testid="overdue">
      <span aria-hidden="true" className="mr-1">
        !
      </span>
      {label ?? t("plan.overdue")}
    </span>
  );
}
