import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  LOCALES,
  TRAINING_AUDIENCES,
  TRAINING_KINDS,
  TRAINING_STATUSES,
  type QuizQuestionKind,
} from "../../app/vocabulary";
import { createdAt, idColumn, timestamp } from "./columns";
import { rooms } from "./rooms";
import { planTemplates } from "./templates";
import { users } from "./users";

/**
 * What a module version holds, by kind (issue 12). Checked by app/domain/training before it is stored and
 * again when read. `lesson.doc` is checked Tiptap JSON (app/domain/richtext), rendered by the one renderer;
 * a video is an uploaded file (purpose "training") or a YouTube/Vimeo id (never a URL or an iframe src);
 * `durationSeconds` is what the 90 % rule counts against (set by staff, never by the learner's browser).
 */
export type TrainingContent =
  | { kind: "lesson"; doc: unknown }
  | {
      kind: "video";
      source: { type: "file"; fileId: string } | { type: "youtube" | "vimeo"; id: string };
      durationSeconds: number;
    }
  | { kind: "file"; fileId: string }
  | { kind: "link"; url: string }
  | {
      kind: "quiz";
      questions: {
        id: string;
        text: string;
        kind: QuizQuestionKind;
        options: { id: string; text: string }[];
        /** Option ids that are right (one for "single"). Never sent to the learner's browser. */
        correct: string[];
      }[];
      /** Score (percent of questions answered exactly right) needed to pass. */
      passScore: number;
      /** Attempts a learner may make; 0 = unlimited. */
      maxAttempts: number;
    };

/** A module of the training library; its content lives in versions, the current one named here. */
export const trainingModules = sqliteTable(
  "training_modules",
  {
    id: idColumn(),
    kind: text({ enum: TRAINING_KINDS }).notNull(),
    title: text().notNull(),
    /** Tags for filtering the library: the product area, the persona it is for, its language. */
    product: text(),
    persona: text(),
    language: text({ enum: LOCALES }).notNull(),
    /** training_module_versions.id of the version learners get now (set in the same transaction). */
    currentVersionId: text(),
    /** Number of the current version (1, 2, …). */
    currentVersionNumber: integer().notNull().default(1),
    /** Archived modules stay in curricula that hold them but cannot be added anew. */
    archived: integer({ mode: "boolean" }).notNull().default(false),
    createdById: text().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
    version: integer().notNull().default(1),
  },
  (t) => [index("training_modules_kind_idx").on(t.kind)],
);

/** Every saved content of a module: an edit adds a version, so progress can say which version was done. */
export const trainingModuleVersions = sqliteTable(
  "training_module_versions",
  {
    id: idColumn(),
    moduleId: text()
      .notNull()
      .references(() => trainingModules.id, { onDelete: "cascade" }),
    number: integer().notNull(),
    content: text({ mode: "json" }).$type<TrainingContent>().notNull(),
    createdById: text().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("training_module_versions_number").on(t.moduleId, t.number)],
);

/** An ordered set of modules for a persona in a language (e.g. the admin path, the end-user path). */
export const learningPaths = sqliteTable("learning_paths", {
  id: idColumn(),
  title: text().notNull(),
  persona: text(),
  language: text({ enum: LOCALES }).notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at"),
  version: integer().notNull().default(1),
});

export const learningPathModules = sqliteTable(
  "learning_path_modules",
  {
    id: idColumn(),
    pathId: text()
      .notNull()
      .references(() => learningPaths.id, { onDelete: "cascade" }),
    moduleId: text()
      .notNull()
      .references(() => trainingModules.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    /** Days after the room's kickoff that the module is due when a room gets it from this path. */
    dueOffsetDays: integer().notNull().default(14),
  },
  (t) => [uniqueIndex("learning_path_modules_key").on(t.pathId, t.moduleId)],
);

/** A template's default curriculum: which path the room's people of which audience get. */
export const templateCurricula = sqliteTable(
  "template_curricula",
  {
    id: idColumn(),
    templateId: text()
      .notNull()
      .references(() => planTemplates.id, { onDelete: "cascade" }),
    pathId: text()
      .notNull()
      .references(() => learningPaths.id, { onDelete: "cascade" }),
    audience: text({ enum: TRAINING_AUDIENCES }).notNull(),
  },
  (t) => [uniqueIndex("template_curricula_key").on(t.templateId, t.pathId, t.audience)],
);

/**
 * One module in a room's curriculum: for one named person (assigneeUserId) or an audience; due
 * `dueOffsetDays` after the room's kickoff (the room's start when it has no kickoff date).
 */
export const roomTrainingItems = sqliteTable(
  "room_training_items",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    moduleId: text()
      .notNull()
      .references(() => trainingModules.id),
    position: integer().notNull(),
    dueOffsetDays: integer().notNull(),
    /** A named member of the room; when null the item is for `audience`. */
    assigneeUserId: text().references(() => users.id, { onDelete: "set null" }),
    audience: text({ enum: TRAINING_AUDIENCES }),
    /** The path the item came from (template or CSM), for the certificate of that path. */
    pathId: text().references(() => learningPaths.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    version: integer().notNull().default(1),
  },
  (t) => [index("room_training_items_room_idx").on(t.roomId, t.position)],
);

/**
 * A person's progress on one curriculum item, decided on the server from what the browser reported:
 * lesson read to the end, video segments actually played, graded quiz attempts. Never a "done" flag.
 */
export const trainingProgress = sqliteTable(
  "training_progress",
  {
    id: idColumn(),
    itemId: text()
      .notNull()
      .references(() => roomTrainingItems.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text({ enum: TRAINING_STATUSES }).notNull().default("not_started"),
    /** The module version being done (and, once completed, the one that was done). */
    moduleVersionId: text(),
    /** Where to resume: seconds into a video, or 0–1 of the way down a lesson. */
    lastPosition: real().notNull().default(0),
    /** A lesson's end was seen (the sentinel at its end became visible). */
    readToEnd: integer({ mode: "boolean" }).notNull().default(false),
    /** Played ranges of a video in seconds, merged and sorted: [[start, end], …]. Seeking adds nothing. */
    watchedSegments: text({ mode: "json" }).$type<[number, number][]>().notNull().default([]),
    /** Seconds covered by watchedSegments. */
    watchedSeconds: real().notNull().default(0),
    /**
     * When segments were last accepted: new coverage may not outrun the wall clock since then (at most
     * twice real time, for 2× playback), so a script cannot report a whole video in one go.
     */
    videoReportedAt: timestamp("video_reported_at"),
    /** Graded quiz attempts so far, the best score (percent) and whether one passed. */
    attempts: integer().notNull().default(0),
    bestScore: integer(),
    passed: integer({ mode: "boolean" }).notNull().default(false),
    firstOpenedAt: timestamp("first_opened_at"),
    lastOpenedAt: timestamp("last_opened_at"),
    completedAt: timestamp("completed_at"),
  },
  (t) => [uniqueIndex("training_progress_key").on(t.itemId, t.userId)],
);

/** Each graded quiz attempt: the answers given (option ids per question id), score and result. */
export const quizAttempts = sqliteTable(
  "quiz_attempts",
  {
    id: idColumn(),
    progressId: text()
      .notNull()
      .references(() => trainingProgress.id, { onDelete: "cascade" }),
    moduleVersionId: text().notNull(),
    answers: text({ mode: "json" }).$type<Record<string, string[]>>().notNull(),
    score: integer().notNull(),
    passed: integer({ mode: "boolean" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("quiz_attempts_progress_idx").on(t.progressId)],
);
