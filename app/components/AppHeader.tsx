import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { staffCan } from "~/access/capabilities";
import type { SessionUser } from "~/access/users";
import type { Brand } from "~/domain/workspace/brand.server";
import type { Locale } from "~/vocabulary";
import { OrgLogo } from "./ui/Avatar";
import { LanguageSwitcher } from "./LanguageSwitcher";

/** The root layout hands over its data: the header never imports the root module that renders it. */
export function AppHeader({
  user,
  locale,
  brand,
}: {
  user: Pick<SessionUser, "name" | "kind" | "staffRole"> | null | undefined;
  locale: Locale | undefined;
  brand: Pick<Brand, "companyName" | "logoUrl"> | undefined;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:text-slate-900"}`;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3 sm:px-6">
        <Link to="/" className="flex min-w-0 items-center gap-2 text-lg font-semibold text-brand-800">
          <OrgLogo name={brand?.companyName ?? "Launchroom"} logoUrl={brand?.logoUrl} size="sm" />
          <span className="truncate">{brand?.companyName ?? "Launchroom"}</span>
        </Link>
        {user ? (
          <nav aria-label={t("nav.main")} className="flex flex-wrap items-center gap-1">
            {user.kind === "staff" ? (
              <NavLink to="/portfolio" className={navClass}>
                {t("nav.portfolio")}
              </NavLink>
            ) : (
              <NavLink to="/rooms" end className={navClass}>
                {t("nav.myRooms")}
              </NavLink>
            )}
            {staffCan(user.staffRole, "alerts.view") ? (
              <NavLink to="/alerts" className={navClass}>
                {t("nav.alerts")}
              </NavLink>
            ) : null}
            {staffCan(user.staffRole, "reviews.report") ? (
              <NavLink to="/reviews" className={navClass}>
                {t("review.nav")}
              </NavLink>
            ) : null}
            {staffCan(user.staffRole, "templates.manage") ? (
              <NavLink to="/templates" className={navClass}>
                {t("nav.templates")}
              </NavLink>
            ) : null}
            {staffCan(user.staffRole, "training.library") ? (
              <NavLink to="/training" className={navClass}>
                {t("training.library")}
              </NavLink>
            ) : null}
            {staffCan(user.staffRole, "staff.manage") ? (
              <NavLink to="/admin/users" className={navClass}>
                {t("nav.staff")}
              </NavLink>
            ) : null}
            {staffCan(user.staffRole, "health.configure") ? (
              <NavLink to="/admin/health" className={navClass}>
                {t("nav.healthSettings")}
              </NavLink>
            ) : null}
            {staffCan(user.staffRole, "meetings.configureAgendas") ? (
              <NavLink to="/admin/agendas" className={navClass}>
                {t("meetings.agendas.nav")}
              </NavLink>
            ) : null}
            {staffCan(user.staffRole, "workspace.configure") ? (
              <NavLink to="/admin/settings" className={navClass}>
                {t("settings.nav")}
              </NavLink>
            ) : null}
            {staffCan(user.staffRole, "outbox.view") ? (
              <NavLink to="/admin/outbox" className={navClass}>
                {t("nav.outbox")}
              </NavLink>
            ) : null}
          </nav>
        ) : null}
        <div className="ml-auto flex items-center gap-3">
          <LanguageSwitcher current={locale ?? "en"} redirectTo={location.pathname + location.search} />
          {user ? (
            <>
              <NavLink
                to="/profile"
                className="rounded-md px-2 py-1 text-sm text-slate-600 underline-offset-2 hover:text-slate-900 hover:underline"
              >
                {/* No aria-label: the link's name starts with what it shows (WCAG 2.5.3, axe). */}
                <span className="hidden sm:inline" data-testid="current-user">
                  {user.name}
                </span>
                <span className="sr-only hidden sm:inline">{` (${t("profile.nav")})`}</span>
                <span className="sm:hidden">{t("profile.nav")}</span>
              </NavLink>
              <Form method="post" action="/sign-out">
                <button type="submit" className="btn-secondary px-3 py-1.5">
                  {t("nav.signOut")}
                </button>
              </Form>
            </>
          ) : null}
        </div>
      </div>
    </header>
  );
}
