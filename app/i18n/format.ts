import type { Locale } from "./config";

const tag = (locale: Locale) => (locale === "ja" ? "ja-JP" : "en-US");

/** A calendar date ("2027-03-31") shown as that same date everywhere: formatted in UTC on purpose. */
export function formatDate(locale: Locale, isoDate: string | null | undefined): string {
  if (!isoDate) return "—";
  const date = new Date(`${isoDate}T00:00:00Z`);
  return new Intl.DateTimeFormat(tag(locale), {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  }).format(date);
}

/** A moment, in the viewer's locale and the given zone (Tokyo unless the account says otherwise). */
export function formatDateTime(
  locale: Locale,
  value: Date | string | number | null | undefined,
  timeZone = "Asia/Tokyo",
): string {
  if (value === null || value === undefined) return "—";
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(value),
  );
}

export function formatMoney(locale: Locale, minorUnits: number, currency: string): string {
  const format = new Intl.NumberFormat(tag(locale), { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(tag(locale)).format(value);
}
