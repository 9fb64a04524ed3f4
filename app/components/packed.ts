/**
 * Loader data of many rows, as one JSON string: the loader data is serialized value by value
 * (turbo-stream, with a plugin check for every object), and a few hundred row objects cost more than a
 * millisecond per page view that way; a string is one value. The server's own render reads the rows it
 * packed, kept on the value but not enumerable, so they are not serialized; the browser parses the string.
 */
export type Packed<T> = { json: string; rows?: T };

const packs = new WeakMap<object, Packed<unknown>>();

/**
 * Packs rows once per rows object: the read pages' rows are reused until the next write (see
 * cachedUntilWrite in the plan views), and so is their packed form.
 */
export function pack<T extends object, P>(rows: T, encode: (rows: T) => P): Packed<T> {
  const known = packs.get(rows);
  if (known) return known as Packed<T>;
  const packed: Packed<T> = { json: JSON.stringify(encode(rows)) };
  Object.defineProperty(packed, "rows", { value: rows, enumerable: false });
  packs.set(rows, packed);
  return packed;
}

export function unpack<T, P>(packed: Packed<T>, decode: (encoded: P) => T): T {
  return packed.rows ?? decode(JSON.parse(packed.json) as P);
}

const derived = new WeakMap<object, Map<string, unknown>>();

/**
 * A value built from rows (their markup, a chart's layout), remembered as long as the rows object lives:
 * on the server the rows come out of the read cache, so a page view that reads the same rows reuses what
 * was built from them. `key` must name everything else the value depends on (locale, options…).
 */
export function builtFrom<T>(rows: object, key: string, build: () => T): T {
  let byKey = derived.get(rows);
  if (!byKey) derived.set(rows, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key) as T;
  const value = build();
  if (byKey.size >= 16) byKey.clear();
  byKey.set(key, value);
  return value;
}
