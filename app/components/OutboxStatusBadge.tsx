import { useTranslation } from "react-i18next";

const STYLES: Record<string, string> = {
  pending: "bg-amber-50 text-amber-800 ring-amber-200",
  sent: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  failed: "bg-red-50 text-red-800 ring-red-200",
};

export function OutboxStatusBadge({ status, transport }: { status: string; transport: string | null }) {
  const { t } = useTranslation();
  const label =
    status === "sent" && transport === "local" ? t("outbox.status.local") : t(`outbox.status.${status}`);
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STYLES[status] ?? ""}`}
    >
      {label}
    </span>
  );
}
