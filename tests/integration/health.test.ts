import { and, eq, isNull } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import {
  events,
  healthAlerts,
  healthSnapshots,
  memberships,
  milestones,
  outbox,
  phases,
  roomHealth,
  stakeholders,
  tasks,
} from "#db/schema";
import { addMember, makeAccountWithRoom, makeCustomer, makeStaff } from "#db/factories";
import { markHealthDirty, recordEvent } from "~/domain/events/events.server";
import { setOverride, setPulse } from "~/domain/health/health.server";
import {
  acquireJobLease,
  HEALTH_DEBOUNCE_MS,
  runDailyHealth,
  runHealthRecompute,
} from "~/domain/health/jobs.server";
import { recomputeRoomHealth } from "~/domain/health/recompute.server";
import { addDays } from "~/domain/plan/dates";
import type { RoomContext } from "~/domain/plan/plan.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { createRelay } from "~/mail/relay.server";
import { createMailTransport } from "~/mail/transport.server";
import { useTestDatabase } from "../helpers/db";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";

const t = useTestDatabase();
const sinks: SmtpSink[] = [];
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

const START = "2027-01-04";
/** Noon in Tokyo on the given day of the scenario, so the calendar day is unambiguous. */
const at = (day: number) => new Date(`${addDays(START, day)}T03:00:00Z`);

/**
 * A room 60 days long: kickoff on day 0, a sponsor who is also the customer admin, four customer tasks
 * due on days 10–40 and a first-value milestone on day 45. Everything else is driven by the test.
 */
function setup() {
  const db = t.db();
  const csm = makeStaff(db, {
    staffRole: "csm",
    name: "Carla Csm",
    email: "carla@vendor.example",
    locale: "en",
  });
  const admin = makeStaff(db, {
    staffRole: "admin",
    name: "山田 管理者",
    email: "admin@vendor.example",
    locale: "ja",
  });
  const { room, account } = makeAccountWithRoom(db, {
    csmId: csm.id,
    kickoffDate: START,
    roomTitle: "Rollout",
  });
  const customer = makeCustomer(db, { name: "Kenji Customer", email: "kenji@customer.example" });
  const joined = at(0);
  db.insert(memberships)
    .values({ roomId: room.id, userId: customer.id, role: "customer_admin", createdAt: joined })
    .run();
  const sponsor = db
    .insert(stakeholders)
    .values({
      roomId: room.id,
      name: "Kenji Customer",
      side: "customer",
      userId: customer.id,
      isSponsor: true,
      createdAt: joined,
    })
    .returning()
    .get();
  const phase = db.insert(phases).values({ roomId: room.id, title: "Setup", position: 0 }).returning().get();
  const taskRows = [10, 20, 30, 40].map((due, i) =>
    db
      .insert(tasks)
      .values({
        roomId: room.id,
        phaseId: phase.id,
        title: `Customer task ${i + 1}`,
        side: "customer",
        assigneeId: sponsor.id,
        startDate: START,
        dueDate: addDays(START, due),
        position: i,
      })
      .returning()
      .get(),
  );
  const firstValue = db
    .insert(milestones)
    .values({
      roomId: room.id,
      title: "First value",
      targetDate: addDays(START, 45),
      baselineDate: addDays(START, 45),
      isFirstValue: true,
      position: 0,
    })
    .returning()
    .get();
  const ctx = (user: typeof csm): RoomContext => ({ ...getRoomAccess(user, room.id)!, user });
  return { db, csm, admin, customer, room, account, taskRows, firstValue, staff: () => ctx(csm) };
}

type World = ReturnType<typeof setup>;

/** The customer does something in the room on that day (an event and a visit). */
function customerActs(w: World, day: number) {
  w.db
    .insert(events)
    .values({ at: at(day), actorId: w.customer.id, roomId: w.room.id, type: "comment.added" })
    .run();
  w.db
    .update(memberships)
    .set({ lastSeenAt: at(day) })
    .where(and(eq(memberships.roomId, w.room.id), eq(memberships.userId, w.customer.id)))
    .run();
}

/** Completes the tasks due by that day on time, and first value once they are all done. */
function completeDueTasks(w: World, day: number) {
  for (const task of w.taskRows)
    if (task.dueDate! <= addDays(START, day))
      w.db
        .update(tasks)
        .set({ status: "done", completedAt: at(day) })
        .where(eq(tasks.id, task.id))
        .run();
  if (day >= 40)
    w.db
      .update(milestones)
      .set({ completedAt: at(day) })
      .where(and(eq(milestones.id, w.firstValue.id), isNull(milestones.completedAt)))
      .run();
}

const state = (w: World) => w.db.select().from(roomHealth).where(eq(roomHealth.roomId, w.room.id)).get()!;
const openAlerts = (w: World) =>
  w.db
    .select({ rule: healthAlerts.rule, severity: healthAlerts.severity })
    .from(healthAlerts)
    .where(and(eq(healthAlerts.roomId, w.room.id), isNull(healthAlerts.resolvedAt)))
    .all();
const alertEmails = (w: World) => w.db.select().from(outbox).where(eq(outbox.template, "health_alert")).all();

/** Runs one day of the room's life: whatever the test does, then the daily pass at noon. */
function day(w: World, n: number, act: (n: number) => void = () => {}) {
  act(n);
  runDailyHealth(at(n), { force: true });
  return state(w);
}

describe("health over a room's life (fake clock)", () => {
  it("an on-track room stays green for 60 days with no critical alert", () => {
    const w = setup();
    const bands: string[] = [];
    for (let n = 0; n <= 60; n++) {
      const s = day(w, n, (d) => {
        customerActs(w, d);
        completeDueTasks(w, d);
        if (d % 20 === 0) setPulse(w.staff(), { value: "green", comment: "Engaged" }, at(d));
      });
      bands.push(s.band);
    }
    // Day 0 may be grey (nothing due yet is N/A); from the first week on it is green every day.
    expect(bands.slice(7).every((b) => b === "green")).toBe(true);
    expect(state(w).mode).toBe("proactive");
    const everCritical = w.db
      .select()
      .from(healthAlerts)
      .where(and(eq(healthAlerts.roomId, w.room.id), eq(healthAlerts.severity, "critical")))
      .all();
    expect(everCritical).toEqual([]);
    // One snapshot per day, idempotent however often the day is computed.
    runDailyHealth(at(60), { force: true });
    recomputeRoomHealth(w.room.id, at(60));
    expect(
      w.db.select().from(healthSnapshots).where(eq(healthSnapshots.roomId, w.room.id)).all(),
    ).toHaveLength(61);
  });

  it("a customer who stops signing in turns the room yellow then red, with the lamps on the specified days, then recovers", () => {
    const w = setup();
    const LAST_ACTIVE = 10;
    const log: { day: number; band: string; alerts: string[] }[] = [];
    for (let n = 0; n <= 45; n++) {
      const s = day(w, n, (d) => {
        if (d <= LAST_ACTIVE) customerActs(w, d);
        if (d % 20 === 0) setPulse(w.staff(), { value: "green", comment: "Fine" }, at(d));
      });
      log.push({ day: n, band: s.band, alerts: openAlerts(w).map((a) => `${a.rule}:${a.severity}`) });
    }
    const inactive = (n: number) => log[n].alerts.find((a) => a.startsWith("customerInactive"));
    // Warning after 14 silent days, critical after 21 (health-model.md), not a day earlier.
    expect(inactive(LAST_ACTIVE + 13)).toBeUndefined();
    expect(inactive(LAST_ACTIVE + 14)).toBe("customerInactive:warning");
    expect(inactive(LAST_ACTIVE + 20)).toBe("customerInactive:warning");
    expect(inactive(LAST_ACTIVE + 21)).toBe("customerInactive:critical");
    // Green while the customer is around, yellow in the silence, red once silence caps the score.
    expect(log[LAST_ACTIVE].band).toBe("green");
    const firstYellow = log.find((l) => l.day > LAST_ACTIVE && l.band === "yellow")!.day;
    const firstRed = log.find((l) => l.band === "red")!.day;
    expect(firstYellow).toBeGreaterThan(LAST_ACTIVE);
    expect(firstYellow).toBeLessThan(LAST_ACTIVE + 21);
    // The 21-day cap (39) makes the score red at once; the band follows on that run or the next (hysteresis).
    expect(firstRed).toBeGreaterThanOrEqual(LAST_ACTIVE + 21);
    expect(firstRed).toBeLessThanOrEqual(LAST_ACTIVE + 22);
    expect(state(w).mode).toBe("reactive");

    // The customer comes back and catches up: the lamp goes out and the room climbs back to green.
    for (let n = 46; n <= 60; n++)
      day(w, n, (d) => {
        customerActs(w, d);
        completeDueTasks(w, d);
      });
    expect(openAlerts(w).find((a) => a.rule === "customerInactive")).toBeUndefined();
    const resolved = w.db
      .select()
      .from(healthAlerts)
      .where(and(eq(healthAlerts.roomId, w.room.id), eq(healthAlerts.rule, "customerInactive")))
      .all();
    expect(resolved).toHaveLength(1);
    expect(resolved[0].resolvedAt).not.toBeNull();
    expect(state(w).band).toBe("green");
    expect(state(w).mode).toBe("proactive");
  });

  it("an override expires on its last day and the computed score stays visible meanwhile", () => {
    const w = setup();
    for (let n = 0; n <= 5; n++) day(w, n, (d) => customerActs(w, d));
    setOverride(w.staff(), { band: "red", reason: "Champion left the company", days: 3 }, at(5));
    expect(state(w).effectiveBand).toBe("red");
    expect(state(w).band).not.toBe("red");
    expect(day(w, 7, (d) => customerActs(w, d)).effectiveBand).toBe("red");
    const after = day(w, 8, (d) => customerActs(w, d));
    expect(after.effectiveBand).toBe(after.band);
    const expired = w.db.select().from(events).where(eq(events.type, "health.override_expired")).all();
    expect(expired).toHaveLength(1);
  });
});

describe("alert emails", () => {
  it("reach the SMTP sink once per rule, not once per evaluation; critical ones also reach admins", async () => {
    const w = setup();
    for (let n = 0; n <= 40; n++) {
      day(w, n, (d) => {
        if (d <= 5) customerActs(w, d);
        if (d % 20 === 0) setPulse(w.staff(), { value: "green", comment: "Fine" }, at(d));
      });
      // Extra evaluations on the same day must not send again.
      recomputeRoomHealth(w.room.id, at(n));
    }
    const sink = await startSmtpSink();
    sinks.push(sink);
    const relay = createRelay({
      transport: createMailTransport(sink.url),
      from: "Launchroom <no-reply@launchroom.test>",
      intervalMs: 1000,
    });
    for (let i = 0; i < 5; i++) await relay.runOnce();
    const toCsm = sink.messages.filter((m) => m.to.includes("carla@vendor.example"));
    const toAdmin = sink.messages.filter((m) => m.to.includes("admin@vendor.example"));
    const inactiveToCsm = toCsm.filter((m) => m.text.includes("No customer sign-in or activity"));
    // Silent from day 6: opened as a warning on day 19, escalated on day 26, re-notified every 7 days
    // after that (33, 40) — four emails in 41 days of two evaluations each.
    expect(inactiveToCsm).toHaveLength(4);
    expect(inactiveToCsm.map((m) => /Critical/.test(m.subject))).toEqual([false, true, true, true]);
    expect(toAdmin.length).toBeGreaterThan(0);
    // The admin's emails are in Japanese and speak only of critical lamps.
    expect(toAdmin.every((m) => /重要/.test(m.subject))).toBe(true);
    expect(toAdmin.some((m) => m.text.includes("顧客のサインインや操作"))).toBe(true);
    // 41 days × 2 evaluations, yet only a handful of emails.
    expect(alertEmails(w).length).toBe(sink.messages.length);
    expect(sink.messages.length).toBeLessThanOrEqual(20);
  });

  it("acknowledged alerts stop reminding; an escalation reminds again", () => {
    const w = setup();
    for (let n = 0; n <= 27; n++) day(w, n, (d) => d <= 5 && customerActs(w, d));
    const alert = w.db
      .select()
      .from(healthAlerts)
      .where(and(eq(healthAlerts.rule, "customerInactive"), isNull(healthAlerts.resolvedAt)))
      .get()!;
    expect(alert.severity).toBe("critical");
    w.db
      .update(healthAlerts)
      .set({ acknowledgedAt: at(27) })
      .where(eq(healthAlerts.id, alert.id))
      .run();
    const before = alertEmails(w).length;
    for (let n = 28; n <= 45; n++) day(w, n);
    const reminders = alertEmails(w)
      .slice(before)
      .filter((m) => m.toEmail === "carla@vendor.example");
    // Other lamps may open meanwhile, but the acknowledged one is not re-sent.
    const reloaded = w.db.select().from(healthAlerts).where(eq(healthAlerts.id, alert.id)).get()!;
    expect(reloaded.lastNotifiedAt!.getTime()).toBe(alert.lastNotifiedAt!.getTime());
    expect(reminders.length).toBeLessThan(16);
  });
});

describe("health jobs", () => {
  it("debounces: a burst of events is recomputed once, after the quiet period", () => {
    const w = setup();
    const t0 = at(3);
    for (let i = 0; i < 5; i++)
      w.db.transaction((tx) =>
        recordEvent(tx, { actorId: w.customer.id, roomId: w.room.id, type: "comment.added" }),
      );
    w.db.update(roomHealth).set({ dirtySince: t0 }).where(eq(roomHealth.roomId, w.room.id)).run();
    expect(runHealthRecompute(new Date(t0.getTime() + HEALTH_DEBOUNCE_MS - 1))?.rooms).toBe(0);
    expect(runHealthRecompute(new Date(t0.getTime() + HEALTH_DEBOUNCE_MS))?.rooms).toBe(1);
    expect(state(w).dirtySince).toBeNull();
    expect(runHealthRecompute(new Date(t0.getTime() + HEALTH_DEBOUNCE_MS + 1))?.rooms).toBe(0);
  });

  it("health events do not mark the room dirty (no endless recompute)", () => {
    const w = setup();
    recomputeRoomHealth(w.room.id, at(1));
    w.db.transaction((tx) =>
      recordEvent(tx, { actorId: null, roomId: w.room.id, type: "health.band_changed" }),
    );
    expect(state(w).dirtySince).toBeNull();
  });

  it("a lease keeps a second process out, and the daily pass runs once per day", () => {
    const w = setup();
    const now = at(2);
    // A changed room, so that the recompute job has work and takes its lease.
    markHealthDirty(w.db, w.room.id, at(1));
    const release = acquireJobLease("health.recompute", 60_000, { now, holder: "process-a" });
    expect(release).not.toBeNull();
    expect(runHealthRecompute(now, { holder: "process-b" })).toBeNull();
    release!(true);
    expect(runHealthRecompute(now, { holder: "process-b" })?.rooms).toBe(1);
    // An abandoned lease expires.
    markHealthDirty(w.db, w.room.id, at(1));
    acquireJobLease("health.recompute", 1_000, { now, holder: "crashed" });
    expect(runHealthRecompute(new Date(now.getTime() + 1_001), { holder: "process-b" })?.rooms).toBe(1);

    expect(runDailyHealth(now, { holder: "a" })?.rooms).toBe(1);
    expect(runDailyHealth(new Date(now.getTime() + 3600_000), { holder: "b" })).toBeNull();
    expect(runDailyHealth(at(3), { holder: "b" })?.rooms).toBe(1);
  });

  it("only active and paused rooms are computed", () => {
    const w = setup();
    const other = makeAccountWithRoom(w.db, { csmId: w.csm.id });
    addMember(w.db, other.room.id, w.customer.id, "customer_member");
    expect(runDailyHealth(at(1), { force: true })?.rooms).toBe(2);
  });
});
