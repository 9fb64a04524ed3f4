import { and, eq, max } from "drizzle-orm";
import { getDb, writeTransaction } from "#db/client.server";
import { planTemplates, templatePhases, templateTaskDependencies, templateTasks } from "#db/schema";
import { PLAN_SIDES, TEAM_ROLES, VISIBILITIES, type PlanSide, type Visibility } from "~/vocabulary";
import { toTeamRole } from "~/domain/team/roles";
import type { StaffUser } from "~/access/users";
import { staffCan } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import {
  DEPENDENCY_SEPARATOR,
  MAX_IMPORT_ROWS,
  decodeCsv,
  formatCsv,
  readCsvTable,
  type CsvRowError,
} from "~/domain/plan/csv-schema";
import { DomainError } from "~/utils/errors";
import { loadTemplate } from "./templates.server";

/**
 * A template's tasks as CSV: like the room plan's file, but with day offsets from the kickoff instead of
 * dates and the default role instead of an assignee. Headers are language-neutral codes.
 */
export const TEMPLATE_CSV_COLUMNS = [
  "phase",
  "title",
  "side",
  "default_role",
  "start_day",
  "due_day",
  "visibility",
  "depends_on",
] as const;
type Column = (typeof TEMPLATE_CSV_COLUMNS)[number];

const MIN_DAY = -365;
const MAX_DAY = 730;

function requireManager(actor: StaffUser) {
  if (!staffCan(actor.staffRole, "templates.manage")) throw new DomainError(403, "errors.forbidden");
}

export function exportTemplateCsv(actor: StaffUser, templateId: string): { name: string; csv: string } {
  requireManager(actor);
  const source = loadTemplate(getDb(), templateId);
  if (!source) throw new DomainError(404, "errors.notFound");
  const phaseTitle = new Map(source.phases.map((p) => [p.id, p.title]));
  const title = new Map(source.tasks.map((t) => [t.id, t.title]));
  const rows = source.tasks.map((t) => ({
    phase: phaseTitle.get(t.phaseId) ?? "",
    title: t.title,
    side: t.side,
    default_role: t.defaultRole ?? "",
    start_day: String(t.startOffsetDays),
    due_day: String(t.dueOffsetDays),
    visibility: t.visibility,
    depends_on: source.dependencies
      .filter((d) => d.taskId === t.id)
      .map((d) => title.get(d.dependsOnId) ?? "")
      .sort()
      .join(DEPENDENCY_SEPARATOR),
  }));
  return { name: source.template.name, csv: formatCsv(TEMPLATE_CSV_COLUMNS, rows) };
}

type Row = {
  row: number;
  phase: string;
  title: string;
  side: PlanSide;
  defaultRole: string | null;
  start: number;
  due: number;
  visibility: Visibility;
  dependsOn: string[];
};

export type TemplateImportResult =
  { ok: true; created: number; phasesCreated: number } | { ok: false; errors: CsvRowError[] };

/**
 * Adds the tasks of a CSV file to a template. Every row is checked first; if any has a problem nothing is
 * written and every problem is reported with its row and column.
 */
export function importTemplateCsv(
  actor: StaffUser,
  templateId: string,
  bytes: Uint8Array,
): TemplateImportResult {
  requireManager(actor);
  const text = decodeCsv(bytes);
  if (text === null) return { ok: false, errors: [{ row: 0, key: "encoding" }] };
  const { header, body } = readCsvTable(text);
  if (header.length === 0) return { ok: false, errors: [{ row: 0, key: "empty" }] };
  const missing = (["phase", "title", "start_day", "due_day"] as const).filter((c) => !header.includes(c));
  if (missing.length)
    return {
      ok: false,
      errors: missing.map((column) => ({ row: 1, column, key: "missingColumn" }) as CsvRowError),
    };
  if (body.length === 0) return { ok: false, errors: [{ row: 0, key: "noRows" }] };
  if (body.length > MAX_IMPORT_ROWS)
    return { ok: false, errors: [{ row: 0, key: "tooManyRows", params: { max: MAX_IMPORT_ROWS } }] };

  const errors: CsvRowError[] = [];
  // Column codes of the template file are not all room-plan columns; the message keys are shared.
  const fail = (row: number, column: Column, key: string, params?: Record<string, string | number>) =>
    errors.push({ row, column: column as CsvRowError["column"], key, params });
  const rows: Row[] = body.map((cells, index) => {
    const row = index + 2;
    const get = (column: Column) => cells[header.indexOf(column)] ?? "";
    const text = (column: Column, required: boolean) => {
      const value = get(column);
      if (!value && required) fail(row, column, "required");
      if (value.length > 200) fail(row, column, "tooLong", { max: 200 });
      return value;
    };
    const choice = <T extends string>(column: Column, allowed: readonly T[], fallback: T): T => {
      const value = get(column).toLowerCase();
      if (!value) return fallback;
      if ((allowed as readonly string[]).includes(value)) return value as T;
      fail(row, column, "invalidChoice", { value, allowed: allowed.join(", ") });
      return fallback;
    };
    const day = (column: Column) => {
      const value = get(column);
      if (!/^-?\d{1,4}$/.test(value) || Number(value) < MIN_DAY || Number(value) > MAX_DAY) {
        fail(row, column, "invalidDay", { value, min: MIN_DAY, max: MAX_DAY });
        return 0;
      }
      return Number(value);
    };
    // A team role (any case); the legacy "customer_admin" is read as the project lead.
    const teamRole = () => {
      const value = get("default_role").trim();
      if (!value) return null;
      const role = toTeamRole(value);
      if (!role) fail(row, "default_role", "invalidChoice", { value, allowed: TEAM_ROLES.join(", ") });
      return role;
    };
    const parsed: Row = {
      row,
      phase: text("phase", true),
      title: text("title", true),
      side: choice("side", PLAN_SIDES, "joint"),
      defaultRole: teamRole(),
      start: day("start_day"),
      due: day("due_day"),
      visibility: choice("visibility", VISIBILITIES, "shared"),
      dependsOn: get("depends_on")
        .split(DEPENDENCY_SEPARATOR)
        .map((s) => s.trim())
        .filter(Boolean),
    };
    if (parsed.due < parsed.start) fail(row, "due_day", "dueBeforeStart");
    if (parsed.title && parsed.dependsOn.includes(parsed.title)) fail(row, "depends_on", "selfDependency");
    return parsed;
  });

  const db = getDb();
  return writeTransaction(db, (tx) => {
    const source = loadTemplate(tx, templateId);
    if (!source) throw new DomainError(404, "errors.notFound");
    const existing = new Map(source.tasks.map((t) => [t.title, t.id]));
    const inFile = new Map<string, Row>();
    for (const r of rows) {
      if (!r.title) continue;
      if (existing.has(r.title) || inFile.has(r.title))
        fail(r.row, "title", "templateDuplicateTitle", { title: r.title });
      else inFile.set(r.title, r);
    }
    for (const r of rows) {
      for (const dep of r.dependsOn) {
        if (!existing.has(dep) && !inFile.has(dep))
          fail(r.row, "depends_on", "templateUnknownDependency", { title: dep });
      }
    }
    // Existing tasks never depend on new ones, so a loop can only run through rows of this file.
    const state = new Map<string, "visiting" | "done">();
    const visit = (title: string): boolean => {
      if (state.get(title) === "done" || !inFile.has(title)) return false;
      if (state.get(title) === "visiting") return true;
      state.set(title, "visiting");
      const loop = inFile.get(title)!.dependsOn.some(visit);
      state.set(title, "done");
      return loop;
    };
    for (const r of inFile.values())
      if (visit(r.title)) fail(r.row, "depends_on", "dependencyCycle", { title: r.title });
    if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };

    const phaseIds = new Map(source.phases.map((p) => [p.title, p.id]));
    let phasePosition = source.phases.length;
    let phasesCreated = 0;
    let position =
      (tx
        .select({ n: max(templateTasks.position) })
        .from(templateTasks)
        .where(eq(templateTasks.templateId, templateId))
        .get()?.n ?? -1) + 1;
    const ids = new Map(existing);
    for (const r of rows) {
      let phaseId = phaseIds.get(r.phase);
      if (!phaseId) {
        phaseId = tx
          .insert(templatePhases)
          .values({ templateId, title: r.phase, position: phasePosition++ })
          .returning({ id: templatePhases.id })
          .get().id;
        phaseIds.set(r.phase, phaseId);
        phasesCreated++;
      }
      const { id } = tx
        .insert(templateTasks)
        .values({
          templateId,
          phaseId,
          title: r.title,
          side: r.side,
          defaultRole: r.defaultRole,
          startOffsetDays: r.start,
          dueOffsetDays: r.due,
          visibility: r.visibility,
          position: position++,
        })
        .returning({ id: templateTasks.id })
        .get();
      ids.set(r.title, id);
    }
    for (const r of rows) {
      for (const dep of r.dependsOn) {
        tx.insert(templateTaskDependencies)
          .values({ taskId: ids.get(r.title)!, dependsOnId: ids.get(dep)! })
          .run();
      }
    }
    tx.update(planTemplates)
      .set({ version: source.template.version + 1, updatedAt: new Date() })
      .where(and(eq(planTemplates.id, templateId)))
      .run();
    recordEvent(tx, {
      actorId: actor.id,
      type: "template.imported",
      subjectType: "template",
      subjectId: templateId,
      data: { name: source.template.name, tasks: rows.length, phases: phasesCreated },
    });
    return { ok: true, created: rows.length, phasesCreated };
  });
}
