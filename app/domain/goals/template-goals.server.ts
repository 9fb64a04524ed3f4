/** Goals a plan template suggests, copied into a room when its plan is made from the template. */
import { asc, desc, eq } from "drizzle-orm";
import type { Tx } from "#db/client.server";
import { goals, templateGoals } from "#db/schema";
import { addDays, type IsoDate } from "~/domain/plan/dates";

/** Copies a template's suggested goals into a room, due `dueOffsetDays` after the kickoff. */
export function copyTemplateGoals(
  tx: Tx,
  input: { roomId: string; templateId: string; kickoff: IsoDate; createdById: string; now?: Date },
): number {
  const suggested = tx
    .select()
    .from(templateGoals)
    .where(eq(templateGoals.templateId, input.templateId))
    .orderBy(asc(templateGoals.position))
    .all();
  const last = tx
    .select({ position: goals.position })
    .from(goals)
    .where(eq(goals.roomId, input.roomId))
    .orderBy(desc(goals.position))
    .get();
  let position = (last?.position ?? -1) + 1;
  for (const g of suggested) {
    // A suggestion without figures starts at 0 → 100 (a share of the way); the CSM edits it with the customer.
    const baseline = g.baseline ?? 0;
    const target = g.target ?? (baseline === 100 ? 0 : 100);
    tx.insert(goals)
      .values({
        roomId: input.roomId,
        statement: g.statement,
        kpi: g.kpi,
        unit: g.unit,
        baseline,
        target,
        dueDate: addDays(input.kickoff, g.dueOffsetDays),
        position: position++,
        createdById: input.createdById,
        createdAt: input.now ?? new Date(),
      })
      .run();
  }
  return suggested.length;
}
