import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { milestones, stakeholders } from "#db/schema";
import { runDailyHealth } from "~/domain/health/jobs.server";
import { addDays, todayIn } from "~/domain/plan/dates";
import { createPlanFromTemplate } from "~/domain/plan/plan.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";

// Issue 9: one computation of milestone lateness (app/domain/plan/schedule.ts), so the milestone page,
// the overview, the plan, the timeline and the health tab say the same of the same milestone; and a
// sponsor who never joined is "not joined", never "last active 0 days ago".

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;
let lateId = "";
let doneLateId = "";
const LATE = "Late milestone under test";
const DONE_LATE = "Done late milestone under test";

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  createPlanFromTemplate({ ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA }, w.templateId);
  // Today in the account's zone (Tokyo), as every page counts it.
  const today = todayIn("Asia/Tokyo");
  const rows = tdb.db
    .select()
    .from(milestones)
    .where(eq(milestones.roomId, w.roomA.id))
    .orderBy(asc(milestones.position))
    .all();
  expect(rows.length).toBeGreaterThanOrEqual(3);
  const set = (id: string, values: Partial<typeof milestones.$inferInsert>) =>
    tdb.db.update(milestones).set(values).where(eq(milestones.id, id)).run();
  for (const m of rows) set(m.id, { targetDate: addDays(today, 40), baselineDate: addDays(today, 40) });
  // Open and 22 days past its target (never moved): the next milestone of the overview.
  lateId = rows[0].id;
  set(lateId, { title: LATE, targetDate: addDays(today, -22), baselineDate: addDays(today, -22) });
  // Done five days after its target: 12:00 in Tokyo on that day (03:00 UTC).
  doneLateId = rows[1].id;
  set(doneLateId, {
    title: DONE_LATE,
    targetDate: addDays(today, -15),
    baselineDate: addDays(today, -15),
    completedAt: new Date(`${addDays(today, -10)}T03:00:00Z`),
  });
  // A sponsor named today who has never signed in.
  tdb.db
    .insert(stakeholders)
    .values({ roomId: w.roomA.id, name: "Sara Sponsor", side: "customer", isSponsor: true })
    .run();
  runDailyHealth(new Date(), { force: true });
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  useDatabase(undefined);
  tdb?.dispose();
});

async function page(path: string, lang: "en" | "ja" = "en"): Promise<string> {
  const client = new Client(app.url);
  signInAs(tdb.db, client, w.csmA.id);
  client.cookies.set("launchroom_lang", lang);
  const res = await client.get(`/rooms/${w.roomA.id}${path}`);
  expect(res.status, path).toBe(200);
  return res.text();
}

describe("one milestone lateness everywhere", () => {
  it("the milestone page, the overview, the plan, the timeline and the health tab agree: 22 days late", async () => {
    const milestonePage = await page(`/milestones/${lateId}`);
    expect(milestonePage).toMatch(/data-testid="milestone-schedule"[^>]*>22 days late</);
    expect(await page("")).toContain("22 days late");
    expect(await page("/plan")).toContain("22 days late");
    expect(await page("/timeline")).toContain("22 days late");
    const health = await page("/health");
    expect(health).toContain(`${LATE}” is 22 days past its target`);
    expect(health).not.toMatch(/is (21|23) days past its target/);
    // In Japanese too, with the same count.
    expect(await page(`/milestones/${lateId}`, "ja")).toContain("22日遅れ");
    expect(await page("/timeline", "ja")).toContain("22日遅れ");
  });

  it("a milestone done after its target shows when it was done and how late, on the timeline too", async () => {
    const milestonePage = await page(`/milestones/${doneLateId}`);
    expect(milestonePage).toMatch(/data-testid="milestone-schedule"[^>]*>Done 5 days late, on /);
    const timeline = await page("/timeline");
    expect(timeline).toMatch(/Done 5 days late, on /);
    // The chart labels a done milestone with its completion day and lateness, not its planned date.
    expect(timeline).toContain("(5 days late)");
    expect(await page("/plan")).toMatch(/Done 5 days late, on /);
  });
});

describe("a sponsor who never joined", () => {
  it("is 'not joined' on the health tab, never 'last active 0 days ago'", async () => {
    const en = await page("/health");
    expect(en).toContain("sponsor not joined yet");
    expect(en).not.toContain("sponsor last active 0 days ago");
    const ja = await page("/health", "ja");
    expect(ja).toContain("スポンサーは未参加");
    expect(ja).not.toContain("スポンサーの最終利用 0 日前");
  });
});
