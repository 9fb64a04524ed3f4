import { useActionData } from "@remix-run/react";
import type { ActionResult } from "~/utils/action-result";

/**
 * The failed result of the form posted with `intent` (and, for one of several items, whose `idKey` field
 * was `id`), or undefined when another form was posted or the post succeeded. Every form on a page with
 * several forms reads its own errors and echoed values this way.
 */
export function useFailure() {
  const result = useActionData<ActionResult>();
  const failed = result && !result.ok ? result : undefined;
  return (intent: string, idKey?: string, id?: string): ActionResult | undefined =>
    failed?.values?.intent === intent && (!idKey || failed.values?.[idKey] === id) ? failed : undefined;
}
