/**
 * Demo: the Japanese room (サンプル商事) has a milestone that needs the customer's sign-off (検収): the
 * agreed goals document, accountable (A) on the customer side 田中 一郎 (the customer admin), waiting
 * since two days ago. Built with the domain commands, as a CSM would; the RACI cell is written directly
 * (the matrix's own page is another feature).
 */
import { and, eq } from "drizzle-orm";
import type { Tx } from "#db/client.server";
import { raciAssignments, stakeholders, tasks } from "#db/schema";
import type { SessionUser } from "~/access/users";
import { createMilestone } from "~/domain/plan/editing.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { requestSignOffAgain } from "~/domain/signoff/signoff.server";

const DAY_MS = 24 * 60 * 60 * 1000;

export function seedDemoSignOff(tx: Tx, plan: { csm: SessionUser; roomId: string }, now = new Date()): void {
  const ctx = { ...getRoomAccess(plan.csm, plan.roomId)!, user: plan.csm };
  const goals = tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.roomId, plan.roomId), eq(tasks.title, "ゴールとKPIの合意")))
    .get();
  const approver = tx
    .select()
    .from(stakeholders)
    .where(and(eq(stakeholders.roomId, plan.roomId), eq(stakeholders.name, "田中 一郎")))
    .get();
  if (!goals || !approver) return;
  const milestoneId = createMilestone(ctx, {
    title: "目標・KPI定義書の承認",
    targetDate: "2026-12-28",
    taskIds: [goals.id],
    isFirstValue: false,
    autoComplete: false,
    signOffRequired: true,
    visibility: "shared",
  });
  // The customer's project lead accepts; the CSM (the vendor's person on the team) prepares the document.
  const csm = tx
    .select()
    .from(stakeholders)
    .where(and(eq(stakeholders.roomId, plan.roomId), eq(stakeholders.userId, plan.csm.id)))
    .get();
  const cell = (stakeholderId: string, letter: "R" | "A") => ({
    roomId: plan.roomId,
    subjectType: "milestone" as const,
    subjectId: milestoneId,
    stakeholderId,
    letter,
  });
  tx.insert(raciAssignments)
    .values([cell(approver.id, "A"), ...(csm ? [cell(csm.id, "R")] : [])])
    .run();
  requestSignOffAgain(ctx, milestoneId, new Date(now.getTime() - 2 * DAY_MS));
}
