import type { users } from "#db/schema";
import { getRaciMatrix, setRaciCell } from "~/domain/raci/raci.server";
import { getRoomAccess } from "~/domain/rooms/access.server";

/**
 * The demo's RACI, per room: the template's defaults were filled in when the plan was made; the CSM then
 * completes every row but one, which stays broken (no R) so the page shows its mark and count.
 */
export function seedDemoRaci(plans: { roomId: string; csm: typeof users.$inferSelect }[]): void {
  for (const plan of plans) {
    const access = getRoomAccess(plan.csm, plan.roomId);
    if (!access) continue;
    const ctx = { ...access, user: plan.csm };
    const matrix = getRaciMatrix(ctx);
    const csm = matrix.columns.vendor.find((c) => c.teamRole === "csm");
    if (!csm) continue;
    const broken = matrix.groups.flatMap((g) => g.rows).filter((r) => r.problems.length > 0);
    // The first broken row stays as it is; the others get the CSM as R where they have none.
    for (const row of broken.slice(1)) {
      if (!row.problems.includes("noResponsible") || row.cells[csm.id]) continue;
      setRaciCell(ctx, { subjectType: row.type, subjectId: row.id, stakeholderId: csm.id, letter: "R" });
    }
  }
}
