/**
 * The training forms' schemas (issue 12), shared by the library and room routes. Messages are i18n keys.
 */
import { z } from "zod";
import { fields } from "~/utils/forms";
import { LOCALES, TRAINING_AUDIENCES, type TrainingKind } from "~/vocabulary";
import { readRichTextBody, richTextBody } from "~/domain/richtext/richtext";
import type { ModuleInput } from "./library.server";

const int = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? undefined : Number(v)),
    z
      .number({ error: "validation.invalid" })
      .int({ message: "validation.invalid" })
      .min(min, { message: "training.outOfRange" })
      .max(max, { message: "training.outOfRange" })
      .optional(),
  );

/** The module form of one kind; what the kind does not use is ignored. */
export function moduleSchema(kind: TrainingKind) {
  return z
    .object({
      title: fields.requiredText(200),
      product: fields.optionalText(60),
      persona: fields.optionalText(60),
      language: fields.enumOf(LOCALES),
      ...richTextBody(),
      embedUrl: fields.optionalText(500),
      durationSeconds: int(1, 6 * 3600),
      url: fields.optionalText(2000),
      quizText: z.string().max(50_000, { message: "validation.tooLong" }).optional(),
      passScore: int(1, 100),
      maxAttempts: int(0, 20),
    })
    .transform((input, ctx): ModuleInput => {
      const base = {
        kind,
        title: input.title,
        product: input.product ?? null,
        persona: input.persona ?? null,
        language: input.language,
      };
      if (kind === "lesson") return { ...base, doc: readRichTextBody(input, ctx) };
      if (kind === "video")
        return { ...base, embedUrl: input.embedUrl ?? null, durationSeconds: input.durationSeconds ?? null };
      if (kind === "link") return { ...base, url: input.url ?? null };
      if (kind === "quiz")
        return {
          ...base,
          quizText: input.quizText ?? "",
          passScore: input.passScore ?? 80,
          maxAttempts: input.maxAttempts ?? 0,
        };
      return base;
    });
}

/** "user:<id>" for a named person, or an audience. */
export const assigneeField = () =>
  z
    .string({ error: "validation.choose" })
    .refine((v) => v.startsWith("user:") || (TRAINING_AUDIENCES as readonly string[]).includes(v), {
      message: "validation.choose",
    })
    .transform((v) =>
      v.startsWith("user:") ? { userId: v.slice(5) } : { audience: v as (typeof TRAINING_AUDIENCES)[number] },
    );

export const dueOffsetField = () =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? undefined : Number(v)),
    z
      .number({ error: "validation.required" })
      .int({ message: "validation.invalid" })
      .min(-365, { message: "training.outOfRange" })
      .max(730, { message: "training.outOfRange" }),
  );
