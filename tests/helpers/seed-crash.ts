/**
 * A first start that dies mid-seed: runs the demo seed against DATABASE_PATH and SIGKILLs its own
 * process from inside SQLite the moment the `CRASH_WHEN` trigger condition holds (e.g. the first plan
 * task is inserted), so nothing gets to clean up, exactly as with `kill -9`.
 */
import { migrateDatabase, openDatabase, useDatabase } from "#db/client.server";
import { seedDemoData } from "~/startup/demo.server";

const db = openDatabase(process.env.DATABASE_PATH!);
migrateDatabase(db);
useDatabase(db);
db.$client.function("crash_now", () => {
  process.kill(process.pid, "SIGKILL");
  return null;
});
// A TEMP trigger lives only on this connection: the database file itself carries no trace of it.
db.$client.exec(
  `CREATE TEMP TRIGGER crash AFTER INSERT ON ${process.env.CRASH_TABLE} WHEN ${process.env.CRASH_WHEN ?? "1"}
   BEGIN SELECT crash_now(); END`,
);
await seedDemoData();
process.stdout.write("seed finished without crashing\n");
