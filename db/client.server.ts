import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import * as schema from "./schema";

export type Db = ReturnType<typeof openDatabase>;
/** The handle inside `db.transaction(tx => ...)`; domain commands accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export const MIGRATIONS_FOLDER = resolve(process.cwd(), "db/migrations");

export function openDatabase(path: string) {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  // WAL for concurrent readers, FULL so a committed outbox row survives a power cut.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return drizzle({ client: sqlite, schema, casing: "snake_case" });
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

let current: Db | undefined;

/** The process-wide connection, opened and migrated on first use. */
export function getDb(): Db {
  if (!current) {
    // Imported lazily so scripts can open a database without the app's environment.
    const path = process.env.DATABASE_PATH?.trim() || "data/launchroom.db";
    current = openDatabase(path);
    migrateDatabase(current);
  }
  return current;
}

/** Tests and scripts point the app at a database of their own. */
export function useDatabase(db: Db | undefined): void {
  current = db;
}

const preparedByDb = new WeakMap<Db, Map<string, unknown>>();

/**
 * A statement built and prepared once per connection. Drizzle rebuilds and re-prepares SQL on every
 * call; the queries that run on every request (session, room access) are worth keeping.
 */
export function prepared<T>(key: string, build: (db: Db) => T): T {
  const db = getDb();
  let cache = preparedByDb.get(db);
  if (!cache) preparedByDb.set(db, (cache = new Map()));
  if (!cache.has(key)) cache.set(key, build(db));
  return cache.get(key) as T;
}

/**
 * Raw prepared statements for hot paths (the health pass runs a dozen per room, thousands of rooms at a
 * time): built once per connection, like `prepared`, without the query builder's per-call cost.
 */
export function preparedSql<K extends string>(
  group: string,
  queries: Record<K, string>,
): Record<K, Database.Statement> {
  return prepared(`sql:${group}`, (db) => {
    const out = {} as Record<K, Database.Statement>;
    for (const key of Object.keys(queries) as K[]) out[key] = db.$client.prepare(queries[key]);
    return out;
  });
}

export function closeDatabase(): void {
  current?.$client.close();
  current = undefined;
}
