import { LOCALES, type Locale } from "~/vocabulary";

export { LOCALES, type Locale };
export const DEFAULT_LOCALE: Locale = "en";
export const LANGUAGE_COOKIE = "launchroom_lang";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
