import { describe, expect, it } from "vitest";
import { parseOptionsText, readAnswers, type FormFieldDef } from "~/domain/forms/fields";

const field = (
  id: string,
  kind: FormFieldDef["kind"],
  required = false,
  options: unknown = [],
): FormFieldDef => ({
  id,
  kind,
  label: id,
  help: "",
  required,
  options,
});
const table = parseOptionsText(
  "table",
  "Name | text | required\nEmail | email\nJoined | date\nSeats | number",
);
const defs = [
  field("t", "short_text", true),
  field("n", "number", true),
  field("d", "date"),
  field("s", "single_choice", false, ["A", "B"]),
  field("m", "multiple_choice", false, ["A", "B", "C"]),
  field("y", "yes_no", true),
  field("f", "file", true),
  field("u", "table", true, table.ok ? table.options : []),
];

describe("form answers per kind", () => {
  it("a draft keeps what is valid and checks formats, not required fields", () => {
    const r = readAnswers(defs, { f_n: "１，２００", f_d: "2027-02-30" }, "draft");
    expect(r.answers).toEqual({ n: "1200" });
    expect(r.errors).toEqual({ f_d: "forms.errors.date" });
  });
  it("submit requires required fields, with a message per field", () => {
    const r = readAnswers(defs, {}, "submit");
    expect(r.errors).toEqual({
      f_t: "forms.errors.required",
      f_n: "forms.errors.required",
      f_y: "forms.errors.choose",
      f_f: "forms.errors.fileRequired",
      f_u: "forms.errors.tableRequired",
    });
  });
  it("refuses numbers, choices and yes/no outside their kind", () => {
    const r = readAnswers(defs, { f_n: "12abc", f_s: "Z", f_m: ["A", "Q"], f_y: "maybe" }, "draft");
    expect(r.errors).toEqual({
      f_n: "forms.errors.number",
      f_s: "forms.errors.choice",
      f_m: "forms.errors.choice",
      f_y: "forms.errors.choice",
    });
  });
  it("tables: empty rows dropped, typed cells checked, required columns on submit", () => {
    const raw = {
      "f_u.0.c1": "Ann",
      "f_u.0.c2": "ann@example.com",
      "f_u.0.c4": "３",
      "f_u.1.c1": "",
      "f_u.1.c2": "",
      "f_u.2.c2": "bad-email",
      "f_u.2.c3": "2027-13-01",
    };
    const r = readAnswers(defs, raw, "submit", { f: { fileId: "x", name: "a.pdf" } });
    expect(r.errors["f_u.2.c2"]).toBe("forms.errors.email");
    expect(r.errors["f_u.2.c3"]).toBe("forms.errors.date");
    expect(r.errors["f_u.2.c1"]).toBe("forms.errors.required");
    expect(r.errors.f_u).toBe("forms.errors.tableCells");
    const ok = readAnswers(defs, { ...raw, "f_u.2.c2": "", "f_u.2.c3": "" }, "draft");
    expect(ok.answers.u).toEqual([{ c1: "Ann", c2: "ann@example.com", c3: "", c4: "3" }]);
  });
  it("choices keep their order and drop repeats", () => {
    const r = readAnswers(defs, { f_m: ["C", "A", "C"] }, "draft");
    expect(r.answers.m).toEqual(["A", "C"]);
  });
  it("builder options: at least two choices; columns need a known kind", () => {
    expect(parseOptionsText("single_choice", "one")).toEqual({
      ok: false,
      error: "forms.errors.needChoices",
    });
    expect(parseOptionsText("table", "Name | phone")).toEqual({ ok: false, error: "forms.errors.badColumn" });
    expect(parseOptionsText("table", "氏名 | text | 必須")).toEqual({
      ok: true,
      options: [{ key: "c1", label: "氏名", kind: "text", required: true }],
    });
  });
});
