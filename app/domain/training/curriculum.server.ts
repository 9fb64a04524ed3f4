/**
 * A room's curriculum (issue 12): the modules its customers are to do, each for a named person or an
 * audience (customer admins, customer members, every customer), due a number of days after the room's
 * kickoff. It starts from the template's default curriculum when the plan is made from the template, and
 * the CSM tailors it on the room's Training tab.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { getDb, writeTransaction, type DbOrTx } from "#db/client.server";
import {
  learningPathModules,
  learningPaths,
  memberships,
  roomTrainingItems,
  templateCurricula,
  trainingModules,
  users,
} from "#db/schema";
import { can, type EffectiveRoomRole } from "~/access/capabilities";
import type { SessionUser } from "~/access/users";
import { recordEvent } from "~/domain/events/events.server";
import { addDays, todayIn, type IsoDate } from "~/domain/plan/dates";
import type { Account, Room } from "~/domain/rooms/access.server";
import { DomainError } from "~/utils/errors";
import type { RoomRole, TrainingAudience } from "~/vocabulary";

export type TrainingContext = { user: SessionUser; room: Room; account: Account; role: EffectiveRoomRole };
export type TrainingItem = typeof roomTrainingItems.$inferSelect;

const AUDIENCE_ROLES: Record<TrainingAudience, RoomRole[]> = {
  customer_admin: ["customer_admin"],
  customer_member: ["customer_member"],
  all_customers: ["customer_admin", "customer_member", "viewer"],
};

/** The day offsets count from: the kickoff, else the day the room was made (account time zone). */
export function curriculumStart(room: Pick<Room, "kickoffDate" | "createdAt">, timeZone: string): IsoDate {
  return room.kickoffDate ?? todayIn(timeZone, room.createdAt);
}

export function dueDateOf(item: Pick<TrainingItem, "dueOffsetDays">, start: IsoDate): IsoDate {
  return addDays(start, item.dueOffsetDays);
}

/** The room's customers (members with a customer role), with their role. */
export function roomCustomers(db: DbOrTx, roomId: string) {
  return db
    .select({ userId: memberships.userId, role: memberships.role, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.roomId, roomId),
        inArray(memberships.role, ["customer_admin", "customer_member", "viewer"]),
      ),
    )
    .orderBy(asc(users.name))
    .all();
}

/** Who an item is for, among the room's customers. */
export function assigneesOf(
  item: Pick<TrainingItem, "assigneeUserId" | "audience">,
  customers: { userId: string; role: RoomRole }[],
): string[] {
  if (item.assigneeUserId)
    return customers.some((c) => c.userId === item.assigneeUserId) ? [item.assigneeUserId] : [];
  const roles = item.audience ? AUDIENCE_ROLES[item.audience] : [];
  return customers.filter((c) => roles.includes(c.role)).map((c) => c.userId);
}

export function listItems(db: DbOrTx, roomId: string) {
  return db
    .select({
      item: roomTrainingItems,
      title: trainingModules.title,
      kind: trainingModules.kind,
      currentVersionId: trainingModules.currentVersionId,
    })
    .from(roomTrainingItems)
    .innerJoin(trainingModules, eq(trainingModules.id, roomTrainingItems.moduleId))
    .where(eq(roomTrainingItems.roomId, roomId))
    .orderBy(asc(roomTrainingItems.position))
    .all();
}

/**
 * Copies the template's default curriculum into a new room: each path's modules for its audience, due as
 * the path says. Called inside the transaction that makes the plan from the template.
 */
export function copyTemplateCurriculum(tx: DbOrTx, input: { roomId: string; templateId: string }): number {
  const rows = tx
    .select({
      audience: templateCurricula.audience,
      pathId: templateCurricula.pathId,
      moduleId: learningPathModules.moduleId,
      dueOffsetDays: learningPathModules.dueOffsetDays,
    })
    .from(templateCurricula)
    .innerJoin(learningPathModules, eq(learningPathModules.pathId, templateCurricula.pathId))
    .innerJoin(trainingModules, eq(trainingModules.id, learningPathModules.moduleId))
    .where(and(eq(templateCurricula.templateId, input.templateId), eq(trainingModules.archived, false)))
    // In the order the template's paths were added (ids are random, so not by id), then the path's own order.
    .orderBy(sql`${templateCurricula}.rowid`, asc(learningPathModules.position))
    .all();
  let position = listItems(tx, input.roomId).length;
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.moduleId}:${row.audience}`;
    if (seen.has(key)) continue;
    seen.add(key);
    tx.insert(roomTrainingItems)
      .values({
        roomId: input.roomId,
        moduleId: row.moduleId,
        position: position++,
        dueOffsetDays: row.dueOffsetDays,
        audience: row.audience,
        pathId: row.pathId,
      })
      .run();
  }
  return seen.size;
}

// ---- template defaults -------------------------------------------------------------------------------

export function getTemplateCurriculum(templateId: string) {
  return getDb()
    .select({
      id: templateCurricula.id,
      audience: templateCurricula.audience,
      pathId: templateCurricula.pathId,
      pathTitle: learningPaths.title,
    })
    .from(templateCurricula)
    .innerJoin(learningPaths, eq(learningPaths.id, templateCurricula.pathId))
    .where(eq(templateCurricula.templateId, templateId))
    .all();
}

export function addTemplateCurriculum(
  templateId: string,
  input: { pathId: string; audience: TrainingAudience },
): void {
  writeTransaction(getDb(), (tx) => {
    if (
      !tx.select({ id: learningPaths.id }).from(learningPaths).where(eq(learningPaths.id, input.pathId)).get()
    )
      throw new DomainError(404, "errors.notFound");
    tx.insert(templateCurricula)
      .values({ templateId, ...input })
      .onConflictDoNothing()
      .run();
  });
}

export function removeTemplateCurriculum(templateId: string, id: string): void {
  writeTransaction(getDb(), (tx) => {
    tx.delete(templateCurricula)
      .where(and(eq(templateCurricula.id, id), eq(templateCurricula.templateId, templateId)))
      .run();
  });
}

// ---- tailoring -------------------------------------------------------------------------------------------

function requireTailor(ctx: TrainingContext) {
  if (!can(ctx.role, "training.tailor")) throw new DomainError(403, "errors.forbidden");
}

export type Assignee = { userId: string } | { audience: TrainingAudience };

function checkAssignee(tx: DbOrTx, ctx: TrainingContext, assignee: Assignee) {
  if ("userId" in assignee && !roomCustomers(tx, ctx.room.id).some((c) => c.userId === assignee.userId))
    throw new DomainError(400, "training.badAssignee", {}, "assignee");
  return "userId" in assignee
    ? { assigneeUserId: assignee.userId, audience: null }
    : { assigneeUserId: null, audience: assignee.audience };
}

function changed(tx: DbOrTx, ctx: TrainingContext, title: string, change: string) {
  recordEvent(tx, {
    actorId: ctx.user.id,
    type: "training.curriculum_changed",
    accountId: ctx.account.id,
    roomId: ctx.room.id,
    subjectType: "room",
    subjectId: ctx.room.id,
    // Shared: the room's customers see in their feed that their training changed (issue 12, ADR 0023).
    data: { title, change, visibility: "shared" },
  });
}

export function addItem(
  ctx: TrainingContext,
  input: { moduleId: string; dueOffsetDays: number; assignee: Assignee },
): void {
  requireTailor(ctx);
  writeTransaction(getDb(), (tx) => {
    const module = tx.select().from(trainingModules).where(eq(trainingModules.id, input.moduleId)).get();
    if (!module || module.archived) throw new DomainError(400, "training.badModule", {}, "moduleId");
    tx.insert(roomTrainingItems)
      .values({
        roomId: ctx.room.id,
        moduleId: module.id,
        position: listItems(tx, ctx.room.id).length,
        dueOffsetDays: input.dueOffsetDays,
        ...checkAssignee(tx, ctx, input.assignee),
      })
      .run();
    changed(tx, ctx, module.title, "added");
  });
}

/** Adds every module of a path for an audience (the admin path for admins, the user path for users). */
export function addPathToRoom(ctx: TrainingContext, input: { pathId: string; audience: TrainingAudience }) {
  requireTailor(ctx);
  writeTransaction(getDb(), (tx) => {
    const path = tx.select().from(learningPaths).where(eq(learningPaths.id, input.pathId)).get();
    if (!path) throw new DomainError(400, "training.badPath", {}, "pathId");
    const modules = tx
      .select()
      .from(learningPathModules)
      .where(eq(learningPathModules.pathId, path.id))
      .orderBy(asc(learningPathModules.position))
      .all();
    let position = listItems(tx, ctx.room.id).length;
    for (const m of modules)
      tx.insert(roomTrainingItems)
        .values({
          roomId: ctx.room.id,
          moduleId: m.moduleId,
          position: position++,
          dueOffsetDays: m.dueOffsetDays,
          audience: input.audience,
          pathId: path.id,
        })
        .run();
    changed(tx, ctx, path.title, "pathAdded");
  });
}

function loadItem(tx: DbOrTx, ctx: TrainingContext, itemId: string, version?: number) {
  const row = listItems(tx, ctx.room.id).find((r) => r.item.id === itemId);
  if (!row) throw new DomainError(404, "errors.notFound");
  if (version !== undefined && row.item.version !== version) throw new DomainError(409, "training.stale");
  return row;
}

export function updateItem(
  ctx: TrainingContext,
  itemId: string,
  input: { version: number; dueOffsetDays: number; assignee: Assignee },
): void {
  requireTailor(ctx);
  writeTransaction(getDb(), (tx) => {
    const row = loadItem(tx, ctx, itemId, input.version);
    tx.update(roomTrainingItems)
      .set({
        dueOffsetDays: input.dueOffsetDays,
        ...checkAssignee(tx, ctx, input.assignee),
        version: row.item.version + 1,
      })
      .where(eq(roomTrainingItems.id, itemId))
      .run();
    changed(tx, ctx, row.title, "updated");
  });
}

export function removeItem(ctx: TrainingContext, itemId: string, version: number): void {
  requireTailor(ctx);
  writeTransaction(getDb(), (tx) => {
    const row = loadItem(tx, ctx, itemId, version);
    tx.delete(roomTrainingItems).where(eq(roomTrainingItems.id, itemId)).run();
    renumber(tx, ctx.room.id);
    changed(tx, ctx, row.title, "removed");
  });
}

export function moveItem(ctx: TrainingContext, itemId: string, by: -1 | 1): void {
  requireTailor(ctx);
  writeTransaction(getDb(), (tx) => {
    loadItem(tx, ctx, itemId);
    const order = listItems(tx, ctx.room.id).map((r) => r.item.id);
    const at = order.indexOf(itemId);
    const to = at + by;
    if (to < 0 || to >= order.length) return;
    [order[at], order[to]] = [order[to]!, order[at]!];
    order.forEach((id, position) =>
      tx.update(roomTrainingItems).set({ position }).where(eq(roomTrainingItems.id, id)).run(),
    );
  });
}

function renumber(tx: DbOrTx, roomId: string) {
  listItems(tx, roomId).forEach((r, position) =>
    tx.update(roomTrainingItems).set({ position }).where(eq(roomTrainingItems.id, r.item.id)).run(),
  );
}
