/**
 * Agenda templates: per meeting type and language, what a new meeting's shared notes start from. Admins
 * edit them (meetings.configureAgendas); a null (or unreadable) row falls back to the built-in agenda.
 */
import { eq } from "drizzle-orm";
import { getDb, writeTransaction } from "#db/client.server";
import { meetingAgendaTemplates } from "#db/schema";
import { staffCan } from "~/access/capabilities";
import type { StaffUser } from "~/access/users";
import { recordEvent } from "~/domain/events/events.server";
import { storedRichText, type RichTextDoc } from "~/domain/richtext/richtext";
import { DomainError } from "~/utils/errors";
import { MEETING_TYPES, type Locale, type MeetingType } from "~/vocabulary";
import { builtInAgenda } from "./agendas";

const TITLES: Record<MeetingType, Record<Locale, string>> = {
  kickoff: { ja: "キックオフ", en: "Kickoff" },
  planning: { ja: "活用計画ミーティング", en: "Planning meeting" },
  regular: { ja: "定例会", en: "Regular progress meeting" },
  steering: { ja: "ステアリングコミッティ", en: "Steering committee" },
  review: { ja: "振り返りミーティング", en: "Review meeting" },
};

/** The title a meeting gets when none is typed: its type, in the room's language. */
export function defaultTitle(type: MeetingType, locale: Locale): string {
  return TITLES[type][locale];
}

/** The agenda a new meeting of `type` starts from in `locale`: the admins' own, else the built-in one. */
export function agendaFor(type: MeetingType, locale: Locale): RichTextDoc {
  const row = getDb()
    .select()
    .from(meetingAgendaTemplates)
    .where(eq(meetingAgendaTemplates.type, type))
    .get();
  const own = storedRichText(locale === "ja" ? row?.agendaJa : row?.agendaEn);
  return own ?? builtInAgenda(type, locale);
}

/** Every type's agenda in both languages, with whether it is the admins' own or the built-in one. */
export function listAgendaTemplates() {
  const rows = getDb().select().from(meetingAgendaTemplates).all();
  return MEETING_TYPES.map((type) => {
    const row = rows.find((r) => r.type === type);
    const ja = storedRichText(row?.agendaJa);
    const en = storedRichText(row?.agendaEn);
    return {
      type,
      ja: ja ?? builtInAgenda(type, "ja"),
      en: en ?? builtInAgenda(type, "en"),
      customJa: !!ja,
      customEn: !!en,
    };
  });
}

/** Sets one type's agenda in one language; null goes back to the built-in one. */
export function saveAgendaTemplate(
  actor: StaffUser,
  input: { type: MeetingType; locale: Locale; doc: RichTextDoc | null },
): void {
  if (!staffCan(actor.staffRole, "meetings.configureAgendas")) throw new DomainError(403, "errors.forbidden");
  writeTransaction(getDb(), (tx) => {
    const now = new Date();
    const column = input.locale === "ja" ? { agendaJa: input.doc } : { agendaEn: input.doc };
    tx.insert(meetingAgendaTemplates)
      .values({ type: input.type, ...column, updatedById: actor.id, updatedAt: now })
      .onConflictDoUpdate({
        target: meetingAgendaTemplates.type,
        set: { ...column, updatedById: actor.id, updatedAt: now },
      })
      .run();
    recordEvent(tx, {
      actorId: actor.id,
      type: "meeting.agenda_changed",
      subjectType: "agenda",
      subjectId: input.type,
      data: { type: input.type, locale: input.locale, reset: input.doc === null },
    });
  });
}
