/**
 * Helpers for the long, static parts of the plan and timeline pages, which are built as HTML strings and
 * inserted with dangerouslySetInnerHTML: React's server renderer spends a microsecond or more per element
 * and attribute, and a plan of a few hundred tasks is thousands of them. The markup they build is the
 * markup the React components drew before; it has no event handlers, so the client loses nothing.
 *
 * Safe by construction (ADR 10): markup is only ever made by the `html` tagged template, which escapes
 * every interpolated string or number and inserts nested `SafeHtml` (and arrays of it) as it is. The
 * literal parts of a template are the only markup that is not escaped, and they are written in code.
 * `innerHtml` takes `SafeHtml` only, so handing it a string built any other way is a type error.
 */
import type { Locale } from "~/i18n/config";
import { formatDate } from "~/i18n/format";

/**
 * Markup made by `html`: every value in it was escaped or was itself SafeHtml. The class is not exported
 * and its private brand makes the type nominal: no string, object literal or other class passes for it.
 */
class Markup {
  declare private readonly safeHtmlBrand: never;
  constructor(readonly html: string) {}
}
export type SafeHtml = Markup;

/** What a template may interpolate: text and numbers are escaped; SafeHtml is inserted as it is. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

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
function esc(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (ch) => ESCAPED[ch]!) : text;
}

function piece(value: HtmlValue): string {
  if (typeof value === "string") return esc(value);
  if (typeof value === "number") return String(value);
  if (value instanceof Markup) return value.html;
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) {
    let out = "";
    for (const item of value as readonly HtmlValue[]) out += piece(item);
    return out;
  }
  throw new TypeError(`html\`\`: cannot insert ${typeof value}`);
}

/**
 * The only way to make markup: html`<b title="${title}">${text}</b>`. Strings and numbers are escaped
 * (as text or as a quoted attribute value: always quote attributes); SafeHtml and arrays of it are
 * inserted as they are; null, undefined and false insert nothing.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += piece(values[i]!) + strings[i + 1]!;
  return new Markup(out);
}

/** Markup for dangerouslySetInnerHTML: SafeHtml only (ESLint allows no other value there). */
export function innerHtml(content: SafeHtml): { __html: string } {
  if (!(content instanceof Markup)) throw new TypeError("innerHtml takes markup made by html`` only");
  return { __html: content.html };
}

/**
 * Where React put two text values side by side it separated them with an empty comment, and the browser
 * keeps them as two text nodes; the builders do the same, so the text is laid out exactly as before.
 */
export const SEP = html`<!-- -->`;

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
