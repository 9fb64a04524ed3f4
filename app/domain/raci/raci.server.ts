/**
 * A room's RACI (体制図): rows are phases, milestones and deliverable tasks, columns are the team's people
 * of both sides. Who may set which cell is decided here (vendor roles any cell; customer admins only the
 * customer side's cells of shared rows); customers never see internal rows. Setting R on a task without
 * an assignee makes that person its assignee.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { type DbOrTx, getDb, type Tx, writeTransaction } from "#db/client.server";
import { milestones, phases, raciAssignments, stakeholders, tasks } from "#db/schema";
import { can, type EffectiveRoomRole } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import { seesInternal, type RoomContext } from "~/domain/plan/plan.server";
import { DomainError } from "~/utils/errors";
import {
  TEAM_ROLES,
  type RaciLetter,
  type RaciSubject,
  type StakeholderSide,
  type TeamRole,
  type Visibility,
} from "~/vocabulary";
import { raciRowProblems, type RaciRowProblem } from "./rules";

export type RaciColumn = { id: string; name: string; side: StakeholderSide; teamRole: TeamRole | null };

export type RaciRow = {
  type: RaciSubject;
  id: string;
  title: string;
  visibility: Visibility;
  /** Letters by stakeholder id; an empty cell has no entry. */
  cells: Record<string, RaciLetter>;
  problems: RaciRowProblem[];
};

export type RaciGroup = { kind: "phase" | "milestones"; title: string; rows: RaciRow[] };

export type RaciMatrix = {
  columns: { vendor: RaciColumn[]; customer: RaciColumn[] };
  groups: RaciGroup[];
  /** Rows that break the rule (exactly one A, at least one R). */
  brokenCount: number;
  rowCount: number;
};

const VENDOR_ROLES: readonly EffectiveRoomRole[] = ["owner", "collaborator"];

/** Whether this role may set a cell of a row of `visibility` in a column of `side`. Pure; the UI uses it too. */
export function canEditRaciCell(
  role: EffectiveRoomRole,
  row: { visibility: Visibility },
  side: StakeholderSide,
): boolean {
  if (!can(role, "raci.edit")) return false;
  if (VENDOR_ROLES.includes(role)) return true;
  return role === "customer_admin" && row.visibility === "shared" && side === "customer";
}

const roleRank = (r: TeamRole | null) => (r ? TEAM_ROLES.indexOf(r) : TEAM_ROLES.length);

/** The matrix as this viewer may see it: internal milestones and tasks only for vendor staff. */
export function getRaciMatrix(ctx: Pick<RoomContext, "room" | "role">): RaciMatrix {
  return readMatrix(getDb(), ctx.room.id, seesInternal(ctx.role));
}

export function readMatrix(tx: DbOrTx, roomId: string, internal: boolean): RaciMatrix {
  const visible = <T extends { visibility: Visibility }>(rows: T[]) =>
    internal ? rows : rows.filter((r) => r.visibility === "shared");
  const people = tx
    .select()
    .from(stakeholders)
    .where(eq(stakeholders.roomId, roomId))
    .all()
    .sort((a, b) => roleRank(a.teamRole) - roleRank(b.teamRole) || a.name.localeCompare(b.name));
  const column = (s: (typeof people)[number]): RaciColumn => ({
    id: s.id,
    name: s.name,
    side: s.side,
    teamRole: s.teamRole ?? null,
  });
  const phaseRows = tx
    .select()
    .from(phases)
    .where(eq(phases.roomId, roomId))
    .orderBy(asc(phases.position))
    .all();
  const taskRows = visible(
    tx
      .select({ id: tasks.id, phaseId: tasks.phaseId, title: tasks.title, visibility: tasks.visibility })
      .from(tasks)
      .where(and(eq(tasks.roomId, roomId), eq(tasks.isDeliverable, true)))
      .orderBy(asc(tasks.position))
      .all(),
  );
  const milestoneRows = visible(
    tx
      .select({ id: milestones.id, title: milestones.title, visibility: milestones.visibility })
      .from(milestones)
      .where(eq(milestones.roomId, roomId))
      .orderBy(asc(milestones.targetDate), asc(milestones.position))
      .all(),
  );
  const cells = tx.select().from(raciAssignments).where(eq(raciAssignments.roomId, roomId)).all();
  const row = (type: RaciSubject, id: string, title: string, visibility: Visibility): RaciRow => {
    const letters: Record<string, RaciLetter> = {};
    for (const c of cells)
      if (c.subjectType === type && c.subjectId === id) letters[c.stakeholderId] = c.letter;
    return { type, id, title, visibility, cells: letters, problems: raciRowProblems(Object.values(letters)) };
  };
  const groups: RaciGroup[] = phaseRows.map((p) => ({
    kind: "phase",
    title: p.title,
    rows: [
      row("phase", p.id, p.title, "shared"),
      ...taskRows.filter((t) => t.phaseId === p.id).map((t) => row("task", t.id, t.title, t.visibility)),
    ],
  }));
  if (milestoneRows.length)
    groups.push({
      kind: "milestones",
      title: "",
      rows: milestoneRows.map((m) => row("milestone", m.id, m.title, m.visibility)),
    });
  const all = groups.flatMap((g) => g.rows);
  return {
    columns: {
      vendor: people.filter((p) => p.side === "vendor").map(column),
      customer: people.filter((p) => p.side === "customer").map(column),
    },
    groups,
    brokenCount: all.filter((r) => r.problems.length > 0).length,
    rowCount: all.length,
  };
}

type Subject = { type: RaciSubject; id: string; title: string; visibility: Visibility };

/** The row's subject in this room, as unknown to a customer as another room's when it is internal. */
function loadSubject(tx: Tx, ctx: Pick<RoomContext, "room" | "role">, type: RaciSubject, id: string) {
  let subject: (Subject & { assigneeId?: string | null; version?: number }) | undefined;
  if (type === "phase") {
    const p = tx
      .select()
      .from(phases)
      .where(and(eq(phases.id, id), eq(phases.roomId, ctx.room.id)))
      .get();
    subject = p && { type, id, title: p.title, visibility: "shared" };
  } else if (type === "milestone") {
    const m = tx
      .select()
      .from(milestones)
      .where(and(eq(milestones.id, id), eq(milestones.roomId, ctx.room.id)))
      .get();
    subject = m && { type, id, title: m.title, visibility: m.visibility };
  } else {
    const t = tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.id, id), eq(tasks.roomId, ctx.room.id), eq(tasks.isDeliverable, true)))
      .get();
    subject = t && {
      type,
      id,
      title: t.title,
      visibility: t.visibility,
      assigneeId: t.assigneeId,
      version: t.version,
    };
  }
  if (!subject || (subject.visibility === "internal" && !seesInternal(ctx.role)))
    throw new DomainError(404, "errors.notFound");
  return subject;
}

export type SetRaciCellInput = {
  subjectType: RaciSubject;
  subjectId: string;
  stakeholderId: string;
  letter: RaciLetter | null;
  /** The letter the editor saw (empty string for an empty cell); a different stored letter is a 409. */
  expected?: RaciLetter | "" | null;
};

/**
 * Sets (or clears) one cell. Saving is allowed while the row breaks the rule; the row's problems come back
 * so the screen can mark it. R on a task without an assignee assigns that person (recorded).
 */
export function setRaciCell(
  ctx: RoomContext,
  input: SetRaciCellInput,
  now: Date = new Date(),
): { problems: RaciRowProblem[]; assigned: boolean; letter: RaciLetter | null; person: string; row: string } {
  if (!can(ctx.role, "raci.edit")) throw new DomainError(403, "errors.forbidden");
  return writeTransaction(getDb(), (tx) => {
    const subject = loadSubject(tx, ctx, input.subjectType, input.subjectId);
    const { assigned, person } = setCellTx(tx, ctx, subject, input, now);
    return {
      problems: rowProblems(tx, subject),
      assigned,
      letter: input.letter,
      person: person.name,
      row: subject.title,
    };
  });
}

/**
 * Sets several cells of one row at once (the page without JavaScript saves a row per form): all or none.
 * Cells whose letter is the one the editor saw are left alone, so a row form only touches what changed.
 */
export function setRaciRow(
  ctx: RoomContext,
  input: {
    subjectType: RaciSubject;
    subjectId: string;
    cells: { stakeholderId: string; letter: RaciLetter | null; expected: RaciLetter | "" | null }[];
  },
  now: Date = new Date(),
): { problems: RaciRowProblem[]; changed: number; row: string } {
  if (!can(ctx.role, "raci.edit")) throw new DomainError(403, "errors.forbidden");
  return writeTransaction(getDb(), (tx) => {
    const subject = loadSubject(tx, ctx, input.subjectType, input.subjectId);
    let changed = 0;
    for (const cell of input.cells) {
      if ((cell.expected || null) === cell.letter) continue;
      setCellTx(tx, ctx, subject, { ...input, ...cell }, now);
      // A task assigned by the first R is no longer without an assignee for the next.
      if (subject.type === "task" && cell.letter === "R" && !subject.assigneeId)
        subject.assigneeId = cell.stakeholderId;
      changed++;
    }
    return { problems: rowProblems(tx, subject), changed, row: subject.title };
  });
}

function rowProblems(tx: Tx, subject: Subject): RaciRowProblem[] {
  return raciRowProblems(
    tx
      .select({ letter: raciAssignments.letter })
      .from(raciAssignments)
      .where(and(eq(raciAssignments.subjectType, subject.type), eq(raciAssignments.subjectId, subject.id)))
      .all()
      .map((r) => r.letter),
  );
}

function setCellTx(
  tx: Tx,
  ctx: RoomContext,
  subject: Subject & { assigneeId?: string | null; version?: number },
  input: SetRaciCellInput,
  now: Date,
) {
  const person = tx
    .select()
    .from(stakeholders)
    .where(and(eq(stakeholders.id, input.stakeholderId), eq(stakeholders.roomId, ctx.room.id)))
    .get();
  if (!person) throw new DomainError(404, "errors.notFound");
  if (!canEditRaciCell(ctx.role, subject, person.side)) throw new DomainError(403, "raci.cannotEditCell");
  const key = and(
    eq(raciAssignments.subjectType, subject.type),
    eq(raciAssignments.subjectId, subject.id),
    eq(raciAssignments.stakeholderId, person.id),
  );
  const current = tx.select().from(raciAssignments).where(key).get();
  const from = current?.letter ?? null;
  if (input.expected !== undefined && (input.expected || null) !== from)
    throw new DomainError(409, "raci.stale", { person: person.name, row: subject.title });
  let assigned = false;
  if (from === input.letter) return { assigned, person };
  if (input.letter === null) tx.delete(raciAssignments).where(key).run();
  else if (current) tx.update(raciAssignments).set({ letter: input.letter, updatedAt: now }).where(key).run();
  else
    tx.insert(raciAssignments)
      .values({
        roomId: ctx.room.id,
        subjectType: subject.type,
        subjectId: subject.id,
        stakeholderId: person.id,
        letter: input.letter,
        updatedAt: now,
      })
      .run();
  recordEvent(tx, {
    actorId: ctx.user.id,
    type: "raci.changed",
    accountId: ctx.account.id,
    roomId: ctx.room.id,
    subjectType: subject.type,
    subjectId: subject.id,
    data: {
      title: subject.title,
      person: person.name,
      side: person.side,
      from,
      to: input.letter,
      visibility: subject.visibility,
    },
  });
  if (input.letter === "R" && subject.type === "task" && !subject.assigneeId) {
    // Read again: an earlier cell of the same save may have assigned it already.
    const task = tx.select().from(tasks).where(eq(tasks.id, subject.id)).get();
    if (task && !task.assigneeId)
      assigned = assignTask(tx, ctx, { ...subject, version: task.version }, person, now);
  }
  return { assigned, person };
}

/** R becomes the default assignee: the task gets the person, its version moves on, the change is recorded. */
function assignTask(
  tx: Tx,
  ctx: Pick<RoomContext, "room" | "account" | "user">,
  task: Subject & { version?: number },
  person: { id: string; name: string },
  now: Date,
): boolean {
  tx.update(tasks)
    .set({ assigneeId: person.id, version: (task.version ?? 1) + 1, updatedAt: now })
    .where(eq(tasks.id, task.id))
    .run();
  recordEvent(tx, {
    actorId: ctx.user.id,
    type: "task.updated",
    accountId: ctx.account.id,
    roomId: ctx.room.id,
    subjectType: "task",
    subjectId: task.id,
    data: { title: task.title, assignee: person.name, byRaci: true, visibility: task.visibility },
  });
  return true;
}

/**
 * Marks or unmarks a task as a deliverable (plan editors only). Unmarking removes its row, and with it its
 * letters: people no longer hold a letter on a row that does not exist.
 */
export function setTaskDeliverable(
  ctx: RoomContext,
  input: { taskId: string; isDeliverable: boolean; version: number },
): void {
  if (!can(ctx.role, "plan.edit")) throw new DomainError(403, "errors.forbidden");
  writeTransaction(getDb(), (tx) => {
    const task = tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.id, input.taskId), eq(tasks.roomId, ctx.room.id)))
      .get();
    if (!task) throw new DomainError(404, "errors.notFound");
    if (task.version !== input.version) throw new DomainError(409, "planEdit.stale");
    if (task.isDeliverable === input.isDeliverable) return;
    tx.update(tasks)
      .set({ isDeliverable: input.isDeliverable, version: task.version + 1, updatedAt: new Date() })
      .where(eq(tasks.id, task.id))
      .run();
    if (!input.isDeliverable) deleteRaciCells(tx, "task", [task.id]);
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "task.updated",
      accountId: ctx.account.id,
      roomId: ctx.room.id,
      subjectType: "task",
      subjectId: task.id,
      data: { title: task.title, deliverable: input.isDeliverable, visibility: task.visibility },
    });
  });
}

/** Deletes the cells of removed (or no longer deliverable) rows; called in the transaction that removes them. */
export function deleteRaciCells(tx: Tx, type: RaciSubject, ids: string[]): void {
  if (!ids.length) return;
  tx.delete(raciAssignments)
    .where(and(eq(raciAssignments.subjectType, type), inArray(raciAssignments.subjectId, ids)))
    .run();
}
