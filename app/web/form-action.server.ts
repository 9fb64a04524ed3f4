import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import { formValues, type ActionResult } from "~/utils/action-result";
import { parseForm } from "~/utils/forms";
import { runAction } from "~/utils/http.server";

type Failure = { status: number; formError: string; params: Record<string, string | number>; field?: string };

/** A refused command as the form's ActionResult: a field's error next to the field, others on top. */
export function failureResult(failure: Failure, values: Record<string, string>): ActionResult {
  return failure.field
    ? { ok: false, fieldErrors: { [failure.field]: failure.formError }, params: failure.params, values }
    : { ok: false, formError: failure.formError, params: failure.params, values };
}

/**
 * Answers one form of an action: parses it with `schema` (400 with field errors), runs the domain
 * `command` with the parsed input (a refusal becomes the form's error with its status; 403 and 404 the
 * status page), then answers with the `success` notice, or redirects when it is `{ redirect }` (after a
 * removal the item's own page is gone). The submitted values are echoed on failure.
 */
export async function answerForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  command: (input: z.output<S>) => unknown,
  success: string | { redirect: string },
) {
  const values = formValues(formData);
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) return data<ActionResult>({ ok: false, fieldErrors: parsed.fieldErrors, values }, 400);
  const result = await runAction(() => command(parsed.data));
  if (!result.ok) return data<ActionResult>(failureResult(result, values), result.status);
  if (typeof success !== "string") return redirect(success.redirect);
  return data<ActionResult>({ ok: true, notice: success, values: { intent: values.intent ?? "" } });
}

/** answerForm bound to one posted form, for an action's intent switch. */
export function formAnswers(formData: FormData) {
  return <S extends z.ZodType>(
    schema: S,
    command: (input: z.output<S>) => unknown,
    success: string | { redirect: string },
  ) => answerForm(formData, schema, command, success);
}

/** The answer to a post whose intent no form of the page has. */
export function unknownIntent(formData: FormData, formError = "errors.unexpected") {
  return data<ActionResult>({ ok: false, formError, values: formValues(formData) }, 400);
}
