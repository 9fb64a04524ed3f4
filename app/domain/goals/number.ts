/**
 * Numbers as people type them in a KPI field: "1,200", "12.5", "１，２００", "−3", "1 200". Full-width
 * digits and punctuation are folded (NFKC), thousands separators and spaces dropped; anything else that
 * is not a plain decimal is refused (null). Pure, shared with the browser.
 */
export function parseDecimal(input: string): number | null {
  const folded = input
    .normalize("NFKC")
    .replace(/[\u2212\u2012\u2013\u2014\uFF0D]/g, "-")
    .replace(/[\s,、]/g, "")
    .replace(/。/g, ".");
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(folded)) return null;
  const value = Number(folded);
  return Number.isFinite(value) && Math.abs(value) < 1e15 ? value : null;
}

/** A KPI value for a page or a file: no float noise ("0.30000000000000004"), at most 4 decimals. */
export function plainNumber(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}
