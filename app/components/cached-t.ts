import { useMemo } from "react";
import { useTranslation } from "react-i18next";

const translations = new Map<string, string>();

export type CachedT = (key: string, options?: Record<string, string | number>) => string;

/**
 * The translation function, with its results remembered across renders. An i18next lookup costs several
 * microseconds (key parsing, resource lookup, plural rules, interpolation) and the plan pages make
 * hundreds per view, mostly the same ones. The resources are bundled and never change at run time, so
 * a result depends only on the language, the key and the options. The memory is bounded: it is dropped
 * when it grows past a few thousand entries.
 */
export function useCachedT(): CachedT {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(
    () => (key, options) => {
      const id =
        options === undefined
          ? `${language}\u0000${key}`
          : `${language}\u0000${key}\u0000${JSON.stringify(options)}`;
      let text = translations.get(id);
      if (text === undefined) {
        if (translations.size >= 5_000) translations.clear();
        text = String(t(key, options));
        translations.set(id, text);
      }
      return text;
    },
    [t, language],
  );
}
