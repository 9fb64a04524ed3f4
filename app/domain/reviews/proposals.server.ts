/**
 * Template changes proposed by review findings, decided by an admin. Accepting applies the change to the
 * template's tasks or milestones, bumps the template's revision and writes its history row, all in one
 * transaction; rooms whose plans were made from the template keep theirs (plans are copies).
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { getDb, type Tx, writeTransaction } from "#db/client.server";
import {
  accounts,
  planTemplates,
  reviewFindings,
  rooms,
  templateMilestones,
  templatePhases,
  templateRevisions,
  templateTasks,
  users,
} from "#db/schema";
import { staffCan } from "~/access/capabilities";
import type { StaffUser } from "~/access/users";
import { recordEvent } from "~/domain/events/events.server";
import { DomainError } from "~/utils/errors";
import type { TemplateChange } from "./schemas";

function requireDecider(actor: StaffUser) {
  if (!staffCan(actor.staffRole, "templates.acceptChanges")) throw new DomainError(403, "errors.forbidden");
}

const gone = () => new DomainError(409, "review.proposalTargetGone");

/** A readable one-line summary of a change (stored in template_revisions.summary, in the template's words). */
function summaryOf(change: TemplateChange, previous?: string): string {
  switch (change.kind) {
    case "add_task":
      return `+ task: ${change.title} (${change.startOffsetDays}..${change.dueOffsetDays})`;
    case "change_task":
      return `~ task: ${previous ?? ""}${change.title && change.title !== previous ? ` → ${change.title}` : ""}${
        change.startOffsetDays !== undefined || change.dueOffsetDays !== undefined
          ? ` (${change.startOffsetDays ?? "·"}..${change.dueOffsetDays ?? "·"})`
          : ""
      }`;
    case "add_milestone":
      return `+ milestone: ${change.title} (${change.offsetDays})`;
    case "change_milestone":
      return `~ milestone: ${previous ?? ""}${change.title && change.title !== previous ? ` → ${change.title}` : ""}${
        change.offsetDays !== undefined ? ` (${change.offsetDays})` : ""
      }`;
  }
}

function nextPosition(tx: Tx, table: typeof templateTasks | typeof templateMilestones, templateId: string) {
  const last = tx
    .select({ position: table.position })
    .from(table)
    .where(eq(table.templateId, templateId))
    .orderBy(desc(table.position))
    .get();
  return (last?.position ?? -1) + 1;
}

/** Applies the change to the template; returns its summary. A target that no longer exists is refused. */
function applyChange(tx: Tx, templateId: string, change: TemplateChange): string {
  switch (change.kind) {
    case "add_task": {
      const phase = tx
        .select()
        .from(templatePhases)
        .where(and(eq(templatePhases.id, change.phaseId), eq(templatePhases.templateId, templateId)))
        .get();
      if (!phase) throw gone();
      if (change.dueOffsetDays < change.startOffsetDays) throw new DomainError(409, "review.dueBeforeStart");
      tx.insert(templateTasks)
        .values({
          templateId,
          phaseId: phase.id,
          title: change.title,
          side: change.side,
          startOffsetDays: change.startOffsetDays,
          dueOffsetDays: change.dueOffsetDays,
          position: nextPosition(tx, templateTasks, templateId),
        })
        .run();
      return summaryOf(change);
    }
    case "change_task": {
      const task = tx
        .select()
        .from(templateTasks)
        .where(and(eq(templateTasks.id, change.taskId), eq(templateTasks.templateId, templateId)))
        .get();
      if (!task) throw gone();
      const start = change.startOffsetDays ?? task.startOffsetDays;
      const due = change.dueOffsetDays ?? task.dueOffsetDays;
      if (due < start) throw new DomainError(409, "review.dueBeforeStart");
      tx.update(templateTasks)
        .set({ title: change.title ?? task.title, startOffsetDays: start, dueOffsetDays: due })
        .where(eq(templateTasks.id, task.id))
        .run();
      return summaryOf(change, task.title);
    }
    case "add_milestone":
      tx.insert(templateMilestones)
        .values({
          templateId,
          title: change.title,
          offsetDays: change.offsetDays,
          position: nextPosition(tx, templateMilestones, templateId),
        })
        .run();
      return summaryOf(change);
    case "change_milestone": {
      const milestone = tx
        .select()
        .from(templateMilestones)
        .where(
          and(eq(templateMilestones.id, change.milestoneId), eq(templateMilestones.templateId, templateId)),
        )
        .get();
      if (!milestone) throw gone();
      tx.update(templateMilestones)
        .set({
          title: change.title ?? milestone.title,
          offsetDays: change.offsetDays ?? milestone.offsetDays,
        })
        .where(eq(templateMilestones.id, milestone.id))
        .run();
      return summaryOf(change, milestone.title);
    }
  }
}

function loadProposal(tx: Tx, findingId: string, version: number) {
  const finding = tx.select().from(reviewFindings).where(eq(reviewFindings.id, findingId)).get();
  if (!finding || !finding.proposalKind || !finding.proposal) throw new DomainError(404, "errors.notFound");
  if (finding.version !== version) throw new DomainError(409, "review.findingStale");
  if (finding.proposalStatus !== "proposed") throw new DomainError(409, "review.proposalDecided");
  return finding;
}

/** Accepts a finding's proposal into a new revision of its template. */
export function acceptProposal(actor: StaffUser, findingId: string, version: number, now = new Date()) {
  requireDecider(actor);
  return writeTransaction(getDb(), (tx) => {
    const finding = loadProposal(tx, findingId, version);
    const template = finding.templateId
      ? tx.select().from(planTemplates).where(eq(planTemplates.id, finding.templateId)).get()
      : undefined;
    if (!template) throw gone();
    const change = { ...finding.proposal, kind: finding.proposalKind } as TemplateChange;
    const summary = applyChange(tx, template.id, change);
    const revision = template.revision + 1;
    tx.update(planTemplates)
      .set({ revision, version: template.version + 1, updatedAt: now })
      .where(eq(planTemplates.id, template.id))
      .run();
    tx.insert(templateRevisions)
      .values({
        templateId: template.id,
        revision,
        summary,
        findingId: finding.id,
        changedById: actor.id,
        createdAt: now,
      })
      .run();
    tx.update(reviewFindings)
      .set({
        proposalStatus: "accepted",
        appliedRevision: revision,
        decidedById: actor.id,
        decidedAt: now,
        version: finding.version + 1,
      })
      .where(eq(reviewFindings.id, finding.id))
      .run();
    const room = tx
      .select({ accountId: rooms.accountId })
      .from(rooms)
      .where(eq(rooms.id, finding.roomId))
      .get();
    recordEvent(tx, {
      actorId: actor.id,
      type: "template.change_accepted",
      accountId: room?.accountId ?? null,
      roomId: finding.roomId,
      subjectType: "template",
      subjectId: template.id,
      data: {
        template: template.name,
        revision,
        summary,
        findingId: finding.id,
        visibility: "internal",
        internal: true,
      },
    });
    return { revision, templateId: template.id };
  });
}

export function rejectProposal(actor: StaffUser, findingId: string, version: number, now = new Date()) {
  requireDecider(actor);
  writeTransaction(getDb(), (tx) => {
    const finding = loadProposal(tx, findingId, version);
    tx.update(reviewFindings)
      .set({
        proposalStatus: "rejected",
        decidedById: actor.id,
        decidedAt: now,
        version: finding.version + 1,
      })
      .where(eq(reviewFindings.id, finding.id))
      .run();
    const template = finding.templateId
      ? tx
          .select({ name: planTemplates.name })
          .from(planTemplates)
          .where(eq(planTemplates.id, finding.templateId))
          .get()
      : undefined;
    const room = tx
      .select({ accountId: rooms.accountId })
      .from(rooms)
      .where(eq(rooms.id, finding.roomId))
      .get();
    recordEvent(tx, {
      actorId: actor.id,
      type: "template.change_rejected",
      accountId: room?.accountId ?? null,
      roomId: finding.roomId,
      subjectType: "template",
      subjectId: finding.templateId ?? undefined,
      data: { template: template?.name ?? "", findingId: finding.id, visibility: "internal", internal: true },
    });
  });
}

/** Proposals waiting for a decision, of one template or of all. */
export function pendingProposals(templateId?: string) {
  return getDb()
    .select({
      id: reviewFindings.id,
      version: reviewFindings.version,
      category: reviewFindings.category,
      cost: reviewFindings.cost,
      description: reviewFindings.description,
      proposalKind: reviewFindings.proposalKind,
      proposal: reviewFindings.proposal,
      templateId: reviewFindings.templateId,
      templateName: planTemplates.name,
      roomId: reviewFindings.roomId,
      roomTitle: rooms.title,
      accountName: accounts.name,
      createdAt: reviewFindings.createdAt,
    })
    .from(reviewFindings)
    .innerJoin(planTemplates, eq(planTemplates.id, reviewFindings.templateId))
    .innerJoin(rooms, eq(rooms.id, reviewFindings.roomId))
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .where(
      and(
        eq(reviewFindings.proposalStatus, "proposed"),
        templateId ? eq(reviewFindings.templateId, templateId) : undefined,
      ),
    )
    .orderBy(asc(reviewFindings.createdAt), asc(reviewFindings.id))
    .all();
}

export type PendingProposal = ReturnType<typeof pendingProposals>[number];

/** A template's revision history, newest first (revision 1, the template as made, has no row). */
export function revisionHistory(templateId: string) {
  return getDb()
    .select({
      revision: templateRevisions.revision,
      summary: templateRevisions.summary,
      createdAt: templateRevisions.createdAt,
      changedBy: users.name,
      findingId: templateRevisions.findingId,
    })
    .from(templateRevisions)
    .leftJoin(users, eq(users.id, templateRevisions.changedById))
    .where(eq(templateRevisions.templateId, templateId))
    .orderBy(desc(templateRevisions.revision))
    .all();
}
