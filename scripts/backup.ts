/**
 * `npm run backup -- <file>`: a consistent copy of DATABASE_PATH, taken while the server and
 * `npm run jobs` keep running. SQLite's online backup API copies every page in one step, inside one read
 * transaction: in WAL mode that sees a single committed state and blocks no writer. The copy is written
 * beside the target, checked, switched to a self-contained single file (no -wal), then renamed into
 * place, so a backup that dies halfway never leaves a file that looks complete.
 *
 * Uploaded files (logos, photos) live in `files/` beside the database, named by their SHA-256 and never
 * changed once written. They are copied after the database, to `<file>.files/`: every file the copied
 * database names was written before its row was committed, so it is already there to copy.
 *
 * Sealed outbox rows in the copy need the same APP_SECRET to be read: keep the secret with the backups,
 * in a different place. Exit codes: 0 done, 1 failed, 2 wrong usage.
 */
import Database from "better-sqlite3";
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";

const USAGE = "usage: npm run backup -- <file>   (e.g. backups/launchroom-$(date +%F).db)\n";

function fail(message: string, code: 1 | 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const args = process.argv.slice(2);
if (args.length !== 1 || args[0]!.startsWith("-")) fail(USAGE, 2);
const source = resolve(process.env.DATABASE_PATH?.trim() || "data/launchroom.db");
const target = resolve(args[0]!);
if (target === source) fail("The backup must go to another file than the database.", 2);
if (existsSync(target)) fail(`${target} exists; choose a new file name (backups are never overwritten).`, 1);
const filesSource = resolve(dirname(source), "files");
const filesTarget = `${target}.files`;
if (existsSync(filesTarget))
  fail(`${filesTarget} exists; choose a new file name (backups are never overwritten).`, 1);
if (!existsSync(source)) fail(`No database at ${source} (set DATABASE_PATH).`, 1);

mkdirSync(dirname(target), { recursive: true });
const partial = `${target}.partial`;
rmSync(partial, { force: true });
const db = new Database(source, { readonly: true, fileMustExist: true });
db.pragma("busy_timeout = 5000");
try {
  // A larger step than the whole file: one read transaction, so concurrent commits cannot restart it.
  await db.backup(partial, { progress: () => 0x7fffffff });
} catch (error) {
  rmSync(partial, { force: true });
  fail(`Backup failed: ${error instanceof Error ? error.message : String(error)}`, 1);
} finally {
  db.close();
}

const copy = new Database(partial);
const check = copy.pragma("quick_check", { simple: true });
copy.pragma("journal_mode = DELETE");
const pages = copy.pragma("page_count", { simple: true }) as number;
const pageSize = copy.pragma("page_size", { simple: true }) as number;
copy.close();
if (check !== "ok") {
  rmSync(partial, { force: true });
  fail(`The copy failed its integrity check (${String(check)}); nothing was written.`, 1);
}
renameSync(partial, target);
process.stdout.write(
  `Backed up ${source} to ${target} (${((pages * pageSize) / 1024 / 1024).toFixed(1)} MB).\n`,
);

if (existsSync(filesSource)) {
  const filesPartial = `${filesTarget}.partial`;
  rmSync(filesPartial, { recursive: true, force: true });
  try {
    // Blobs only: a write still in progress has a .partial name and no row pointing at it yet.
    cpSync(filesSource, filesPartial, { recursive: true, filter: (from) => !from.endsWith(".partial") });
  } catch (error) {
    rmSync(filesPartial, { recursive: true, force: true });
    fail(`Copying ${filesSource} failed: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
  renameSync(filesPartial, filesTarget);
  const count = readdirSync(filesTarget, { recursive: true, withFileTypes: true }).filter((e) =>
    e.isFile(),
  ).length;
  process.stdout.write(`Copied ${count} uploaded files to ${filesTarget}.\n`);
}
