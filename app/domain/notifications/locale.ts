import type { Locale } from "~/vocabulary";

/** The language for someone whose preference is unknown: Japanese for accounts run in Japan time. */
export function guessLocale(accountTimeZone: string): Locale {
  return accountTimeZone === "Asia/Tokyo" ? "ja" : "en";
}

export function roomUrl(appUrl: string, roomId: string, section = ""): string {
  return new URL(`/rooms/${encodeURIComponent(roomId)}${section ? `/${section}` : ""}`, appUrl).toString();
}
