/**
 * The post-onboarding review's forms: the questions, a finding with its optional template change, the
 * customer's survey. Pure: the pages and the tests import it.
 */
import { z } from "zod";
import {
  FINDING_CATEGORIES,
  FINDING_COSTS,
  PLAN_SIDES,
  TEMPLATE_CHANGE_KINDS,
  type PlanSide,
  type TemplateChangeKind,
} from "~/vocabulary";
import { fields } from "~/utils/forms";

/** The review's questions, in the order the page asks them (keys of reviews.answers). */
export const REVIEW_QUESTIONS = [
  "positioned",
  "gap",
  "materials",
  "fit",
  "surprises",
  "handoffMissed",
] as const;
export type ReviewQuestion = (typeof REVIEW_QUESTIONS)[number];
/** Completing the review needs these answered: whether the customer reached their goals, and where gaps arose. */
export const REQUIRED_TO_COMPLETE: readonly ReviewQuestion[] = ["positioned", "gap"];
export const ANSWER_MAX = 4000;
export const FINDING_MAX = 2000;
export const SURVEY_COMMENT_MAX = 2000;
/** How long a survey link works. */
export const SURVEY_TTL_DAYS = 14;
/** Offsets a template item may have (days from kickoff), as the template editor allows. */
const OFFSET_MIN = -365;
const OFFSET_MAX = 730;

export const AnswersSchema = z.object({
  version: fields.version(),
  ...Object.fromEntries(REVIEW_QUESTIONS.map((q) => [q, fields.optionalText(ANSWER_MAX)])),
}) as z.ZodType<{ version: number } & Partial<Record<ReviewQuestion, string>>>;

/** A proposed change to a template, as stored in review_findings.proposal (with the kind beside it). */
export type TemplateChange =
  | {
      kind: "add_task";
      phaseId: string;
      title: string;
      side: PlanSide;
      startOffsetDays: number;
      dueOffsetDays: number;
    }
  | { kind: "change_task"; taskId: string; title?: string; startOffsetDays?: number; dueOffsetDays?: number }
  | { kind: "add_milestone"; title: string; offsetDays: number }
  | { kind: "change_milestone"; milestoneId: string; title?: string; offsetDays?: number };

const optionalOffset = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
  z
    .number({ error: "review.offsetNumber" })
    .int({ message: "review.offsetNumber" })
    .min(OFFSET_MIN, { message: "review.offsetRange" })
    .max(OFFSET_MAX, { message: "review.offsetRange" })
    .optional(),
);
const optionalId = z.preprocess(
  (v) => (typeof v === "string" && v.trim() ? v.trim() : undefined),
  z.string().optional(),
);

/**
 * A finding as the form sends it: the proposal's fields are flat (p*) so the form works without
 * JavaScript; only those of the chosen kind are read, and they are required for it.
 */
export const FindingSchema = z
  .object({
    category: fields.enumOf(FINDING_CATEGORIES),
    cost: fields.enumOf(FINDING_COSTS),
    fixBy: fields.optionalDate(),
    description: fields.requiredText(FINDING_MAX),
    proposalKind: fields.optionalEnumOf(TEMPLATE_CHANGE_KINDS),
    pPhaseId: optionalId,
    pTaskId: optionalId,
    pMilestoneId: optionalId,
    pTitle: fields.optionalText(200),
    pSide: fields.optionalEnumOf(PLAN_SIDES),
    pStart: optionalOffset,
    pDue: optionalOffset,
    pOffset: optionalOffset,
  })
  .superRefine((f, ctx) => {
    const need = (field: keyof typeof f, message = "validation.required") => {
      if (f[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message });
    };
    switch (f.proposalKind) {
      case "add_task":
        need("pPhaseId", "review.choosePhase");
        need("pTitle");
        need("pSide", "validation.choose");
        need("pStart");
        need("pDue");
        break;
      case "change_task":
        need("pTaskId", "review.chooseTask");
        if (f.pTitle === undefined && f.pStart === undefined && f.pDue === undefined)
          ctx.addIssue({ code: "custom", path: ["pTitle"], message: "review.changeNothing" });
        break;
      case "add_milestone":
        need("pTitle");
        need("pOffset");
        break;
      case "change_milestone":
        need("pMilestoneId", "review.chooseMilestone");
        if (f.pTitle === undefined && f.pOffset === undefined)
          ctx.addIssue({ code: "custom", path: ["pTitle"], message: "review.changeNothing" });
        break;
    }
    if (
      (f.proposalKind === "add_task" || f.proposalKind === "change_task") &&
      f.pStart !== undefined &&
      f.pDue !== undefined &&
      f.pDue < f.pStart
    )
      ctx.addIssue({ code: "custom", path: ["pDue"], message: "review.dueBeforeStart" });
  });
export type FindingInput = z.output<typeof FindingSchema>;

/** The template change a parsed finding form proposes, or null. */
export function proposalOf(f: FindingInput): TemplateChange | null {
  const kind: TemplateChangeKind | undefined = f.proposalKind;
  switch (kind) {
    case "add_task":
      return {
        kind,
        phaseId: f.pPhaseId!,
        title: f.pTitle!,
        side: f.pSide!,
        startOffsetDays: f.pStart!,
        dueOffsetDays: f.pDue!,
      };
    case "change_task":
      return { kind, taskId: f.pTaskId!, title: f.pTitle, startOffsetDays: f.pStart, dueOffsetDays: f.pDue };
    case "add_milestone":
      return { kind, title: f.pTitle!, offsetDays: f.pOffset! };
    case "change_milestone":
      return { kind, milestoneId: f.pMilestoneId!, title: f.pTitle, offsetDays: f.pOffset };
    default:
      return null;
  }
}

const score = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : undefined),
    z
      .number({ error: "survey.chooseScore" })
      .int({ message: "survey.chooseScore" })
      .min(min, { message: "survey.chooseScore" })
      .max(max, { message: "survey.chooseScore" }),
  );

export const SurveySchema = z.object({
  satisfaction: score(1, 5),
  recommend: score(0, 10),
  comment: fields.optionalText(SURVEY_COMMENT_MAX),
});
export type SurveyInput = z.output<typeof SurveySchema>;

/** NPS from likelihood-to-recommend answers: % promoters (9–10) − % detractors (0–6). */
export function netPromoterScore(scores: number[]): number | null {
  if (!scores.length) return null;
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return Math.round(((promoters - detractors) / scores.length) * 100);
}
