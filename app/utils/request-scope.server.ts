import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Memory that lives exactly as long as one HTTP request. Remix hands every loader its own copy of the
 * Request, so a cache keyed by Request would miss; server/app.ts runs each request inside a scope instead.
 * Outside a scope (scripts, unit tests) nothing is cached.
 */
const storage = new AsyncLocalStorage<Map<string, unknown>>();

export function runInRequestScope<T>(fn: () => T): T {
  return storage.run(new Map(), fn);
}

export function memoizeForRequest<T>(key: string, compute: () => T): T {
  const scope = storage.getStore();
  if (!scope) return compute();
  if (scope.has(key)) return scope.get(key) as T;
  const value = compute();
  scope.set(key, value);
  return value;
}
