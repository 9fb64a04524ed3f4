import i18next from "i18next";
import { useEffect } from "react";
import type { Locale } from "./config";

/**
 * The UI strings per language as separate chunks: the browser downloads only the language it shows.
 * entry.client.tsx loads the page's language before hydrating; `useFollowLocale` loads another one when
 * a client-side navigation changes it (signing in as someone whose stored language differs).
 */
export const loadStrings: Record<Locale, () => Promise<{ default: Record<string, unknown> }>> = {
  ja: () => import("./locales/ja/app.json"),
  en: () => import("./locales/en/app.json"),
};

export async function switchLanguage(locale: Locale): Promise<void> {
  if (!i18next.hasResourceBundle(locale, "app")) {
    const { default: app } = await loadStrings[locale]();
    i18next.addResourceBundle(locale, "app", app);
  }
  await i18next.changeLanguage(locale);
}

/** Keeps the browser's i18next on the language the server chose for the current page. */
export function useFollowLocale(locale: Locale): void {
  useEffect(() => {
    if (i18next.isInitialized && i18next.language !== locale) void switchLanguage(locale);
  }, [locale]);
}
