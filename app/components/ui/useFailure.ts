import { useActionData } from "@remix-run/react";
import { useState } from "react";
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

/**
 * A React key for the add form posted with `intent`: it changes after each successful post of that form
 * and of no other, so the form starts empty after every add (not only the first) while a refused add, and
 * every other form on the page, keep what was typed. Each answer of an action is a new object, which is
 * how two successes in a row are told apart.
 */
export function useAddFormKey(intent: string): string {
  const result = useActionData<ActionResult>();
  const [seen, setSeen] = useState({ result, count: 0 });
  let count = seen.count;
  if (seen.result !== result) {
    if (result?.ok && result.values?.intent === intent) count += 1;
    setSeen({ result, count });
  }
  return `${intent}-${count}`;
}
