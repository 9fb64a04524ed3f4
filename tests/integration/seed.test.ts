import { count, eq, isNotNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { milestones, planTemplates, tasks, users } from "#db/schema";
import { seedDemoData } from "~/startup/demo.server";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

it("seeds an empty database once: staff, customers, both templates and two started plans", async () => {
  const credentials = await seedDemoData();
  expect(credentials?.staff.map((s) => s.email)).toContain("admin@launchroom.example");
  const db = t.db();
  expect(
    db
      .select({ locale: planTemplates.locale })
      .from(planTemplates)
      .all()
      .map((r) => r.locale)
      .sort(),
  ).toEqual(["en", "ja"]);
  expect(db.select({ n: count() }).from(tasks).where(eq(tasks.status, "done")).get()?.n).toBe(9);
  expect(db.select({ n: count() }).from(milestones).where(isNotNull(milestones.completedAt)).get()?.n).toBe(
    2,
  );
  const before = db.select({ n: count() }).from(users).get()?.n;
  expect(await seedDemoData()).toBeNull();
  expect(db.select({ n: count() }).from(users).get()?.n).toBe(before);
}, 30_000);
