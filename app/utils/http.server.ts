import { data } from "@remix-run/node";
import { resolveLocale, tFor } from "~/i18n/i18n.server";
import type { ActionResult } from "./action-result";
import { asDomainError, BUSY_RETRY_AFTER_SECONDS, DomainError } from "./errors";

// The web layer's one mapping from failures to HTTP: DomainErrors (and a busy database, see
// asDomainError) become a status page, a form result or a plain resource response, always with the
// error's own status, and 503 always carries Retry-After.

/** Headers every response with this status carries: Retry-After on 503 (the database was busy). */
export function statusHeaders(status: number): Record<string, string> {
  return status === 503 ? { "Retry-After": String(BUSY_RETRY_AFTER_SECONDS) } : {};
}

/** Throws the status page for a DomainError (caught by the route's ErrorBoundary). */
export function throwHttp(error: DomainError): never {
  throw data(
    { messageKey: error.messageKey, params: error.params },
    { status: error.status, headers: statusHeaders(error.status) },
  );
}

/**
 * Runs a loader's domain call (synchronous, like every database call): a DomainError, or a busy database,
 * becomes its status page (404 for an unknown id) instead of a 500.
 */
export function orStatusPage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const domain = asDomainError(error);
    if (domain) throwHttp(domain);
    throw error;
  }
}

export type Failure = {
  ok: false;
  status: number;
  formError: string;
  params: Record<string, string | number>;
  field?: string;
};

/**
 * Runs a domain command from an action. A DomainError about a field or the form (400, 409, 429, a busy
 * database's 503) becomes a failure for the form with its own status; 404 and 403 are the status page;
 * anything else propagates.
 */
export async function runAction<T>(fn: () => T | Promise<T>): Promise<{ ok: true; value: T } | Failure> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    const domain = asDomainError(error);
    if (!domain) throw error;
    if (domain.status === 404 || domain.status === 403) throwHttp(domain);
    return {
      ok: false,
      status: domain.status,
      formError: domain.messageKey,
      params: domain.params,
      field: domain.field,
    };
  }
}

/** A failed command as the form's ActionResult: a field's error next to the field, others on top. */
export function failureResult(failure: Failure, values?: Record<string, string>): ActionResult {
  return failure.field
    ? { ok: false, fieldErrors: { [failure.field]: failure.formError }, params: failure.params, values }
    : { ok: false, formError: failure.formError, params: failure.params, values };
}

/** The answer to a failed command, with the failure's status (and Retry-After on 503). */
export function formFailure(failure: Failure, values?: Record<string, string>) {
  return data<ActionResult>(failureResult(failure, values), {
    status: failure.status,
    headers: statusHeaders(failure.status),
  });
}

/**
 * Wraps the loader of a resource route (CSV, .ics): a DomainError, a busy database or a status page thrown
 * by a guard becomes a short translated text/plain answer with that status. Without this, Remix answers a
 * resource route's thrown error with "Unexpected Server Error" (500) or a JSON error it logs as a defect.
 * Redirects (sign in first) pass through.
 */
export function resourceLoader<A extends { request: Request }>(
  fn: (args: A) => Response | Promise<Response>,
) {
  return async (args: A): Promise<Response> => {
    try {
      return await fn(args);
    } catch (error) {
      if (error instanceof Response) throw error;
      let failure = asDomainError(error);
      if (!failure && isThrownData(error))
        failure = new DomainError(error.init?.status ?? 500, error.data?.messageKey ?? "errors.unexpected");
      if (!failure) throw error;
      return await plainError(args.request, failure);
    }
  };
}

/** A short translated text/plain error answer, for clients (calendar apps, downloads) that show no page. */
export async function plainError(request: Request, error: DomainError): Promise<Response> {
  const t = tFor(await resolveLocale(request));
  return new Response(`${t(error.messageKey, error.params)}\n`, {
    status: error.status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      ...statusHeaders(error.status),
    },
  });
}

type ThrownData = {
  type: "DataWithResponseInit";
  data?: { messageKey?: string };
  init?: ResponseInit | null;
};
function isThrownData(error: unknown): error is ThrownData {
  return typeof error === "object" && error !== null && (error as ThrownData).type === "DataWithResponseInit";
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
