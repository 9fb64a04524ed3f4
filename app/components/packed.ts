/**
 * Loader data of many rows, as one JSON string: the loader data is serialized value by value
 * (turbo-stream, with a plugin check for every object), and a few hundred row objects cost more than a
 * millisecond per page view that way; a string is one value. The server's own render reads the rows it
 * packed, kept on the value but not enumerable, so they are not serialized; the browser parses the string.
 */
export type Packed<T> = { json: string; rows?: T };

export function pack<T, P>(rows: T, encode: (rows: T) => P): Packed<T> {
  const packed: Packed<T> = { json: JSON.stringify(encode(rows)) };
  Object.defineProperty(packed, "rows", { value: rows, enumerable: false });
  return packed;
}

export function unpack<T, P>(packed: Packed<T>, decode: (encoded: P) => T): T {
  return packed.rows ?? decode(JSON.parse(packed.json) as P);
}
