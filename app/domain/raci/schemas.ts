/** The RACI forms: one cell (the grid, in place) and one row (the page without JavaScript). */
import { z } from "zod";
import { RACI_LETTERS, RACI_SUBJECTS, TEAM_ROLES } from "~/vocabulary";

const id = () => z.string({ error: "validation.invalid" }).min(1, { message: "validation.invalid" }).max(64);
/** A letter, or empty for an empty cell; anything else is refused with a message saying which are allowed. */
const letter = () =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim().toUpperCase()) : v),
    z.enum(RACI_LETTERS, { error: "raci.badLetter" }).nullable(),
  );
/** What the editor saw: a letter or "" (empty); missing means "don't check". */
const expected = () =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
    z.union([z.enum(RACI_LETTERS), z.literal("")], { error: "raci.badLetter" }).optional(),
  );
const subject = { subjectType: z.enum(RACI_SUBJECTS, { error: "validation.invalid" }), subjectId: id() };

export const raciForms = {
  setCell: z.object({ ...subject, stakeholderId: id(), letter: letter(), expected: expected() }),
  /** Fields `c.<stakeholderId>` (the letter) and `e.<stakeholderId>` (what the editor saw) per cell. */
  setRow: z.preprocess(
    (raw) => {
      const r = (raw ?? {}) as Record<string, unknown>;
      const cells = Object.keys(r)
        .filter((k) => k.startsWith("c."))
        .map((k) => ({ stakeholderId: k.slice(2), letter: r[k], expected: r[`e.${k.slice(2)}`] ?? "" }));
      return { subjectType: r.subjectType, subjectId: r.subjectId, cells };
    },
    z.object({
      ...subject,
      cells: z
        .array(
          z.object({ stakeholderId: id(), letter: letter(), expected: expected().transform((v) => v ?? "") }),
        )
        .max(500, { message: "validation.tooMany" }),
    }),
  ),
  /** A template's default cell: a team role instead of a person. */
  setTemplateCell: z.object({
    ...subject,
    teamRole: z.enum(TEAM_ROLES, { error: "validation.invalid" }),
    letter: letter(),
  }),
  setTemplateRow: z.preprocess(
    (raw) => {
      const r = (raw ?? {}) as Record<string, unknown>;
      const cells = Object.keys(r)
        .filter((k) => k.startsWith("c."))
        .map((k) => ({ teamRole: k.slice(2), letter: r[k] }));
      return { subjectType: r.subjectType, subjectId: r.subjectId, cells };
    },
    z.object({
      ...subject,
      cells: z
        .array(z.object({ teamRole: z.enum(TEAM_ROLES, { error: "validation.invalid" }), letter: letter() }))
        .max(TEAM_ROLES.length),
    }),
  ),
};
