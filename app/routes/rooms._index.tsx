import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { StatusBadge } from "~/components/room/StatusBadge";
import { OrgLogo } from "~/components/ui/Avatar";
import { listRoomsOfMember } from "~/domain/rooms/rooms.server";

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  if (user.kind === "staff") throw redirect("/portfolio");
  const rooms = listRoomsOfMember(user.id);
  // Most customers have one room: take them straight there.
  if (rooms.length === 1 && new URL(request.url).searchParams.get("list") !== "1")
    throw redirect(`/rooms/${rooms[0]!.roomId}`);
  return { rooms };
}

export default function MyRooms() {
  const { t } = useTranslation();
  const { rooms } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("rooms.myRooms")}</h1>
      {rooms.length === 0 ? (
        <div className="card text-center">
          <p className="font-medium">{t("rooms.noRoomsTitle")}</p>
          <p className="mt-1 text-sm text-slate-600">{t("rooms.noRoomsBody")}</p>
        </div>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {rooms.map((room) => (
            <li key={room.roomId}>
              <Link to={`/rooms/${room.roomId}`} className="card block hover:border-brand-600">
                <p className="flex items-center gap-2 text-sm text-slate-500">
                  <OrgLogo name={room.accountName} logoUrl={room.logoUrl} size="sm" />
                  <span className="min-w-0">{room.accountName}</span>
                </p>
                <p className="mt-1 text-lg font-semibold">{room.roomTitle}</p>
                <p className="mt-2 flex items-center gap-2 text-sm">
                  <StatusBadge status={room.status} /> {t(`stages.${room.stage}`)}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
