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
