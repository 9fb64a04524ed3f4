import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { redirectSignedOut } from "~/web/respond.server";

// Signing out changes state, so it is a POST; a GET just goes home.
export const loader = () => redirect("/");

export function action({ request }: ActionFunctionArgs) {
  return redirectSignedOut(request);
}
