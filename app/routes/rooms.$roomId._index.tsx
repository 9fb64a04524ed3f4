import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRoomAccess } from "~/auth/guards.server";
import { ErrorView } from "~/components/ErrorView";

export function loader({ request, params }: LoaderFunctionArgs) {
  const { role } = requireRoomAccess(request, params.roomId, "room.view");
  return { vendorSide: role === "owner" || role === "collaborator" || role === "account_owner" };
}

/** The room shell: later issues put the plan, milestones, meetings and health here. */
export default function RoomOverview() {
  const { t } = useTranslation();
  const { vendorSide } = useLoaderData<typeof loader>();
  const next = ["handoff", "plan", "milestones", "training"] as const;
  return (
    <section className="card" aria-labelledby="overview-empty">
      <h2 id="overview-empty" className="text-lg font-semibold">
        {t("room.emptyTitle")}
      </h2>
      <p className="mt-1 text-slate-600">
        {vendorSide ? t("room.emptyBodyStaff") : t("room.emptyBodyCustomer")}
      </p>
      <ol className="mt-4 grid gap-3 sm:grid-cols-2">
        {next.map((key, i) => (
          <li key={key} className="rounded-md border border-dashed border-slate-300 p-4">
            <p className="text-sm font-semibold text-slate-800">
              {i + 1}. {t(`room.next.${key}.title`)}
            </p>
            <p className="mt-1 text-sm text-slate-600">{t(`room.next.${key}.body`)}</p>
          </li>
        ))}
      </ol>
      <Link to="members" className="btn-secondary mt-6">
        {t("room.goToMembers")}
      </Link>
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
