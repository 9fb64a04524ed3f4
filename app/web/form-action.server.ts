import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import { formValues, type ActionResult } from "~/utils/action-result";
import { parseForm } from "~/utils/forms";
import { formFailure, runAction } from "~/utils/http.server";

/**
 * Answers one form of an action: parses it with `schema` (400 with field errors), runs the domain
 * `command` with the parsed input (a refusal becomes the form's error with its status; 403 and 404 the
 * status page), then answers with the `success` notice, or redirects when it is `{ redirect }` (after a
 * removal the item's own page is gone). `success` may also be a function of the command's result and the
 * input, for a notice that depends on them or carries params. The submitted values are echoed on failure;
 * `invalid` is a form error shown with the field errors of a form that does not parse ("fix the errors").
 */
export async function answerForm<S extends z.ZodType, T>(
  formData: FormData,
  schema: S,
  command: (input: z.output<S>) => T | Promise<T>,
  success: Success | ((value: T, input: z.output<S>) => Success),
  invalid?: string,
) {
  const values = formValues(formData);
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) {
    const { fieldErrors } = parsed;
    return data<ActionResult>({ ok: false, fieldErrors, formError: invalid, values }, 400);
  }
  const result = await runAction(() => command(parsed.data));
  if (!result.ok) return formFailure(result, values);
  const answer = typeof success === "function" ? success(result.value, parsed.data) : success;
  if (typeof answer !== "string" && "redirect" in answer)
    return redirect(answer.redirect, { headers: answer.headers });
  const { notice, params, values: echoed } = typeof answer === "string" ? { notice: answer } : answer;
  return data<ActionResult>({ ok: true, notice, params, values: { intent: values.intent ?? "", ...echoed } });
}

/**
 * What success answers: a notice (with its params, and values to echo so the page can tell which item it
 * was about), or a redirect.
 */
export type Success =
  | string
  | { redirect: string; headers?: HeadersInit }
  | { notice: string; params?: Record<string, string | number>; values?: Record<string, string> };

/**
 * One form of a page: its schema, the domain command it runs and what success answers (see answerForm),
 * and optionally a guard for a form that needs more than the page (a capability check that throws the
 * status page); it runs before the form is parsed, so a refusal comes before any field error. `invalid`
 * is the form error that goes with field errors (see answerForm).
 */
export type FormHandler = {
  schema: z.ZodType;
  command(input: never): unknown;
  success: Success | ((value: never, input: never) => Success);
  guard?: () => unknown;
  invalid?: string;
};

export function on<S extends z.ZodType, T>(
  schema: S,
  command: (input: z.output<S>) => T | Promise<T>,
  success: Success | ((value: T, input: z.output<S>) => Success),
  options: { guard?: () => unknown; invalid?: string } = {},
): FormHandler {
  return { schema, command, success, ...options };
}

/** Answers the form the post's `intent` field names, or 400 when the page has no such form. */
export async function answerIntent(
  formData: FormData,
  forms: Record<string, FormHandler>,
  unknown = "errors.badRequest",
) {
  const intent = String(formData.get("intent") ?? "");
  const form = Object.prototype.hasOwnProperty.call(forms, intent) ? forms[intent] : undefined;
  if (!form) return unknownIntent(formData, unknown);
  form.guard?.();
  return answerForm(
    formData,
    form.schema,
    (input) => form.command(input as never),
    form.success as Success | ((value: unknown, input: unknown) => Success),
    form.invalid,
  );
}

/** The answer to a post whose intent no form of the page has. */
export function unknownIntent(formData: FormData, formError = "errors.badRequest") {
  return data<ActionResult>({ ok: false, formError, values: formValues(formData) }, 400);
}
