import type { FieldErrors } from "./forms";

/** The shape every form action answers with, so components read errors one way. */
export type ActionResult = {
  ok: boolean;
  fieldErrors?: FieldErrors;
  formError?: string;
  params?: Record<string, string | number>;
  /** The submitted values, echoed back so nothing typed is lost on an error. */
  values?: Record<string, string>;
  notice?: string;
};

/** The submitted text values; a repeated key (a multi-select) comes back as its values joined by newlines. */
export function formValues(formData: FormData, omit: string[] = ["password"]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || omit.includes(key)) continue;
    values[key] = key in values ? `${values[key]}\n${value}` : value;
  }
  return values;
}

/** The ids a multi-select echoed back by formValues, or undefined when nothing was echoed. */
export function echoedList(values: Record<string, string> | undefined, key: string): string[] | undefined {
  return values ? (values[key] ?? "").split("\n").filter(Boolean) : undefined;
}
