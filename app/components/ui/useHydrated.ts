import { useEffect, useState } from "react";

/**
 * False on the server and in the first client render, true once the page's script runs: for controls
 * that only the no-JS page needs (a filter form's Apply button, when the filters apply on change).
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
