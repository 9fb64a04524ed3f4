import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { ErrorView } from "~/components/ErrorView";
import { requireRoomAccess } from "~/web/guards.server";

/** The members tab became the Team tab: old links and bookmarks land there (after the same room check). */
export function loader({ request, params }: LoaderFunctionArgs) {
  const { room } = requireRoomAccess(request, params.roomId, "room.view");
  return redirect(`/rooms/${room.id}/team`);
}

/**
 * Never rendered (the loader always redirects or refuses); having a component keeps this a page route,
 * so a refusal shows the usual "not found" page instead of a bare resource-route error.
 */
export default function OldTab() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorView />;
}
