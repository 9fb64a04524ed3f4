/**
 * better-sqlite3's SqliteError for a lock that could not be had in time (SQLITE_BUSY and its extended
 * codes, SQLITE_LOCKED). Checked by name and code so this module needs no native import and stays at the
 * bottom: the web layer maps it to a 503 through asDomainError (app/utils/errors.ts).
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== "SqliteError") return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code);
}
