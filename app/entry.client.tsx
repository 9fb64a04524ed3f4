import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { loadStrings } from "~/i18n/client-strings";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/config";

// The server chose the language and wrote it to <html lang>; use exactly that one to avoid a mismatch.
const lang = document.documentElement.lang;
const lng: Locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
void loadStrings[lng]().then(({ default: app }) => {
  void i18next.use(initReactI18next).init({
    lng,
    fallbackLng: false,
    ns: ["app"],
    defaultNS: "app",
    resources: { [lng]: { app } },
    interpolation: { escapeValue: false },
    // The strings are in place before init, and another language is added before switching to it
    // (useFollowLocale): never suspend (a suspended root breaks hydration).
    react: { useSuspense: false },
    initImmediate: false,
  });
  hydrate();
});

function hydrate() {
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}
