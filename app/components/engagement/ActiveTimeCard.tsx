import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";

export type ActiveTimePerson = {
  userId: string;
  name: string;
  seconds: number;
  days: number;
  lastActiveAt: Date | string | null;
};

/** "1 h 5 min", "12 min", "under a minute", "none". */
export function formatActiveTime(t: TFunction, seconds: number): string {
  if (seconds <= 0) return t("engagement.none");
  if (seconds < 60) return t("engagement.underMinute");
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t("engagement.minutes", { minutes });
  return t("engagement.hoursMinutes", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/**
 * Each customer person's active time and distinct active days over the last 14 days (staff with
 * engagement.view), from engagement_days: what the presence measure of the health score counts.
 */
export function ActiveTimeCard({ people, timeZone }: { people: ActiveTimePerson[]; timeZone: string }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  return (
    <section className="card space-y-3" aria-labelledby="engagement-active-title" data-testid="active-time">
      <h3 id="engagement-active-title" className="font-semibold">
        {t("engagement.title")}
      </h3>
      <p className="text-sm text-slate-600">{t("engagement.intro")}</p>
      {people.length === 0 ? (
        <p className="text-sm text-slate-600">{t("engagement.empty")}</p>
      ) : (
        <ScrollRegion labelledBy="engagement-active-title">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t("engagement.columns.person")}
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  {t("engagement.columns.time")}
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  {t("engagement.columns.days")}
                </th>
                <th scope="col" className="py-2 font-medium">
                  {t("engagement.columns.last")}
                </th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.userId} className="border-b border-slate-100 last:border-0">
                  <th scope="row" className="py-2 pr-3 text-left font-normal">
                    {p.name}
                  </th>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatActiveTime(t, p.seconds)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">
                    {t("engagement.days", { count: p.days })}
                  </td>
                  <td className="py-2 whitespace-nowrap">
                    {p.lastActiveAt
                      ? formatDateTime(locale, p.lastActiveAt, timeZone)
                      : t("engagement.never")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
