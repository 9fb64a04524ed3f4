import { resolveLocale, tFor } from "./i18n.server";

/** A page's title in the reader's language, for a loader to return as `pageTitle` (see pageTitleMeta). */
export async function pageTitle(
  request: Request,
  user: { locale?: string | null } | null,
  key: string,
  vars?: Record<string, string>,
): Promise<string> {
  return tFor(await resolveLocale(request, user?.locale))(key, vars);
}
