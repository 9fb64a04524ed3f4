import Papa from "papaparse";
import { PLAN_SIDES, TASK_STATUSES, VISIBILITIES } from "~/vocabulary";
import type { PlanSide, TaskStatus, Visibility } from "~/vocabulary";
import { isCalendarDate } from "~/utils/forms";

/**
 * The plan's CSV format, shared by export and import. Headers are language-neutral codes so a file
 * exported in one language imports in the other; the Japanese labels are accepted too for hand-made files.
 * Dependencies are task titles separated by ";" (titles must therefore be unique within a room).
 */
export const CSV_COLUMNS = [
  "phase",
  "title",
  "side",
  "assignee",
  "start_date",
  "due_date",
  "status",
  "visibility",
  "depends_on",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const HEADER_ALIASES: Record<string, CsvColumn> = {
  フェーズ: "phase",
  タイトル: "title",
  タスク: "title",
  担当側: "side",
  担当者: "assignee",
  開始日: "start_date",
  期限: "due_date",
  期日: "due_date",
  ステータス: "status",
  公開範囲: "visibility",
  依存タスク: "depends_on",
};

export const DEPENDENCY_SEPARATOR = ";";
export const MAX_IMPORT_ROWS = 1000;
export const MAX_IMPORT_BYTES = 1024 * 1024;

export type CsvRowError = {
  /** Spreadsheet row number: the header is row 1, the first task row 2; 0 for the whole file. */
  row: number;
  column?: CsvColumn;
  /** Key under csv.errors.* */
  key: string;
  params?: Record<string, string | number>;
};

export type CsvTaskRow = {
  row: number;
  phase: string;
  title: string;
  side: PlanSide;
  assignee: string | null;
  startDate: string | null;
  dueDate: string | null;
  status: TaskStatus;
  visibility: Visibility;
  dependsOn: string[];
};

/**
 * Bytes of an uploaded file to text: UTF-8 (with or without BOM) first, Shift_JIS (what Excel writes on
 * Japanese Windows) when the bytes are not valid UTF-8. Null when neither decodes cleanly.
 */
export function decodeCsv(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8
  }
  try {
    const text = new TextDecoder("shift_jis", { fatal: true }).decode(bytes);
    return text.includes("\uFFFD") ? null : text;
  } catch {
    return null;
  }
}

/** Trims, and undoes the quote the export puts before formula-like text (CSV injection guard). */
const clean = (value: string | undefined) =>
  (value ?? "")
    .replace(/^\uFEFF/, "")
    .trim()
    .replace(/^'(?=[=+\-@\t\r])/, "");

/**
 * Parses and validates the text of a CSV file, row by row, without touching the database. Every problem
 * is reported (not only the first), so the user can fix the file in one go.
 */
export function parseTaskCsv(text: string): { rows: CsvTaskRow[]; errors: CsvRowError[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const errors: CsvRowError[] = [];
  const table = parsed.data;
  if (table.length === 0) return { rows: [], errors: [{ row: 0, key: "empty" }] };
  const header = table[0]!.map((h) => {
    const key = clean(h);
    const lower = key.toLowerCase();
    return (CSV_COLUMNS as readonly string[]).includes(lower) ? (lower as CsvColumn) : HEADER_ALIASES[key];
  });
  for (const required of ["phase", "title"] as const) {
    if (!header.includes(required)) errors.push({ row: 1, column: required, key: "missingColumn" });
  }
  if (errors.length) return { rows: [], errors };
  const body = table.slice(1);
  if (body.length === 0) return { rows: [], errors: [{ row: 0, key: "noRows" }] };
  if (body.length > MAX_IMPORT_ROWS)
    return { rows: [], errors: [{ row: 0, key: "tooManyRows", params: { max: MAX_IMPORT_ROWS } }] };

  const rows: CsvTaskRow[] = [];
  body.forEach((cells, index) => {
    const row = index + 2;
    const get = (column: CsvColumn) => {
      const i = header.indexOf(column);
      return i < 0 ? "" : clean(cells[i]);
    };
    const rowErrors: CsvRowError[] = [];
    const text = (column: CsvColumn, required: boolean, max = 200): string | null => {
      const value = get(column);
      if (!value) {
        if (required) rowErrors.push({ row, column, key: "required" });
        return null;
      }
      if (value.length > max) rowErrors.push({ row, column, key: "tooLong", params: { max } });
      return value;
    };
    const choice = <T extends string>(column: CsvColumn, allowed: readonly T[], fallback: T): T => {
      const value = get(column).toLowerCase();
      if (!value) return fallback;
      if ((allowed as readonly string[]).includes(value)) return value as T;
      rowErrors.push({ row, column, key: "invalidChoice", params: { value, allowed: allowed.join(", ") } });
      return fallback;
    };
    const date = (column: CsvColumn): string | null => {
      const value = get(column).replace(/\//g, "-");
      if (!value) return null;
      // Excel often drops leading zeros: 2026/1/5.
      const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
      const iso = m ? `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}` : value;
      if (!isCalendarDate(iso)) {
        rowErrors.push({ row, column, key: "invalidDate", params: { value: get(column) } });
        return null;
      }
      return iso;
    };
    const task: CsvTaskRow = {
      row,
      phase: text("phase", true) ?? "",
      title: text("title", true) ?? "",
      side: choice("side", PLAN_SIDES, "joint"),
      assignee: text("assignee", false),
      startDate: date("start_date"),
      dueDate: date("due_date"),
      status: choice("status", TASK_STATUSES, "todo"),
      visibility: choice("visibility", VISIBILITIES, "shared"),
      dependsOn: get("depends_on")
        .split(DEPENDENCY_SEPARATOR)
        .map((s) => s.trim())
        .filter(Boolean),
    };
    if (task.startDate && task.dueDate && task.startDate > task.dueDate)
      rowErrors.push({ row, column: "due_date", key: "dueBeforeStart" });
    if (task.status === "blocked") rowErrors.push({ row, column: "status", key: "blockedNeedsReason" });
    if (task.title && task.dependsOn.includes(task.title))
      rowErrors.push({ row, column: "depends_on", key: "selfDependency" });
    errors.push(...rowErrors);
    rows.push(task);
  });
  return { rows, errors };
}

export type CsvExportRow = Record<CsvColumn, string>;

/** The export as text, with a UTF-8 BOM so Excel opens Japanese correctly, and CRLF line ends. */
export function formatTaskCsv(rows: CsvExportRow[]): string {
  return formatCsv(CSV_COLUMNS, rows);
}

/**
 * The characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). Only the
 * first character counts, whatever follows, line breaks included.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The CSV injection guard: a cell that a spreadsheet would run as a formula gets a leading `'`, which makes
 * it text. Import undoes it (see clean), so an exported file imports back unchanged.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Any of our CSV files: BOM, CRLF, every cell through the formula guard, quoted where RFC 4180 needs it. */
export function formatCsv<C extends string>(columns: readonly C[], rows: Record<C, string>[]): string {
  return (
    "\uFEFF" +
    Papa.unparse(
      {
        fields: columns.map(neutraliseFormula),
        data: rows.map((r) => columns.map((c) => neutraliseFormula(r[c]))),
      },
      // The guard above replaces Papa's escapeFormulae, whose pattern stops at the first line break.
      { newline: "\r\n", escapeFormulae: false },
    ) +
    "\r\n"
  );
}

/** Parses CSV text into a header (lower-cased, BOM and quotes removed) and body rows of trimmed cells. */
export function readCsvTable(text: string): { header: string[]; body: string[][] } {
  const table = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" }).data;
  return {
    header: (table[0] ?? []).map((h) => clean(h).toLowerCase()),
    body: table.slice(1).map((cells) => cells.map((c) => clean(c))),
  };
}
