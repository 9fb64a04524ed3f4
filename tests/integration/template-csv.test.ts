import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { planTemplates, templateTasks } from "#db/schema";
import { makeStaff } from "#db/factories";
import type { StaffUser } from "~/access/users";
import { STANDARD_TEMPLATE_EN, STANDARD_TEMPLATE_JA } from "~/domain/templates/standard-templates";
import { exportTemplateCsv, importTemplateCsv } from "~/domain/templates/csv.server";
import { createTemplate, getTemplateDetail } from "~/domain/templates/templates.server";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();
const utf8 = (text: string) => new TextEncoder().encode(text);
const HEADER = "phase,title,side,default_role,start_day,due_day,visibility,depends_on";

function setup() {
  const db = t.db();
  const csm = makeStaff(db, { staffRole: "csm" }) as StaffUser;
  const empty = createTemplate(
    db,
    { name: "空のテンプレート", description: "", locale: "ja", phases: [], milestones: [] },
    csm.id,
  );
  return { db, csm, empty };
}

const taskCount = (templateId: string) =>
  t.db().select().from(templateTasks).where(eq(templateTasks.templateId, templateId)).all().length;

describe("template CSV", () => {
  it("round-trips: a template exported and imported into an empty one has the same tasks and dependencies", () => {
    const { csm, empty } = setup();
    const source = createTemplate(t.db(), STANDARD_TEMPLATE_JA, csm.id);
    const { csv } = exportTemplateCsv(csm, source);
    expect(csv.startsWith("\uFEFF" + HEADER)).toBe(true);
    expect(importTemplateCsv(csm, empty, utf8(csv))).toEqual({ ok: true, created: 14, phasesCreated: 4 });
    const shape = (id: string) =>
      getTemplateDetail(id).phases.map((p) => [
        p.title,
        p.tasks.map((x) => [x.title, x.side, x.startOffsetDays, x.dueOffsetDays, x.visibility, x.dependsOn]),
      ]);
    expect(shape(empty)).toEqual(shape(source));
    expect(exportTemplateCsv(csm, empty).csv).toBe(csv);
    expect(t.db().select().from(planTemplates).where(eq(planTemplates.id, empty)).get()?.version).toBe(2);
  });

  it("adds tasks to an existing template, depending on its tasks", () => {
    const { csm } = setup();
    const id = createTemplate(t.db(), STANDARD_TEMPLATE_JA, csm.id);
    const text = `${HEADER}\r\n環境準備,監査ログの設定,joint,it_admin,20,30,shared,SSO設定\r\n`;
    expect(importTemplateCsv(csm, id, utf8(text))).toEqual({ ok: true, created: 1, phasesCreated: 0 });
    const added = getTemplateDetail(id)
      .phases.flatMap((p) => p.tasks)
      .find((x) => x.title === "監査ログの設定");
    expect(added).toMatchObject({
      startOffsetDays: 20,
      dueOffsetDays: 30,
      defaultRole: "it_admin",
      dependsOn: ["SSO設定"],
    });
  });

  it("takes default roles from the team roles (any case), reads the legacy customer_admin as project lead", () => {
    const { csm, empty } = setup();
    const text = [
      HEADER,
      "Setup,Lead task,customer,customer_admin,0,5,shared,",
      "Setup,IT task,customer,IT_Admin,0,5,shared,",
      "Setup,Nobody's task,joint,,0,5,shared,",
    ].join("\n");
    expect(importTemplateCsv(csm, empty, utf8(text))).toEqual({ ok: true, created: 3, phasesCreated: 1 });
    const roles = Object.fromEntries(
      getTemplateDetail(empty)
        .phases.flatMap((p) => p.tasks)
        .map((x) => [x.title, x.defaultRole]),
    );
    expect(roles).toEqual({ "Lead task": "project_lead", "IT task": "it_admin", "Nobody's task": null });
  });

  it("refuses a default role that is not a team role, and names the allowed ones", () => {
    const { csm, empty } = setup();
    const result = importTemplateCsv(csm, empty, utf8(`${HEADER}\nSetup,Task,joint,janitor,0,5,shared,\n`));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: "default_role",
        key: "invalidChoice",
        params: expect.objectContaining({
          value: "janitor",
          allowed: expect.stringContaining("project_lead"),
        }),
      }),
    ]);
    expect(taskCount(empty)).toBe(0);
  });

  it("writes nothing when any row is wrong, and names every problem", () => {
    const { csm, empty } = setup();
    const csv = [
      HEADER,
      "Setup,Task A,joint,,0,5,shared,",
      "Setup,Task B,sideways,,10,5,shared,Task A",
      "Setup,Task A,joint,,x,5,shared,",
      "Setup,Task C,joint,,0,1,shared,Task D",
      "Setup,Task D,joint,,0,1,shared,Task C",
      "Setup,Task E,joint,,0,1,shared,Nowhere",
    ].join("\n");
    const result = importTemplateCsv(csm, empty, utf8(csv));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column, e.key])).toEqual([
      [3, "side", "invalidChoice"],
      [3, "due_day", "dueBeforeStart"],
      [4, "start_day", "invalidDay"],
      [4, "title", "templateDuplicateTitle"],
      [5, "depends_on", "dependencyCycle"],
      [7, "depends_on", "templateUnknownDependency"],
    ]);
    expect(taskCount(empty)).toBe(0);
  });

  it("is for admins and CSMs only", () => {
    const { db, empty } = setup();
    const sales = makeStaff(db, { staffRole: "sales" }) as StaffUser;
    expect(() => importTemplateCsv(sales, empty, utf8(`${HEADER}\nA,B,joint,,0,1,shared,`))).toThrow(
      DomainError,
    );
    expect(() => exportTemplateCsv(sales, createTemplate(db, STANDARD_TEMPLATE_EN, null))).toThrow(
      DomainError,
    );
  });
});
