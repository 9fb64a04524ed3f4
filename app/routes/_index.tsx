import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getOptionalUser } from "~/web/guards.server";

export function loader({ request }: LoaderFunctionArgs) {
  const user = getOptionalUser(request);
  if (!user) throw redirect("/sign-in");
  throw redirect(user.kind === "staff" ? "/portfolio" : "/rooms");
}
