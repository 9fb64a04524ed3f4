import en from "./locales/en/app.json";
import ja from "./locales/ja/app.json";
import { LOCALES, type Locale } from "~/vocabulary";

export { LOCALES, type Locale };
export const DEFAULT_LOCALE: Locale = "en";
export const LANGUAGE_COOKIE = "launchroom_lang";

/** The UI strings; the email strings live in the `email` namespace, loaded on the server only. */
export const appResources = { ja: { app: ja }, en: { app: en } } as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
