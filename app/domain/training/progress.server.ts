/**
 * Working through the curriculum (issue 12; ADR 0020). What counts as done is decided here, from what the
 * browser reported, never from a "completed" flag: a lesson when its end was seen, a video when played
 * segments cover at least 90 % of its length (seeks add nothing; coverage cannot outrun the clock), a quiz
 * when an attempt graded here reaches the pass score within the allowed attempts, a link or file when it
 * was opened through the player.
 */
import { and, eq, inArray, max, sum } from "drizzle-orm";
import { getDb, writeTransaction, type DbOrTx } from "#db/client.server";
import {
  accounts,
  engagementDays,
  quizAttempts,
  roomTrainingItems,
  rooms,
  trainingProgress,
  type TrainingContent,
} from "#db/schema";
import { can } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import { addDays, todayIn, type IsoDate } from "~/domain/plan/dates";
import { DomainError } from "~/utils/errors";
import type { TrainingStatus } from "~/vocabulary";
import {
  assigneesOf,
  curriculumStart,
  dueDateOf,
  listItems,
  roomCustomers,
  type TrainingContext,
} from "./curriculum.server";
import { checkedContent, loadVersion } from "./library.server";
import { coveredSeconds, gradeQuiz, isVideoWatched, mergeSegments } from "./rules";

type Progress = typeof trainingProgress.$inferSelect;

function progressOf(db: DbOrTx, itemIds: string[], userIds?: string[]): Progress[] {
  if (itemIds.length === 0) return [];
  return db
    .select()
    .from(trainingProgress)
    .where(
      and(
        inArray(trainingProgress.itemId, itemIds),
        userIds ? inArray(trainingProgress.userId, userIds) : undefined,
      ),
    )
    .all();
}

/** The items assigned to the signed-in customer, in order, with progress, due date and overdue. */
export function myTraining(ctx: TrainingContext, now = new Date()) {
  const db = getDb();
  const customers = roomCustomers(db, ctx.room.id);
  const start = curriculumStart(ctx.room, ctx.account.timeZone);
  const today = todayIn(ctx.account.timeZone, now);
  const mine = listItems(db, ctx.room.id).filter((r) => assigneesOf(r.item, customers).includes(ctx.user.id));
  const progress = progressOf(
    db,
    mine.map((r) => r.item.id),
    [ctx.user.id],
  );
  const items = mine.map((r) => {
    const p = progress.find((x) => x.itemId === r.item.id);
    const dueDate = dueDateOf(r.item, start);
    const status: TrainingStatus = p?.status ?? "not_started";
    return {
      id: r.item.id,
      moduleId: r.item.moduleId,
      pathId: r.item.pathId,
      title: r.title,
      kind: r.kind,
      dueDate,
      status,
      overdue: status !== "completed" && dueDate < today,
      completedAt: p?.completedAt ?? null,
      lastOpenedAt: p?.lastOpenedAt ?? null,
    };
  });
  // Resume: the item opened last and not done; else the first not done.
  const open = items.filter((i) => i.status !== "completed");
  const resume =
    [...open].filter((i) => i.lastOpenedAt).sort((a, b) => +b.lastOpenedAt! - +a.lastOpenedAt!)[0] ??
    open[0] ??
    null;
  return { items, next: resume };
}

/**
 * One item as its player shows it to the signed-in person: the module content (quiz answers removed),
 * their progress, and whether they may take it (assigned customers) or only look (vendor staff).
 */
export function getPlayerItem(ctx: TrainingContext, itemId: string) {
  const db = getDb();
  const row = listItems(db, ctx.room.id).find((r) => r.item.id === itemId);
  if (!row) throw new DomainError(404, "errors.notFound");
  const assigned = assigneesOf(row.item, roomCustomers(db, ctx.room.id)).includes(ctx.user.id);
  const staffView = can(ctx.role, "room.viewInternal");
  if (!assigned && !staffView) throw new DomainError(404, "errors.notFound");
  const progress = progressOf(db, [itemId], [ctx.user.id])[0] ?? null;
  const versionId =
    (progress?.status === "completed" ? progress.moduleVersionId : null) ?? row.currentVersionId;
  const version = versionId ? loadVersion(db, versionId) : undefined;
  const content = version ? checkedContent(version.content) : null;
  const start = curriculumStart(ctx.room, ctx.account.timeZone);
  return {
    item: row.item,
    title: row.title,
    kind: row.kind,
    dueDate: dueDateOf(row.item, start),
    content: content ? forLearner(content) : null,
    canTake: assigned && can(ctx.role, "training.take"),
    progress: progress && {
      status: progress.status,
      lastPosition: progress.lastPosition,
      readToEnd: progress.readToEnd,
      watchedSeconds: progress.watchedSeconds,
      attempts: progress.attempts,
      bestScore: progress.bestScore,
      passed: progress.passed,
      completedAt: progress.completedAt,
    },
  };
}

/** Content as the learner's browser may see it: a quiz without its right answers. */
function forLearner(content: TrainingContent) {
  if (content.kind !== "quiz") return content;
  return {
    ...content,
    questions: content.questions.map((q) => ({ ...q, correct: [] as string[] })),
  };
}

type Taking = {
  tx: DbOrTx;
  progress: Progress;
  content: TrainingContent;
  versionId: string;
  title: string;
  now: Date;
};

/**
 * Runs a learner's report in one transaction: checks the item is theirs to take, finds or starts their
 * progress on the current version (a completed item keeps the version it was done on), then applies
 * `step`. Completing is done here only, by `complete` below.
 */
function take<T>(ctx: TrainingContext, itemId: string, step: (t: Taking) => T): T {
  if (!can(ctx.role, "training.take")) throw new DomainError(403, "errors.forbidden");
  return writeTransaction(getDb(), (tx) => {
    const row = listItems(tx, ctx.room.id).find((r) => r.item.id === itemId);
    if (!row || !assigneesOf(row.item, roomCustomers(tx, ctx.room.id)).includes(ctx.user.id))
      throw new DomainError(404, "errors.notFound");
    const now = new Date();
    let progress = progressOf(tx, [itemId], [ctx.user.id])[0];
    if (!progress) {
      progress = tx
        .insert(trainingProgress)
        .values({
          itemId,
          userId: ctx.user.id,
          status: "in_progress",
          moduleVersionId: row.currentVersionId,
          firstOpenedAt: now,
          lastOpenedAt: now,
        })
        .returning()
        .get();
    }
    const versionId = progress.moduleVersionId ?? row.currentVersionId;
    const version = versionId ? loadVersion(tx, versionId) : undefined;
    const content = version ? checkedContent(version.content) : null;
    if (!version || !content) throw new DomainError(404, "errors.notFound");
    return step({ tx, progress, content, versionId: version.id, title: row.title, now });
  });
}

function complete(ctx: TrainingContext, t: Taking) {
  if (t.progress.status === "completed") return;
  t.tx
    .update(trainingProgress)
    .set({ status: "completed", completedAt: t.now, moduleVersionId: t.versionId })
    .where(eq(trainingProgress.id, t.progress.id))
    .run();
  recordEvent(t.tx, {
    actorId: ctx.user.id,
    type: "training.completed",
    accountId: ctx.account.id,
    roomId: ctx.room.id,
    subjectType: "training_item",
    subjectId: t.progress.itemId,
    data: { title: t.title },
  });
}

/** The person opened the item's player (or a link/file through it): noted; links and files are then done. */
export function openItem(ctx: TrainingContext, itemId: string, opts: { opened?: boolean } = {}) {
  return take(ctx, itemId, (t) => {
    t.tx
      .update(trainingProgress)
      .set({
        lastOpenedAt: t.now,
        status: t.progress.status === "not_started" ? "in_progress" : t.progress.status,
      })
      .where(eq(trainingProgress.id, t.progress.id))
      .run();
    if (opts.opened && (t.content.kind === "link" || t.content.kind === "file")) complete(ctx, t);
    return t.content;
  });
}

/** A lesson: where the reader is (0–1), and whether the end of the text came into view. */
export function reportLesson(
  ctx: TrainingContext,
  itemId: string,
  input: { position: number; end: boolean },
) {
  return take(ctx, itemId, (t) => {
    if (t.content.kind !== "lesson") throw new DomainError(400, "errors.badRequest");
    const readToEnd = t.progress.readToEnd || input.end;
    t.tx
      .update(trainingProgress)
      .set({ lastPosition: Math.min(1, Math.max(0, input.position)), readToEnd, lastOpenedAt: t.now })
      .where(eq(trainingProgress.id, t.progress.id))
      .run();
    if (readToEnd) complete(ctx, t);
    return { completed: readToEnd };
  });
}

/** Slack for timer jitter when comparing new coverage with the time since the last report (seconds). */
const CLOCK_SLACK_SECONDS = 5;
/** Playback may run this much faster than real time (2× speed). */
const MAX_PLAYBACK_RATE = 2;

/**
 * A video: played segments since the last report, and where the player is. Segments are merged with the
 * stored ones; what they add may not exceed what could have been played since the previous report, so a
 * script reporting the whole video at once gets only a few seconds. Done at ≥ 90 % coverage.
 */
export function reportVideo(
  ctx: TrainingContext,
  itemId: string,
  input: { segments: unknown; position: number },
) {
  return take(ctx, itemId, (t) => {
    if (t.content.kind !== "video") throw new DomainError(400, "errors.badRequest");
    const duration = t.content.durationSeconds;
    const before = t.progress.watchedSegments ?? [];
    let merged = mergeSegments(before, input.segments, duration);
    const since = t.progress.videoReportedAt ?? t.progress.firstOpenedAt ?? t.now;
    const allowed = ((t.now.getTime() - since.getTime()) / 1000) * MAX_PLAYBACK_RATE + CLOCK_SLACK_SECONDS;
    if (coveredSeconds(merged) - coveredSeconds(before) > allowed) merged = before;
    const watchedSeconds = coveredSeconds(merged);
    t.tx
      .update(trainingProgress)
      .set({
        watchedSegments: merged,
        watchedSeconds,
        videoReportedAt: merged === before ? t.progress.videoReportedAt : t.now,
        lastPosition: Math.min(duration, Math.max(0, Number(input.position) || 0)),
        lastOpenedAt: t.now,
      })
      .where(eq(trainingProgress.id, t.progress.id))
      .run();
    const done = isVideoWatched(merged, duration);
    if (done) complete(ctx, t);
    return {
      watchedSeconds,
      durationSeconds: duration,
      completed: done || t.progress.status === "completed",
    };
  });
}

/** A quiz attempt, graded here. Refused when the allowed attempts are used up or it is already passed. */
export function submitQuiz(ctx: TrainingContext, itemId: string, answers: Record<string, string[]>) {
  return take(ctx, itemId, (t) => {
    const quiz = t.content;
    if (quiz.kind !== "quiz") throw new DomainError(400, "errors.badRequest");
    if (t.progress.passed) throw new DomainError(400, "training.quizAlreadyPassed");
    if (quiz.maxAttempts > 0 && t.progress.attempts >= quiz.maxAttempts)
      throw new DomainError(400, "training.quizNoAttemptsLeft");
    const graded = gradeQuiz(quiz, answers);
    t.tx
      .insert(quizAttempts)
      .values({
        progressId: t.progress.id,
        moduleVersionId: t.versionId,
        answers,
        score: graded.score,
        passed: graded.passed,
      })
      .run();
    const attempts = t.progress.attempts + 1;
    t.tx
      .update(trainingProgress)
      .set({
        attempts,
        bestScore: Math.max(t.progress.bestScore ?? 0, graded.score),
        passed: graded.passed,
        lastOpenedAt: t.now,
      })
      .where(eq(trainingProgress.id, t.progress.id))
      .run();
    if (graded.passed) complete(ctx, t);
    return {
      score: graded.score,
      passed: graded.passed,
      attemptsLeft: quiz.maxAttempts > 0 ? Math.max(0, quiz.maxAttempts - attempts) : null,
    };
  });
}

// ---- staff: the progress matrix ------------------------------------------------------------------------

/** Person × item: status, active seconds on the module (engagement), last opened. */
export function progressMatrix(ctx: TrainingContext, now = new Date()) {
  const db = getDb();
  const customers = roomCustomers(db, ctx.room.id);
  const items = listItems(db, ctx.room.id);
  const start = curriculumStart(ctx.room, ctx.account.timeZone);
  const today = todayIn(ctx.account.timeZone, now);
  const progress = progressOf(
    db,
    items.map((r) => r.item.id),
  );
  const time = db
    .select({
      userId: engagementDays.userId,
      moduleId: engagementDays.subjectId,
      seconds: sum(engagementDays.activeSeconds).mapWith(Number),
      lastAt: max(engagementDays.lastAt),
    })
    .from(engagementDays)
    .where(and(eq(engagementDays.roomId, ctx.room.id), eq(engagementDays.subjectKind, "module")))
    .groupBy(engagementDays.userId, engagementDays.subjectId)
    .all();
  const columns = items.map((r) => ({
    id: r.item.id,
    title: r.title,
    kind: r.kind,
    dueDate: dueDateOf(r.item, start),
    assignees: assigneesOf(r.item, customers),
  }));
  const rows = customers.map((c) => ({
    userId: c.userId,
    name: c.name,
    email: c.email,
    role: c.role,
    cells: columns.map((col) => {
      if (!col.assignees.includes(c.userId)) return null;
      const p = progress.find((x) => x.itemId === col.id && x.userId === c.userId);
      const t = time.find(
        (x) => x.userId === c.userId && x.moduleId === items.find((i) => i.item.id === col.id)!.item.moduleId,
      );
      const status: TrainingStatus = p?.status ?? "not_started";
      return {
        status,
        overdue: status !== "completed" && col.dueDate < today,
        activeSeconds: t?.seconds ?? 0,
        lastOpenedAt: p?.lastOpenedAt ?? null,
        score: p?.bestScore ?? null,
      };
    }),
  }));
  return { columns: columns.map(({ assignees: _a, ...c }) => c), rows };
}

// ---- health ---------------------------------------------------------------------------------------------

/**
 * The health model's training input: assigned (item, person) pairs already due and how many of them are
 * completed, and the oldest due date of one overdue and not completed (for the alert). Null when the room
 * has no curriculum at all.
 */
export function trainingHealthInputs(
  db: DbOrTx,
  room: { id: string; kickoffDate: string | null; createdAt: Date },
  timeZone: string,
  today: IsoDate,
): { dueAssigned: number; dueCompleted: number; oldestOverdueDueDate: IsoDate | null } | null {
  const items = listItems(db, room.id);
  if (items.length === 0) return null;
  const customers = roomCustomers(db, room.id);
  const start = curriculumStart(room, timeZone);
  const done = new Set(
    progressOf(
      db,
      items.map((r) => r.item.id),
    )
      .filter((p) => p.status === "completed")
      .map((p) => `${p.itemId}:${p.userId}`),
  );
  let dueAssigned = 0;
  let dueCompleted = 0;
  let oldest: IsoDate | null = null;
  for (const r of items) {
    const due = dueDateOf(r.item, start);
    if (due > today) continue;
    for (const userId of assigneesOf(r.item, customers)) {
      dueAssigned++;
      if (done.has(`${r.item.id}:${userId}`)) dueCompleted++;
      else if (due < today && (oldest === null || due < oldest)) oldest = due;
    }
  }
  return { dueAssigned, dueCompleted, oldestOverdueDueDate: oldest };
}

/** trainingHealthInputs for a room by id (the health job's entry point). */
export function roomTrainingHealth(roomId: string, timeZone: string, today: IsoDate) {
  const db = getDb();
  const room = db
    .select({ id: rooms.id, kickoffDate: rooms.kickoffDate, createdAt: rooms.createdAt })
    .from(rooms)
    .where(eq(rooms.id, roomId))
    .get();
  return room ? trainingHealthInputs(db, room, timeZone, today) : null;
}

/** The matrix as CSV rows: one line per person and assigned item (formula-safe via formatCsv). */
export function progressCsvRows(
  ctx: TrainingContext,
  label: (status: TrainingStatus, overdue: boolean) => string,
): Record<"person" | "email" | "module" | "due" | "status" | "minutes" | "lastOpened" | "score", string>[] {
  const m = progressMatrix(ctx);
  return m.rows.flatMap((r) =>
    m.columns.flatMap((col, i) => {
      const cell = r.cells[i];
      if (!cell) return [];
      return [
        {
          person: r.name,
          email: r.email,
          module: col.title,
          due: col.dueDate,
          status: label(cell.status, cell.overdue),
          // Tenths of a minute: a spreadsheet can add them up, and a short session is not 0.
          minutes: (cell.activeSeconds / 60).toFixed(1),
          lastOpened: cell.lastOpenedAt ? todayIn(ctx.account.timeZone, cell.lastOpenedAt) : "",
          score: cell.score === null ? "" : String(cell.score),
        },
      ];
    }),
  );
}

// ---- reminders ------------------------------------------------------------------------------------------

/**
 * For the daily reminder digest (issue 12): every (item, person) of active rooms' curricula that is not
 * completed and is due by `today + dueSoonDays` in the room's account time zone, overdue or not.
 */
export function trainingDueForReminders(db: DbOrTx, now: Date, dueSoonDays: number) {
  const roomIds = db
    .selectDistinct({ id: roomTrainingItems.roomId })
    .from(roomTrainingItems)
    .all()
    .map((r) => r.id);
  if (roomIds.length === 0) return [];
  const roomRows = db
    .select({ room: rooms, timeZone: accounts.timeZone })
    .from(rooms)
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .where(and(inArray(rooms.id, roomIds), eq(rooms.status, "active")))
    .all();
  const out: {
    userId: string;
    roomId: string;
    roomTitle: string;
    timeZone: string;
    itemId: string;
    title: string;
    dueDate: IsoDate;
    overdue: boolean;
  }[] = [];
  for (const { room, timeZone } of roomRows) {
    const items = listItems(db, room.id);
    const customers = roomCustomers(db, room.id);
    const start = curriculumStart(room, timeZone);
    const today = todayIn(timeZone, now);
    const horizon = addDays(today, dueSoonDays);
    const done = new Set(
      progressOf(
        db,
        items.map((r) => r.item.id),
      )
        .filter((p) => p.status === "completed")
        .map((p) => `${p.itemId}:${p.userId}`),
    );
    for (const r of items) {
      const due = dueDateOf(r.item, start);
      if (due > horizon) continue;
      for (const userId of assigneesOf(r.item, customers)) {
        if (done.has(`${r.item.id}:${userId}`)) continue;
        out.push({
          userId,
          roomId: room.id,
          roomTitle: room.title,
          timeZone,
          itemId: r.item.id,
          title: r.title,
          dueDate: due,
          overdue: due < today,
        });
      }
    }
  }
  return out;
}
