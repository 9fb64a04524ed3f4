import { and, eq, max } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { phases, stakeholders, taskDependencies, tasks } from "#db/schema";
import { can } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import { DomainError } from "~/utils/errors";
import {
  DEPENDENCY_SEPARATOR,
  decodeCsv,
  formatTaskCsv,
  MAX_IMPORT_BYTES,
  parseTaskCsv,
  type CsvRowError,
} from "./csv-schema";
import { getPlan, type RoomContext } from "./plan.server";

/** The plan as the viewer may see it, one task per row (internal tasks only for staff). */
export function exportPlanCsv(ctx: Pick<RoomContext, "room" | "role">): string {
  const plan = getPlan(ctx);
  const phaseTitle = new Map(plan.phases.map((p) => [p.id, p.title]));
  const phaseOrder = new Map(plan.phases.map((p) => [p.id, p.position]));
  const person = new Map(plan.stakeholders.map((s) => [s.id, s.name]));
  const title = new Map(plan.tasks.map((t) => [t.id, t.title]));
  const sorted = [...plan.tasks].sort(
    (a, b) => (phaseOrder.get(a.phaseId) ?? 0) - (phaseOrder.get(b.phaseId) ?? 0) || a.position - b.position,
  );
  return formatTaskCsv(
    sorted.map((t) => ({
      phase: phaseTitle.get(t.phaseId) ?? "",
      title: t.title,
      side: t.side,
      assignee: t.assigneeId ? (person.get(t.assigneeId) ?? "") : "",
      start_date: t.startDate ?? "",
      due_date: t.dueDate ?? "",
      status: t.status,
      visibility: t.visibility,
      depends_on: plan.dependencies
        .filter((d) => d.taskId === t.id)
        .map((d) => title.get(d.dependsOnId))
        .filter((x): x is string => !!x)
        .sort()
        .join(`${DEPENDENCY_SEPARATOR} `),
    })),
  );
}

export type ImportResult =
  { ok: true; created: number; phasesCreated: number } | { ok: false; errors: CsvRowError[] };

/**
 * Adds the tasks of a CSV file to the room's plan. All or nothing: every row is validated (format, then
 * assignees, dependencies and titles against the room) before anything is written, and the writes happen
 * in one transaction. Unknown phase names create phases at the end of the plan.
 */
export function importPlanCsv(ctx: RoomContext, bytes: Uint8Array, now = new Date()): ImportResult {
  if (!can(ctx.role, "plan.edit")) throw new DomainError(403, "errors.forbidden");
  if (bytes.byteLength === 0) return { ok: false, errors: [{ row: 0, key: "empty" }] };
  if (bytes.byteLength > MAX_IMPORT_BYTES)
    return { ok: false, errors: [{ row: 0, key: "tooLarge", params: { max: MAX_IMPORT_BYTES / 1024 } }] };
  const text = decodeCsv(bytes);
  if (text === null) return { ok: false, errors: [{ row: 0, key: "encoding" }] };
  const { rows, errors } = parseTaskCsv(text);
  if (rows.length === 0 && errors.length) return { ok: false, errors };

  return getDb().transaction((tx) => {
    const roomId = ctx.room.id;
    const existingPhases = tx.select().from(phases).where(eq(phases.roomId, roomId)).all();
    const existingTasks = tx
      .select({ id: tasks.id, title: tasks.title, status: tasks.status })
      .from(tasks)
      .where(eq(tasks.roomId, roomId))
      .all();
    const people = tx.select().from(stakeholders).where(eq(stakeholders.roomId, roomId)).all();
    const key = (s: string) => s.normalize("NFKC").trim().toLowerCase();

    const existingByTitle = new Map<string, (typeof existingTasks)[number][]>();
    for (const t of existingTasks)
      existingByTitle.set(key(t.title), [...(existingByTitle.get(key(t.title)) ?? []), t]);
    const rowByTitle = new Map<string, (typeof rows)[number]>();
    for (const row of rows) {
      if (!row.title) continue;
      if (existingByTitle.has(key(row.title)) || rowByTitle.has(key(row.title)))
        errors.push({ row: row.row, column: "title", key: "duplicateTitle", params: { title: row.title } });
      else rowByTitle.set(key(row.title), row);
    }
    const assigneeIds = new Map<number, string | null>();
    for (const row of rows) {
      if (!row.assignee) {
        assigneeIds.set(row.row, null);
        continue;
      }
      const matches = people.filter(
        (p) => key(p.name) === key(row.assignee!) || (p.email && key(p.email) === key(row.assignee!)),
      );
      if (matches.length === 1) assigneeIds.set(row.row, matches[0]!.id);
      else
        errors.push({
          row: row.row,
          column: "assignee",
          key: matches.length ? "ambiguousAssignee" : "unknownAssignee",
          params: { name: row.assignee },
        });
    }
    for (const row of rows) {
      for (const dep of row.dependsOn) {
        const existing = existingByTitle.get(key(dep));
        const inFile = rowByTitle.get(key(dep));
        if (!existing && !inFile) {
          errors.push({
            row: row.row,
            column: "depends_on",
            key: "unknownDependency",
            params: { title: dep },
          });
          continue;
        }
        if (existing && existing.length > 1) {
          errors.push({
            row: row.row,
            column: "depends_on",
            key: "ambiguousDependency",
            params: { title: dep },
          });
          continue;
        }
        const depDone = existing ? existing[0]!.status === "done" : inFile!.status === "done";
        if (row.status === "done" && !depDone)
          errors.push({ row: row.row, column: "status", key: "dependencyOpen", params: { title: dep } });
      }
    }
    // Dependencies among the new rows must not loop (existing tasks cannot depend on new ones).
    const state = new Map<string, "visiting" | "done">();
    const visit = (row: (typeof rows)[number]): boolean => {
      const k = key(row.title);
      if (state.get(k) === "done") return false;
      if (state.get(k) === "visiting") return true;
      state.set(k, "visiting");
      const looped = row.dependsOn.some((d) => {
        const next = rowByTitle.get(key(d));
        return next ? visit(next) : false;
      });
      state.set(k, "done");
      return looped;
    };
    for (const row of rows) {
      if (row.title && !state.has(key(row.title)) && visit(row))
        errors.push({ row: row.row, column: "depends_on", key: "dependencyCycle" });
    }
    if (errors.length) return { ok: false as const, errors: errors.sort((a, b) => a.row - b.row) };

    // Valid: write everything.
    const phaseIds = new Map(existingPhases.map((p) => [key(p.title), p.id]));
    let phasePosition = Math.max(-1, ...existingPhases.map((p) => p.position)) + 1;
    let phasesCreated = 0;
    const nextPosition = new Map<string, number>();
    const positionIn = (phaseId: string) => {
      if (!nextPosition.has(phaseId)) {
        const top = tx
          .select({ top: max(tasks.position) })
          .from(tasks)
          .where(and(eq(tasks.roomId, roomId), eq(tasks.phaseId, phaseId)))
          .get()?.top;
        nextPosition.set(phaseId, (top ?? -1) + 1);
      }
      const position = nextPosition.get(phaseId)!;
      nextPosition.set(phaseId, position + 1);
      return position;
    };
    const newIds = new Map<string, string>();
    for (const row of rows) {
      let phaseId = phaseIds.get(key(row.phase));
      if (!phaseId) {
        phaseId = tx
          .insert(phases)
          .values({ roomId, title: row.phase, position: phasePosition++ })
          .returning({ id: phases.id })
          .get().id;
        phaseIds.set(key(row.phase), phaseId);
        phasesCreated++;
        recordEvent(tx, {
          actorId: ctx.user.id,
          type: "phase.created",
          accountId: ctx.account.id,
          roomId,
          subjectType: "phase",
          subjectId: phaseId,
          data: { title: row.phase, source: "csv", visibility: "shared" },
        });
      }
      const done = row.status === "done";
      const id = tx
        .insert(tasks)
        .values({
          roomId,
          phaseId,
          title: row.title,
          side: row.side,
          assigneeId: assigneeIds.get(row.row) ?? null,
          startDate: row.startDate,
          dueDate: row.dueDate,
          status: row.status,
          visibility: row.visibility,
          position: positionIn(phaseId),
          completedAt: done ? now : null,
          completedById: done ? ctx.user.id : null,
          createdAt: now,
        })
        .returning({ id: tasks.id })
        .get().id;
      newIds.set(key(row.title), id);
      recordEvent(tx, {
        actorId: ctx.user.id,
        type: "task.created",
        accountId: ctx.account.id,
        roomId,
        subjectType: "task",
        subjectId: id,
        data: { title: row.title, source: "csv", visibility: row.visibility },
      });
    }
    for (const row of rows) {
      for (const dep of new Set(row.dependsOn.map(key))) {
        const dependsOnId = newIds.get(dep) ?? existingByTitle.get(dep)![0]!.id;
        tx.insert(taskDependencies)
          .values({ taskId: newIds.get(key(row.title))!, dependsOnId })
          .run();
      }
    }
    recordEvent(tx, {
      actorId: ctx.user.id,
      type: "plan.imported",
      accountId: ctx.account.id,
      roomId,
      subjectType: "room",
      subjectId: roomId,
      // Counts include internal tasks: staff only.
      data: { tasks: rows.length, phases: phasesCreated, visibility: "internal" },
    });
    return { ok: true as const, created: rows.length, phasesCreated };
  });
}
