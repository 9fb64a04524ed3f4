/**
 * Who holds a letter on a RACI row: the small read the rest of the app uses (default assignee, people to
 * consult, weekly report recipients, the customer-side A who signs off, stakeholder coverage in health).
 */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "#db/client.server";
import { raciAssignments, stakeholders } from "#db/schema";
import type { RaciLetter, RaciSubject, StakeholderSide } from "~/vocabulary";

export type RaciHolder = typeof stakeholders.$inferSelect;

export function raciHolders(
  tx: DbOrTx,
  subject: { type: RaciSubject; id: string },
  letter: RaciLetter,
  side?: StakeholderSide,
): RaciHolder[] {
  return tx
    .select({ stakeholder: stakeholders })
    .from(raciAssignments)
    .innerJoin(stakeholders, eq(stakeholders.id, raciAssignments.stakeholderId))
    .where(
      and(
        eq(raciAssignments.subjectType, subject.type),
        eq(raciAssignments.subjectId, subject.id),
        eq(raciAssignments.letter, letter),
        side ? eq(stakeholders.side, side) : undefined,
      ),
    )
    .orderBy(stakeholders.name)
    .all()
    .map((r) => r.stakeholder);
}

/** Everyone holding `letter` on any row of the room (e.g. every "I" for the weekly report). */
export function roomRaciHolders(tx: DbOrTx, roomId: string, letter: RaciLetter): RaciHolder[] {
  const seen = new Map<string, RaciHolder>();
  for (const r of tx
    .select({ stakeholder: stakeholders })
    .from(raciAssignments)
    .innerJoin(stakeholders, eq(stakeholders.id, raciAssignments.stakeholderId))
    .where(and(eq(raciAssignments.roomId, roomId), eq(raciAssignments.letter, letter)))
    .all())
    seen.set(r.stakeholder.id, r.stakeholder);
  return [...seen.values()];
}
