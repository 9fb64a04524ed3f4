import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { ErrorView } from "~/components/ErrorView";
import { listMeetings, type MeetingSummary } from "~/domain/meetings/meetings.server";
import { formatDateTime, formatTimeZone } from "~/i18n/format";
import { useRootData } from "~/root";
import { requireRoomAccess } from "~/web/guards.server";

export const meta: MetaFunction = () => [{ title: "Meetings · Launchroom" }];

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.view");
  return {
    ...listMeetings(access),
    timeZone: access.account.timeZone,
    canEdit: can(access.role, "meetings.edit"),
  };
}

export default function Meetings() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale ?? "en";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">{t("meetings.title")}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("meetings.intro")}</p>
          <p className="mt-1 text-xs text-slate-500">
            {t("meetings.inZone", { zone: formatTimeZone(locale, d.timeZone) })}
          </p>
        </div>
        {d.canEdit ? (
          <Link to="new" className="btn-primary">
            {t("meetings.schedule")}
          </Link>
        ) : null}
      </div>
      <MeetingList
        title={t("meetings.upcoming")}
        empty={t("meetings.noUpcoming")}
        rows={d.upcoming}
        timeZone={d.timeZone}
        id="upcoming"
      />
      <MeetingList
        title={t("meetings.past")}
        empty={t("meetings.noPast")}
        rows={d.past}
        timeZone={d.timeZone}
        id="past"
      />
    </div>
  );
}

function MeetingList(props: {
  title: string;
  empty: string;
  rows: MeetingSummary[];
  timeZone: string;
  id: string;
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  return (
    <section className="card min-w-0" aria-labelledby={`meetings-${props.id}`}>
      <h3 id={`meetings-${props.id}`} className="text-base font-semibold">
        {props.title}
      </h3>
      {props.rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{props.empty}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100" data-testid={`meetings-${props.id}`}>
          {props.rows.map((m) => (
            <li key={m.id} className="flex flex-wrap items-baseline justify-between gap-2 py-3">
              <div className="min-w-0">
                <Link to={m.id} className="font-medium text-brand-700 underline break-words">
                  {m.title}
                </Link>
                <p className="text-sm text-slate-600">
                  {t(`meetings.types.${m.type}`)} · {formatDateTime(locale, m.startsAt, props.timeZone)} ·{" "}
                  {t("meetings.minutes", { count: m.durationMinutes })} ·{" "}
                  {t("meetings.attendeesCount", { count: m.attendees })}
                </p>
              </div>
              {m.status === "cancelled" ? (
                <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
                  {t("meetings.cancelledBadge")}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
