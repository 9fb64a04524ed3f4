import { integer, text } from "drizzle-orm/sqlite-core";
import { newId } from "../ids";

/** Primary key: a random, URL-safe id generated in the app so related rows can be inserted in one go. */
export const idColumn = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => newId());

/** Milliseconds since the epoch, set by the app (SQLite has no timestamp type). */
export const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

export const createdAt = () =>
  timestamp("created_at")
    .notNull()
    .$defaultFn(() => new Date());
