import { data } from "@remix-run/node";
import { DomainError } from "./errors";

/** Throws the status page for a DomainError (caught by the route's ErrorBoundary). */
export function throwHttp(error: DomainError): never {
  throw data({ messageKey: error.messageKey, params: error.params }, { status: error.status });
}

/**
 * Runs a domain command from an action. A DomainError about a field or the form becomes a 400 (or its
 * own status) with the message key for the form; anything else propagates.
 */
export async function runAction<T>(
  fn: () => T | Promise<T>,
): Promise<
  | { ok: true; value: T }
  | { ok: false; status: number; formError: string; params: Record<string, string | number>; field?: string }
> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.status === 404 || error.status === 403) throwHttp(error);
      return {
        ok: false,
        status: error.status,
        formError: error.messageKey,
        params: error.params,
        field: error.field,
      };
    }
    throw error;
  }
}

/**
 * Only same-site relative paths: never send a user to another host after sign-in. Browsers drop tabs and
 * newlines from URLs and read a backslash as a slash, so "/\t/evil.example" would be "//evil.example".
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (
    typeof value !== "string" ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    [...value].some((c) => c === "\\" || c <= "\u001f" || c === "\u007f")
  ) {
    return fallback;
  }
  return value;
}

export function clientIp(request: Request): string {
  return request.headers.get("X-Launchroom-Client-Ip") ?? "unknown";
}
