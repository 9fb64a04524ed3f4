/**
 * The RACI rules, pure and shared by the matrix, its print and CSV, and the sign-off: every row has
 * exactly one A and at least one R. One place, so the screen's marks and the server's checks agree.
 */
import type { RaciLetter } from "~/vocabulary";

export type RaciRowProblem = "noAccountable" | "severalAccountable" | "noResponsible";

export function raciRowProblems(letters: readonly (RaciLetter | null | undefined)[]): RaciRowProblem[] {
  const accountable = letters.filter((l) => l === "A").length;
  const problems: RaciRowProblem[] = [];
  if (accountable === 0) problems.push("noAccountable");
  if (accountable > 1) problems.push("severalAccountable");
  if (!letters.includes("R")) problems.push("noResponsible");
  return problems;
}
