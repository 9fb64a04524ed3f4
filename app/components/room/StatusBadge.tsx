import { useTranslation } from "react-i18next";
import type { RoomStatus } from "~/vocabulary";

const STYLES: Record<RoomStatus, string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  paused: "bg-amber-50 text-amber-800 ring-amber-200",
  completed: "bg-sky-50 text-sky-800 ring-sky-200",
  archived: "bg-slate-100 text-slate-600 ring-slate-200",
};

/** `label` lets long lists translate each status once instead of once per row. */
export function StatusBadge({ status, label }: { status: RoomStatus; label?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STYLES[status]}`}>
      {label ?? t(`statuses.${status}`)}
    </span>
  );
}
