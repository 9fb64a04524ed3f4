import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { can, staffCan } from "~/access/capabilities";
import { accountLogoUrl } from "~/domain/accounts/logo.server";
import { requireRoomAccess } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { OrgLogo } from "~/components/ui/Avatar";
import { personInitials } from "~/utils/initials";
import { StatusBadge } from "~/components/room/StatusBadge";
import { HealthBadge, ModeBadge } from "~/components/health/HealthBadges";
import { getHealthBadge } from "~/domain/health/health.server";
import { handoffLinkStatus } from "~/domain/handoffs/handoffs.server";
import { listMembers } from "~/domain/rooms/rooms.server";
import { formatDate } from "~/i18n/format";
import { useRootData } from "~/root";
import { useEngagementHeartbeat } from "~/components/engagement/heartbeat";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.room.title} · ${data.account.name}` : "Launchroom" },
];

/** Sections of a room, after the overview; each is a child route of the same name. */
/** The room's tabs, in order, as [path, label key]; report and health are added for staff below. */
const ROOM_TABS = [
  ["plan", "room.tabs.plan"],
  ["goals", "goals.tab"],
  ["meetings", "meetings.tab"],
  ["documents", "documents.tab"],
  ["timeline", "room.tabs.timeline"],
  ["team", "room.tabs.team"],
  ["raci", "raci.tab"],
  ["training", "training.tab"],
  ["activity", "room.tabs.activity"],
] as const;

export function loader({ request, params }: LoaderFunctionArgs) {
  const { room, account, role, user } = requireRoomAccess(request, params.roomId, "room.view");
  const members = listMembers(room.id);
  return {
    room: {
      id: room.id,
      title: room.title,
      stage: room.stage,
      status: room.status,
      kickoffDate: room.kickoffDate,
      targetGoLiveDate: room.targetGoLiveDate,
    },
    account: { id: account.id, name: account.name, logoUrl: accountLogoUrl(account) },
    canEditAccount: user.kind === "staff" && staffCan(user.staffRole, "accounts.edit"),
    members: members.map((m) => ({ userId: m.userId, name: m.name, role: m.role })),
    role,
    canEdit: can(role, "room.edit"),
    canSendReports: can(role, "reports.send"),
    // Staff only: customers never see the score, the band or the mode.
    health: can(role, "health.view") ? getHealthBadge(room.id) : null,
    // Staff only: the account's sales handoff (customers never see it, nor the link).
    handoff: can(role, "handoff.view") ? handoffLinkStatus(user, account) : null,
    // Staff only: the post-onboarding review (customers never see the tab; the page answers them 404).
    canViewReview: can(role, "review.view"),
  };
}

export type RoomLayoutData = ReturnType<typeof loader>;

export default function RoomLayout() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const { room, account, members, health, canEditAccount, handoff, canSendReports, canViewReview } =
    useLoaderData<typeof loader>();
  const company = useRootData()?.brand.companyName ?? "Launchroom";
  // Active time anywhere in the room (issue 12): everyone's, counted only while visible and in use.
  useEngagementHeartbeat({ roomId: room.id, subjectKind: "page" });
  const tabs = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // The tab bar scrolls sideways on a phone: keep the current section's tab in view.
  useEffect(() => {
    const bar = tabs.current;
    const active = bar?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!bar || !active) return;
    const left = active.offsetLeft - bar.offsetLeft;
    const right = left + active.offsetWidth;
    if (left < bar.scrollLeft || right > bar.scrollLeft + bar.clientWidth)
      bar.scrollLeft = Math.max(0, left - (bar.clientWidth - active.offsetWidth) / 2);
  }, [pathname]);
  const tabClass = ({ isActive }: { isActive: boolean }) =>
    `room-tab ${isActive ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`;
  return (
    <div className="space-y-4 sm:space-y-6">
      {/* Compact on a phone; the title wraps (between phrases in Japanese) and is never cut. */}
      <header className="card flex flex-wrap items-center gap-x-6 gap-y-3 p-4 sm:p-6" data-room-header>
        <div className="flex min-w-0 flex-1 basis-full items-start gap-3 sm:basis-64 sm:gap-4">
          <span className="sm:hidden">
            <OrgLogo
              name={account.name}
              logoUrl={account.logoUrl}
              size="md"
              alt={t("room.logoAlt", { account: account.name })}
            />
          </span>
          <span className="hidden sm:block">
            <OrgLogo
              name={account.name}
              logoUrl={account.logoUrl}
              alt={t("room.logoAlt", { account: account.name })}
            />
          </span>
          <div className="min-w-0 flex-1">
            <p className="text-sm break-words text-slate-600">
              {t("brand.roomCompanies", { company, account: account.name })}
              {canEditAccount ? (
                <>
                  {" · "}
                  <Link
                    to={`/accounts/${account.id}/logo?back=${encodeURIComponent(`/rooms/${room.id}`)}`}
                    className="text-brand-700 underline"
                  >
                    {t("brand.changeLogo")}
                  </Link>
                </>
              ) : null}
            </p>
            <h1 className="text-xl font-semibold break-words sm:text-2xl" data-testid="room-title">
              {room.title}
            </h1>
          </div>
        </div>
        <ul aria-label={t("room.members")} className="flex -space-x-2">
          {members.slice(0, 6).map((m) => (
            <li
              key={m.userId}
              title={`${m.name} · ${t(`roles.${m.role}`)}`}
              className="flex h-9 w-9 items-center justify-center rounded-full border-2 border-white bg-slate-200 text-sm font-semibold text-slate-700"
            >
              <span aria-hidden="true">{personInitials(m.name)}</span>
              <span className="sr-only">{`${m.name} (${t(`roles.${m.role}`)})`}</span>
            </li>
          ))}
        </ul>
        <p className="flex w-full flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600">
          <StatusBadge status={room.status} />
          {health ? (
            <Link to="health" className="inline-flex gap-2 rounded-full" data-testid="room-health-badge">
              <HealthBadge band={health.band} score={health.score} />
              {health.mode === "reactive" ? <ModeBadge mode="reactive" /> : null}
            </Link>
          ) : null}
          {handoff ? (
            <Link
              to={`/accounts/${account.id}/handoff`}
              className="text-brand-700 underline"
              data-testid="room-handoff-link"
            >
              {t("handoff.roomLink")}: {t(`handoff.status.${handoff}`)}
            </Link>
          ) : null}
          {/* Each item stays whole ("2026年11月9日" never breaks); the line breaks between items. */}
          <span className="whitespace-nowrap">
            {t("fields.stage")}: {t(`stages.${room.stage}`)}
          </span>
          <span className="whitespace-nowrap">
            {t("fields.kickoffDate")}: {formatDate(locale, room.kickoffDate)}
          </span>
          <span className="whitespace-nowrap">
            {t("fields.targetGoLiveDate")}: {formatDate(locale, room.targetGoLiveDate)}
          </span>
        </p>
      </header>
      {/* Scrolls sideways when the tabs do not fit; the edges fade to show there is more (app/tailwind.css). */}
      <nav ref={tabs} aria-label={t("room.sections")} className="room-tabs">
        <NavLink to="." end className={tabClass}>
          {t("room.overview")}
        </NavLink>
        {ROOM_TABS.map(([path, label]) => (
          <NavLink key={path} to={path} className={tabClass}>
            {t(label)}
          </NavLink>
        ))}
        {canSendReports ? (
          <NavLink to="report" className={tabClass}>
            {t("reports.tab")}
          </NavLink>
        ) : null}
        {canViewReview ? (
          <NavLink to="review" className={tabClass}>
            {t("review.tab")}
          </NavLink>
        ) : null}
        {health ? (
          <NavLink to="health" className={tabClass}>
            {t("room.tabs.health")}
          </NavLink>
        ) : null}
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
