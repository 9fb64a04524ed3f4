import type { MetaDescriptor } from "@remix-run/node";

export const APP_NAME = "Launchroom";

/** "<page> · Launchroom", or the product name alone (every document needs a title). */
export function titled(page?: string | null): MetaDescriptor[] {
  if (!page) return [{ title: APP_NAME }];
  return [{ title: page.includes(APP_NAME) ? page : `${page} · ${APP_NAME}` }];
}

/**
 * The meta function of a route whose loader returns `pageTitle` (already translated on the server: meta
 * has no i18n of its own, and each page ships only its own language's strings).
 */
export function pageTitleMeta({ data }: { data?: unknown }): MetaDescriptor[] {
  const title = (data as { pageTitle?: unknown } | undefined)?.pageTitle;
  return titled(typeof title === "string" ? title : null);
}
