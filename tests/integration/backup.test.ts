import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { migrateDatabase, openDatabase, type Db } from "#db/client.server";

// `npm run backup` as its own process while this process keeps committing to the same WAL database,
// as the server and `npm run jobs` would.

let dir = "";
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "launchroom-backup-"));
  db = openDatabase(join(dir, "launchroom.db"));
  migrateDatabase(db);
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

it("copies a consistent, openable database while another connection keeps writing", async () => {
  const sqlite = db.$client;
  // Every write transaction adds a row and moves the total with it: a torn copy breaks the equality.
  sqlite.exec(`CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL, pad BLOB);
               CREATE TABLE totals (total INTEGER NOT NULL); INSERT INTO totals VALUES (0);`);
  const add = sqlite.transaction((amount: number) => {
    sqlite.prepare("INSERT INTO ledger (amount, pad) VALUES (?, randomblob(200))").run(amount);
    sqlite.prepare("UPDATE totals SET total = total + ?").run(amount);
  });
  // A few MB, so the copy is more than a handful of pages.
  sqlite.transaction(() => {
    for (let i = 1; i <= 20_000; i++) add(i % 97);
  })();
  const before = 20_000;

  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/backup.ts", join(dir, "copies/backup.db")],
    {
      env: { ...process.env, DATABASE_PATH: join(dir, "launchroom.db") },
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let running = true;
  const status = new Promise<number | null>((done) =>
    child.once("close", (code) => {
      running = false;
      done(code);
    }),
  );
  let writes = 0;
  while (running) {
    add(writes % 89);
    writes++;
    await new Promise((r) => setImmediate(r));
  }
  expect(await status, output).toBe(0);
  expect(writes).toBeGreaterThan(0);

  const copyPath = join(dir, "copies/backup.db");
  expect(existsSync(`${copyPath}.partial`)).toBe(false);
  const copy = new Database(copyPath, { readonly: true, fileMustExist: true });
  expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
  expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
  const { rows, sum } = copy.prepare("SELECT count(*) AS rows, sum(amount) AS sum FROM ledger").get() as {
    rows: number;
    sum: number;
  };
  expect(copy.prepare("SELECT total FROM totals").pluck().get()).toBe(sum);
  expect(rows).toBeGreaterThanOrEqual(before);
  expect(rows).toBeLessThanOrEqual(before + writes);
  // The app's own tables and migration history came along.
  const migrations = "SELECT count(*) FROM __drizzle_migrations";
  expect(copy.prepare(migrations).pluck().get()).toBe(sqlite.prepare(migrations).pluck().get());
  copy.close();
}, 90_000);

it("copies the uploaded files folder beside the database copy", async () => {
  const blob = Buffer.from("not really an image, only bytes");
  const sha = createHash("sha256").update(blob).digest("hex");
  mkdirSync(join(dir, "files", sha.slice(0, 2)), { recursive: true });
  writeFileSync(join(dir, "files", sha.slice(0, 2), sha), blob);
  // A write caught halfway is not a blob yet and stays behind.
  writeFileSync(join(dir, "files", sha.slice(0, 2), `${sha}.abc.partial`), "half");

  const target = join(dir, "copies/with-files.db");
  const run = () =>
    new Promise<{ code: number | null; output: string }>((done) => {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/backup.ts", target], {
        env: { ...process.env, DATABASE_PATH: join(dir, "launchroom.db") },
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.once("close", (code) => done({ code, output }));
    });
  const first = await run();
  expect(first.code, first.output).toBe(0);
  expect(first.output).toContain("Copied 1 uploaded files");
  expect(readFileSync(join(`${target}.files`, sha.slice(0, 2), sha))).toEqual(blob);
  expect(existsSync(join(`${target}.files`, sha.slice(0, 2), `${sha}.abc.partial`))).toBe(false);
  expect(existsSync(`${target}.files.partial`)).toBe(false);

  // Never overwritten: a second run to the same name refuses.
  rmSync(target);
  const second = await run();
  expect(second.code).toBe(1);
  expect(second.output).toContain("exists");
}, 60_000);
