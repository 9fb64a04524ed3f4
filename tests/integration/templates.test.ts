import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { planTemplates, templateTaskDependencies, tasks } from "#db/schema";
import { makeAccountWithRoom, makeStaff } from "#db/factories";
import type { StaffUser } from "~/access/users";
import { createPlanFromTemplate } from "~/domain/plan/plan.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { STANDARD_TEMPLATE_JA } from "~/domain/templates/standard-templates";
import {
  createTemplate,
  deleteTemplate,
  duplicateTemplate,
  getTemplateDetail,
  listTemplates,
} from "~/domain/templates/templates.server";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

describe("plan templates", () => {
  it("duplicates a template with its dependencies and milestones", () => {
    const db = t.db();
    const csm = makeStaff(db, { staffRole: "csm" }) as StaffUser;
    const id = createTemplate(db, STANDARD_TEMPLATE_JA, csm.id);
    const copy = duplicateTemplate(csm, id, "金融業向けオンボーディング");
    const original = getTemplateDetail(id);
    const duplicate = getTemplateDetail(copy);
    expect(duplicate.template.name).toBe("金融業向けオンボーディング");
    expect(duplicate.phases.map((p) => p.tasks.map((x) => [x.title, x.dependsOn]))).toEqual(
      original.phases.map((p) => p.tasks.map((x) => [x.title, x.dependsOn])),
    );
    expect(duplicate.milestones.map((m) => [m.title, m.offsetDays, m.isFirstValue, m.tasks])).toEqual(
      original.milestones.map((m) => [m.title, m.offsetDays, m.isFirstValue, m.tasks]),
    );
    expect(listTemplates().map((x) => x.tasks)).toEqual([14, 14]);
  });

  it("deletes a template without touching plans built from it, and only for admins and CSMs", () => {
    const db = t.db();
    const csm = makeStaff(db, { staffRole: "csm" }) as StaffUser;
    const sales = makeStaff(db, { staffRole: "sales" }) as StaffUser;
    const id = createTemplate(db, STANDARD_TEMPLATE_JA, csm.id);
    const { room } = makeAccountWithRoom(db, { csmId: csm.id });
    createPlanFromTemplate({ ...getRoomAccess(csm, room.id)!, user: csm }, id);
    expect(() => deleteTemplate(sales, id)).toThrow(DomainError);
    deleteTemplate(csm, id);
    expect(db.select().from(planTemplates).where(eq(planTemplates.id, id)).all()).toEqual([]);
    expect(db.select().from(templateTaskDependencies).all()).toEqual([]);
    expect(db.select().from(tasks).where(eq(tasks.roomId, room.id)).all()).toHaveLength(14);
  });
});
