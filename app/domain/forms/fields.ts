/**
 * A form's fields and answers, pure (shared by the server's validation, the form page and the CSV):
 * what each kind's settings are, how answers arrive from an HTML form and how each kind is validated.
 * Field errors are i18n keys keyed by the input's name (`f_<fieldId>`, table cells `f_<fieldId>.<row>.<key>`).
 */
import { isCalendarDate } from "~/utils/forms";
import { FORM_COLUMN_KINDS, type FormColumnKind, type FormFieldKind } from "~/vocabulary";

export type TableColumn = { key: string; label: string; kind: FormColumnKind; required: boolean };
export type FormFieldDef = {
  id: string;
  kind: FormFieldKind;
  label: string;
  help: string;
  required: boolean;
  options: unknown;
};
/** A stored file answer. */
export type FileAnswer = { fileId: string; name: string };
/** A stored answer: text (short/long text, number, date, single choice, yes/no "yes"|"no"), choices, rows, file. */
export type Answer = string | string[] | Record<string, string>[] | FileAnswer;
export type Answers = Record<string, Answer>;

export const MAX_TEXT = { short_text: 500, long_text: 10000 } as const;
export const MAX_TABLE_ROWS = 200;
/** Empty rows the form page offers below the filled ones (more after saving a draft). */
export const BLANK_TABLE_ROWS = 2;

export const inputName = (fieldId: string) => `f_${fieldId}`;
export const cellName = (fieldId: string, row: number, key: string) => `f_${fieldId}.${row}.${key}`;

/** The choices of a choice field. */
export function choicesOf(field: Pick<FormFieldDef, "kind" | "options">): string[] {
  if (field.kind !== "single_choice" && field.kind !== "multiple_choice") return [];
  return Array.isArray(field.options) ? field.options.filter((o): o is string => typeof o === "string") : [];
}

/** The typed columns of a table field. */
export function columnsOf(field: Pick<FormFieldDef, "kind" | "options">): TableColumn[] {
  if (field.kind !== "table" || !Array.isArray(field.options)) return [];
  return field.options.filter(
    (c): c is TableColumn =>
      !!c &&
      typeof c === "object" &&
      typeof (c as TableColumn).key === "string" &&
      typeof (c as TableColumn).label === "string" &&
      (FORM_COLUMN_KINDS as readonly string[]).includes((c as TableColumn).kind),
  );
}

/**
 * The builder's "options" text: one choice per line; for tables one column per line as
 * `label | kind | required` (kind text, email, number or date; "required" optional), e.g. `メール | email | required`.
 */
export function parseOptionsText(
  kind: FormFieldKind,
  text: string,
): { ok: true; options: unknown[] } | { ok: false; error: string } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (kind === "single_choice" || kind === "multiple_choice") {
    const unique = [...new Set(lines)];
    if (unique.length < 2) return { ok: false, error: "forms.errors.needChoices" };
    if (unique.some((l) => l.length > 200)) return { ok: false, error: "validation.tooLong" };
    return { ok: true, options: unique.slice(0, 100) };
  }
  if (kind === "table") {
    if (lines.length === 0) return { ok: false, error: "forms.errors.needColumns" };
    const columns: TableColumn[] = [];
    for (const [i, line] of lines.slice(0, 20).entries()) {
      const [label = "", kindText = "text", req = ""] = line.split("|").map((p) => p.trim());
      const columnKind = kindText.toLowerCase() || "text";
      if (!label || label.length > 200) return { ok: false, error: "forms.errors.badColumn" };
      if (!(FORM_COLUMN_KINDS as readonly string[]).includes(columnKind))
        return { ok: false, error: "forms.errors.badColumn" };
      columns.push({
        key: `c${i + 1}`,
        label,
        kind: columnKind as FormColumnKind,
        required: /^(required|必須|\*)$/i.test(req),
      });
    }
    return { ok: true, options: columns };
  }
  return { ok: true, options: [] };
}

/** The builder's options text for a stored field (inverse of parseOptionsText). */
export function optionsText(field: Pick<FormFieldDef, "kind" | "options">): string {
  if (field.kind === "table")
    return columnsOf(field)
      .map((c) => [c.label, c.kind, c.required ? "required" : ""].filter(Boolean).join(" | "))
      .join("\n");
  return choicesOf(field).join("\n");
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** A number as typed (full-width digits and separators allowed), normalised; null when not a number. */
export function normaliseNumber(value: string): string | null {
  const ascii = value
    .replace(/[０-９．－，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/,/g, "")
    .trim();
  return NUMBER.test(ascii) ? ascii : null;
}

type Raw = Record<string, string | string[]>;
const one = (raw: Raw, name: string) => {
  const v = raw[name];
  return (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();
};
const many = (raw: Raw, name: string) => {
  const v = raw[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter(Boolean);
};

/**
 * Reads and checks the answers of a posted form. `mode` "draft" checks what was typed (formats, choices)
 * but not that required fields are filled; "submit" checks both. File fields are not read here: the caller
 * passes their current answers in `files`. Returns the answers (only the fields answered) and the errors.
 */
export function readAnswers(
  defs: FormFieldDef[],
  raw: Raw,
  mode: "draft" | "submit",
  files: Record<string, FileAnswer | undefined> = {},
): { answers: Answers; errors: Record<string, string> } {
  const answers: Answers = {};
  const errors: Record<string, string> = {};
  const needs = (def: FormFieldDef) => mode === "submit" && def.required;
  for (const def of defs) {
    const name = inputName(def.id);
    switch (def.kind) {
      case "short_text":
      case "long_text": {
        const v = one(raw, name);
        if (v.length > MAX_TEXT[def.kind]) errors[name] = "validation.tooLong";
        else if (v) answers[def.id] = v;
        else if (needs(def)) errors[name] = "forms.errors.required";
        break;
      }
      case "number": {
        const v = one(raw, name);
        if (!v) {
          if (needs(def)) errors[name] = "forms.errors.required";
          break;
        }
        const n = normaliseNumber(v);
        if (n === null) errors[name] = "forms.errors.number";
        else answers[def.id] = n;
        break;
      }
      case "date": {
        const v = one(raw, name);
        if (!v) {
          if (needs(def)) errors[name] = "forms.errors.required";
        } else if (!isCalendarDate(v)) errors[name] = "forms.errors.date";
        else answers[def.id] = v;
        break;
      }
      case "single_choice": {
        const v = one(raw, name);
        if (!v) {
          if (needs(def)) errors[name] = "forms.errors.choose";
        } else if (!choicesOf(def).includes(v)) errors[name] = "forms.errors.choice";
        else answers[def.id] = v;
        break;
      }
      case "multiple_choice": {
        const vs = [...new Set(many(raw, name))];
        const choices = choicesOf(def);
        if (vs.some((v) => !choices.includes(v))) errors[name] = "forms.errors.choice";
        else if (vs.length) answers[def.id] = choices.filter((c) => vs.includes(c));
        else if (needs(def)) errors[name] = "forms.errors.choose";
        break;
      }
      case "yes_no": {
        const v = one(raw, name);
        if (!v) {
          if (needs(def)) errors[name] = "forms.errors.choose";
        } else if (v !== "yes" && v !== "no") errors[name] = "forms.errors.choice";
        else answers[def.id] = v;
        break;
      }
      case "file": {
        const f = files[def.id];
        if (f) answers[def.id] = f;
        else if (needs(def)) errors[name] = "forms.errors.fileRequired";
        break;
      }
      case "table": {
        const columns = columnsOf(def);
        const rowIndexes = new Set<number>();
        const prefix = `${name}.`;
        for (const key of Object.keys(raw)) {
          if (!key.startsWith(prefix)) continue;
          const row = Number(key.slice(prefix.length).split(".")[0]);
          if (Number.isInteger(row) && row >= 0 && row < MAX_TABLE_ROWS * 2) rowIndexes.add(row);
        }
        const rows: Record<string, string>[] = [];
        let bad = false;
        for (const row of [...rowIndexes].sort((a, b) => a - b)) {
          const cells: Record<string, string> = {};
          for (const c of columns) cells[c.key] = one(raw, cellName(def.id, row, c.key));
          if (columns.every((c) => !cells[c.key])) continue; // an empty row is no row
          for (const c of columns) {
            const cell = cellName(def.id, row, c.key);
            const v = cells[c.key];
            if (v.length > MAX_TEXT.short_text) errors[cell] = "validation.tooLong";
            else if (!v) {
              if (mode === "submit" && c.required) errors[cell] = "forms.errors.required";
            } else if (c.kind === "email" && !EMAIL.test(v)) errors[cell] = "forms.errors.email";
            else if (c.kind === "date" && !isCalendarDate(v)) errors[cell] = "forms.errors.date";
            else if (c.kind === "number") {
              const n = normaliseNumber(v);
              if (n === null) errors[cell] = "forms.errors.number";
              else cells[c.key] = n;
            }
            if (errors[cell]) bad = true;
          }
          rows.push(cells);
        }
        if (rows.length > MAX_TABLE_ROWS) errors[name] = "forms.errors.tooManyRows";
        else if (bad) errors[name] = "forms.errors.tableCells";
        else if (rows.length) answers[def.id] = rows;
        else if (needs(def)) errors[name] = "forms.errors.tableRequired";
        break;
      }
    }
  }
  return { answers, errors };
}

/** An answer as plain text (pages' summaries, CSV cells, emails): choices joined, yes/no translated by the caller. */
export function answerText(def: Pick<FormFieldDef, "kind">, answer: Answer | undefined): string {
  if (answer === undefined) return "";
  if (typeof answer === "string") return answer;
  if (Array.isArray(answer)) {
    if (def.kind === "multiple_choice") return (answer as string[]).join(", ");
    return (answer as Record<string, string>[]).map((r) => Object.values(r).join(" / ")).join("\n");
  }
  return answer.name;
}
