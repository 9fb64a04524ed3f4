import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import {
  events,
  outbox,
  raciAssignments,
  stakeholders,
  tasks,
  templateRaci,
  templateTasks,
  users,
} from "#db/schema";
import { createPlanFromTemplate, getPlan } from "~/domain/plan/plan.server";
import { createMilestone, createTask, removeTask } from "~/domain/plan/editing.server";
import { getRaciMatrix } from "~/domain/raci/raci.server";
import { reportRecipients } from "~/domain/reports/reports.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { createRelay } from "~/mail/relay.server";
import { createMailTransport } from "~/mail/transport.server";
import type { RaciLetter, RaciSubject } from "~/vocabulary";
import { HOSTILE_TEXTS } from "../fixtures/hostile-rich-text";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import { parseRfc4180 } from "../helpers/rfc4180";
import { startSmtpSink } from "../helpers/smtp-sink";

// The RACI (体制図) through the built app: the page, who may set which cell, refusals with data unchanged,
// print and CSV for customers (shared rows only), the template's default RACI filled into a new plan, R as
// default assignee, C asked by email when a task moves to review, I on the weekly report, hostile text.

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;
const ids: Record<string, string> = {};
const HOSTILE = HOSTILE_TEXTS.join(" | ");

const person = (values: Partial<typeof stakeholders.$inferInsert> & { name: string }) =>
  tdb.db
    .insert(stakeholders)
    .values({ roomId: w.roomA.id, side: "customer", ...values })
    .returning()
    .get().id;

const staffCtx = () => ({ ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA });

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  // The team before the plan is made, so the template's defaults find people of each role.
  ids.csm = person({
    name: "Carla Alpha-Csm",
    side: "vendor",
    teamRole: "csm",
    userId: w.csmA.id,
    email: w.csmA.email,
  });
  ids.exec = person({
    name: "Vic Vendor-Exec",
    side: "vendor",
    teamRole: "executive",
    email: "vic.exec@vendor.example",
  });
  ids.lead = person({
    name: "Quentin Admin",
    teamRole: "project_lead",
    userId: w.customerAdminA.id,
    email: w.customerAdminA.email,
  });
  ids.it = person({
    name: "Quinn Member",
    teamRole: "it_admin",
    userId: w.memberA.id,
    email: w.memberA.email,
  });
  ids.sponsor = person({
    name: "Sally Sponsor",
    teamRole: "sponsor",
    email: "sally@quokka.example",
    isSponsor: true,
  });
  createPlanFromTemplate(staffCtx(), w.templateId);
  const plan = getPlan(staffCtx());
  ids.phase = plan.phases[0]!.id;
  // An internal deliverable and an internal milestone: customers never see them.
  ids.internalTask = createTask(staffCtx(), {
    phaseId: ids.phase,
    title: "Secret internal deliverable",
    side: "vendor",
    visibility: "internal",
    dependsOn: [],
    isDeliverable: true,
  });
  ids.internalMilestone = createMilestone(staffCtx(), {
    title: "Secret internal milestone",
    targetDate: "2027-01-01",
    taskIds: [],
    isFirstValue: false,
    autoComplete: false,
    signOffRequired: false,
    visibility: "internal",
  });
  ids.sharedTask = createTask(staffCtx(), {
    phaseId: ids.phase,
    title: "Shared deliverable without assignee",
    side: "joint",
    visibility: "shared",
    dependsOn: [],
    isDeliverable: true,
  });
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  tdb?.dispose();
});

async function as(userId: string, lang = "en") {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  client.cookies.set("lang", lang);
  return client;
}

const page = () => `/rooms/${w.roomA.id}/raci`;
const cell = (type: RaciSubject, subjectId: string, stakeholderId: string) =>
  tdb.db
    .select()
    .from(raciAssignments)
    .where(
      and(
        eq(raciAssignments.subjectType, type),
        eq(raciAssignments.subjectId, subjectId),
        eq(raciAssignments.stakeholderId, stakeholderId),
      ),
    )
    .get()?.letter ?? null;
const setCell = (
  client: Client,
  form: {
    type: RaciSubject;
    id: string;
    person: string;
    letter: RaciLetter | "" | string;
    expected?: string;
  },
  roomId = w.roomA.id,
) =>
  client.post(`/rooms/${roomId}/raci`, {
    intent: "setCell",
    subjectType: form.type,
    subjectId: form.id,
    stakeholderId: form.person,
    letter: form.letter,
    ...(form.expected !== undefined ? { expected: form.expected } : {}),
  });
const taskByTitle = (title: string) =>
  tdb.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.roomId, w.roomA.id), eq(tasks.title, title)))
    .get()!;

describe("the template's default RACI", () => {
  it("is filled in with the room's people of each role when the plan is made", () => {
    // Phases: the sponsor is accountable, the project lead and the CSM responsible, executives informed.
    expect(cell("phase", ids.phase, ids.sponsor)).toBe("A");
    expect(cell("phase", ids.phase, ids.lead)).toBe("R");
    expect(cell("phase", ids.phase, ids.csm)).toBe("R");
    expect(cell("phase", ids.phase, ids.exec)).toBe("I");
    expect(cell("phase", ids.phase, ids.it)).toBe("C");
    const goals = taskByTitle("Agree goals and KPIs");
    expect(goals.isDeliverable).toBe(true);
    expect(cell("task", goals.id, ids.lead)).toBe("R");
    // The template's default role is the sponsor, but R is the default assignee.
    expect(goals.assigneeId).toBe(ids.lead);
    // A task that is not a deliverable has no row and no letters.
    const kickoff = taskByTitle("Kickoff meeting");
    expect(kickoff.isDeliverable).toBe(false);
    expect(
      tdb.db.select().from(raciAssignments).where(eq(raciAssignments.subjectId, kickoff.id)).all(),
    ).toEqual([]);
    // With everyone in place the standard template's rows follow the rule, except where a role is missing.
    const matrix = getRaciMatrix(staffCtx());
    const broken = matrix.groups.flatMap((g) => g.rows).filter((r) => r.problems.length);
    expect(broken.map((r) => r.title).sort()).toEqual(
      [
        "Admin training",
        "Secret internal deliverable",
        "Secret internal milestone",
        "Shared deliverable without assignee",
      ].sort(),
    );
  });
});

describe("the page", () => {
  it("shows a grid with both sides, the broken-row count and marks", async () => {
    const html = await (await (await as(w.csmA.id)).get(page())).text();
    // The grid's role and keys come with JavaScript (the e2e spec drives them); the page itself works without.
    expect(html).toContain('data-testid="raci-grid"');
    expect(html).toContain("Vic Vendor-Exec");
    expect(html).toContain("Sally Sponsor");
    expect(html).toContain("Secret internal deliverable");
    expect(html).toMatch(/4 rows need attention/);
    expect(html).toContain("No one is responsible (R)");
    // Without JavaScript each editable row is a form with a select per cell.
    expect(html).toContain(`name="c.${ids.sponsor}"`);
  });

  it("shows customers the shared rows only, in Japanese with the vendor's name", async () => {
    tdb.db.update(users).set({ locale: "ja" }).where(eq(users.id, w.memberA.id)).run();
    const html = await (await (await as(w.memberA.id, "ja")).get(page())).text();
    tdb.db.update(users).set({ locale: null }).where(eq(users.id, w.memberA.id)).run();
    expect(html).toContain("体制図");
    expect(html).toContain("Agree goals and KPIs");
    expect(html).not.toContain("Secret internal");
    // A customer member cannot edit: no row forms.
    expect(html).not.toContain('name="c.');
  });

  it("gives customer admins selects only in their own side's columns", async () => {
    const html = await (await (await as(w.customerAdminA.id)).get(page())).text();
    expect(html).toContain(`name="c.${ids.sponsor}"`);
    expect(html).not.toContain(`name="c.${ids.csm}"`);
  });

  it("is 404 for another tenant", async () => {
    expect((await (await as(w.customerB.id)).get(page())).status).toBe(404);
    expect((await (await as(w.salesB.id)).get(page())).status).toBe(404);
  });

  it("says what to do when the room has no people or no rows", async () => {
    const html = await (await (await as(w.csmA.id)).get(`/rooms/${w.roomA2.id}/raci`)).text();
    expect(html).toContain('data-testid="raci-empty"');
    expect(html).toContain("Team tab");
    expect(html).toContain("plan editor");
  });
});

describe("setting a cell", () => {
  it("lets vendor staff set any cell and records the change", async () => {
    const csm = await as(w.csmA.id);
    const r = await setCell(csm, {
      type: "task",
      id: ids.internalTask,
      person: ids.csm,
      letter: "A",
      expected: "",
    });
    expect(r.status).toBe(200);
    expect(cell("task", ids.internalTask, ids.csm)).toBe("A");
    const event = tdb.db
      .select()
      .from(events)
      .where(and(eq(events.type, "raci.changed"), eq(events.subjectId, ids.internalTask)))
      .get();
    expect(event?.data).toMatchObject({ to: "A", from: null, visibility: "internal" });
    // Delete clears it.
    expect(
      (await setCell(csm, { type: "task", id: ids.internalTask, person: ids.csm, letter: "" })).status,
    ).toBe(200);
    expect(cell("task", ids.internalTask, ids.csm)).toBeNull();
  });

  it("lets a customer admin set customer-side cells of shared rows", async () => {
    const admin = await as(w.customerAdminA.id);
    const r = await setCell(admin, {
      type: "phase",
      id: ids.phase,
      person: ids.it,
      letter: "I",
      expected: "C",
    });
    expect(r.status).toBe(200);
    expect(cell("phase", ids.phase, ids.it)).toBe("I");
  });

  it("refuses a customer admin the vendor's columns (403) and internal rows (404, as if unknown)", async () => {
    const admin = await as(w.customerAdminA.id);
    const vendorCol = await setCell(admin, { type: "phase", id: ids.phase, person: ids.csm, letter: "C" });
    expect(vendorCol.status).toBe(403);
    expect(cell("phase", ids.phase, ids.csm)).toBe("R");
    const internal = await setCell(admin, {
      type: "task",
      id: ids.internalTask,
      person: ids.sponsor,
      letter: "A",
    });
    expect(internal.status).toBe(404);
    const internalMilestone = await setCell(admin, {
      type: "milestone",
      id: ids.internalMilestone,
      person: ids.sponsor,
      letter: "A",
    });
    expect(internalMilestone.status).toBe(404);
    expect(cell("task", ids.internalTask, ids.sponsor)).toBeNull();
    expect(cell("milestone", ids.internalMilestone, ids.sponsor)).toBeNull();
  });

  it("refuses customer members and viewers (403) and other tenants (404)", async () => {
    for (const userId of [w.memberA.id, w.viewerA.id]) {
      const r = await setCell(await as(userId), {
        type: "phase",
        id: ids.phase,
        person: ids.sponsor,
        letter: "C",
      });
      expect(r.status).toBe(403);
    }
    const other = await setCell(await as(w.customerB.id), {
      type: "phase",
      id: ids.phase,
      person: ids.sponsor,
      letter: "C",
    });
    expect(other.status).toBe(404);
    // A room the user may edit, with ids of another room: unknown there.
    const csmB = await setCell(
      await as(w.csmB.id),
      { type: "phase", id: ids.phase, person: ids.sponsor, letter: "C" },
      w.roomB.id,
    );
    expect(csmB.status).toBe(404);
    expect(cell("phase", ids.phase, ids.sponsor)).toBe("A");
  });

  it("refuses a bad letter with 400 and a message, data unchanged", async () => {
    const csm = await as(w.csmA.id);
    for (const letter of ["X", "RA", "<script>"]) {
      const r = await setCell(csm, { type: "phase", id: ids.phase, person: ids.sponsor, letter });
      expect(r.status).toBe(400);
      expect(await r.text()).toContain("Choose R, A, C, I or leave the cell empty.");
    }
    const row = await csm.post(page(), {
      intent: "setRow",
      subjectType: "phase",
      subjectId: ids.phase,
      [`c.${ids.sponsor}`]: "Z",
      [`e.${ids.sponsor}`]: "A",
    });
    expect(row.status).toBe(400);
    expect(cell("phase", ids.phase, ids.sponsor)).toBe("A");
  });

  it("refuses a stale cell (409) rather than overwrite another's change", async () => {
    const csm = await as(w.csmA.id);
    const r = await setCell(csm, {
      type: "phase",
      id: ids.phase,
      person: ids.sponsor,
      letter: "C",
      expected: "",
    });
    expect(r.status).toBe(409);
    expect(cell("phase", ids.phase, ids.sponsor)).toBe("A");
  });

  it("saves a row without JavaScript, only the cells that changed", async () => {
    const csm = await as(w.csmA.id);
    const r = await csm.post(page(), {
      intent: "setRow",
      subjectType: "task",
      subjectId: ids.internalTask,
      [`c.${ids.csm}`]: "A",
      [`e.${ids.csm}`]: "",
      [`c.${ids.exec}`]: "",
      [`e.${ids.exec}`]: "",
    });
    expect(r.status).toBe(200);
    expect(cell("task", ids.internalTask, ids.csm)).toBe("A");
    expect(cell("task", ids.internalTask, ids.exec)).toBeNull();
  });
});

describe("R is the default assignee", () => {
  it("assigns the R of a task without an assignee, and records it", async () => {
    expect(taskByTitle("Shared deliverable without assignee").assigneeId).toBeNull();
    const csm = await as(w.csmA.id);
    expect(
      (await setCell(csm, { type: "task", id: ids.sharedTask, person: ids.it, letter: "R" })).status,
    ).toBe(200);
    expect(taskByTitle("Shared deliverable without assignee").assigneeId).toBe(ids.it);
    const recorded = tdb.db
      .select()
      .from(events)
      .where(and(eq(events.type, "task.updated"), eq(events.subjectId, ids.sharedTask)))
      .all()
      .find((e) => (e.data as { byRaci?: boolean }).byRaci);
    expect(recorded).toBeDefined();
    // A second R does not take the task away from the first.
    await setCell(csm, { type: "task", id: ids.sharedTask, person: ids.lead, letter: "R" });
    expect(taskByTitle("Shared deliverable without assignee").assigneeId).toBe(ids.it);
  });
});

describe("C are asked for comments when a task moves to review", () => {
  it("emails each consulted person with an address, in their language, through the real relay", async () => {
    const csm = await as(w.csmA.id);
    await setCell(csm, { type: "task", id: ids.sharedTask, person: ids.sponsor, letter: "C" });
    await setCell(csm, { type: "task", id: ids.sharedTask, person: ids.exec, letter: "C" });
    // The one who moves it is not asked.
    await setCell(csm, { type: "task", id: ids.sharedTask, person: ids.csm, letter: "C" });
    await setCell(csm, { type: "task", id: ids.internalTask, person: ids.sponsor, letter: "C" });
    await setCell(csm, { type: "task", id: ids.internalTask, person: ids.exec, letter: "C" });
    tdb.db.delete(outbox).run();
    const task = taskByTitle("Shared deliverable without assignee");
    const moved = await csm.post(`/rooms/${w.roomA.id}/tasks/${task.id}`, {
      intent: "status",
      taskId: task.id,
      status: "review",
      version: String(task.version),
    });
    expect(moved.status).toBeLessThan(400);
    const internal = taskByTitle("Secret internal deliverable");
    await csm.post(`/rooms/${w.roomA.id}/tasks/${internal.id}`, {
      intent: "status",
      taskId: internal.id,
      status: "review",
      version: String(internal.version),
    });
    const queued = tdb.db.select().from(outbox).where(eq(outbox.template, "raci_consult")).all();
    // Shared task: the sponsor and the vendor executive; internal task: the vendor executive only.
    expect(queued.map((m) => m.toEmail).sort()).toEqual(
      ["sally@quokka.example", "vic.exec@vendor.example", "vic.exec@vendor.example"].sort(),
    );
    expect(tdb.db.select().from(events).where(eq(events.type, "task.consult_requested")).all().length).toBe(
      2,
    );
    const smtp = await startSmtpSink();
    try {
      const relay = createRelay({
        transport: createMailTransport(smtp.url),
        from: "Launchroom <no-reply@launchroom.test>",
        intervalMs: 1000,
      });
      await relay.runOnce();
      const mail = await smtp.waitFor((m) => m.to.includes("sally@quokka.example"));
      expect(mail.subject).toContain("Shared deliverable without assignee");
      expect(mail.html).toContain(`/rooms/${w.roomA.id}/tasks/${task.id}`);
      expect(smtp.messages.filter((m) => m.to.includes("sally@quokka.example"))).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });
});

describe("I receive the weekly report", () => {
  it("adds the room's I holders with an email, once", () => {
    const a = getRoomAccess(w.csmA, w.roomA.id)!;
    const before = reportRecipients(tdb.db, a.room, a.account).map((r) => r.email);
    // The vendor executive holds I on the phases (from the template).
    expect(before).toContain("vic.exec@vendor.example");
    expect(before.filter((e) => e.toLowerCase() === w.memberA.email)).toHaveLength(1);
    tdb.db.delete(raciAssignments).where(eq(raciAssignments.stakeholderId, ids.exec)).run();
    const after = reportRecipients(tdb.db, a.room, a.account).map((r) => r.email);
    expect(after).not.toContain("vic.exec@vendor.example");
  });
});

describe("print and CSV", () => {
  it("give customers the shared rows only", async () => {
    const member = await as(w.memberA.id);
    const print = await member.get(`${page()}/print`);
    expect(print.status).toBe(200);
    const html = await print.text();
    expect(html).toContain("Agree goals and KPIs");
    expect(html).not.toContain("Secret internal");
    const csv = await member.get(`/rooms/${w.roomA.id}/raci.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text).not.toContain("Secret internal");
    const rows = parseRfc4180(text.replace(/^\uFEFF/, ""));
    const goals = rows.find((r) => r[1] === "Agree goals and KPIs")!;
    const header = rows[0]!;
    expect(goals[header.findIndex((h) => h.startsWith("Quentin Admin"))]).toBe("R");
  });

  it("show staff the internal rows, and quote formula-like titles", async () => {
    createTask(staffCtx(), {
      phaseId: ids.phase,
      title: '=HYPERLINK("http://evil.example")',
      side: "joint",
      visibility: "shared",
      dependsOn: [],
      isDeliverable: true,
    });
    const csm = await as(w.csmA.id);
    const text = await (await csm.get(`/rooms/${w.roomA.id}/raci.csv`)).text();
    expect(text).toContain("Secret internal deliverable");
    const rows = parseRfc4180(text.replace(/^\uFEFF/, ""));
    expect(rows.some((r) => r[1] === `'=HYPERLINK("http://evil.example")`)).toBe(true);
    const print = await (await csm.get(`${page()}/print`)).text();
    expect(print).toContain("Secret internal milestone");
  });
});

describe("deliverables", () => {
  it("are marked in the task form; unmarking or removing a task deletes its letters", async () => {
    const csm = await as(w.csmA.id);
    const kickoff = taskByTitle("Kickoff meeting");
    const form = {
      intent: "updateTask",
      taskId: kickoff.id,
      version: String(kickoff.version),
      title: kickoff.title,
      phaseId: kickoff.phaseId,
      side: kickoff.side,
      visibility: kickoff.visibility,
      assigneeId: kickoff.assigneeId ?? "",
      startDate: kickoff.startDate ?? "",
      dueDate: kickoff.dueDate ?? "",
      isDeliverable: "on",
    };
    expect((await csm.post(`/rooms/${w.roomA.id}/tasks/${kickoff.id}`, form)).status).toBe(200);
    expect(taskByTitle("Kickoff meeting").isDeliverable).toBe(true);
    await setCell(csm, { type: "task", id: kickoff.id, person: ids.sponsor, letter: "A" });
    expect(cell("task", kickoff.id, ids.sponsor)).toBe("A");
    const { isDeliverable: _, ...unmarked } = form;
    const r = await csm.post(`/rooms/${w.roomA.id}/tasks/${kickoff.id}`, {
      ...unmarked,
      version: String(taskByTitle("Kickoff meeting").version),
    });
    expect(r.status).toBe(200);
    expect(taskByTitle("Kickoff meeting").isDeliverable).toBe(false);
    expect(cell("task", kickoff.id, ids.sponsor)).toBeNull();
    // Removing a deliverable removes its cells.
    const shared = taskByTitle("Shared deliverable without assignee");
    expect(cell("task", shared.id, ids.it)).toBe("R");
    removeTask(staffCtx(), shared.id, shared.version);
    expect(
      tdb.db.select().from(raciAssignments).where(eq(raciAssignments.subjectId, shared.id)).all(),
    ).toEqual([]);
  });
});

describe("the template editor's default RACI", () => {
  it("sets a default cell by role (admins), refuses a bad letter", async () => {
    const admin = await as(w.admin.id);
    const task = tdb.db
      .select()
      .from(templateTasks)
      .where(and(eq(templateTasks.templateId, w.templateId), eq(templateTasks.isDeliverable, true)))
      .get()!;
    const path = `/templates/${w.templateId}/edit`;
    const ok = await admin.post(path, {
      intent: "setTemplateCell",
      subjectType: "task",
      subjectId: task.id,
      teamRole: "end_user",
      letter: "I",
    });
    expect(ok.status).toBe(200);
    const stored = () =>
      tdb.db
        .select()
        .from(templateRaci)
        .where(and(eq(templateRaci.subjectId, task.id), eq(templateRaci.teamRole, "end_user")))
        .get()?.letter;
    expect(stored()).toBe("I");
    const bad = await admin.post(path, {
      intent: "setTemplateCell",
      subjectType: "task",
      subjectId: task.id,
      teamRole: "end_user",
      letter: "Q",
    });
    expect(bad.status).toBe(400);
    expect(stored()).toBe("I");
    const html = await (await admin.get(path)).text();
    expect(html).toContain("Default RACI by team role");
  });
});

describe("hostile text", () => {
  it.each(HOSTILE_TEXTS)("%s stays text in the grid, the print page and the CSV", async (hostile) => {
    const name = `P ${hostile}`;
    const title = `T ${hostile}`;
    const personId = person({ name, teamRole: "end_user", email: "hostile@quokka.example" });
    const taskId = createTask(staffCtx(), {
      phaseId: ids.phase,
      title,
      side: "joint",
      visibility: "shared",
      dependsOn: [],
      isDeliverable: true,
    });
    const csm = await as(w.csmA.id);
    await setCell(csm, { type: "task", id: taskId, person: personId, letter: "C" });
    for (const path of [page(), `${page()}/print`]) {
      const html = await (await csm.get(path)).text();
      for (const raw of [
        "<script>window.__pwned",
        "<img src=x onerror",
        "<svg onload",
        "<iframe src=javascript",
        "<style>body",
        '<a href="javascript:',
      ])
        expect(html).not.toContain(raw);
    }
    const rows = parseRfc4180(
      (await (await csm.get(`/rooms/${w.roomA.id}/raci.csv`)).text()).replace(/^\uFEFF/, ""),
    );
    expect(rows.some((r) => r[1] === title || r[1] === `'${title}`)).toBe(true);
    removeTask(staffCtx(), taskId, taskByTitle(title).version);
    tdb.db.delete(stakeholders).where(eq(stakeholders.id, personId)).run();
  });

  it("stays text in the consult email", async () => {
    const csm = await as(w.csmA.id);
    const taskId = createTask(staffCtx(), {
      phaseId: ids.phase,
      title: `T ${HOSTILE}`.slice(0, 200),
      side: "joint",
      visibility: "shared",
      dependsOn: [],
      isDeliverable: true,
    });
    await setCell(csm, { type: "task", id: taskId, person: ids.sponsor, letter: "C" });
    tdb.db.delete(outbox).run();
    const task = tdb.db.select().from(tasks).where(eq(tasks.id, taskId)).get()!;
    await csm.post(`/rooms/${w.roomA.id}/tasks/${taskId}`, {
      intent: "status",
      taskId,
      status: "review",
      version: String(task.version),
    });
    const smtp = await startSmtpSink();
    try {
      const relay = createRelay({
        transport: createMailTransport(smtp.url),
        from: "Launchroom <no-reply@launchroom.test>",
        intervalMs: 1000,
      });
      await relay.runOnce();
      const mail = await smtp.waitFor((m) => m.to.includes("sally@quokka.example"));
      for (const raw of [
        "<script>window.__pwned",
        "<img src=x onerror",
        "<svg onload",
        "<iframe src=javascript",
      ])
        expect(mail.html).not.toContain(raw);
      expect(mail.text).toContain("window.__pwned");
    } finally {
      await smtp.close();
    }
  });
});
