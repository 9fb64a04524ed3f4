import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Tx, writeTransaction } from "#db/client.server";
import {
  milestones,
  milestoneTasks,
  phases,
  rooms,
  stakeholders,
  taskDependencies,
  tasks,
  type TaskStatus,
} from "#db/schema";
import { can, type EffectiveRoomRole } from "~/access/capabilities";
import type { SessionUser } from "~/access/users";
import { recordEvent } from "~/domain/events/events.server";
import { copyTemplateForms } from "~/domain/forms/template-forms.server";
import { copyTemplateGoals } from "~/domain/goals/template-goals.server";
import { enqueueMilestoneEmails } from "~/domain/notifications/milestone-emails.server";
import type { Account, Room } from "~/domain/rooms/access.server";
import { requestConsultation } from "~/domain/raci/consult.server";
import { fillRaciFromTemplate } from "~/domain/raci/template-raci.server";
import { requestSignOffTx, withdrawPendingSignOff } from "~/domain/signoff/requests.server";
import { loadTemplate } from "~/domain/templates/templates.server";
import { copyTemplateCurriculum } from "~/domain/training/curriculum.server";
import { DomainError } from "~/utils/errors";
import { OPEN_TASK_STATUSES } from "~/vocabulary";
import { addDays } from "./dates";

export type RoomContext = { user: SessionUser; room: Room; account: Account; role: EffectiveRoomRole };
export type Task = typeof tasks.$inferSelect;
export type Milestone = typeof milestones.$inferSelect;

const VENDOR_ROLES: EffectiveRoomRole[] = ["owner", "collaborator"];

/** Customers never see internal items; vendor staff (members or not) see everything. */
export function seesInternal(role: EffectiveRoomRole): boolean {
  return can(role, "room.viewInternal");
}

/** Who may change a task's status: vendor roles any task, customers shared customer-side and joint ones. */
export function canUpdateTask(role: EffectiveRoomRole, task: Pick<Task, "side" | "visibility">): boolean {
  if (VENDOR_ROLES.includes(role)) return true;
  return can(role, "plan.updateCustomerTasks") && task.visibility === "shared" && task.side !== "vendor";
}

function requirePlanEditor(ctx: RoomContext) {
  if (!can(ctx.role, "plan.edit")) throw new DomainError(403, "errors.forbidden");
}

/**
 * Builds the room's plan from a template, anchored on the kickoff date, in one transaction. Tasks go to
 * the room's stakeholder whose team role matches the template's default role, when there is one.
 */
export function createPlanFromTemplate(
  ctx: RoomContext,
  templateId: string,
): { tasks: number; milestones: number } {
  requirePlanEditor(ctx);
  const kickoff = ctx.room.kickoffDate;
  if (!kickoff) throw new DomainError(400, "plan.needsKickoff");
  return writeTransaction(getDb(), (tx) => {
    if (tx.select({ id: phases.id }).from(phases).where(eq(phases.roomId, ctx.room.id)).get()) {
      throw new DomainError(400, "plan.alreadyExists");
    }
    const source = loadTemplate(tx, templateId);
    if (!source) throw new DomainError(404, "errors.notFound");
    const people = tx.select().from(stakeholders).where(eq(stakeholders.roomId, ctx.room.id)).all();
    const assigneeFor = (role: string | null) =>
      role ? (people.find((p) => p.teamRole === role)?.id ?? null) : null;

    const phaseIds = new Map<string, string>();
    for (const phase of source.phases) {
      const { id } = tx
        .insert(phases)
        .values({ roomId: ctx.room.id, title: phase.title, position: phase.position })
        .returning({ id: phases.id })
        .get();
      phaseIds.set(phase.id, id);
    }
    const taskIds = new Map<string, string>();
    for (const task of source.tasks) {
      const { id } = tx
        .insert(tasks)
        .values({
          roomId: ctx.room.id,
          phaseId: phaseIds.get(task.phaseId)!,
          title: task.title,
          description: task.description,
          side: task.side,
          assigneeId: assigneeFor(task.defaultRole),
          startDate: addDays(kickoff, task.startOffsetDays),
          dueDate: addDays(kickoff, task.dueOffsetDays),
          visibility: task.visibility,
          isDeliverable: task.isDeliverable,
          position: task.position,
        })
        .returning({ id: tasks.id })
        .get();
      taskIds.set(task.id, id);
    }
    for (const dep of source.dependencies) {
      tx.insert(taskDependencies)
        .values({ taskId: taskIds.get(dep.taskId)!, dependsOnId: taskIds.get(dep.dependsOnId)! })
        .run();
    }
    const milestoneIds = new Map<string, string>();
    for (const milestone of source.milestones) {
      const date = addDays(kickoff, milestone.offsetDays);
      const { id } = tx
        .insert(milestones)
        .values({
          roomId: ctx.room.id,
          title: milestone.title,
          targetDate: date,
          baselineDate: date,
          isFirstValue: milestone.isFirstValue,
          autoComplete: milestone.autoComplete,
          signOffRequired: milestone.signOffRequired,
          visibility: milestone.visibility,
          position: milestone.position,
        })
        .returning({ id: milestones.id })
        .get();
      milestoneIds.set(milestone.id, id);
    }
    for (const link of source.milestoneTasks) {
      tx.insert(milestoneTasks)
        .values({ milestoneId: milestoneIds.get(link.milestoneId)!, taskId: taskIds.get(link.taskId)! })
        .run();
    }
    // The template's default RACI, by team role, goes to the room's people of those roles.
    fillRaciFromTemplate(tx, {
      roomId: ctx.room.id,
      templateId: source.template.id,
      ids: { phase: phaseIds, task: taskIds, milestone: milestoneIds },
      now: new Date(),
    });
    // The template's suggested goals start the room's success plan.
    copyTemplateGoals(tx, {
      roomId: ctx.room.id,
      templateId: source.template.id,
      kickoff,
      createdById: ctx.user.id,
    });
    // Forms attached to the template's tasks are copied into the room and attached to their tasks.
    copyTemplateForms(tx, { roomId: ctx.room.id, taskIds, actorId: ctx.user.id });
    // The template's default curriculum by audience becomes the room's training (issue 12).
    copyTemplateCurriculum(tx, { roomId: ctx.room.id, templateId: source.template.id });
    // Time to first value is compared per template on the portfolio.
    // The template's revision is kept with it: a later accepted review finding changes the template, not this plan.
    tx.update(rooms)
      .set({ planTemplateId: source.template.id, planTemplateRevision: source.template.revision })
      .where(eq(rooms.id, ctx.room.id))
      .run();
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "plan.created",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "room",
      subjectId: ctx.room.id,
      data: {
        template: source.template.name,
        tasks: source.tasks.length,
        milestones: source.milestones.length,
        visibility: "shared",
      },
    });
    return { tasks: source.tasks.length, milestones: source.milestones.length };
  });
}

/** The room's plan as this viewer may see it. */
export function getPlan(ctx: Pick<RoomContext, "room" | "role">) {
  const db = getDb();
  const internal = seesInternal(ctx.role);
  const visible = <T extends { visibility: string }>(rows: T[]) =>
    internal ? rows : rows.filter((r) => r.visibility === "shared");
  const allTasks = visible(
    db.select().from(tasks).where(eq(tasks.roomId, ctx.room.id)).orderBy(asc(tasks.position)).all(),
  );
  const taskIds = new Set(allTasks.map((t) => t.id));
  const roomMilestones = visible(
    db
      .select()
      .from(milestones)
      .where(eq(milestones.roomId, ctx.room.id))
      .orderBy(asc(milestones.targetDate), asc(milestones.position))
      .all(),
  );
  const links = roomMilestones.length
    ? db
        .select()
        .from(milestoneTasks)
        .where(
          inArray(
            milestoneTasks.milestoneId,
            roomMilestones.map((m) => m.id),
          ),
        )
        .all()
    : [];
  const deps = db
    .select({ taskId: taskDependencies.taskId, dependsOnId: taskDependencies.dependsOnId })
    .from(taskDependencies)
    .innerJoin(tasks, eq(tasks.id, taskDependencies.taskId))
    .where(eq(tasks.roomId, ctx.room.id))
    .all()
    .filter((d) => taskIds.has(d.taskId) && taskIds.has(d.dependsOnId));
  return {
    phases: db
      .select()
      .from(phases)
      .where(eq(phases.roomId, ctx.room.id))
      .orderBy(asc(phases.position))
      .all(),
    tasks: allTasks,
    milestones: roomMilestones.map((m) => ({
      ...m,
      // Required tasks the viewer cannot see still count towards completion; only their ids are hidden.
      taskIds: links.filter((l) => l.milestoneId === m.id && taskIds.has(l.taskId)).map((l) => l.taskId),
    })),
    dependencies: deps,
    stakeholders: db
      .select()
      .from(stakeholders)
      .where(eq(stakeholders.roomId, ctx.room.id))
      .orderBy(asc(stakeholders.name))
      .all(),
  };
}

export type Plan = ReturnType<typeof getPlan>;

function loadTaskForUpdate(tx: Tx, ctx: RoomContext, taskId: string): Task {
  const task = tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.roomId, ctx.room.id)))
    .get();
  // An internal task is as unknown to a customer as another room's task.
  if (!task || (task.visibility === "internal" && !seesInternal(ctx.role)))
    throw new DomainError(404, "errors.notFound");
  return task;
}

/**
 * Changes a task's status. Refused when based on a stale version, when a blocked task has no reason, or
 * when a task would be done before the tasks it depends on. Completing the last required task of a
 * milestone completes it (template says so) or proposes it to the CSM.
 */
export function setTaskStatus(
  ctx: RoomContext,
  taskId: string,
  input: { status: TaskStatus; blockedReason?: string; version: number },
  now = new Date(),
): { proposed: string[]; completed: string[] } {
  return writeTransaction(getDb(), (tx) => {
    const task = loadTaskForUpdate(tx, ctx, taskId);
    if (!canUpdateTask(ctx.role, task)) throw new DomainError(403, "plan.cannotUpdateTask");
    if (task.version !== input.version) throw new DomainError(409, "plan.staleVersion");
    const reason = input.blockedReason?.trim() || null;
    if (input.status === "blocked" && !reason)
      throw new DomainError(400, "plan.blockedNeedsReason", {}, "blockedReason");
    if (input.status === "done") {
      const open = tx
        .select({ title: tasks.title })
        .from(taskDependencies)
        .innerJoin(tasks, eq(tasks.id, taskDependencies.dependsOnId))
        .where(and(eq(taskDependencies.taskId, task.id), inArray(tasks.status, [...OPEN_TASK_STATUSES])))
        .all();
      if (open.length)
        throw new DomainError(400, "plan.dependenciesOpen", {
          tasks: open.map((t) => t.title).join(" / "),
        });
    }
    tx.update(tasks)
      .set({
        status: input.status,
        blockedReason: input.status === "blocked" ? reason : null,
        completedAt: input.status === "done" ? now : null,
        completedById: input.status === "done" ? ctx.user.id : null,
        version: task.version + 1,
        updatedAt: now,
      })
      .where(eq(tasks.id, task.id))
      .run();
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: input.status === "done" ? "task.completed" : "task.status_changed",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "task",
      subjectId: task.id,
      data: { title: task.title, from: task.status, to: input.status, reason, visibility: task.visibility },
    });
    // Into review: the task's RACI "C" people are asked for their comments.
    if (input.status === "review" && task.status !== "review")
      requestConsultation(tx, { actor: ctx.user, room: ctx.room, account: ctx.account, task });
    return reviewMilestones(tx, ctx, task.id, now);
  });
}

/**
 * After a task changed: propose or complete milestones whose required tasks are now all done. A milestone
 * that requires the customer's sign-off (検収) is never completed here: its customer-side A is asked
 * instead, and a waiting request is withdrawn when a required task reopens.
 */
function reviewMilestones(tx: Tx, ctx: RoomContext, taskId: string, now: Date) {
  const affected = tx
    .select()
    .from(milestones)
    .innerJoin(milestoneTasks, eq(milestoneTasks.milestoneId, milestones.id))
    .where(and(eq(milestoneTasks.taskId, taskId), isNull(milestones.completedAt)))
    .all()
    .map((r) => r.milestones);
  const result = { proposed: [] as string[], completed: [] as string[] };
  for (const milestone of affected) {
    const required = tx
      .select({ status: tasks.status })
      .from(milestoneTasks)
      .innerJoin(tasks, eq(tasks.id, milestoneTasks.taskId))
      .where(eq(milestoneTasks.milestoneId, milestone.id))
      .all();
    const allDone = required.every((t) => t.status === "done");
    if (milestone.signOffRequired) {
      if (allDone) requestSignOffTx(tx, ctx, ctx.user.id, milestone, now);
      else withdrawPendingSignOff(tx, milestone.id);
      continue;
    }
    if (allDone && milestone.autoComplete) {
      markMilestoneCompleted(tx, ctx, milestone, now);
      result.completed.push(milestone.id);
    } else if (allDone && !milestone.completionProposedAt) {
      tx.update(milestones)
        .set({ completionProposedAt: now, version: milestone.version + 1 })
        .where(eq(milestones.id, milestone.id))
        .run();
      recordEvent(tx, {
        actorId: ctx.user.id,
        type: "milestone.completion_proposed",
        accountId: ctx.account.id,
        roomId: ctx.room.id,
        subjectType: "milestone",
        subjectId: milestone.id,
        data: { title: milestone.title, visibility: milestone.visibility },
      });
      result.proposed.push(milestone.id);
    } else if (!allDone && milestone.completionProposedAt) {
      tx.update(milestones)
        .set({ completionProposedAt: null, version: milestone.version + 1 })
        .where(eq(milestones.id, milestone.id))
        .run();
    }
  }
  return result;
}

/** Completes a milestone by `ctx.user` (the CSM, the rule, or the customer's A signing off). */
export function markMilestoneCompleted(tx: Tx, ctx: RoomContext, milestone: Milestone, now: Date) {
  tx.update(milestones)
    .set({
      completedAt: now,
      completedById: ctx.user.id,
      completionProposedAt: null,
      version: milestone.version + 1,
    })
    .where(eq(milestones.id, milestone.id))
    .run();
  recordEvent(tx, {
    actorId: ctx.user.id,
    type: "milestone.completed",
    accountId: ctx.account.id,
    roomId: ctx.room.id,
    subjectType: "milestone",
    subjectId: milestone.id,
    data: { title: milestone.title, firstValue: milestone.isFirstValue, visibility: milestone.visibility },
  });
  enqueueMilestoneEmails(tx, { room: ctx.room, account: ctx.account, milestone, now });
}

/**
 * Completes the room's first-value milestone on `at` (a goal's achievement, when the template says the
 * first achieved goal marks first value), with the same events and emails as any completion. Nothing
 * happens when there is none or it is already done; returns whether it completed one.
 */
export function completeFirstValueMilestone(tx: Tx, ctx: RoomContext, at: Date): boolean {
  const milestone = tx
    .select()
    .from(milestones)
    .where(
      and(
        eq(milestones.roomId, ctx.room.id),
        eq(milestones.isFirstValue, true),
        isNull(milestones.completedAt),
        // A milestone that needs the customer's sign-off is completed only by it, never by a goal.
        eq(milestones.signOffRequired, false),
      ),
    )
    .get();
  if (!milestone) return false;
  markMilestoneCompleted(tx, ctx, milestone, at);
  return true;
}

function loadMilestoneForUpdate(tx: Tx, ctx: RoomContext, milestoneId: string, version: number): Milestone {
  requirePlanEditor(ctx);
  const milestone = tx
    .select()
    .from(milestones)
    .where(and(eq(milestones.id, milestoneId), eq(milestones.roomId, ctx.room.id)))
    .get();
  if (!milestone) throw new DomainError(404, "errors.notFound");
  if (milestone.version !== version) throw new DomainError(409, "plan.staleVersion");
  return milestone;
}

/** The CSM confirms a milestone (proposed or not): the required tasks need not all be done. */
export function completeMilestone(
  ctx: RoomContext,
  milestoneId: string,
  version: number,
  now = new Date(),
): void {
  writeTransaction(getDb(), (tx) => {
    const milestone = loadMilestoneForUpdate(tx, ctx, milestoneId, version);
    if (milestone.completedAt) throw new DomainError(400, "plan.milestoneAlreadyCompleted");
    // The customer's A completes it by approving; the CSM cannot confirm it for them.
    if (milestone.signOffRequired) throw new DomainError(400, "signOff.confirmRefused");
    markMilestoneCompleted(tx, ctx, milestone, now);
  });
}

/** Moves a milestone's target; the baseline stays, so the slip remains visible. */
export function moveMilestone(
  ctx: RoomContext,
  milestoneId: string,
  targetDate: string,
  version: number,
): void {
  writeTransaction(getDb(), (tx) => {
    const milestone = loadMilestoneForUpdate(tx, ctx, milestoneId, version);
    if (milestone.targetDate === targetDate) return;
    tx.update(milestones)
      .set({ targetDate, version: milestone.version + 1 })
      .where(eq(milestones.id, milestone.id))
      .run();
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "milestone.moved",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "milestone",
      subjectId: milestone.id,
      data: {
        title: milestone.title,
        from: milestone.targetDate,
        to: targetDate,
        baseline: milestone.baselineDate,
        visibility: milestone.visibility,
      },
    });
  });
}
