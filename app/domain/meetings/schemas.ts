/** The forms of the meetings pages; messages are i18n keys. */
import { z } from "zod";
import {
  checkRichText,
  RICH_TEXT_LIMITS,
  textToRichText,
  type RichTextDoc,
} from "~/domain/richtext/richtext";
import { fields } from "~/utils/forms";
import { LOCALES, MEETING_TYPES } from "~/vocabulary";

const id = () => z.string({ error: "validation.invalid" }).min(1, { message: "validation.invalid" }).max(64);
const optionalId = () => z.preprocess((v) => (v === "" ? undefined : v), z.string().max(64).optional());
const idList = () =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : ([] as unknown[]).concat(v).filter((x) => x !== "")),
    z.array(z.string().max(64)).max(200, { message: "validation.tooMany" }),
  );

const meetingFields = {
  type: fields.enumOf(MEETING_TYPES),
  title: fields.optionalText(200),
  date: fields.date(),
  time: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string({ error: "validation.required" })
      .min(1, { message: "validation.required" })
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "meetings.form.timeInvalid" }),
  ),
  durationMinutes: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: "meetings.form.durationInvalid" })
      .int({ message: "meetings.form.durationInvalid" })
      .min(5, { message: "meetings.form.durationInvalid" })
      .max(600, { message: "meetings.form.durationInvalid" }),
  ),
  location: fields.optionalText(300),
  videoUrl: fields.optionalUrl(),
  attendeeIds: idList(),
};

/** Rich text from the editor (`${name}Json`) or, without JavaScript, the textarea (`${name}Text`). */
function readRich(json: string | undefined, text: string | undefined, ctx: z.RefinementCtx, path: string) {
  const source: unknown = json?.trim() ? json : text !== undefined ? textToRichText(text) : undefined;
  const result = checkRichText(source ?? { type: "doc" }, { allowEmpty: true });
  if (result.ok) return result.doc;
  ctx.addIssue({ code: "custom", message: result.error, path: [path] });
  return z.NEVER as unknown as RichTextDoc;
}

const json = () => z.string().optional();
const text = () => z.string().max(RICH_TEXT_LIMITS.bytes, { message: "richText.tooLarge" }).optional();

export const meetingForms = {
  schedule: z.object(meetingFields),
  update: z.object({ ...meetingFields, version: fields.version() }),
  cancel: z.object({ version: fields.version() }),
  notes: z
    .object({
      sharedJson: json(),
      sharedText: text(),
      internalJson: json(),
      internalText: text(),
      notesVersion: fields.version(),
    })
    .transform((input, ctx) => ({
      shared: readRich(input.sharedJson, input.sharedText, ctx, "shared"),
      internal: readRich(input.internalJson, input.internalText, ctx, "internal"),
      notesVersion: input.notesVersion,
    })),
  addDecision: z.object({ text: fields.requiredText(1000) }),
  decision: z.object({ decisionId: id() }),
  moveDecision: z.object({
    decisionId: id(),
    direction: z.enum(["up", "down"], { error: "validation.choose" }),
  }),
  addActionItem: z.object({
    text: fields.requiredText(500),
    ownerId: optionalId(),
    dueDate: fields.optionalDate(),
  }),
  actionItem: z.object({ itemId: id() }),
  attendance: z.object({ attended: idList() }),
};

export const agendaForm = z
  .object({
    type: fields.enumOf(MEETING_TYPES),
    locale: fields.enumOf(LOCALES),
    bodyJson: json(),
    bodyText: text(),
  })
  .transform((input, ctx) => ({
    type: input.type,
    locale: input.locale,
    doc: readRich(input.bodyJson, input.bodyText, ctx, "body"),
  }));
