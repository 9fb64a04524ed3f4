import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getOptionalUser } from "~/web/guards.server";
import { setUserLocale } from "~/domain/users/users.server";
import { isLocale } from "~/i18n/config";
import { languageCookie } from "~/i18n/i18n.server";
import { safeRedirectPath } from "~/utils/http.server";

export const loader = () => redirect("/");

/** The explicit language switch: stored on the user when signed in, and in a cookie for everyone. */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const locale = formData.get("locale");
  const to = safeRedirectPath(formData.get("redirectTo"));
  if (!isLocale(locale)) return redirect(to);
  const user = getOptionalUser(request);
  if (user) setUserLocale(user.id, locale);
  return redirect(to, { headers: { "Set-Cookie": languageCookie(locale) } });
}
