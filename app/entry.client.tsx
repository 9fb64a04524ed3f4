import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { appResources, DEFAULT_LOCALE } from "~/i18n/config";

// The server chose the language and wrote it to <html lang>; use exactly that one to avoid a mismatch.
void i18next.use(initReactI18next).init({
  lng: document.documentElement.lang || DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  ns: ["app"],
  defaultNS: "app",
  resources: appResources,
  interpolation: { escapeValue: false },
  // Resources are bundled, so nothing ever loads: never suspend (a suspended root breaks hydration).
  react: { useSuspense: false },
  initImmediate: false,
});

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
