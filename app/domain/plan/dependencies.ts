/**
 * Whether a walk along the dependency edges from any of `starts` reaches `target`: a new dependency of
 * `target` on `starts` would close a loop. Each task is visited once. Pure, for plans and templates alike.
 */
export function reaches(
  edges: readonly { taskId: string; dependsOnId: string }[],
  starts: readonly string[],
  target: string,
): boolean {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.taskId, [...(next.get(e.taskId) ?? []), e.dependsOnId]);
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length) {
    const current = stack.pop()!;
    if (current === target) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(next.get(current) ?? []));
  }
  return false;
}
