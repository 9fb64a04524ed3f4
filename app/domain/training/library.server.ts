/**
 * The training library (issue 12): modules of five kinds whose content is kept in versions (an edit adds a
 * version; progress records which version a person did), and learning paths that order modules. Content
 * is checked here before it is stored: lesson text through the rich text checker, video embeds reduced to
 * a YouTube/Vimeo id, links to http(s), quizzes parsed and bounded.
 */
import { and, asc, desc, eq, inArray, like, or } from "drizzle-orm";
import { getDb, writeTransaction, type DbOrTx } from "#db/client.server";
import {
  learningPathModules,
  learningPaths,
  roomTrainingItems,
  trainingModules,
  trainingModuleVersions,
  type TrainingContent,
} from "#db/schema";
import type { StaffUser } from "~/access/users";
import { recordUploadedFile, type CheckedUpload } from "~/domain/files/files.server";
import { storedRichText, type RichTextDoc } from "~/domain/richtext/richtext";
import { DomainError } from "~/utils/errors";
import type { Locale, TrainingKind } from "~/vocabulary";
import { parseQuizText, parseVideoEmbed, quizToText, safeLinkUrl } from "./rules";

export type TrainingModule = typeof trainingModules.$inferSelect;

/** What the module form sends, already parsed by the route's schema. */
export type ModuleInput = {
  kind: TrainingKind;
  title: string;
  product: string | null;
  persona: string | null;
  language: Locale;
  /** lesson */
  doc?: RichTextDoc | null;
  /** video: an embed link, or an uploaded file; the length in seconds */
  embedUrl?: string | null;
  durationSeconds?: number | null;
  /** link */
  url?: string | null;
  /** quiz */
  quizText?: string | null;
  passScore?: number | null;
  maxAttempts?: number | null;
};

/**
 * The content of a new version from the form (and an upload, for videos and files). `previous` is the
 * current content, so an edit that sends no new file keeps the file it had.
 */
function buildContent(
  tx: DbOrTx,
  actor: StaffUser,
  input: ModuleInput,
  upload: CheckedUpload | null,
  previous: TrainingContent | null,
): TrainingContent {
  const fileId = () => {
    if (upload) return recordUploadedFile(tx, upload, { purpose: "training", actorId: actor.id }).id;
    if (previous?.kind === "file") return previous.fileId;
    if (previous?.kind === "video" && previous.source.type === "file") return previous.source.fileId;
    throw new DomainError(400, "upload.missing", {}, "file");
  };
  switch (input.kind) {
    case "lesson":
      if (!input.doc) throw new DomainError(400, "training.lessonEmpty", {}, "body");
      return { kind: "lesson", doc: input.doc };
    case "link": {
      const url = safeLinkUrl(input.url ?? "");
      if (!url) throw new DomainError(400, "training.badLink", {}, "url");
      return { kind: "link", url };
    }
    case "file":
      return { kind: "file", fileId: fileId() };
    case "video": {
      const duration = input.durationSeconds ?? 0;
      if (!(duration >= 1 && duration <= 6 * 3600))
        throw new DomainError(400, "training.badDuration", {}, "durationSeconds");
      if (input.embedUrl) {
        const embed = parseVideoEmbed(input.embedUrl);
        if (!embed) throw new DomainError(400, "training.badEmbed", {}, "embedUrl");
        return { kind: "video", source: embed, durationSeconds: duration };
      }
      return { kind: "video", source: { type: "file", fileId: fileId() }, durationSeconds: duration };
    }
    case "quiz": {
      const parsed = parseQuizText(input.quizText ?? "");
      if ("error" in parsed) throw new DomainError(400, parsed.error, {}, "quizText");
      return {
        kind: "quiz",
        questions: parsed.questions,
        passScore: input.passScore ?? 80,
        maxAttempts: input.maxAttempts ?? 0,
      };
    }
  }
}

export function createModule(actor: StaffUser, input: ModuleInput, upload: CheckedUpload | null): string {
  return writeTransaction(getDb(), (tx) => {
    const now = new Date();
    const { id } = tx
      .insert(trainingModules)
      .values({
        kind: input.kind,
        title: input.title,
        product: input.product,
        persona: input.persona,
        language: input.language,
        createdById: actor.id,
        updatedAt: now,
      })
      .returning({ id: trainingModules.id })
      .get();
    const content = buildContent(tx, actor, input, upload, null);
    const version = tx
      .insert(trainingModuleVersions)
      .values({ moduleId: id, number: 1, content, createdById: actor.id })
      .returning({ id: trainingModuleVersions.id })
      .get();
    tx.update(trainingModules).set({ currentVersionId: version.id }).where(eq(trainingModules.id, id)).run();
    return id;
  });
}

/** Saves an edit as a new version (the kind never changes); a stale form is refused with 409. */
export function updateModule(
  actor: StaffUser,
  moduleId: string,
  version: number,
  input: ModuleInput,
  upload: CheckedUpload | null,
): void {
  writeTransaction(getDb(), (tx) => {
    const current = tx.select().from(trainingModules).where(eq(trainingModules.id, moduleId)).get();
    if (!current) throw new DomainError(404, "errors.notFound");
    if (current.version !== version) throw new DomainError(409, "training.stale");
    const previous = current.currentVersionId ? loadVersion(tx, current.currentVersionId) : null;
    const content = buildContent(
      tx,
      actor,
      { ...input, kind: current.kind },
      upload,
      previous?.content ?? null,
    );
    const number = current.currentVersionNumber + 1;
    const created = tx
      .insert(trainingModuleVersions)
      .values({ moduleId, number, content, createdById: actor.id })
      .returning({ id: trainingModuleVersions.id })
      .get();
    tx.update(trainingModules)
      .set({
        title: input.title,
        product: input.product,
        persona: input.persona,
        language: input.language,
        currentVersionId: created.id,
        currentVersionNumber: number,
        updatedAt: new Date(),
        version: current.version + 1,
      })
      .where(eq(trainingModules.id, moduleId))
      .run();
  });
}

export function setModuleArchived(moduleId: string, version: number, archived: boolean): void {
  writeTransaction(getDb(), (tx) => {
    const current = tx.select().from(trainingModules).where(eq(trainingModules.id, moduleId)).get();
    if (!current) throw new DomainError(404, "errors.notFound");
    if (current.version !== version) throw new DomainError(409, "training.stale");
    tx.update(trainingModules)
      .set({ archived, version: current.version + 1, updatedAt: new Date() })
      .where(eq(trainingModules.id, moduleId))
      .run();
  });
}

export function loadVersion(db: DbOrTx, versionId: string) {
  return db.select().from(trainingModuleVersions).where(eq(trainingModuleVersions.id, versionId)).get();
}

/** The library, filtered by a tag (product, persona or language) or a word of the title. */
export function listModules(filter: { tag?: string; archived?: boolean } = {}) {
  const db = getDb();
  const tag = filter.tag?.trim();
  return db
    .select()
    .from(trainingModules)
    .where(
      and(
        filter.archived ? undefined : eq(trainingModules.archived, false),
        tag
          ? or(
              eq(trainingModules.product, tag),
              eq(trainingModules.persona, tag),
              eq(trainingModules.language, tag as Locale),
              like(trainingModules.title, `%${tag.replace(/[%_\\]/g, "")}%`),
            )
          : undefined,
      ),
    )
    .orderBy(asc(trainingModules.title))
    .all();
}

/** Every tag in use, for the filter. */
export function listTags(): string[] {
  const rows = getDb()
    .select({ product: trainingModules.product, persona: trainingModules.persona })
    .from(trainingModules)
    .all();
  return [...new Set(rows.flatMap((r) => [r.product, r.persona]).filter((t): t is string => !!t))].sort();
}

export function getModule(moduleId: string) {
  const db = getDb();
  const module = db.select().from(trainingModules).where(eq(trainingModules.id, moduleId)).get();
  if (!module) throw new DomainError(404, "errors.notFound");
  const versions = db
    .select({
      id: trainingModuleVersions.id,
      number: trainingModuleVersions.number,
      createdAt: trainingModuleVersions.createdAt,
    })
    .from(trainingModuleVersions)
    .where(eq(trainingModuleVersions.moduleId, moduleId))
    .orderBy(desc(trainingModuleVersions.number))
    .all();
  const current = module.currentVersionId ? loadVersion(db, module.currentVersionId) : undefined;
  return { module, versions, content: current ? checkedContent(current.content) : null };
}

/** Stored content checked again when read: a bad row shows as nothing rather than reaching a page. */
export function checkedContent(content: TrainingContent): TrainingContent | null {
  switch (content?.kind) {
    case "lesson": {
      const doc = storedRichText(content.doc);
      return doc ? { kind: "lesson", doc } : null;
    }
    case "link": {
      const url = safeLinkUrl(content.url);
      return url ? { kind: "link", url } : null;
    }
    case "video":
      if (content.source.type !== "file" && !parseVideoEmbed(embedUrlOf(content.source))) return null;
      return content;
    case "file":
    case "quiz":
      return content;
    default:
      return null;
  }
}

function embedUrlOf(source: { type: "youtube" | "vimeo"; id: string }): string {
  return source.type === "youtube"
    ? `https://www.youtube.com/watch?v=${source.id}`
    : `https://vimeo.com/${source.id}`;
}

/** The editor's values of a module's current content (for the edit form). */
export function editorValues(content: TrainingContent | null) {
  if (!content) return {};
  switch (content.kind) {
    case "lesson":
      return { doc: content.doc as RichTextDoc };
    case "link":
      return { url: content.url };
    case "video":
      return {
        embedUrl: content.source.type === "file" ? "" : embedUrlOf(content.source),
        durationSeconds: content.durationSeconds,
        hasFile: content.source.type === "file",
      };
    case "file":
      return { hasFile: true };
    case "quiz":
      return {
        quizText: quizToText(content.questions),
        passScore: content.passScore,
        maxAttempts: content.maxAttempts,
      };
  }
}

// ---- learning paths -------------------------------------------------------------------------------

export function listPaths() {
  const db = getDb();
  const paths = db.select().from(learningPaths).orderBy(asc(learningPaths.title)).all();
  const items = paths.length
    ? db
        .select({
          id: learningPathModules.id,
          pathId: learningPathModules.pathId,
          moduleId: learningPathModules.moduleId,
          position: learningPathModules.position,
          dueOffsetDays: learningPathModules.dueOffsetDays,
          title: trainingModules.title,
          kind: trainingModules.kind,
        })
        .from(learningPathModules)
        .innerJoin(trainingModules, eq(trainingModules.id, learningPathModules.moduleId))
        .where(
          inArray(
            learningPathModules.pathId,
            paths.map((p) => p.id),
          ),
        )
        .orderBy(asc(learningPathModules.position))
        .all()
    : [];
  return paths.map((p) => ({ ...p, modules: items.filter((i) => i.pathId === p.id) }));
}

export function createPath(input: { title: string; persona: string | null; language: Locale }): string {
  return writeTransaction(
    getDb(),
    (tx) => tx.insert(learningPaths).values(input).returning({ id: learningPaths.id }).get().id,
  );
}

/** Changes a path under its version: adds, removes or moves a module (move: -1 up, +1 down). */
export function changePath(
  pathId: string,
  version: number,
  change:
    | { op: "add"; moduleId: string; dueOffsetDays: number }
    | { op: "remove"; moduleId: string }
    | { op: "move"; moduleId: string; by: -1 | 1 },
): void {
  writeTransaction(getDb(), (tx) => {
    const path = tx.select().from(learningPaths).where(eq(learningPaths.id, pathId)).get();
    if (!path) throw new DomainError(404, "errors.notFound");
    if (path.version !== version) throw new DomainError(409, "training.stale");
    const rows = tx
      .select()
      .from(learningPathModules)
      .where(eq(learningPathModules.pathId, pathId))
      .orderBy(asc(learningPathModules.position))
      .all();
    let order = rows.map((r) => r.moduleId);
    if (change.op === "add") {
      const module = tx.select().from(trainingModules).where(eq(trainingModules.id, change.moduleId)).get();
      if (!module || module.archived) throw new DomainError(404, "errors.notFound");
      if (order.includes(change.moduleId)) throw new DomainError(400, "training.alreadyInPath");
      tx.insert(learningPathModules)
        .values({
          pathId,
          moduleId: change.moduleId,
          position: rows.length,
          dueOffsetDays: change.dueOffsetDays,
        })
        .run();
      order.push(change.moduleId);
    } else {
      const at = order.indexOf(change.moduleId);
      if (at < 0) throw new DomainError(404, "errors.notFound");
      if (change.op === "remove") {
        tx.delete(learningPathModules)
          .where(
            and(eq(learningPathModules.pathId, pathId), eq(learningPathModules.moduleId, change.moduleId)),
          )
          .run();
        order = order.filter((id) => id !== change.moduleId);
      } else {
        const to = at + change.by;
        if (to < 0 || to >= order.length) return;
        [order[at], order[to]] = [order[to]!, order[at]!];
      }
    }
    order.forEach((moduleId, position) =>
      tx
        .update(learningPathModules)
        .set({ position })
        .where(and(eq(learningPathModules.pathId, pathId), eq(learningPathModules.moduleId, moduleId)))
        .run(),
    );
    tx.update(learningPaths)
      .set({ version: path.version + 1, updatedAt: new Date() })
      .where(eq(learningPaths.id, pathId))
      .run();
  });
}

/** Whether a module is in the curriculum of a room the user is a member of (the file reader's question). */
export function moduleIdsOfRooms(db: DbOrTx, roomIds: string[]): string[] {
  if (roomIds.length === 0) return [];
  return db
    .selectDistinct({ moduleId: roomTrainingItems.moduleId })
    .from(roomTrainingItems)
    .where(inArray(roomTrainingItems.roomId, roomIds))
    .all()
    .map((r) => r.moduleId);
}
