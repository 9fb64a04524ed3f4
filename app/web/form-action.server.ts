import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import { formValues, type ActionResult } from "~/utils/action-result";
import { parseForm } from "~/utils/forms";
import { formFailure, runAction } from "~/utils/http.server";

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
  success: Success,
) {
  const values = formValues(formData);
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) return data<ActionResult>({ ok: false, fieldErrors: parsed.fieldErrors, values }, 400);
  const result = await runAction(() => command(parsed.data));
  if (!result.ok) return formFailure(result, values);
  if (typeof success !== "string") return redirect(success.redirect);
  return data<ActionResult>({ ok: true, notice: success, values: { intent: values.intent ?? "" } });
}

type Success = string | { redirect: string };

/** One form of a page: its schema, the domain command it runs and what success answers (see answerForm). */
export type FormHandler = { schema: z.ZodType; command(input: never): unknown; success: Success };

export function on<S extends z.ZodType>(
  schema: S,
  command: (input: z.output<S>) => unknown,
  success: Success,
): FormHandler {
  return { schema, command, success };
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
  return answerForm(formData, form.schema, (input) => form.command(input as never), form.success);
}

/** The answer to a post whose intent no form of the page has. */
export function unknownIntent(formData: FormData, formError = "errors.badRequest") {
  return data<ActionResult>({ ok: false, formError, values: formValues(formData) }, 400);
}
