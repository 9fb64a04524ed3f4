import Database from "better-sqlite3";
import { count, eq, isNotNull } from "drizzle-orm";
import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";
import { closeDatabase, migrateDatabase, openDatabase, useDatabase, type Db } from "#db/client.server";
import {
  files,
  healthSnapshots,
  milestones,
  planTemplates,
  tasks,
  trainingModules,
  trainingProgress,
  users,
} from "#db/schema";
import { seedDemoData } from "~/startup/demo.server";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

/** What a complete demo holds; a start that was interrupted must end up with exactly this too. */
function expectCompleteDemo(db: Db = t.db()) {
  expect(db.select({ n: count() }).from(users).get()?.n).toBe(7);
  expect(
    db
      .select({ locale: planTemplates.locale })
      .from(planTemplates)
      .all()
      .map((r) => r.locale)
      .sort(),
  ).toEqual(["en", "ja"]);
  // 28 from the two templates, plus the kickoff's action item the demo made a task.
  expect(db.select({ n: count() }).from(tasks).get()?.n).toBe(29);
  expect(db.select({ n: count() }).from(tasks).where(eq(tasks.status, "done")).get()?.n).toBe(9);
  expect(db.select({ n: count() }).from(milestones).where(isNotNull(milestones.completedAt)).get()?.n).toBe(
    2,
  );
  // 43 replayed days for each of the three rooms, one snapshot per local day. Replays are 24 h apart, so
  // where a daylight-saving change falls in the six weeks (New York's room), two replays can land on one
  // local date at some hours of the day and that room keeps 42.
  const snapshots = db.select({ n: count() }).from(healthSnapshots).get()?.n ?? 0;
  expect(snapshots).toBeGreaterThanOrEqual(3 * 43 - 1);
  expect(snapshots).toBeLessThanOrEqual(3 * 43);
  // Issue 12 extras: a real video module (its WebM stored) and one completed path (a certificate to open).
  expect(
    db
      .select()
      .from(trainingModules)
      .where(eq(trainingModules.kind, "video"))
      .all()
      .map((m) => m.title),
  ).toEqual(["操作デモ動画（6秒）"]);
  expect(
    db
      .select()
      .from(files)
      .where(eq(files.purpose, "training"))
      .all()
      .map((f) => f.contentType),
  ).toEqual(["video/webm"]);
  expect(
    db.select({ n: count() }).from(trainingProgress).where(eq(trainingProgress.status, "completed")).get()?.n,
  ).toBe(1);
}

it("seeds an empty database once: staff, customers, both templates and two started plans", async () => {
  const credentials = await seedDemoData();
  expect(credentials?.staff.map((s) => s.email)).toContain("admin@launchroom.example");
  expectCompleteDemo();
  const before = t.db().select({ n: count() }).from(users).get()?.n;
  expect(await seedDemoData()).toBeNull();
  expect(t.db().select({ n: count() }).from(users).get()?.n).toBe(before);
}, 30_000);

it.each([
  ["while building the plans", "tasks", "1"],
  ["halfway through the health history", "health_snapshots", "(SELECT count(*) FROM health_snapshots) >= 40"],
])(
  "a first start killed with SIGKILL %s leaves nothing behind, and the next start seeds the whole demo",
  async (_when, table, condition) => {
    // The test's own connection must not hold the file while the child writes it.
    closeDatabase();
    const child = spawnSync(process.execPath, ["--import", "tsx", "tests/helpers/seed-crash.ts"], {
      env: { ...process.env, CRASH_TABLE: table, CRASH_WHEN: condition },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(child.signal, child.stderr + child.stdout).toBe("SIGKILL");

    const after = new Database(t.path(), { readonly: true });
    expect(after.prepare("SELECT count(*) AS n FROM users").get()).toEqual({ n: 0 });
    after.close();

    // The restart: a fresh connection on the same file, as server.ts would open it.
    const db = openDatabase(t.path());
    migrateDatabase(db);
    useDatabase(db);
    expect(await seedDemoData()).not.toBeNull();
    expectCompleteDemo(db);
  },
  90_000,
);
