import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAccountWithRoom, makeStaff } from "#db/factories";
import {
  events,
  milestoneTasks,
  milestones,
  phases,
  planTemplates,
  taskDependencies,
  tasks,
  templatePhases,
} from "#db/schema";
import type { StaffUser } from "~/access/users";
import { createPlanFromTemplate } from "~/domain/plan/plan.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import {
  addMilestone,
  addPhase,
  addTask,
  removePhase,
  removeTask,
  renamePhase,
  updateMilestone,
  updateTask,
  updateTemplateInfo,
} from "~/domain/templates/editing.server";
import {
  templateForms,
  type TemplateMilestoneInput as MilestoneInput,
  type TemplateTaskInput as TaskInput,
} from "~/domain/plan/schemas";
import { STANDARD_TEMPLATE_EN, STANDARD_TEMPLATE_JA } from "~/domain/templates/standard-templates";
import { createTemplate, loadTemplate } from "~/domain/templates/templates.server";
import { DomainError } from "~/utils/errors";
import { parseForm } from "~/utils/forms";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import { useTestDatabase } from "../helpers/db";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";

let current: ReturnType<typeof useTestDatabase>;

function setup() {
  const db = current.db();
  const csm = makeStaff(db, { staffRole: "csm" }) as StaffUser;
  const templateId = createTemplate(db, STANDARD_TEMPLATE_JA, csm.id);
  const source = () => loadTemplate(db, templateId)!;
  return { db, csm, templateId, source, version: () => source().template.version };
}

function taskInput(over: Partial<TaskInput> & Pick<TaskInput, "phaseId" | "version">): TaskInput {
  return {
    title: "新しいタスク",
    side: "vendor",
    startOffsetDays: 1,
    dueOffsetDays: 3,
    visibility: "shared",
    dependsOn: [],
    ...over,
  };
}

function milestoneInput(over: Partial<MilestoneInput> & Pick<MilestoneInput, "version">): MilestoneInput {
  return {
    title: "新しいマイルストーン",
    offsetDays: 10,
    taskIds: [],
    isFirstValue: false,
    autoComplete: false,
    signOffRequired: false,
    visibility: "shared",
    ...over,
  };
}

function expectDomainError(fn: () => unknown, status: number, key?: string) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(status);
    if (key) expect((error as DomainError).messageKey).toBe(key);
    return error as DomainError;
  }
  throw new Error("expected a DomainError");
}

function form(entries: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [key, value] of Object.entries(entries))
    for (const v of ([] as string[]).concat(value)) fd.append(key, v);
  return fd;
}

describe("template editing", () => {
  current = useTestDatabase();
  it("validates offsets in the form and in the domain", () => {
    const { csm, templateId, source, version } = setup();
    const base = { phaseId: source().phases[0]!.id, title: "x", side: "vendor", visibility: "shared" };
    const parse = (start: string, due: string) =>
      parseForm(
        templateForms.addTask,
        form({ ...base, version: "1", startOffsetDays: start, dueOffsetDays: due }),
      );
    expect(parse("-365", "730").ok).toBe(true);
    expect(parse("-366", "0")).toEqual({
      ok: false,
      fieldErrors: { startOffsetDays: "templateEdit.offsetRange" },
    });
    expect(parse("0", "731")).toEqual({
      ok: false,
      fieldErrors: { dueOffsetDays: "templateEdit.offsetRange" },
    });
    expect(parse("1.5", "2")).toEqual({
      ok: false,
      fieldErrors: { startOffsetDays: "templateEdit.offsetInteger" },
    });
    expect(parse("", "2")).toEqual({
      ok: false,
      fieldErrors: { startOffsetDays: "templateEdit.offsetRequired" },
    });
    expect(parse("abc", "2").ok).toBe(false);

    const before = source().tasks.length;
    const error = expectDomainError(
      () =>
        addTask(
          csm,
          templateId,
          taskInput({ phaseId: base.phaseId, version: version(), startOffsetDays: 5, dueOffsetDays: 4 }),
        ),
      400,
      "templateEdit.dueBeforeStart",
    );
    expect(error.field).toBe("dueOffsetDays");
    expect(source().tasks.length).toBe(before);
    addTask(
      csm,
      templateId,
      taskInput({ phaseId: base.phaseId, version: version(), startOffsetDays: 4, dueOffsetDays: 4 }),
    );
    expect(source().tasks.length).toBe(before + 1);
  });

  it("refuses a dependency cycle, including a task depending on itself", () => {
    const { csm, templateId, source, version } = setup();
    const phaseId = source().phases[0]!.id;
    const a = addTask(csm, templateId, taskInput({ phaseId, version: version(), title: "A" }));
    const b = addTask(
      csm,
      templateId,
      taskInput({ phaseId, version: version(), title: "B", dependsOn: [a] }),
    );
    const c = addTask(
      csm,
      templateId,
      taskInput({ phaseId, version: version(), title: "C", dependsOn: [b] }),
    );
    expectDomainError(
      () =>
        updateTask(
          csm,
          templateId,
          a,
          taskInput({ phaseId, version: version(), title: "A", dependsOn: [c] }),
        ),
      400,
      "templateEdit.dependencyCycle",
    );
    expectDomainError(
      () =>
        updateTask(
          csm,
          templateId,
          a,
          taskInput({ phaseId, version: version(), title: "A", dependsOn: [a] }),
        ),
      400,
      "templateEdit.dependencyCycle",
    );
    expect(source().dependencies.filter((d) => d.taskId === a)).toEqual([]);
    // A chain without a loop is fine.
    updateTask(csm, templateId, c, taskInput({ phaseId, version: version(), title: "C", dependsOn: [a, b] }));
    expect(
      source()
        .dependencies.filter((d) => d.taskId === c)
        .map((d) => d.dependsOnId)
        .sort(),
    ).toEqual([a, b].sort());
  });

  it("refuses ids of another template with 404", () => {
    const { db, csm, templateId, source, version } = setup();
    const other = loadTemplate(db, createTemplate(db, STANDARD_TEMPLATE_EN, csm.id))!;
    const phaseId = source().phases[0]!.id;
    const ownTask = source().tasks[0]!;
    const foreignTask = other.tasks[0]!.id;
    const foreignPhase = other.phases[0]!.id;
    const foreignMilestone = other.milestones[0]!.id;
    const before = JSON.stringify(source());
    expectDomainError(
      () => addTask(csm, templateId, taskInput({ phaseId: foreignPhase, version: version() })),
      404,
    );
    expectDomainError(
      () => addTask(csm, templateId, taskInput({ phaseId, version: version(), dependsOn: [foreignTask] })),
      404,
    );
    expectDomainError(
      () => updateTask(csm, templateId, foreignTask, taskInput({ phaseId, version: version() })),
      404,
    );
    expectDomainError(() => removeTask(csm, templateId, foreignTask, version()), 404);
    expectDomainError(
      () => renamePhase(csm, templateId, foreignPhase, { title: "x", version: version() }),
      404,
    );
    expectDomainError(() => removePhase(csm, templateId, foreignPhase, version()), 404);
    expectDomainError(
      () => addMilestone(csm, templateId, milestoneInput({ version: version(), taskIds: [foreignTask] })),
      404,
    );
    expectDomainError(
      () => updateMilestone(csm, templateId, foreignMilestone, milestoneInput({ version: version() })),
      404,
    );
    expectDomainError(
      () =>
        updateTask(
          csm,
          templateId,
          ownTask.id,
          taskInput({ phaseId, version: version(), title: ownTask.title, dependsOn: [foreignTask] }),
        ),
      404,
    );
    expect(JSON.stringify(source())).toBe(before);
    expect(JSON.stringify(other)).toBe(JSON.stringify(loadTemplate(db, other.template.id)));
  });

  it("refuses a stale version with 409 and leaves the template unchanged", () => {
    const { db, csm, templateId, source, version } = setup();
    const v = version();
    updateTemplateInfo(csm, templateId, { name: "改訂版", description: "説明", version: v });
    expect(version()).toBe(v + 1);
    const before = JSON.stringify(source());
    const eventsBefore = db.select().from(events).all().length;
    expectDomainError(
      () => updateTemplateInfo(csm, templateId, { name: "古い編集", version: v }),
      409,
      "templateEdit.stale",
    );
    expectDomainError(
      () => addPhase(csm, templateId, { title: "古い", version: v }),
      409,
      "templateEdit.stale",
    );
    expectDomainError(
      () => addTask(csm, templateId, taskInput({ phaseId: source().phases[0]!.id, version: v })),
      409,
    );
    expect(JSON.stringify(source())).toBe(before);
    expect(db.select().from(events).all().length).toBe(eventsBefore);
    expect(source().template.name).toBe("改訂版");
  });

  it("is for template managers only: sales gets 403", () => {
    const { db, templateId, source, version } = setup();
    const sales = makeStaff(db, { staffRole: "sales" }) as StaffUser;
    const before = JSON.stringify(source());
    expectDomainError(() => addPhase(sales, templateId, { title: "x", version: version() }), 403);
    expectDomainError(() => updateTemplateInfo(sales, templateId, { name: "x", version: version() }), 403);
    expect(JSON.stringify(source())).toBe(before);
  });

  it("removes only empty phases, allows one first-value milestone, and records events", () => {
    const { db, csm, templateId, source, version } = setup();
    expectDomainError(
      () => removePhase(csm, templateId, source().phases[0]!.id, version()),
      400,
      "templateEdit.phaseNotEmpty",
    );
    const empty = addPhase(csm, templateId, { title: "空のフェーズ", version: version() });
    removePhase(csm, templateId, empty, version());
    expect(db.select().from(templatePhases).where(eq(templatePhases.id, empty)).get()).toBeUndefined();
    const taken = source().milestones.find((m) => m.isFirstValue)!;
    const error = expectDomainError(
      () => addMilestone(csm, templateId, milestoneInput({ version: version(), isFirstValue: true })),
      400,
      "templateEdit.firstValueTaken",
    );
    expect(error.params).toEqual({ title: taken.title });
    // Editing the first-value milestone itself keeps it.
    updateMilestone(
      csm,
      templateId,
      taken.id,
      milestoneInput({
        version: version(),
        title: taken.title,
        offsetDays: taken.offsetDays,
        isFirstValue: true,
      }),
    );
    const changed = db
      .select()
      .from(events)
      .where(and(eq(events.type, "template.changed"), eq(events.subjectId, templateId)))
      .all();
    expect(changed).toHaveLength(3);
  });

  it("a plan created from the edited template reflects the edit", () => {
    const { db, csm, templateId, source, version } = setup();
    const phaseId = addPhase(csm, templateId, { title: "追加フェーズ", version: version() });
    const first = source().tasks[0]!;
    const taskId = addTask(
      csm,
      templateId,
      taskInput({
        phaseId,
        version: version(),
        title: "追加タスク",
        side: "customer",
        startOffsetDays: 7,
        dueOffsetDays: 9,
        dependsOn: [first.id],
      }),
    );
    addMilestone(
      csm,
      templateId,
      milestoneInput({
        version: version(),
        title: "追加マイルストーン",
        offsetDays: 9,
        taskIds: [taskId],
        autoComplete: true,
      }),
    );
    renamePhase(csm, templateId, source().phases[0]!.id, { title: "改名したフェーズ", version: version() });
    expect(db.select().from(planTemplates).where(eq(planTemplates.id, templateId)).get()!.version).toBe(5);

    const { room } = makeAccountWithRoom(db, { csmId: csm.id, kickoffDate: "2026-11-02" });
    createPlanFromTemplate({ ...getRoomAccess(csm, room.id)!, user: csm }, templateId);
    const roomPhases = db.select().from(phases).where(eq(phases.roomId, room.id)).all();
    expect(roomPhases.map((p) => p.title)).toContain("改名したフェーズ");
    expect(roomPhases.map((p) => p.title)).toContain("追加フェーズ");
    const added = db
      .select()
      .from(tasks)
      .where(and(eq(tasks.roomId, room.id), eq(tasks.title, "追加タスク")))
      .get()!;
    expect(added).toMatchObject({ side: "customer", startDate: "2026-11-09", dueDate: "2026-11-11" });
    expect(roomPhases.find((p) => p.id === added.phaseId)!.title).toBe("追加フェーズ");
    const dep = db.select().from(taskDependencies).where(eq(taskDependencies.taskId, added.id)).all();
    const prerequisite = db.select().from(tasks).where(eq(tasks.id, dep[0]!.dependsOnId)).get()!;
    expect(prerequisite.title).toBe(first.title);
    const milestone = db
      .select()
      .from(milestones)
      .where(and(eq(milestones.roomId, room.id), eq(milestones.title, "追加マイルストーン")))
      .get()!;
    expect(milestone).toMatchObject({ targetDate: "2026-11-11", autoComplete: true });
    expect(
      db.select().from(milestoneTasks).where(eq(milestoneTasks.milestoneId, milestone.id)).all(),
    ).toEqual([{ milestoneId: milestone.id, taskId: added.id }]);
  });
});

describe("template editor over HTTP", () => {
  let tdb: TestDatabase;
  let app: TestApp;
  let w: TwoTenants;

  beforeAll(async () => {
    tdb = createTestDatabase();
    w = seedTwoTenants(tdb.db);
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
  const source = () => loadTemplate(tdb.db, w.templateId)!;
  const url = () => `/templates/${w.templateId}/edit`;

  it("renders the editor with the version and a link back", async () => {
    const res = await as(w.csmA.id).get(url());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(source().tasks[0]!.title);
    expect(html).toContain(`name="version" value="${source().template.version}"`);
    expect(html).toContain(`href="/templates/${w.templateId}"`);
    expect((await as(w.salesA.id).get(url())).status).toBe(403);
  });

  it("shows errors next to the field and keeps the values; refuses stale and foreign ids", async () => {
    const csm = as(w.csmA.id);
    const before = JSON.stringify(source());
    const version = String(source().template.version);
    const phaseId = source().phases[0]!.id;
    const form = {
      intent: "addTask",
      version,
      phaseId,
      title: "Kept title",
      side: "vendor",
      visibility: "shared",
      startOffsetDays: "3",
      dueOffsetDays: "800",
    };
    const bad = await csm.post(url(), form);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Enter a number of days from -365 to 730.");
    expect(html).toContain('value="Kept title"');
    expect(html).toContain('value="800"');
    const stale = await csm.post(url(), {
      ...form,
      dueOffsetDays: "5",
      version: String(Number(version) - 1 || 99),
    });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("This template was changed by someone else.");
    const other = createTemplate(tdb.db, STANDARD_TEMPLATE_JA, null);
    const foreign = loadTemplate(tdb.db, other)!.tasks[0]!.id;
    const params = new URLSearchParams({ ...form, dueOffsetDays: "5" });
    params.append("dependsOn", source().tasks[0]!.id);
    params.append("dependsOn", foreign);
    const refused = await csm.request(url(), {
      method: "POST",
      body: params,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(refused.status).toBe(404);
    expect(JSON.stringify(source())).toBe(before);
    const ok = await csm.post(url(), { ...form, dueOffsetDays: "5" });
    expect(ok.status).toBe(200);
    expect(source().tasks.some((x) => x.title === "Kept title")).toBe(true);
    expect(source().template.version).toBe(Number(version) + 1);
  });
});
