import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { staffCan } from "~/access/capabilities";
import { useRootData } from "~/root";
import { LanguageSwitcher } from "./LanguageSwitcher";

export function AppHeader() {
  const data = useRootData();
  const { t } = useTranslation();
  const user = data?.user;
  const location = useLocation();
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:text-slate-900"}`;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3 sm:px-6">
        <Link to="/" className="flex items-center gap-2 text-lg font-semibold text-brand-800">
          <span aria-hidden="true" className="inline-block h-6 w-6 rounded bg-brand-600" />
          Launchroom
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
            {staffCan(user.staffRole, "templates.manage") ? (
              <NavLink to="/templates" className={navClass}>
                {t("nav.templates")}
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
            {staffCan(user.staffRole, "outbox.view") ? (
              <NavLink to="/admin/outbox" className={navClass}>
                {t("nav.outbox")}
              </NavLink>
            ) : null}
          </nav>
        ) : null}
        <div className="ml-auto flex items-center gap-3">
          <LanguageSwitcher current={data?.locale ?? "en"} redirectTo={location.pathname + location.search} />
          {user ? (
            <>
              <span className="hidden text-sm text-slate-600 sm:inline" data-testid="current-user">
                {user.name}
              </span>
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
