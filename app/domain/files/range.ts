/**
 * One byte range of `Range: bytes=a-b | a- | -n` (inclusive, clamped to the size), null for none or one we
 * ignore (several ranges, another unit: the whole file is a valid answer), "unsatisfiable" for a range
 * that starts past the end or is malformed.
 */
export function parseRange(
  header: string | null,
  size: number,
): { start: number; end: number } | null | "unsatisfiable" {
  if (!header) return null;
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header.trim());
  if (!match) return header.includes(",") || !header.startsWith("bytes=") ? null : "unsatisfiable";
  const [, from, to] = match;
  if (!from && !to) return "unsatisfiable";
  if (!from) {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to ? Math.min(Number(to), size - 1) : size - 1;
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}
