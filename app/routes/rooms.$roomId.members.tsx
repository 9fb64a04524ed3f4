import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireRoomAccess } from "~/web/guards.server";

/** The members tab became the Team tab: old links and bookmarks land there (after the same room check). */
export function loader({ request, params }: LoaderFunctionArgs) {
  const { room } = requireRoomAccess(request, params.roomId, "room.view");
  return redirect(`/rooms/${room.id}/team`);
}
