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

export function formValues(formData: FormData, omit: string[] = ["password"]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !omit.includes(key)) values[key] = value;
  }
  return values;
}
