import { describe, expect, it } from "vitest";
import { raciRowProblems } from "~/domain/raci/rules";

describe("raciRowProblems", () => {
  it("accepts exactly one A and at least one R", () => {
    expect(raciRowProblems(["R", "A", "C", null, "I"])).toEqual([]);
    expect(raciRowProblems(["R", "R", "A"])).toEqual([]);
  });
  it("names each broken rule", () => {
    expect(raciRowProblems([])).toEqual(["noAccountable", "noResponsible"]);
    expect(raciRowProblems(["A", "C"])).toEqual(["noResponsible"]);
    expect(raciRowProblems(["R", "C", undefined])).toEqual(["noAccountable"]);
    expect(raciRowProblems(["A", "A", "R"])).toEqual(["severalAccountable"]);
  });
});
