import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { isDatabaseBusy } from "./busy";
import * as schema from "./schema";

export type Db = ReturnType<typeof openDatabase>;
/** The handle inside `db.transaction(tx => ...)`; domain commands accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export const MIGRATIONS_FOLDER = resolve(process.cwd(), "db/migrations");

/**
 * How long a write waits for another connection's write lock (a cron job, a backup) before it gives up
 * and the user is asked to retry (503). Tests shorten it with DATABASE_BUSY_TIMEOUT_MS.
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export function openDatabase(path: string, opts: { busyTimeoutMs?: number } = {}) {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  // WAL for concurrent readers, FULL so a committed outbox row survives a power cut.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${Math.trunc(opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS)}`);
  return drizzle({ client: sqlite, schema, casing: "snake_case" });
}

/**
 * The only way to open a write transaction (an ESLint rule forbids bare `.transaction(`): BEGIN IMMEDIATE
 * takes the write lock up front, so SQLite waits up to the busy timeout while another connection writes.
 * A deferred transaction that reads first fails with SQLITE_BUSY at once when it upgrades to a write,
 * whatever the timeout. A lock that still cannot be had throws SQLite's busy error, which the web layer
 * answers with 503 (asDomainError in app/utils/errors.ts).
 * On a transaction handle this is a savepoint inside it. No `await` inside `fn`: better-sqlite3 is
 * synchronous and an async callback would commit before it finished.
 */
export function writeTransaction<T>(handle: DbOrTx, fn: (tx: Tx) => T): T {
  // eslint-disable-next-line no-restricted-syntax -- the one place that opens transactions
  return handle.transaction(fn, { behavior: "immediate" });
}

/**
 * For writes that are a by-product of reading (presence, extending a session): runs `fn` in a write
 * transaction only if the write lock is free right now, else skips it and returns undefined. Such writes
 * never make a page wait for, or fail on, another process's lock; the next request does them.
 */
export function writeTransactionIfFree<T>(handle: DbOrTx, fn: (tx: Tx) => T): T | undefined {
  const client = clientOf(handle);
  const timeout = client.pragma("busy_timeout", { simple: true }) as number;
  client.pragma("busy_timeout = 0");
  try {
    return writeTransaction(handle, fn);
  } catch (error) {
    if (isDatabaseBusy(error)) return undefined;
    throw error;
  } finally {
    client.pragma(`busy_timeout = ${timeout}`);
  }
}

/**
 * For frequent writes whose last seconds may be lost in a power cut (active-time heartbeats): this one
 * commit does not wait for the disk (synchronous = NORMAL; FULL costs an fsync, ~5 ms here). WAL keeps the
 * database consistent either way, and the next ordinary commit's sync makes these pages durable too.
 * Never inside another transaction: the connection's setting is switched around the commit.
 */
export function writeTransactionUnsynced<T>(handle: DbOrTx, fn: (tx: Tx) => T): T {
  const client = clientOf(handle);
  if (client.inTransaction) return writeTransaction(handle, fn);
  const synchronous = client.pragma("synchronous", { simple: true }) as number;
  client.pragma("synchronous = NORMAL");
  try {
    return writeTransaction(handle, fn);
  } finally {
    client.pragma(`synchronous = ${synchronous}`);
  }
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
    const busyTimeoutMs = Number(process.env.DATABASE_BUSY_TIMEOUT_MS) || undefined;
    current = openDatabase(path, { busyTimeoutMs });
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

/** The better-sqlite3 connection behind a drizzle handle: the database or one of its transactions. */
export function clientOf(handle: DbOrTx): Database.Database {
  return (handle as unknown as { session: { client: Database.Database } }).session.client;
}

const rawByClient = new WeakMap<Database.Database, Map<string, Record<string, Database.Statement>>>();

/**
 * Raw prepared statements for hot paths (every change writes an event; a full health pass runs a dozen
 * queries per room for thousands of rooms): built once per connection, without the query builder's
 * per-call cost. `handle` picks the connection (default: the app's).
 */
export function preparedSql<K extends string>(
  group: string,
  queries: Record<K, string>,
  handle: DbOrTx = getDb(),
): Record<K, Database.Statement> {
  const client = clientOf(handle);
  let groups = rawByClient.get(client);
  if (!groups) rawByClient.set(client, (groups = new Map()));
  let statements = groups.get(group);
  if (!statements) {
    statements = {};
    for (const key of Object.keys(queries)) statements[key] = client.prepare(queries[key as K]);
    groups.set(group, statements);
  }
  return statements as Record<K, Database.Statement>;
}

const CACHE_SQL = { dataVersion: "PRAGMA data_version", changes: "SELECT total_changes()" };
const readCaches = new WeakMap<Database.Database, Map<string, { version: string; value: unknown }>>();
const READ_CACHE_ENTRIES = 200;

/**
 * The result of `read` for `key`, reused until anything writes to the database: this connection's
 * `total_changes()` and SQLite's `data_version` (which moves when another process commits) make the
 * version, so a cached value is never older than the last write. For read-heavy pages whose queries scan
 * many rows (the 5,000-room portfolio); keep keys specific (user, filters, day).
 */
export function cachedUntilWrite<T>(key: string, read: () => T, handle: DbOrTx = getDb()): T {
  const client = clientOf(handle);
  const statements = preparedSql("cache", CACHE_SQL, handle);
  const version = `${statements.dataVersion.pluck().get()}:${statements.changes.pluck().get()}`;
  let cache = readCaches.get(client);
  if (!cache) readCaches.set(client, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.value as T;
  const value = read();
  if (cache.size >= READ_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { version, value });
  return value;
}

export function closeDatabase(): void {
  current?.$client.close();
  current = undefined;
}
