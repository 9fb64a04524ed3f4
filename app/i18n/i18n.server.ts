import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { env } from "~/utils/env.server";
import emailEn from "./locales/en/email.json";
import emailJa from "./locales/ja/email.json";
import en from "./locales/en/app.json";
import ja from "./locales/ja/app.json";
import { DEFAULT_LOCALE, isLocale, LANGUAGE_COOKIE, LOCALES, type Locale } from "./config";

/** The UI strings; the browser loads only its page's language of these (entry.client.tsx). */
export const appResources = { ja: { app: ja }, en: { app: en } } as const;

/** The UI strings plus the `email` namespace, which stays on the server. */
const resources = {
  ja: { ...appResources.ja, email: emailJa },
  en: { ...appResources.en, email: emailEn },
};

const detector = new RemixI18Next({
  detection: {
    supportedLanguages: [...LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    // The language cookie is read below: it is unsigned, and remix-i18next wants a Remix cookie object.
    order: ["header"],
  },
});

/** The user's stored choice wins, then the language cookie (set only by the switch), then Accept-Language. */
export async function resolveLocale(request: Request, userLocale?: string | null): Promise<Locale> {
  if (isLocale(userLocale)) return userLocale;
  const cookie = readLanguageCookie(request);
  if (cookie) return cookie;
  const detected = await detector.getLocale(request);
  return isLocale(detected) ? detected : DEFAULT_LOCALE;
}

/** The language the switch stored in the cookie, if any. */
export function readLanguageCookie(request: Request): Locale | null {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [key, value] = part.trim().split("=");
    if (key === LANGUAGE_COOKIE && isLocale(value)) return value;
  }
  return null;
}

/** Secure over https, like the session cookie. */
export function languageCookie(locale: Locale): string {
  const secure = env().APP_URL.startsWith("https:") ? "; Secure" : "";
  return `${LANGUAGE_COOKIE}=${locale}; Path=/; SameSite=Lax; Max-Age=${365 * 24 * 3600}${secure}`;
}

const instances = new Map<Locale, I18n>();

/** A ready i18next instance per locale (resources are bundled, so init is synchronous). */
export function i18nFor(locale: Locale): I18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createInstance();
    void instance.init({
      lng: locale,
      fallbackLng: DEFAULT_LOCALE,
      ns: ["app", "email"],
      defaultNS: "app",
      resources,
      interpolation: { escapeValue: false },
      initImmediate: false,
    });
    instances.set(locale, instance);
  }
  return instance;
}

export function tFor(locale: Locale, ns: "app" | "email" = "app"): TFunction {
  return i18nFor(locale).getFixedT(locale, ns);
}

/**
 * `{{vendor}}` in any string is the vendor's company name (customers read it instead of 「ベンダー」).
 * There is one workspace, so one name for every request: setting it on the shared instance is safe.
 */
export function withVendorName(instance: I18n, vendor: string): I18n {
  instance.options.interpolation = {
    ...instance.options.interpolation,
    defaultVariables: { ...instance.options.interpolation?.defaultVariables, vendor },
  };
  return instance;
}
