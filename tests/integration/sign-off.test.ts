import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import {
  events,
  milestones,
  milestoneSignOffs,
  milestoneTasks,
  outbox,
  phases,
  raciAssignments,
  stakeholders,
  tasks,
  users,
} from "#db/schema";
import { runSignOffReminders, SIGN_OFF_REMINDER_DAYS } from "~/domain/signoff/jobs.server";
import en from "~/i18n/locales/en/app.json";
import ja from "~/i18n/locales/ja/app.json";
import jaMail from "~/i18n/locales/ja/email.json";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";
import { HOSTILE_TEXTS } from "../fixtures/hostile-rich-text";

// The customer sign-off (検収) through the built app: the request when the last required task is done,
// its email through the relay to a real SMTP sink, the A's decisions, who else may (not) decide, and the
// reminders job.

let tdb: TestDatabase;
let app: TestApp;
let sink: SmtpSink;
let w: TwoTenants;
let approverStakeholderId: string;

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  // The A reads Japanese; the member reads English.
  tdb.db.update(users).set({ locale: "ja" }).where(eq(users.id, w.customerAdminA.id)).run();
  sink = await startSmtpSink();
  app = await startTestApp({ databasePath: tdb.path, smtpUrl: sink.url, relay: true });
});

afterAll(async () => {
  await app?.close();
  await sink?.close();
  tdb?.dispose();
});

async function as(userId: string, lang = "en") {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  client.cookies.set("lang", lang);
  return client;
}

const escaped = (value: string) =>
  value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");

/** A fresh milestone in room A needing sign-off, with two required tasks (one done), and its A. */
function makeMilestone(opts: { withApprover?: boolean } = {}) {
  const db = tdb.db;
  const roomId = w.roomA.id;
  const phase =
    db.select().from(phases).where(eq(phases.roomId, roomId)).get() ??
    db.insert(phases).values({ roomId, title: "Phase", position: 0 }).returning().get();
  const n = Math.random().toString(36).slice(2, 8);
  const mk = (title: string, status: "todo" | "done") =>
    db
      .insert(tasks)
      .values({ roomId, phaseId: phase.id, title, side: "joint", status, visibility: "shared", position: 0 })
      .returning()
      .get();
  const t1 = mk(`Prepare ${n}`, "done");
  const t2 = mk(`Deliver ${n}`, "todo");
  const m = db
    .insert(milestones)
    .values({
      roomId,
      title: `Acceptance ${n}`,
      targetDate: "2027-01-20",
      baselineDate: "2027-01-20",
      signOffRequired: true,
      position: 0,
    })
    .returning()
    .get();
  db.insert(milestoneTasks)
    .values([
      { milestoneId: m.id, taskId: t1.id },
      { milestoneId: m.id, taskId: t2.id },
    ])
    .run();
  if (opts.withApprover !== false) {
    approverStakeholderId ??= db
      .insert(stakeholders)
      .values({ roomId, name: w.customerAdminA.name, side: "customer", userId: w.customerAdminA.id })
      .returning()
      .get().id;
    db.insert(raciAssignments)
      .values({
        roomId,
        subjectType: "milestone",
        subjectId: m.id,
        stakeholderId: approverStakeholderId,
        letter: "A",
      })
      .run();
  }
  return { milestone: m, last: t2 };
}

const page = (id: string) => `/rooms/${w.roomA.id}/milestones/${id}`;
const requests = (milestoneId: string) =>
  tdb.db.select().from(milestoneSignOffs).where(eq(milestoneSignOffs.milestoneId, milestoneId)).all();
const milestoneRow = (id: string) => tdb.db.select().from(milestones).where(eq(milestones.id, id)).get()!;
const eventCount = (type: string, subjectId: string) =>
  tdb.db
    .select()
    .from(events)
    .where(and(eq(events.type, type), eq(events.subjectId, subjectId)))
    .all().length;

async function finishLastTask(last: { id: string; version: number }) {
  const csm = await as(w.csmA.id);
  const res = await csm.post(`/rooms/${w.roomA.id}/tasks/${last.id}`, {
    intent: "status",
    status: "done",
    version: String(last.version),
  });
  expect(res.status).toBeLessThan(400);
}

beforeEach(() => sink.clear());

describe("customer sign-off", () => {
  it("asks the A when the last required task is done, by email in their language; approving completes it", async () => {
    const { milestone, last } = makeMilestone();
    await finishLastTask(last);
    const [req] = requests(milestone.id);
    expect(req).toMatchObject({ approverId: approverStakeholderId, decision: null });
    expect(milestoneRow(milestone.id).completedAt).toBeNull();
    expect(eventCount("milestone.signoff_requested", milestone.id)).toBe(1);
    const mail = await sink.waitFor(
      (m) => m.to.includes(w.customerAdminA.email) && m.subject.includes(milestone.title),
    );
    expect(mail.subject).toContain("検収のお願い");
    expect(mail.html).toContain(`/rooms/${w.roomA.id}/milestones/${milestone.id}`);
    expect(jaMail.signOff.button.length).toBeGreaterThan(0);
    expect(mail.text).toContain(jaMail.signOff.button);

    // Everyone in the room sees the state; only the A sees the buttons.
    const member = await as(w.memberA.id);
    const seen = await (await member.get(page(milestone.id))).text();
    expect(seen).toContain("Waiting for sign-off by");
    expect(seen).not.toContain(`value="approved"`);
    const csm = await as(w.csmA.id);
    const csmPage = await (await csm.get(page(milestone.id))).text();
    expect(csmPage).not.toContain(`value="approved"`);
    const a = await as(w.customerAdminA.id, "ja");
    const aPage = await (await a.get(page(milestone.id))).text();
    expect(aPage).toContain(escaped(ja.signOff.approve));
    expect(aPage).toContain(escaped(ja.signOff.requestChanges));

    // The CSM's confirm is refused for such a milestone.
    const confirm = await csm.post(`/rooms/${w.roomA.id}/plan`, {
      intent: "completeMilestone",
      milestoneId: milestone.id,
      version: String(milestoneRow(milestone.id).version),
    });
    expect(confirm.status).toBe(400);
    expect(await confirm.text()).toContain(escaped(en.signOff.confirmRefused));

    sink.clear();
    const res = await a.post(page(milestone.id), {
      intent: "decideSignOff",
      signOffId: req!.id,
      decision: "approved",
    });
    expect(res.status).toBe(200);
    const done = milestoneRow(milestone.id);
    expect(done.completedAt).not.toBeNull();
    expect(done.completedById).toBe(w.customerAdminA.id);
    expect(requests(milestone.id)[0]).toMatchObject({
      decision: "approved",
      decidedById: w.customerAdminA.id,
    });
    expect(eventCount("milestone.signed_off", milestone.id)).toBe(1);
    expect(eventCount("milestone.completed", milestone.id)).toBe(1);
    // The usual milestone emails go out (the CSM and the owner at least).
    await sink.waitFor((m) => m.to.includes(w.csmA.email) && m.subject.includes(milestone.title));

    // A second decision (stale tab) is a 409 with a message; nothing changes.
    const again = await a.post(page(milestone.id), {
      intent: "decideSignOff",
      signOffId: req!.id,
      decision: "changes_requested",
      comment: "late",
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(escaped(ja.signOff.alreadyDecided));
    expect(requests(milestone.id)[0]!.decision).toBe("approved");

    // The acceptance record prints who and when.
    const record = await csm.get(`${page(milestone.id)}/acceptance`);
    expect(record.status).toBe(200);
    const html = await record.text();
    expect(html).toContain(w.customerAdminA.name);
    expect(html).toContain(escaped(milestone.title));
  });

  it("request changes needs a reason, keeps the milestone open, and the CSM can ask again", async () => {
    const { milestone, last } = makeMilestone();
    await finishLastTask(last);
    const [req] = requests(milestone.id);
    const a = await as(w.customerAdminA.id, "ja");
    const empty = await a.post(page(milestone.id), {
      intent: "decideSignOff",
      signOffId: req!.id,
      decision: "changes_requested",
      comment: "  ",
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain(escaped(ja.signOff.reasonRequired));
    const tooLong = await a.post(page(milestone.id), {
      intent: "decideSignOff",
      signOffId: req!.id,
      decision: "changes_requested",
      comment: "x".repeat(2001),
    });
    expect(tooLong.status).toBe(400);
    expect(requests(milestone.id)[0]!.decision).toBeNull();

    const ok = await a.post(page(milestone.id), {
      intent: "decideSignOff",
      signOffId: req!.id,
      decision: "changes_requested",
      comment: "The export misses the cost centre",
    });
    expect(ok.status).toBe(200);
    expect(milestoneRow(milestone.id).completedAt).toBeNull();
    expect(eventCount("milestone.changes_requested", milestone.id)).toBe(1);
    const csm = await as(w.csmA.id);
    const csmPage = await (await csm.get(page(milestone.id))).text();
    expect(csmPage).toContain("Changes requested by");
    expect(csmPage).toContain("The export misses the cost centre");

    const again = await csm.post(page(milestone.id), { intent: "requestSignOff" });
    expect(again.status).toBe(200);
    expect(requests(milestone.id)).toHaveLength(2);
    expect(requests(milestone.id).filter((r) => r.decision === null)).toHaveLength(1);
    await sink.waitFor((m) => m.to.includes(w.customerAdminA.email) && m.subject.includes(milestone.title));
  });

  it("refuses everyone but the A: another customer 403, staff 403, the other tenant 404", async () => {
    const { milestone, last } = makeMilestone();
    await finishLastTask(last);
    const [req] = requests(milestone.id);
    const form = { intent: "decideSignOff", signOffId: req!.id, decision: "approved" };
    for (const [userId, status] of [
      [w.memberA.id, 403],
      [w.viewerA.id, 403],
      [w.csmA.id, 403],
      [w.customerB.id, 404],
      // Vendor staff see every room (read-only for those not on it), but never decide for the customer.
      [w.csmB.id, 403],
    ] as const) {
      const client = await as(userId);
      const res = await client.post(page(milestone.id), form);
      expect(res.status, userId).toBe(status);
    }
    expect(requests(milestone.id)[0]!.decision).toBeNull();
    expect(milestoneRow(milestone.id).completedAt).toBeNull();
    // Customers cannot ask for it again either.
    const member = await as(w.memberA.id);
    expect((await member.post(page(milestone.id), { intent: "requestSignOff" })).status).toBe(403);
  });

  it("withdraws the waiting request when a required task reopens", async () => {
    const { milestone, last } = makeMilestone();
    await finishLastTask(last);
    expect(requests(milestone.id)).toHaveLength(1);
    const task = tdb.db.select().from(tasks).where(eq(tasks.id, last.id)).get()!;
    const csm = await as(w.csmA.id);
    await csm.post(`/rooms/${w.roomA.id}/tasks/${last.id}`, {
      intent: "status",
      status: "in_progress",
      version: String(task.version),
    });
    expect(requests(milestone.id)).toHaveLength(0);
  });

  it("without an A the request exists, the CSM is told what to fix, and can re-send once it is set", async () => {
    const { milestone, last } = makeMilestone({ withApprover: false });
    await finishLastTask(last);
    const [req] = requests(milestone.id);
    expect(req).toMatchObject({ approverId: null, decision: null });
    const queued = tdb.db.select().from(outbox).where(eq(outbox.template, "sign_off_request")).all();
    const csm = await as(w.csmA.id);
    const html = await (await csm.get(page(milestone.id))).text();
    expect(html).toContain(escaped(en.signOff.problem.noApprover));
    expect(html).toContain(`/rooms/${w.roomA.id}/raci`);
    const refused = await csm.post(page(milestone.id), { intent: "requestSignOff" });
    expect(refused.status).toBe(400);
    tdb.db
      .insert(raciAssignments)
      .values({
        roomId: w.roomA.id,
        subjectType: "milestone",
        subjectId: milestone.id,
        stakeholderId: approverStakeholderId,
        letter: "A",
      })
      .run();
    const resent = await csm.post(page(milestone.id), { intent: "requestSignOff" });
    expect(resent.status).toBe(200);
    expect(requests(milestone.id)[0]!.approverId).toBe(approverStakeholderId);
    expect(tdb.db.select().from(outbox).where(eq(outbox.template, "sign_off_request")).all().length).toBe(
      queued.length + 1,
    );
  });

  it("reminds every few days while it waits, once across two runs", async () => {
    const { milestone, last } = makeMilestone();
    await finishLastTask(last);
    const [req] = requests(milestone.id);
    const at = (days: number) => new Date(req!.requestedAt.getTime() + days * 24 * 3600 * 1000 + 1000);
    expect(runSignOffReminders(at(SIGN_OFF_REMINDER_DAYS - 1)).reminded).toBe(0);
    const first = runSignOffReminders(at(SIGN_OFF_REMINDER_DAYS));
    const second = runSignOffReminders(at(SIGN_OFF_REMINDER_DAYS));
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    expect(second.reminded).toBe(0);
    expect(requests(milestone.id)[0]).toMatchObject({ reminderCount: 1 });
    expect(eventCount("milestone.signoff_reminded", milestone.id)).toBe(1);
    const mail = await sink.waitFor(
      (m) =>
        m.to.includes(w.customerAdminA.email) &&
        m.subject.includes("再送") &&
        m.subject.includes(milestone.title),
    );
    expect(mail.subject).toContain(milestone.title);
    expect(runSignOffReminders(at(SIGN_OFF_REMINDER_DAYS * 2 - 1)).reminded).toBe(0);
    runSignOffReminders(at(SIGN_OFF_REMINDER_DAYS * 2 + 1));
    expect(requests(milestone.id)[0]).toMatchObject({ reminderCount: 2 });
  });

  it("keeps a hostile comment inert in the page, the record and the feed", async () => {
    for (const text of HOSTILE_TEXTS) {
      const { milestone, last } = makeMilestone();
      await finishLastTask(last);
      const [req] = requests(milestone.id);
      const a = await as(w.customerAdminA.id);
      const res = await a.post(page(milestone.id), {
        intent: "decideSignOff",
        signOffId: req!.id,
        decision: "changes_requested",
        comment: text,
      });
      expect(res.status).toBe(200);
      expect(requests(milestone.id)[0]!.comment).toBe(text.trim());
      const csm = await as(w.csmA.id);
      for (const path of [
        page(milestone.id),
        `${page(milestone.id)}/acceptance`,
        `/rooms/${w.roomA.id}/activity`,
      ]) {
        const html = await (await csm.get(path)).text();
        expect(html, path).not.toContain(text.trim().includes("<") ? text.trim() : "\u0000never");
        for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
          expect(tag).not.toMatch(/^<(img|svg|iframe|object|embed)/i);
          expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\son[a-z]+=/i);
        }
      }
    }
  });
});
