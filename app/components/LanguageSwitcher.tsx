import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LOCALES } from "~/i18n/config";

/**
 * A plain form per language, so switching works before (and without) client JavaScript. It reloads
 * the document: the browser holds only the current language's strings (entry.client.tsx).
 */
export function LanguageSwitcher({ current, redirectTo }: { current: string; redirectTo: string }) {
  const { t } = useTranslation();
  return (
    <Form
      method="post"
      action="/language"
      reloadDocument
      className="flex items-center gap-1"
      aria-label={t("language.label")}
    >
      <input type="hidden" name="redirectTo" value={redirectTo} />
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          className={`rounded px-2 py-1 text-sm ${locale === current ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {t(`language.${locale}`)}
        </button>
      ))}
    </Form>
  );
}
