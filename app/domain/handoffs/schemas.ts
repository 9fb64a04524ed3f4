/**
 * The handoff form: what sales writes for customer success. Drafts accept anything well-formed (every
 * field may be empty); submitting also requires the fields customer success cannot start without
 * (REQUIRED_FOR_SUBMIT). Pure: the page and the tests import it.
 */
import { z } from "zod";
import { TEAM_ROLES, type TeamRole } from "~/vocabulary";
import {
  checkRichText,
  isEmptyRichText,
  RICH_TEXT_LIMITS,
  textToRichText,
  type RichTextDoc,
} from "~/domain/richtext/richtext";
import { fields } from "~/utils/forms";
import type { HandoffPerson } from "#db/schema";

export const HANDOFF_TEXT_MAX = 4000;
export const HANDOFF_PEOPLE_MAX = 30;
export const HANDOFF_MESSAGE_MAX = 4000;

/** The long free-text fields, in the order the form shows them. */
export const HANDOFF_TEXT_FIELDS = [
  "productsBought",
  "whyBought",
  "successMetrics",
  "constraints",
  "promises",
  "risks",
  "competitors",
] as const;
export type HandoffTextField = (typeof HANDOFF_TEXT_FIELDS)[number];

/** What Submit needs, in form order (the first missing one gets the focus). */
export const REQUIRED_FOR_SUBMIT = [
  "productsBought",
  "whyBought",
  "successMetrics",
  "people",
  "contractStart",
] as const;

const list = (value: unknown): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];

const optionalEmail = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
  z
    .string()
    .max(254, { message: "validation.tooLong" })
    .pipe(z.email({ message: "validation.email" }))
    .optional(),
);

/**
 * The people rows, sent as parallel repeated fields (personName, personEmail, personTitle, personRole):
 * the form works without JavaScript. Rows left wholly empty are dropped; a row with anything in it needs
 * a name, a valid email when one is given, and a team role from TEAM_ROLES.
 */
function readPeople(raw: Record<string, unknown>, ctx: z.RefinementCtx): HandoffPerson[] {
  const names = list(raw.personName);
  const emails = list(raw.personEmail);
  const titles = list(raw.personTitle);
  const roles = list(raw.personRole);
  const rows = Math.max(names.length, emails.length, titles.length, roles.length);
  const people: HandoffPerson[] = [];
  for (let i = 0; i < rows; i++) {
    const name = (names[i] ?? "").trim();
    const emailText = (emails[i] ?? "").trim();
    const title = (titles[i] ?? "").trim();
    const role = (roles[i] ?? "").trim();
    if (!name && !emailText && !title && !role) continue;
    if (!name) {
      ctx.addIssue({ code: "custom", message: "handoff.personNameRequired", path: ["people"] });
      continue;
    }
    if (name.length > 120 || title.length > 120) {
      ctx.addIssue({ code: "custom", message: "validation.tooLong", path: ["people"] });
      continue;
    }
    const email = optionalEmail.safeParse(emailText);
    if (!email.success) {
      ctx.addIssue({ code: "custom", message: "validation.email", path: ["people"] });
      continue;
    }
    if (role && !(TEAM_ROLES as readonly string[]).includes(role)) {
      ctx.addIssue({ code: "custom", message: "validation.choose", path: ["people"] });
      continue;
    }
    people.push({
      name,
      ...(email.data ? { email: email.data } : {}),
      ...(title ? { title } : {}),
      ...(role ? { teamRole: role as TeamRole } : {}),
    });
  }
  if (people.length > HANDOFF_PEOPLE_MAX)
    ctx.addIssue({ code: "custom", message: "handoff.tooManyPeople", path: ["people"] });
  return people;
}

export type HandoffInput = {
  version: number;
  productsBought?: string;
  whyBought?: string;
  successMetrics?: string;
  constraints?: string;
  promises?: string;
  risks?: string;
  competitors?: string;
  contractStart?: string;
  contractEnd?: string;
  crmDealUrl?: string;
  people: HandoffPerson[];
  /** Null when the notes are empty. */
  notes: RichTextDoc | null;
};

const Base = z.object({
  version: z.preprocess(
    (v) => (typeof v === "string" ? Number(v) : v),
    z.number({ error: "validation.invalid" }).int().min(0),
  ),
  ...Object.fromEntries(HANDOFF_TEXT_FIELDS.map((f) => [f, fields.optionalText(HANDOFF_TEXT_MAX)])),
  contractStart: fields.optionalDate(),
  contractEnd: fields.optionalDate(),
  crmDealUrl: fields.optionalUrl(),
  bodyJson: z.string().optional(),
  bodyText: z.string().max(RICH_TEXT_LIMITS.bytes, { message: "richText.tooLarge" }).optional(),
  personName: z.unknown().optional(),
  personEmail: z.unknown().optional(),
  personTitle: z.unknown().optional(),
  personRole: z.unknown().optional(),
}) as unknown as z.ZodType<Record<string, unknown>>;

function readInput(raw: Record<string, unknown>, ctx: z.RefinementCtx): HandoffInput {
  const people = readPeople(raw, ctx);
  const start = raw.contractStart as string | undefined;
  const end = raw.contractEnd as string | undefined;
  if (start && end && end < start)
    ctx.addIssue({ code: "custom", message: "handoff.endBeforeStart", path: ["contractEnd"] });
  // The notes: the editor's JSON, or the no-JS textarea's text; empty notes are stored as null.
  const json = typeof raw.bodyJson === "string" && raw.bodyJson.trim() ? raw.bodyJson : undefined;
  const text = typeof raw.bodyText === "string" ? raw.bodyText : undefined;
  let notes: RichTextDoc | null = null;
  if (json !== undefined || (text !== undefined && text.trim() !== "")) {
    let source: unknown;
    try {
      source = json !== undefined ? JSON.parse(json) : textToRichText(text ?? "");
    } catch {
      source = null;
    }
    const checked = checkRichText(source, { allowEmpty: true });
    if (checked.ok) notes = isEmptyRichText(checked.doc) ? null : checked.doc;
    else ctx.addIssue({ code: "custom", message: checked.error, path: ["body"] });
  }
  const pick = (key: string) => (raw[key] as string | undefined) || undefined;
  return {
    version: raw.version as number,
    ...Object.fromEntries(HANDOFF_TEXT_FIELDS.map((f) => [f, pick(f)])),
    contractStart: start || undefined,
    contractEnd: end || undefined,
    crmDealUrl: pick("crmDealUrl"),
    people,
    notes,
  };
}

/** Save as a draft: any well-formed content, nothing required. */
export const HandoffDraftSchema = Base.transform((raw, ctx) => readInput(raw, ctx));

/** Submit: the draft's checks plus the required fields, each missing one reported on its own field. */
export const HandoffSubmitSchema = Base.transform((raw, ctx) => {
  const input = readInput(raw, ctx);
  for (const field of REQUIRED_FOR_SUBMIT) {
    const missing = field === "people" ? input.people.length === 0 : !input[field];
    if (missing)
      ctx.addIssue({
        code: "custom",
        message: field === "people" ? "handoff.peopleRequired" : "validation.required",
        path: [field],
      });
  }
  return input;
});

export const HandoffMessageSchema = z.object({
  body: fields.requiredText(HANDOFF_MESSAGE_MAX),
});

export const VersionSchema = z.object({ version: fields.version() });
