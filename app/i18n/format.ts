import type { Locale } from "./config";

const tag = (locale: Locale) => (locale === "ja" ? "ja-JP" : "en-US");

// Intl formatters are costly to build (a quarter millisecond each): keep one per locale and options.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: Locale, kind: "date" | "dateTime", timeZone: string): Intl.DateTimeFormat {
  const key = `d|${locale}|${kind}|${timeZone}`;
  let format = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(
      tag(locale),
      kind === "date"
        ? { year: "numeric", month: "short", day: "numeric", timeZone }
        : { dateStyle: "medium", timeStyle: "short", timeZone },
    );
    formatters.set(key, format);
  }
  return format;
}

function numberFormat(locale: Locale, currency?: string, compact = false): Intl.NumberFormat {
  const key = `n|${locale}|${currency ?? ""}|${compact ? "c" : ""}`;
  let format = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(tag(locale), {
      ...(currency ? { style: "currency", currency } : {}),
      ...(compact ? { notation: "compact" } : {}),
    });
    formatters.set(key, format);
  }
  return format;
}

/** A calendar date ("2027-03-31") shown as that same date everywhere: formatted in UTC on purpose. */
export function formatDate(locale: Locale, isoDate: string | null | undefined): string {
  if (!isoDate) return "—";
  return dateFormat(locale, "date", "UTC").format(new Date(`${isoDate}T00:00:00Z`));
}

/** A moment, in the viewer's locale and the given zone (Tokyo unless the account says otherwise). */
export function formatDateTime(
  locale: Locale,
  value: Date | string | number | null | undefined,
  timeZone = "Asia/Tokyo",
): string {
  if (value === null || value === undefined) return "—";
  return dateFormat(locale, "dateTime", timeZone).format(new Date(value));
}

const minorDigits = new Map<string, number>();

export function formatMoney(locale: Locale, minorUnits: number, currency: string): string {
  const format = numberFormat(locale, currency);
  let digits = minorDigits.get(currency);
  if (digits === undefined) {
    digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    minorDigits.set(currency, digits);
  }
  return format.format(minorUnits / 10 ** digits);
}

/** A short amount for chart axes: "$10K", "¥100万". */
export function formatMoneyCompact(locale: Locale, minorUnits: number, currency: string): string {
  const digits = numberFormat(locale, currency).resolvedOptions().maximumFractionDigits ?? 2;
  return numberFormat(locale, currency, true).format(minorUnits / 10 ** digits);
}

export function formatNumber(locale: Locale, value: number): string {
  return numberFormat(locale).format(value);
}

/** A time zone as people name it ("日本標準時", "Eastern Time"), not its database id; the id if Intl has no name. */
export function formatTimeZone(locale: Locale, timeZone: string): string {
  try {
    const name = new Intl.DateTimeFormat(tag(locale), { timeZone, timeZoneName: "longGeneric" })
      .formatToParts(new Date())
      .find((p) => p.type === "timeZoneName")?.value;
    return name && !name.startsWith("GMT") ? name : timeZone;
  } catch {
    return timeZone;
  }
}
