import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { closeDatabase, migrateDatabase, openDatabase, useDatabase, type Db } from "#db/client.server";

/** A fresh, migrated SQLite file per test, installed as the app's database. */
export function useTestDatabase(): { db: () => Db; path: () => string } {
  let dir = "";
  let db: Db | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "launchroom-test-"));
    process.env.DATABASE_PATH = join(dir, "test.db");
    db = openDatabase(process.env.DATABASE_PATH);
    migrateDatabase(db);
    useDatabase(db);
  });
  afterEach(() => {
    closeDatabase();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    db: () => {
      if (!db) throw new Error("useTestDatabase: no database outside a test");
      return db;
    },
    path: () => process.env.DATABASE_PATH!,
  };
}
