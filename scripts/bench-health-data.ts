/**
 * The health benchmark's dataset and its in-process measurements (called by scripts/bench.ts):
 * 5,000 rooms with 40 tasks, 10 milestones and 500 events each, written with raw prepared statements
 * (2.5 million events would take minutes through the ORM's row objects).
 */
import { randomBytes } from "node:crypto";
import type { Db } from "#db/client.server";
import { newId } from "#db/ids";
import { TOUCH_MODELS } from "~/vocabulary";
import { recordEvent } from "~/domain/events/events.server";
import { runDailyHealth } from "~/domain/health/jobs.server";
import { recomputeRoomHealth } from "~/domain/health/recompute.server";

export const HEALTH_ROOMS = 5_000;
const TASKS = 40;
const MILESTONES = 10;
const EVENTS = 500;
const CUSTOMERS = 3;
const CSMS = 50;
const DAY = 24 * 60 * 60 * 1000;

export type HealthDataset = { adminId: string; roomIds: string[]; customerIds: string[] };

/** mulberry32: the same dataset on every run (bench.ts uses it too). */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateHealthDataset(db: Db, now = Date.now()): HealthDataset {
  const random = prng(4_000_004);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const client = db.$client;
  const ins = (sql: string) => client.prepare(sql);
  const user = ins(
    "INSERT INTO users (id, email, name, kind, staff_role, active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
  );
  const account = ins(
    `INSERT INTO accounts (id, name, allowed_domains, mrr_minor, currency, renewal_date, touch_model, time_zone, csm_id, created_at)
     VALUES (?, ?, ?, ?, 'JPY', ?, ?, 'Asia/Tokyo', ?, ?)`,
  );
  const room = ins(
    "INSERT INTO rooms (id, account_id, title, stage, status, kickoff_date, target_go_live_date, created_at) VALUES (?, ?, ?, 'onboarding', 'active', ?, ?, ?)",
  );
  const member = ins(
    "INSERT INTO memberships (id, room_id, user_id, role, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const stakeholder = ins(
    "INSERT INTO stakeholders (id, room_id, name, side, user_id, is_sponsor, created_at) VALUES (?, ?, ?, 'customer', ?, ?, ?)",
  );
  const phase = ins("INSERT INTO phases (id, room_id, title, position) VALUES (?, ?, ?, ?)");
  const task = ins(
    `INSERT INTO tasks (id, room_id, phase_id, title, side, assignee_id, start_date, due_date, status, visibility, position, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'shared', ?, ?)`,
  );
  const milestone = ins(
    `INSERT INTO milestones (id, room_id, title, target_date, baseline_date, completed_at, is_first_value, position, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const link = ins("INSERT INTO milestone_tasks (milestone_id, task_id) VALUES (?, ?)");
  const event = ins(
    "INSERT INTO events (at, actor_id, account_id, room_id, type, subject_type, subject_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const TYPES = [
    "task.completed",
    "comment.added",
    "comment.added",
    "task.status_changed",
    "milestone.completed",
  ];

  const adminId = newId();
  const csmIds = Array.from({ length: CSMS }, () => newId());
  const roomIds: string[] = [];
  const customerIds: string[] = [];
  db.transaction(() => {
    user.run(adminId, "bench-admin@launchroom.example", "Bench Admin", "staff", "admin", now);
    csmIds.forEach((id, i) =>
      user.run(id, `bench-csm${i}@launchroom.example`, `CSM ${i}`, "staff", "csm", now),
    );
    for (let r = 0; r < HEALTH_ROOMS; r++) {
      const accountId = newId();
      const roomId = newId();
      const csmId = csmIds[r % CSMS]!;
      const kickoff = now - int(10, 120) * DAY;
      account.run(
        accountId,
        `Health bench account ${r}`,
        JSON.stringify([`bench${r}.example`]),
        int(5, 500) * 10_000,
        iso(now + int(10, 400) * DAY),
        TOUCH_MODELS[r % 3],
        csmId,
        now,
      );
      room.run(roomId, accountId, `Room ${r}`, iso(kickoff), iso(kickoff + 90 * DAY), kickoff);
      member.run(newId(), roomId, csmId, "owner", kickoff, null);
      // How engaged this customer is: some rooms go quiet for weeks, which the score must notice.
      const quietDays = random() < 0.2 ? int(10, 40) : int(0, 3);
      const customers = Array.from({ length: CUSTOMERS }, (_, c) => {
        const id = newId();
        user.run(id, `c${r}-${c}@bench${r}.example`, `Customer ${r}-${c}`, "customer", null, kickoff);
        member.run(
          newId(),
          roomId,
          id,
          c === 0 ? "customer_admin" : "customer_member",
          kickoff,
          now - quietDays * DAY,
        );
        customerIds.push(id);
        return id;
      });
      const sponsorId = newId();
      stakeholder.run(sponsorId, roomId, `Sponsor ${r}`, customers[0], 1, kickoff);
      const helperId = newId();
      stakeholder.run(helperId, roomId, `Lead ${r}`, customers[1], 0, kickoff);
      const phaseIds = Array.from({ length: 4 }, (_, p) => {
        const id = newId();
        phase.run(id, roomId, `Phase ${p + 1}`, p);
        return id;
      });
      const taskIds: string[] = [];
      const lateness = random() < 0.3 ? int(3, 20) : 0;
      for (let t = 0; t < TASKS; t++) {
        const id = newId();
        const due = kickoff + (t * 90 * DAY) / TASKS;
        const status = due + lateness * DAY < now ? "done" : random() < 0.2 ? "in_progress" : "todo";
        task.run(
          id,
          roomId,
          phaseIds[Math.floor(t / 10)],
          `Task ${t + 1}`,
          ["vendor", "customer", "joint"][t % 3],
          t % 2 ? sponsorId : helperId,
          iso(due - 7 * DAY),
          iso(due),
          status,
          t,
          kickoff,
        );
        taskIds.push(id);
      }
      for (let m = 0; m < MILESTONES; m++) {
        const id = newId();
        const target = kickoff + ((m + 1) * 90 * DAY) / MILESTONES;
        const done = target + lateness * DAY < now;
        milestone.run(
          id,
          roomId,
          `Milestone ${m + 1}`,
          iso(target + (lateness > 10 ? 7 * DAY : 0)),
          iso(target),
          done ? target + lateness * DAY : null,
          m === 6 ? 1 : 0,
          m,
          kickoff,
        );
        for (let k = 0; k < 4; k++) link.run(id, taskIds[m * 4 + k]);
      }
      for (let e = 0; e < EVENTS; e++) {
        const at = now - (quietDays + random() * (60 - quietDays)) * DAY;
        const actor = e % 4 === 0 ? csmId : customers[e % CUSTOMERS];
        event.run(
          Math.floor(at),
          actor,
          accountId,
          roomId,
          TYPES[e % TYPES.length],
          "task",
          taskIds[e % TASKS],
        );
      }
      roomIds.push(roomId);
    }
  });
  return { adminId, roomIds, customerIds };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

/** Full recompute of every room, then single-room recomputes right after an event. */
export function measureRecompute(db: Db, data: HealthDataset, samples = 300) {
  const now = new Date();
  const full = runDailyHealth(now, { force: true })!;
  // A second pass: the steady state (snapshots, alerts and state rows already exist).
  const again = runDailyHealth(now, { force: true })!;
  const random = prng(99);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const index = Math.floor(random() * data.roomIds.length);
    const roomId = data.roomIds[index]!;
    db.transaction((tx) =>
      recordEvent(tx, {
        actorId: data.customerIds[index * 3]!,
        roomId,
        type: "comment.added",
        data: { nonce: randomBytes(4).toString("hex") },
      }),
    );
    const started = performance.now();
    recomputeRoomHealth(roomId, new Date());
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    fullRoomsPerSecond: Math.round(full.rooms / (full.ms / 1000)),
    fullMs: full.ms,
    steadyRoomsPerSecond: Math.round(again.rooms / (again.ms / 1000)),
    steadyMs: again.ms,
    incrementalP50: percentile(times, 0.5),
    incrementalP99: percentile(times, 0.99),
    samples,
  };
}
