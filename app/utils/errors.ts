import { isDatabaseBusy } from "#db/busy";

/**
 * A failure the user can act on. `messageKey` is an i18n key (errors.*); routes turn it into a
 * response with `status`, and the shared ErrorBoundary shows it translated.
 */
export class DomainError extends Error {
  constructor(
    public readonly status: number,
    public readonly messageKey: string,
    public readonly params: Record<string, string | number> = {},
    public readonly field?: string,
  ) {
    super(messageKey);
    this.name = "DomainError";
  }
}

export const notFound = () => new DomainError(404, "errors.notFound");
export const forbidden = () => new DomainError(403, "errors.forbidden");

/** How long a client should wait before retrying after `databaseBusy()` (Retry-After, seconds). */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/** Another connection held the write lock for longer than the busy timeout: retry shortly (503). */
export const databaseBusy = () => new DomainError(503, "errors.busy");

/**
 * The one mapping from anything thrown to a DomainError the user can act on: DomainErrors as they are,
 * a busy database as 503; undefined for everything else (a defect, answered 500).
 */
export function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (isDatabaseBusy(error)) return databaseBusy();
  return undefined;
}
