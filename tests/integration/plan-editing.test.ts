import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, makeAccountWithRoom, makeCustomer, makeStaff } from "#db/factories";
import {
  events,
  milestones,
  milestoneTasks,
  phases,
  stakeholders,
  taskDependencies,
  tasks,
} from "#db/schema";
import {
  addPhase,
  createMilestone,
  createTask,
  getMilestoneDetail,
  movePhase,
  moveTask,
  removePhase,
  renamePhase,
  updateMilestone,
  updateTask,
} from "~/domain/plan/editing.server";
import {
  planForms,
  type PlanMilestoneInput as MilestoneInput,
  type PlanTaskInput as TaskInput,
} from "~/domain/plan/schemas";
import type { RoomContext } from "~/domain/plan/plan.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import {
  addStakeholder,
  listStakeholders,
  removeStakeholder,
  StakeholderSchema,
  updateStakeholder,
} from "~/domain/stakeholders/stakeholders.server";
import { DomainError } from "~/utils/errors";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import { useTestDatabase } from "../helpers/db";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";

describe("plan editing and stakeholders (domain)", () => {
  const t = useTestDatabase();

  function setup() {
    const db = t.db();
    const csm = makeStaff(db, { staffRole: "csm" });
    const { room } = makeAccountWithRoom(db, { csmId: csm.id });
    const customer = makeCustomer(db, { email: "kana@customer.example", name: "Kana Customer" });
    addMember(db, room.id, customer.id, "customer_admin");
    const member = makeCustomer(db, { email: "mori@customer.example" });
    addMember(db, room.id, member.id, "customer_member");
    // Another room of another account, for foreign ids.
    const otherCsm = makeStaff(db, { staffRole: "csm" });
    const other = makeAccountWithRoom(db, { csmId: otherCsm.id });
    const ctx = (user: typeof csm): RoomContext => ({ ...getRoomAccess(user, room.id)!, user });
    const otherCtx: RoomContext = { ...getRoomAccess(otherCsm, other.room.id)!, user: otherCsm };
    return { db, csm, room, staff: ctx(csm), admin: ctx(customer), member: ctx(member), otherCtx, customer };
  }

  function domainError(fn: () => unknown): DomainError {
    try {
      fn();
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error("expected a DomainError");
  }

  const taskInput = (phaseId: string, over: Partial<TaskInput> = {}): TaskInput => ({
    phaseId,
    title: "Task",
    side: "joint",
    visibility: "shared",
    dependsOn: [],
    ...over,
  });
  const milestoneInput = (over: Partial<MilestoneInput> = {}): MilestoneInput => ({
    title: "Go live",
    targetDate: "2027-01-29",
    taskIds: [],
    isFirstValue: false,
    autoComplete: false,
    signOffRequired: false,
    visibility: "shared",
    ...over,
  });
  const version = (id: string) => t.db().select().from(tasks).where(eq(tasks.id, id)).get()!.version;

  describe("task order", () => {
    it("moves a task up and down within its phase, refuses a stale version, and stops at the ends", () => {
      const { db, staff, member } = setup();
      const p = addPhase(staff, { title: "Setup" });
      const other = addPhase(staff, { title: "Other" });
      const [a, b, c] = ["A", "B", "C"].map((title) => createTask(staff, taskInput(p, { title })));
      createTask(staff, taskInput(other, { title: "Elsewhere" }));
      const order = () =>
        db
          .select()
          .from(tasks)
          .where(eq(tasks.phaseId, p))
          .orderBy(tasks.position)
          .all()
          .map((x) => x.title);
      moveTask(staff, c!, "up", version(c!));
      expect(order()).toEqual(["A", "C", "B"]);
      moveTask(staff, a!, "down", version(a!));
      expect(order()).toEqual(["C", "A", "B"]);
      const before = order();
      moveTask(staff, c!, "up", version(c!));
      expect(order()).toEqual(before);
      expect(domainError(() => moveTask(staff, b!, "up", version(b!) - 1)).status).toBe(409);
      expect(domainError(() => moveTask(member, b!, "up", version(b!))).status).toBe(403);
      expect(db.select().from(events).where(eq(events.type, "task.moved")).all()).toHaveLength(2);
    });
  });

  describe("phases", () => {
    it("adds, renames, reorders and removes phases, with an event for each change", () => {
      const { db, staff } = setup();
      const a = addPhase(staff, { title: "Kickoff" });
      const b = addPhase(staff, { title: "Setup" });
      renamePhase(staff, b, { title: "Configuration", version: 1 });
      movePhase(staff, b, "up", 2);
      const ordered = db.select().from(phases).orderBy(phases.position).all();
      expect(ordered.map((p) => p.title)).toEqual(["Configuration", "Kickoff"]);
      expect(domainError(() => renamePhase(staff, a, { title: "x", version: 1 })).status).toBe(409);
      createTask(staff, taskInput(a));
      const current = db.select().from(phases).where(eq(phases.id, a)).get()!;
      expect(domainError(() => removePhase(staff, a, current.version)).messageKey).toBe(
        "planEdit.phaseNotEmpty",
      );
      removePhase(staff, b, 3);
      expect(db.select().from(phases).all()).toHaveLength(1);
      const types = db
        .select()
        .from(events)
        .all()
        .map((e) => e.type);
      expect(types.filter((x) => x.startsWith("phase."))).toEqual([
        "phase.added",
        "phase.added",
        "phase.renamed",
        "phase.moved",
        "phase.removed",
      ]);
    });

    it("is refused to customers", () => {
      const { admin } = setup();
      expect(domainError(() => addPhase(admin, { title: "X" })).status).toBe(403);
    });
  });

  describe("tasks", () => {
    it("refuses a due date before the start date, in the form schema and the domain", () => {
      const { staff } = setup();
      const phaseId = addPhase(staff, { title: "P" });
      const e = domainError(() =>
        createTask(staff, taskInput(phaseId, { startDate: "2026-12-10", dueDate: "2026-12-09" })),
      );
      expect(e).toMatchObject({ status: 400, messageKey: "planEdit.dueBeforeStart", field: "dueDate" });
      expect(
        createTask(staff, taskInput(phaseId, { startDate: "2026-12-10", dueDate: "2026-12-10" })),
      ).toBeTruthy();
    });

    it("refuses dependency cycles, direct and transitive, and self-dependency", () => {
      const { db, staff } = setup();
      const p = addPhase(staff, { title: "P" });
      const a = createTask(staff, taskInput(p, { title: "A" }));
      const b = createTask(staff, taskInput(p, { title: "B", dependsOn: [a] }));
      const c = createTask(staff, taskInput(p, { title: "C", dependsOn: [b] }));
      const cycle = domainError(() =>
        updateTask(staff, a, { ...taskInput(p, { title: "A", dependsOn: [c] }), version: version(a) }),
      );
      expect(cycle).toMatchObject({ status: 400, messageKey: "planEdit.dependencyCycle" });
      expect(
        domainError(() => updateTask(staff, a, { ...taskInput(p, { dependsOn: [a] }), version: version(a) }))
          .messageKey,
      ).toBe("planEdit.dependencyCycle");
      // Not a cycle: A → B is fine when B's own dependency on A is replaced.
      updateTask(staff, b, { ...taskInput(p, { title: "B", dependsOn: [] }), version: version(b) });
      updateTask(staff, a, { ...taskInput(p, { title: "A", dependsOn: [b] }), version: version(a) });
      expect(db.select().from(taskDependencies).where(eq(taskDependencies.taskId, a)).all()).toEqual([
        { taskId: a, dependsOnId: b },
      ]);
    });

    it("refuses a phase, assignee or dependency of another room", () => {
      const { db, staff, otherCtx } = setup();
      const p = addPhase(staff, { title: "P" });
      const foreignPhase = addPhase(otherCtx, { title: "Foreign" });
      const foreignTask = createTask(otherCtx, taskInput(foreignPhase));
      const foreignPerson = addStakeholder(
        otherCtx,
        StakeholderSchema.parse({ name: "Other", side: "customer" }),
      );
      expect(domainError(() => createTask(staff, taskInput(foreignPhase))).status).toBe(404);
      expect(
        domainError(() => createTask(staff, taskInput(p, { assigneeId: foreignPerson }))).messageKey,
      ).toBe("planEdit.unknownAssignee");
      expect(
        domainError(() => createTask(staff, taskInput(p, { dependsOn: [foreignTask] }))).messageKey,
      ).toBe("planEdit.unknownDependency");
      expect(domainError(() => updateTask(staff, foreignTask, { ...taskInput(p), version: 1 })).status).toBe(
        404,
      );
      expect(
        domainError(() => createMilestone(staff, milestoneInput({ taskIds: [foreignTask] }))).messageKey,
      ).toBe("planEdit.unknownTask");
      expect(db.select().from(tasks).where(eq(tasks.roomId, staff.room.id)).all()).toHaveLength(0);
    });

    it("refuses a stale version with 409 and writes an event for each change", () => {
      const { db, staff } = setup();
      const p = addPhase(staff, { title: "P" });
      const id = createTask(staff, taskInput(p, { title: "Original" }));
      updateTask(staff, id, { ...taskInput(p, { title: "Edited", visibility: "internal" }), version: 1 });
      const stale = domainError(() =>
        updateTask(staff, id, { ...taskInput(p, { title: "Lost" }), version: 1 }),
      );
      expect(stale).toMatchObject({ status: 409, messageKey: "planEdit.stale" });
      expect(db.select().from(tasks).where(eq(tasks.id, id)).get()).toMatchObject({
        title: "Edited",
        version: 2,
      });
      const updated = db.select().from(events).where(eq(events.type, "task.updated")).get()!;
      expect(updated.data).toMatchObject({ title: "Edited", visibility: "internal" });
    });

    it("parses the form: dependencies as a list, empty dates as missing", () => {
      const form = new FormData();
      form.append("phaseId", "p1");
      form.append("title", "  T  ");
      form.append("side", "customer");
      form.append("visibility", "shared");
      form.append("startDate", "");
      form.append("dependsOn", "x");
      form.append("dependsOn", "y");
      const parsed = planForms.addTask.parse(
        Object.fromEntries(
          [...new Set(form.keys())].map((k) => {
            const all = form.getAll(k);
            return [k, all.length > 1 ? all : all[0]];
          }),
        ),
      );
      expect(parsed).toMatchObject({ title: "T", dependsOn: ["x", "y"], startDate: undefined });
    });
  });

  describe("milestones", () => {
    it("keeps the baseline when the target moves and shows the slip", () => {
      const { db, staff } = setup();
      const p = addPhase(staff, { title: "P" });
      const task = createTask(staff, taskInput(p));
      const id = createMilestone(staff, milestoneInput({ targetDate: "2027-01-29", taskIds: [task] }));
      updateMilestone(staff, id, {
        ...milestoneInput({ targetDate: "2027-02-05", taskIds: [task] }),
        version: 1,
      });
      expect(db.select().from(milestones).where(eq(milestones.id, id)).get()).toMatchObject({
        targetDate: "2027-02-05",
        baselineDate: "2027-01-29",
        version: 2,
      });
      expect(db.select().from(milestoneTasks).where(eq(milestoneTasks.milestoneId, id)).all()).toHaveLength(
        1,
      );
      expect(domainError(() => updateMilestone(staff, id, { ...milestoneInput(), version: 1 })).status).toBe(
        409,
      );
      expect(getMilestoneDetail(staff, id)).toMatchObject({ requiredTotal: 1, requiredDone: 0 });
    });

    it("allows at most one first-value milestone per room", () => {
      const { staff } = setup();
      const first = createMilestone(staff, milestoneInput({ title: "Aha", isFirstValue: true }));
      const e = domainError(() =>
        createMilestone(staff, milestoneInput({ title: "Second", isFirstValue: true })),
      );
      expect(e).toMatchObject({
        status: 400,
        messageKey: "planEdit.firstValueTaken",
        params: { title: "Aha" },
      });
      // Re-saving the first-value milestone itself is fine.
      updateMilestone(staff, first, { ...milestoneInput({ title: "Aha!", isFirstValue: true }), version: 1 });
    });

    it("hides internal milestones from customers (404)", () => {
      const { staff, member } = setup();
      const id = createMilestone(staff, milestoneInput({ visibility: "internal" }));
      expect(domainError(() => getMilestoneDetail(member, id)).status).toBe(404);
      expect(getMilestoneDetail(staff, id).milestone.id).toBe(id);
    });
  });

  describe("stakeholders", () => {
    it("validates the form: name required, email format, a role from the list, free-text responsibility", () => {
      expect(StakeholderSchema.safeParse({ name: " ", side: "customer" }).success).toBe(false);
      expect(
        StakeholderSchema.safeParse({ name: "A", side: "customer", email: "not-an-email" }).success,
      ).toBe(false);
      expect(StakeholderSchema.safeParse({ name: "A", side: "partner" }).success).toBe(false);
      expect(StakeholderSchema.safeParse({ name: "A", side: "vendor", teamRole: "boss" }).success).toBe(
        false,
      );
      expect(StakeholderSchema.parse({ name: "A", side: "vendor", teamRole: "" }).teamRole).toBeUndefined();
      expect(
        StakeholderSchema.parse({
          name: "A",
          side: "vendor",
          email: " A@X.EXAMPLE ",
          teamRole: "it_admin",
          responsibility: "SSO and user provisioning",
        }),
      ).toMatchObject({
        email: "a@x.example",
        teamRole: "it_admin",
        responsibility: "SSO and user provisioning",
        isSponsor: false,
      });
    });

    it("adds, edits and removes; links to the room member with the same email; unassigns tasks", () => {
      const { db, staff, admin, customer } = setup();
      const id = addStakeholder(
        admin,
        StakeholderSchema.parse({
          name: "Kana",
          side: "customer",
          email: "KANA@customer.example",
          isSponsor: "on",
        }),
      );
      expect(listStakeholders(staff)[0]).toMatchObject({
        userId: customer.id,
        userName: "Kana Customer",
        isSponsor: true,
      });
      updateStakeholder(staff, id, {
        ...StakeholderSchema.parse({ name: "Kana K.", side: "customer", email: "nobody@customer.example" }),
        version: 1,
      });
      expect(listStakeholders(staff)[0]).toMatchObject({ name: "Kana K.", userId: null, version: 2 });
      expect(
        domainError(() =>
          updateStakeholder(staff, id, {
            ...StakeholderSchema.parse({ name: "X", side: "vendor" }),
            version: 1,
          }),
        ).status,
      ).toBe(409);

      const p = addPhase(staff, { title: "P" });
      const task = createTask(staff, taskInput(p, { assigneeId: id }));
      removeStakeholder(admin, id, 2);
      expect(db.select().from(stakeholders).all()).toHaveLength(0);
      expect(db.select().from(tasks).where(eq(tasks.id, task)).get()!.assigneeId).toBeNull();
      const types = db
        .select()
        .from(events)
        .where(and(eq(events.roomId, staff.room.id), eq(events.subjectType, "stakeholder")))
        .orderBy(events.id)
        .all()
        .map((e) => e.type);
      expect(types).toEqual(["stakeholder.added", "stakeholder.updated", "stakeholder.removed"]);
    });

    it("is refused to customer members and for stakeholders of another room", () => {
      const { staff, member, otherCtx } = setup();
      expect(
        domainError(() => addStakeholder(member, StakeholderSchema.parse({ name: "X", side: "customer" })))
          .status,
      ).toBe(403);
      const foreign = addStakeholder(otherCtx, StakeholderSchema.parse({ name: "Other", side: "customer" }));
      expect(domainError(() => removeStakeholder(staff, foreign, 1)).status).toBe(404);
    });
  });
});

describe("plan editor and stakeholder pages over HTTP", () => {
  let tdb: TestDatabase;
  let app: TestApp;
  let w: TwoTenants;
  let phaseId: string;
  let taskId: string;
  let foreignStakeholder: string;

  beforeAll(async () => {
    tdb = createTestDatabase();
    w = seedTwoTenants(tdb.db);
    phaseId = tdb.db
      .insert(phases)
      .values({ roomId: w.roomA.id, title: "Setup", position: 0 })
      .returning()
      .get().id;
    taskId = tdb.db
      .insert(tasks)
      .values({ roomId: w.roomA.id, phaseId, title: "Configure SSO", side: "customer", position: 0 })
      .returning()
      .get().id;
    foreignStakeholder = tdb.db
      .insert(stakeholders)
      .values({ roomId: w.roomB.id, name: "Bravo Person", side: "customer" })
      .returning()
      .get().id;
    app = await startTestApp({ databasePath: tdb.path });
  });
  afterAll(async () => {
    await app?.close();
    tdb?.dispose();
  });

  const as = (userId: string) => {
    const client = new Client(app.url);
    signInAs(tdb.db, client, userId);
    return client;
  };
  const taskForm = (over: Record<string, string> = {}) => ({
    intent: "addTask",
    phaseId,
    title: "New task",
    side: "joint",
    visibility: "shared",
    ...over,
  });

  it("shows the editor to the CSM only", async () => {
    const res = await as(w.csmA.id).get(`/rooms/${w.roomA.id}/plan/edit`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Configure SSO");
    expect(html).toContain('name="intent" value="addTask"');
    expect((await as(w.customerAdminA.id).get(`/rooms/${w.roomA.id}/plan/edit`)).status).toBe(403);
  });

  it("refuses a due date before the start and a foreign assignee; adds a valid task", async () => {
    const csm = as(w.csmA.id);
    const url = `/rooms/${w.roomA.id}/plan/edit`;
    const count = () => tdb.db.select().from(tasks).where(eq(tasks.roomId, w.roomA.id)).all().length;
    const before = count();
    expect((await csm.post(url, taskForm({ startDate: "2026-12-10", dueDate: "2026-12-01" }))).status).toBe(
      400,
    );
    expect((await csm.post(url, taskForm({ assigneeId: foreignStakeholder }))).status).toBe(400);
    expect((await csm.post(url, taskForm({ title: "" }))).status).toBe(400);
    expect(count()).toBe(before);
    expect((await csm.post(url, taskForm({ title: "Valid task", dueDate: "2026-12-20" }))).status).toBe(200);
    expect(count()).toBe(before + 1);
  });

  it("answers 409 to a stale task edit and keeps the newer data", async () => {
    const csm = as(w.csmA.id);
    const url = `/rooms/${w.roomA.id}/tasks/${taskId}`;
    const edit = (title: string, version: string) =>
      csm.post(url, { ...taskForm({ title, side: "customer" }), intent: "updateTask", version });
    expect((await edit("Configure SSO (Okta)", "1")).status).toBe(200);
    const stale = await edit("Lost edit", "1");
    expect(stale.status).toBe(409);
    expect(tdb.db.select().from(tasks).where(eq(tasks.id, taskId)).get()).toMatchObject({
      title: "Configure SSO (Okta)",
      version: 2,
    });
  });

  it("lets customers view stakeholders, customer admins edit them, and validates the form", async () => {
    const url = `/rooms/${w.roomA.id}/team`;
    const viewer = await as(w.viewerA.id).get(url);
    expect(viewer.status).toBe(200);
    expect(await viewer.text()).not.toContain('value="add"');
    expect((await as(w.memberA.id).post(url, { intent: "add", name: "X", side: "customer" })).status).toBe(
      403,
    );
    const admin = as(w.customerAdminA.id);
    expect((await admin.post(url, { intent: "add", name: "", side: "customer" })).status).toBe(400);
    expect(
      (await admin.post(url, { intent: "add", name: "Q", side: "customer", email: "nope" })).status,
    ).toBe(400);
    const ok = await admin.post(url, {
      intent: "add",
      name: "Quinn (IT)",
      side: "customer",
      teamRole: "it_admin",
      email: w.memberA.email,
    });
    expect(ok.status).toBe(200);
    const row = tdb.db.select().from(stakeholders).where(eq(stakeholders.name, "Quinn (IT)")).get()!;
    expect(row).toMatchObject({ userId: w.memberA.id, teamRole: "it_admin" });
    const page = await (await as(w.viewerA.id).get(url)).text();
    expect(page).toContain("Quinn (IT)");
    expect(page).toContain(w.memberA.name);
    // Another room's stakeholder id cannot be removed through room A.
    const foreign = await admin.post(url, { intent: "remove", id: foreignStakeholder, version: "1" });
    expect(foreign.status).toBe(404);
    expect(
      tdb.db.select().from(stakeholders).where(eq(stakeholders.id, foreignStakeholder)).get(),
    ).toBeTruthy();
  });
});
