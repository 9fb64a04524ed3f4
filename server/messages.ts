import type express from "express";
import en from "../app/i18n/locales/en/app.json";
import ja from "../app/i18n/locales/ja/app.json";
import { DEFAULT_LOCALE, isLocale, LANGUAGE_COOKIE, LOCALES } from "../app/i18n/config";
import type { BodyRefusal } from "./body-limits";

const messages = { en: en.errors, ja: ja.errors };

/**
 * The short plain-text answer of a refusal made before the app runs, in the user's language: the
 * language cookie, else Accept-Language, as the app itself decides.
 */
export function edgeMessage(req: express.Request, refusal: BodyRefusal): string {
  const cookie = new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE}=(\\w+)`).exec(req.get("cookie") ?? "")?.[1];
  // Without an Accept-Language header express would answer with the first locale offered.
  const accepted = req.get("accept-language") ? req.acceptsLanguages(...LOCALES) : false;
  const locale = isLocale(cookie) ? cookie : isLocale(accepted) ? accepted : DEFAULT_LOCALE;
  const key = refusal.key.slice("errors.".length) as "bodyTooLarge" | "tooManyFields" | "invalidEncoding";
  const text = messages[locale][key];
  return "maxBytes" in refusal ? text.replace("{{max}}", String(Math.floor(refusal.maxBytes / 1024))) : text;
}
