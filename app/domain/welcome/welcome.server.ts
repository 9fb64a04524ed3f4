/**
 * The room's welcome note: what the CSM writes for the customer, or else the default of the room's
 * template in the reader's language (the other language when that one is missing). Stored as checked
 * Tiptap JSON (app/domain/richtext) and checked again when read, so a bad row never reaches a page.
 */
import { eq } from "drizzle-orm";
import { getDb, writeTransaction } from "#db/client.server";
import { planTemplates, rooms } from "#db/schema";
import type { StaffUser } from "~/access/users";
import { recordEvent } from "~/domain/events/events.server";
import { storedRichText, type RichTextDoc } from "~/domain/richtext/richtext";
import { change } from "~/domain/templates/editing.server";
import type { RoomAccess } from "~/domain/rooms/access.server";
import { DomainError } from "~/utils/errors";
import type { Locale } from "~/vocabulary";

export type WelcomeNote = {
  doc: RichTextDoc;
  /** Written for this room, or the template's default. */
  source: "room" | "template";
  /** The language of a template default (the reader's, or the other one when missing). */
  locale?: Locale;
  updatedAt: Date | null;
};

type RoomRef = Pick<RoomAccess["room"], "id" | "welcomeNote" | "planTemplateId" | "welcomeNoteUpdatedAt">;

/** The template's default in `locale`, falling back to the other language; null when it has none. */
export function templateWelcome(
  templateId: string | null,
  locale: Locale,
): { doc: RichTextDoc; locale: Locale } | null {
  if (!templateId) return null;
  const row = getDb()
    .select({ ja: planTemplates.welcomeNoteJa, en: planTemplates.welcomeNoteEn })
    .from(planTemplates)
    .where(eq(planTemplates.id, templateId))
    .get();
  if (!row) return null;
  const order: Locale[] = locale === "ja" ? ["ja", "en"] : ["en", "ja"];
  for (const lang of order) {
    const doc = storedRichText(row[lang]);
    if (doc) return { doc, locale: lang };
  }
  return null;
}

/** What the room shows as its welcome: the room's own note, the template default, or null. */
export function getWelcomeNote(room: RoomRef, locale: Locale): WelcomeNote | null {
  const own = storedRichText(room.welcomeNote);
  if (own) return { doc: own, source: "room", updatedAt: room.welcomeNoteUpdatedAt ?? null };
  const fallback = templateWelcome(room.planTemplateId, locale);
  return fallback
    ? { doc: fallback.doc, source: "template", locale: fallback.locale, updatedAt: null }
    : null;
}

/** Writes the room's own note (an already checked document), or clears it with null (template default). */
export function saveWelcomeNote(actorId: string, access: RoomAccess, doc: RichTextDoc | null): void {
  writeTransaction(getDb(), (tx) => {
    const now = new Date();
    tx.update(rooms)
      .set({ welcomeNote: doc, welcomeNoteUpdatedAt: doc ? now : null, updatedAt: now })
      .where(eq(rooms.id, access.room.id))
      .run();
    recordEvent(tx, {
      actorId,
      type: "room.welcome_updated",
      accountId: access.account.id,
      roomId: access.room.id,
      subjectType: "room",
      subjectId: access.room.id,
      data: { title: access.room.title, reset: doc === null },
    });
  });
}

// ---- template defaults --------------------------------------------------------------------------

export function getTemplateWelcome(templateId: string) {
  const row = getDb()
    .select({
      id: planTemplates.id,
      name: planTemplates.name,
      version: planTemplates.version,
      ja: planTemplates.welcomeNoteJa,
      en: planTemplates.welcomeNoteEn,
    })
    .from(planTemplates)
    .where(eq(planTemplates.id, templateId))
    .get();
  if (!row) throw new DomainError(404, "errors.notFound");
  return { ...row, ja: storedRichText(row.ja), en: storedRichText(row.en) };
}

/** Sets one language's default (null clears it), with the template editor's version check and event. */
export function saveTemplateWelcome(
  actor: StaffUser,
  templateId: string,
  input: { locale: Locale; doc: RichTextDoc | null; version: number },
): void {
  change(actor, templateId, input.version, (tx) => {
    tx.update(planTemplates)
      .set(input.locale === "ja" ? { welcomeNoteJa: input.doc } : { welcomeNoteEn: input.doc })
      .where(eq(planTemplates.id, templateId))
      .run();
    return { result: undefined, data: { change: "welcomeNote", locale: input.locale } };
  });
}
