import { useEffect, useRef, useState } from "react";
import { useCachedT } from "~/components/cached-t";
import type { ActionResult } from "~/utils/action-result";

/**
 * A polite live region, always in the page, that announces the notice of an answer shown in place (a
 * fetcher's): the visible notice next to the changed item comes with re-rendered markup, which screen
 * readers do not reliably read. Each new answer re-inserts the text, so the same notice twice is read
 * twice. Refusals are not announced here: the focus moves to the error, which says it.
 */
export function LiveMessage({ result }: { result?: ActionResult }) {
  const t = useCachedT();
  const [count, setCount] = useState(0);
  const seen = useRef<ActionResult | undefined>(result);
  useEffect(() => {
    if (result && result !== seen.current) setCount((n) => n + 1);
    seen.current = result;
  }, [result]);
  const message = count > 0 && result?.ok && result.notice ? t(result.notice, result.params) : "";
  return (
    // aria-live without role="status": the page's visible notices keep that role to themselves.
    <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="live-message">
      <span key={count}>{message}</span>
    </div>
  );
}
