import { z } from "zod";

/**
 * Form validation shared by actions: zod schemas whose messages are i18n keys (validation.*), flattened
 * to one key per field. Empty inputs arrive as "" and are treated as missing.
 */
export type FieldErrors = Record<string, string>;
export type FormResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.output<S>> {
  const raw = formFields(formData);
  // A schema's own messages are i18n keys and win over this fallback; zod's built-in English ones never show.
  const result = schema.safeParse(raw, { error: () => "validation.invalid" });
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    // One message per form field: errors inside a list (e.g. one bad domain) belong to the list's field.
    const key = issue.path.length ? String(issue.path[0]) : "form";
    fieldErrors[key] ??= isMessageKey(issue.message) ? issue.message : "validation.invalid";
  }
  return { ok: false, fieldErrors };
}

/**
 * The form's text fields as an object: a key sent once is a string, a repeated key (multi-selects) an
 * array in the order sent. Arrays grow in place: copying on every repeat would be quadratic in the count.
 */
export function formFields(formData: FormData): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const existing = raw[key];
    if (existing === undefined) raw[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else raw[key] = [existing, value];
  }
  return raw;
}

/**
 * Schemas state their messages as i18n keys (validation.tooLong, comments.tooLong, …) and those reach the
 * user as stated; zod's own English defaults ("Invalid input: …", with spaces) become validation.invalid.
 */
function isMessageKey(message: string): boolean {
  return /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/.test(message);
}

const trimmed = (value: unknown) => (typeof value === "string" ? value.trim() : value);
const emptyToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : trimmed(value);

export const fields = {
  requiredText: (max = 200) =>
    z.preprocess(
      emptyToUndefined,
      z.string({ error: "validation.required" }).max(max, { message: "validation.tooLong" }),
    ),
  optionalText: (max = 200) =>
    z.preprocess(emptyToUndefined, z.string().max(max, { message: "validation.tooLong" }).optional()),
  email: () =>
    z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
      z
        .string({ error: "validation.required" })
        .min(1, { message: "validation.required" })
        .max(254, { message: "validation.tooLong" })
        .pipe(z.email({ message: "validation.email" })),
    ),
  optionalUrl: () =>
    z.preprocess(
      emptyToUndefined,
      z
        .url({ message: "validation.url", protocol: /^https?$/ })
        .max(2000, { message: "validation.tooLong" })
        .optional(),
    ),
  /** A calendar date as YYYY-MM-DD that exists (rejects 2026-02-30). */
  date: () =>
    z.preprocess(
      emptyToUndefined,
      z.string({ error: "validation.required" }).refine(isCalendarDate, { message: "validation.date" }),
    ),
  optionalDate: () =>
    z.preprocess(
      emptyToUndefined,
      z.string().refine(isCalendarDate, { message: "validation.date" }).optional(),
    ),
  checkbox: () => z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean()),
  /** The optimistic-concurrency version a form was rendered with (see docs/decisions/0008). */
  version: () =>
    z.preprocess(
      (v) => (typeof v === "string" ? Number(v) : v),
      z.number({ error: "validation.invalid" }).int().positive(),
    ),
  enumOf: <T extends readonly [string, ...string[]]>(values: T) =>
    z.preprocess(emptyToUndefined, z.enum(values, { error: "validation.choose" })),
  /** One of the values, or nothing when the field is left empty. */
  optionalEnumOf: <T extends readonly [string, ...string[]]>(values: T) =>
    z.preprocess(emptyToUndefined, z.enum(values, { error: "validation.choose" }).optional()),
};

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
