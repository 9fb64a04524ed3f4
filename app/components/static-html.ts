/**
 * Helpers for the long, static parts of the plan and timeline pages, which are built as HTML strings and
 * inserted with dangerouslySetInnerHTML: React's server renderer spends a microsecond or more per element
 * and attribute, and a plan of a few hundred tasks is thousands of them. The markup they build is the
 * markup the React components drew before; it has no event handlers, so the client loses nothing.
 *
 * Every piece of text and every attribute value goes through `esc`.
 */
import type { Locale } from "~/i18n/config";
import { formatDate } from "~/i18n/format";

/**
 * Where React put two text values side by side it separated them with an empty comment, and the browser
 * keeps them as two text nodes; the builders do the same, so the text is laid out exactly as before.
 */
export const SEP = "<!-- -->";

const ESCAPED: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
};
const SPECIAL = /["&'<>]/;
const SPECIAL_ALL = /["&'<>]/g;

/** Text or an attribute value, escaped exactly as React escapes them. */
export function esc(value: string | number): string {
  const text = String(value);
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (ch) => ESCAPED[ch]!) : text;
}

const dates = new Map<string, string>();

/**
 * formatDate, remembered: a plan shows two dates per task, and formatting one (a microsecond or two)
 * costs about as much as building the rest of its row. Calendar dates repeat across pages and rooms, so
 * the memory stays small; it is dropped when it grows past a bound all the same.
 */
export function formatDateCached(locale: Locale, isoDate: string | null | undefined): string {
  if (!isoDate) return formatDate(locale, isoDate);
  const key = `${locale}|${isoDate}`;
  let text = dates.get(key);
  if (text === undefined) {
    if (dates.size >= 20_000) dates.clear();
    text = formatDate(locale, isoDate);
    dates.set(key, text);
  }
  return text;
}

/**
 * A translation with one interpolated value, resolved once per page instead of once per row: the
 * message is translated with a marker in place of the value, and the marker is replaced for each row.
 * When the marker does not come back exactly once (a message without the placeholder, or one that
 * formats the value), every call goes through `t` as usual.
 */
export function messageWith(
  t: (key: string, options: Record<string, string>) => string,
  key: string,
  name: string,
): (value: string) => string {
  const marker = "\u0000";
  const parts = String(t(key, { [name]: marker })).split(marker);
  if (parts.length !== 2) return (value) => String(t(key, { [name]: value }));
  const [before, after] = parts as [string, string];
  return (value) => before + value + after;
}
