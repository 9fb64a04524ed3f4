import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";

export type HandoffInboxItem = {
  accountId: string;
  accountName: string;
  timeZone: string;
  submittedAt: Date | string | null;
  submittedByName: string | null;
  messages: number;
};

/** The top of the CSM's inbox: handoffs sales submitted that wait for the CSM's acknowledgement. */
export function HandoffInbox({ items }: { items: HandoffInboxItem[] }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  return (
    <section className="card space-y-3" aria-labelledby="handoff-inbox-title" data-testid="handoff-inbox">
      <div>
        <h2 id="handoff-inbox-title" className="text-lg font-semibold">
          {t("handoff.inboxTitle")}
        </h2>
        <p className="text-sm text-slate-600">{t("handoff.inboxIntro")}</p>
      </div>
      {items.length ? (
        <ul className="divide-y divide-slate-100">
          {items.map((item) => (
            <li key={item.accountId} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div className="min-w-0">
                <Link
                  to={`/accounts/${item.accountId}/handoff`}
                  className="font-medium break-words text-brand-700 underline"
                >
                  {item.accountName}
                </Link>
                <p className="text-sm text-slate-600">
                  {t("handoff.inboxItem", {
                    name: item.submittedByName ?? "—",
                    at: formatDateTime(locale, item.submittedAt, item.timeZone),
                  })}
                  {item.messages ? ` · ${t("handoff.inboxMessages", { count: item.messages })}` : null}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600" data-testid="handoff-inbox-empty">
          {t("handoff.inboxEmpty")}
        </p>
      )}
    </section>
  );
}
