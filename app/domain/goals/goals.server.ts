/**
 * The success plan: goals the vendor and the customer agree on, each a KPI moving from a baseline to a
 * target by a due date, with check-ins of the measured value. Statuses come from goalTrajectory (the one
 * rule). Editing needs goals.edit and the goal's version (409 when stale); check-ins need goals.checkIn,
 * which customer admins and members have. The first check-in that reaches the target marks the goal
 * achieved and, when the room's template says so, completes the room's first-value milestone.
 */
import { and, asc, desc, eq, inArray, isNotNull, ne } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx, type Tx, writeTransaction } from "#db/client.server";
import {
  goalCheckins,
  goalMilestones,
  goals,
  milestones,
  planTemplates,
  stakeholders,
  users,
} from "#db/schema";
import { can } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import { formatCsv } from "~/domain/plan/csv-schema";
import { todayIn, type IsoDate } from "~/domain/plan/dates";
import { completeFirstValueMilestone, seesInternal, type RoomContext } from "~/domain/plan/plan.server";
import { DomainError } from "~/utils/errors";
import { fields } from "~/utils/forms";
import { parseDecimal, plainNumber } from "./number";
import { goalTrajectory, type Trajectory } from "./trajectory";

export type Goal = typeof goals.$inferSelect;

/** A goal's alert horizon: due within this many days and projected to miss raises "goal at risk". */
export const GOAL_ALERT_DAYS = 14;
export const MAX_GOALS = 50;
const MAX_LINKED_MILESTONES = 50;

// ---- forms ----------------------------------------------------------------------------------------

const toDecimal = (v: unknown) => {
  if (typeof v !== "string") return v;
  if (v.trim() === "") return undefined;
  return parseDecimal(v) ?? Number.NaN;
};

/** A KPI value: "1,200", "12.5", full-width digits. */
export const decimalField = () =>
  z.preprocess(
    toDecimal,
    z.number({
      error: (issue) => (issue.input === undefined ? "validation.required" : "goals.errors.number"),
    }),
  );
export const optionalDecimalField = () =>
  z.preprocess(toDecimal, z.number({ error: "goals.errors.number" }).optional());

const idList = () =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : ([] as unknown[]).concat(v).filter((x) => x !== "")),
    z.array(z.string().max(64)).max(MAX_LINKED_MILESTONES, { message: "validation.tooMany" }),
  );

const goalFields = {
  statement: fields.requiredText(300),
  kpi: fields.requiredText(120),
  unit: fields.optionalText(20),
  baseline: decimalField(),
  target: decimalField(),
  dueDate: fields.date(),
  ownerId: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(64).optional()),
  milestoneIds: idList(),
};

const targetDiffers = <T extends { baseline: number; target: number }>(g: T) => g.target !== g.baseline;
const TARGET_SAME = { message: "goals.errors.targetEqualsBaseline", path: ["target"] };

export const GoalSchema = z.object(goalFields).refine(targetDiffers, TARGET_SAME);
export type GoalInput = z.output<typeof GoalSchema>;

const ref = { id: z.string().catch(""), version: fields.version() };
export const GoalUpdateSchema = z.object({ ...goalFields, ...ref }).refine(targetDiffers, TARGET_SAME);
export const GoalRefSchema = z.object(ref);
export const GoalMoveSchema = z.object({ ...ref, direction: fields.enumOf(["up", "down"] as const) });
export const CheckinSchema = z.object({
  goalId: z.string().catch(""),
  value: decimalField(),
  date: fields.date(),
  comment: fields.optionalText(1000),
});
export type CheckinInput = z.output<typeof CheckinSchema>;

// ---- reading --------------------------------------------------------------------------------------

/** The day a goal's trajectory starts: the room's kickoff, else the day the goal was created. */
export function goalStartDate(kickoffDate: IsoDate | null, createdAt: Date, timeZone: string): IsoDate {
  return kickoffDate ?? todayIn(timeZone, createdAt);
}

/** Rows of the room's goals with their check-ins (date order), milestone links and owner names. */
function loadGoals(db: DbOrTx, roomId: string) {
  const rows = db.select().from(goals).where(eq(goals.roomId, roomId)).orderBy(asc(goals.position)).all();
  const ids = rows.map((g) => g.id);
  const checkins = ids.length
    ? db
        .select({
          id: goalCheckins.id,
          goalId: goalCheckins.goalId,
          value: goalCheckins.value,
          date: goalCheckins.date,
          comment: goalCheckins.comment,
          authorName: users.name,
          createdAt: goalCheckins.createdAt,
        })
        .from(goalCheckins)
        .leftJoin(users, eq(users.id, goalCheckins.authorId))
        .where(inArray(goalCheckins.goalId, ids))
        .orderBy(asc(goalCheckins.date), asc(goalCheckins.createdAt))
        .all()
    : [];
  const links = ids.length
    ? db
        .select({ goalId: goalMilestones.goalId, milestoneId: goalMilestones.milestoneId })
        .from(goalMilestones)
        .where(inArray(goalMilestones.goalId, ids))
        .all()
    : [];
  return { rows, checkins, links };
}

export type GoalView = ReturnType<typeof listGoals>["goals"][number];

/** The room's success plan as the viewer may see it: each goal with its history and its standing. */
export function listGoals(ctx: Pick<RoomContext, "room" | "account" | "role">, now = new Date()) {
  const db = getDb();
  const today = todayIn(ctx.account.timeZone, now);
  const { rows, checkins, links } = loadGoals(db, ctx.room.id);
  const people = db
    .select({ id: stakeholders.id, name: stakeholders.name, side: stakeholders.side })
    .from(stakeholders)
    .where(eq(stakeholders.roomId, ctx.room.id))
    .orderBy(asc(stakeholders.name))
    .all();
  const milestoneRows = db
    .select({
      id: milestones.id,
      title: milestones.title,
      targetDate: milestones.targetDate,
      visibility: milestones.visibility,
      completedAt: milestones.completedAt,
    })
    .from(milestones)
    .where(eq(milestones.roomId, ctx.room.id))
    .orderBy(asc(milestones.targetDate), asc(milestones.position))
    .all()
    .filter((m) => seesInternal(ctx.role) || m.visibility === "shared");
  const milestoneById = new Map(milestoneRows.map((m) => [m.id, m]));
  const ownerName = new Map(people.map((p) => [p.id, p.name]));
  const goalViews = rows.map((g) => {
    const history = checkins.filter((c) => c.goalId === g.id);
    const startDate = goalStartDate(ctx.room.kickoffDate, g.createdAt, ctx.account.timeZone);
    const trajectory = goalTrajectory({ ...g, startDate }, history, today);
    return {
      id: g.id,
      statement: g.statement,
      kpi: g.kpi,
      unit: g.unit,
      baseline: g.baseline,
      target: g.target,
      dueDate: g.dueDate,
      startDate,
      ownerId: g.ownerId,
      ownerName: g.ownerId ? (ownerName.get(g.ownerId) ?? null) : null,
      achievedOn: g.achievedAt ? todayIn(ctx.account.timeZone, g.achievedAt) : null,
      version: g.version,
      milestones: links
        .filter((l) => l.goalId === g.id)
        .map((l) => milestoneById.get(l.milestoneId))
        .filter((m): m is NonNullable<typeof m> => !!m)
        .map((m) => ({ id: m.id, title: m.title, done: !!m.completedAt })),
      checkins: history.map((c) => ({
        id: c.id,
        value: c.value,
        date: c.date,
        comment: c.comment,
        authorName: c.authorName,
      })),
      trajectory,
    };
  });
  return {
    today,
    goals: goalViews,
    people: people.map((p) => ({ id: p.id, name: p.name, side: p.side })),
    milestones: milestoneRows.map((m) => ({ id: m.id, title: m.title, targetDate: m.targetDate })),
  };
}

/** The compact view of the customer's home: each goal's standing and progress. */
export function successPlanSummary(ctx: Pick<RoomContext, "room" | "account" | "role">, now = new Date()) {
  return listGoals(ctx, now).goals.map((g) => ({
    id: g.id,
    statement: g.statement,
    kpi: g.kpi,
    unit: g.unit,
    target: g.target,
    dueDate: g.dueDate,
    status: g.trajectory.status,
    latest: g.trajectory.latest,
    progress: g.trajectory.progress,
  }));
}

/**
 * For the "goal at risk" alert: the room's goals not yet achieved with their check-ins, as the pure
 * health rules want them (see app/domain/health/alerts.ts).
 */
export function goalsForHealth(db: DbOrTx, roomId: string, kickoffDate: IsoDate | null, timeZone: string) {
  const { rows, checkins } = loadGoals(db, roomId);
  return rows.map((g) => ({
    id: g.id,
    statement: g.statement,
    baseline: g.baseline,
    target: g.target,
    dueDate: g.dueDate,
    startDate: goalStartDate(kickoffDate, g.createdAt, timeZone),
    achieved: g.achievedAt !== null,
    checkins: checkins.filter((c) => c.goalId === g.id).map((c) => ({ date: c.date, value: c.value })),
  }));
}

// ---- editing --------------------------------------------------------------------------------------

function requireEditor(ctx: RoomContext) {
  if (!can(ctx.role, "goals.edit")) throw new DomainError(403, "errors.forbidden");
}

function loadGoal(tx: DbOrTx, ctx: Pick<RoomContext, "room">, id: string): Goal {
  const goal = tx
    .select()
    .from(goals)
    .where(and(eq(goals.id, id), eq(goals.roomId, ctx.room.id)))
    .get();
  if (!goal) throw new DomainError(404, "errors.notFound");
  return goal;
}

function loadForChange(tx: Tx, ctx: RoomContext, id: string, version: number): Goal {
  requireEditor(ctx);
  const goal = loadGoal(tx, ctx, id);
  if (goal.version !== version) throw new DomainError(409, "goals.errors.stale");
  return goal;
}

/** The owner must be one of the room's team; linked milestones must be the room's. */
function checkReferences(tx: Tx, ctx: RoomContext, input: GoalInput): string[] {
  if (input.ownerId) {
    const owner = tx
      .select({ id: stakeholders.id })
      .from(stakeholders)
      .where(and(eq(stakeholders.id, input.ownerId), eq(stakeholders.roomId, ctx.room.id)))
      .get();
    if (!owner) throw new DomainError(400, "goals.errors.owner", {}, "ownerId");
  }
  const ids = [...new Set(input.milestoneIds)];
  if (ids.length) {
    const found = tx
      .select({ id: milestones.id })
      .from(milestones)
      .where(and(eq(milestones.roomId, ctx.room.id), inArray(milestones.id, ids)))
      .all();
    if (found.length !== ids.length)
      throw new DomainError(400, "goals.errors.milestones", {}, "milestoneIds");
  }
  return ids;
}

const goalValues = (input: GoalInput) => ({
  statement: input.statement,
  kpi: input.kpi,
  unit: input.unit ?? "",
  baseline: input.baseline,
  target: input.target,
  dueDate: input.dueDate,
  ownerId: input.ownerId ?? null,
});

const event = (ctx: RoomContext, goalId: string, type: Parameters<typeof recordEvent>[1]["type"]) => ({
  actorId: ctx.user.id,
  type,
  accountId: ctx.account.id,
  roomId: ctx.room.id,
  subjectType: "goal",
  subjectId: goalId,
});

export function addGoal(ctx: RoomContext, input: GoalInput, now = new Date()): string {
  requireEditor(ctx);
  return writeTransaction(getDb(), (tx) => {
    const existing = tx.select({ position: goals.position }).from(goals).where(eq(goals.roomId, ctx.room.id));
    const all = existing.orderBy(desc(goals.position)).all();
    if (all.length >= MAX_GOALS) throw new DomainError(400, "goals.errors.tooMany", { max: MAX_GOALS });
    const milestoneIds = checkReferences(tx, ctx, input);
    const { id } = tx
      .insert(goals)
      .values({
        ...goalValues(input),
        roomId: ctx.room.id,
        position: (all[0]?.position ?? -1) + 1,
        createdById: ctx.user.id,
        createdAt: now,
      })
      .returning({ id: goals.id })
      .get();
    for (const milestoneId of milestoneIds)
      tx.insert(goalMilestones).values({ goalId: id, milestoneId }).run();
    recordEvent(tx, {
      ...event(ctx, id, "goal.added"),
      data: { title: input.statement, visibility: "shared" },
    });
    return id;
  });
}

export function updateGoal(ctx: RoomContext, id: string, input: GoalInput & { version: number }) {
  writeTransaction(getDb(), (tx) => {
    const goal = loadForChange(tx, ctx, id, input.version);
    const milestoneIds = checkReferences(tx, ctx, input);
    tx.update(goals)
      .set({ ...goalValues(input), version: goal.version + 1, updatedAt: new Date() })
      .where(eq(goals.id, id))
      .run();
    tx.delete(goalMilestones).where(eq(goalMilestones.goalId, id)).run();
    for (const milestoneId of milestoneIds)
      tx.insert(goalMilestones).values({ goalId: id, milestoneId }).run();
    recordEvent(tx, {
      ...event(ctx, id, "goal.updated"),
      data: { title: input.statement, from: goal.statement, visibility: "shared" },
    });
  });
}

export function removeGoal(ctx: RoomContext, id: string, version: number) {
  writeTransaction(getDb(), (tx) => {
    const goal = loadForChange(tx, ctx, id, version);
    tx.delete(goals).where(eq(goals.id, id)).run();
    recordEvent(tx, {
      ...event(ctx, id, "goal.removed"),
      data: { title: goal.statement, visibility: "shared" },
    });
  });
}

/** Swaps a goal with its neighbour above or below; both versions move on. */
export function moveGoal(ctx: RoomContext, id: string, direction: "up" | "down", version: number) {
  writeTransaction(getDb(), (tx) => {
    const goal = loadForChange(tx, ctx, id, version);
    const siblings = tx
      .select()
      .from(goals)
      .where(and(eq(goals.roomId, ctx.room.id), ne(goals.id, id)))
      .orderBy(asc(goals.position))
      .all();
    const neighbour =
      direction === "up"
        ? siblings.filter((g) => g.position < goal.position).at(-1)
        : siblings.find((g) => g.position > goal.position);
    if (!neighbour) return;
    tx.update(goals)
      .set({ position: neighbour.position, version: goal.version + 1 })
      .where(eq(goals.id, goal.id))
      .run();
    tx.update(goals)
      .set({ position: goal.position, version: neighbour.version + 1 })
      .where(eq(goals.id, neighbour.id))
      .run();
  });
}

/** The moment a calendar date stands for: noon UTC falls on that date in every zone from −11 to +11. */
const dayMoment = (date: IsoDate) => new Date(`${date}T12:00:00Z`);

/**
 * Records a measured value. The date may not be after today in the account's time zone. The first
 * check-in that reaches the target sets achievedAt (kept if a later one falls back) and records
 * goal.achieved; when it is the room's first achieved goal and the room's template says so, the room's
 * first-value milestone is completed on the check-in's date through the plan (events, emails).
 */
export function addCheckin(
  ctx: RoomContext,
  input: CheckinInput,
  now = new Date(),
): { achieved: boolean; firstValue: boolean } {
  if (!can(ctx.role, "goals.checkIn")) throw new DomainError(403, "errors.forbidden");
  const today = todayIn(ctx.account.timeZone, now);
  if (input.date > today) throw new DomainError(400, "goals.errors.futureDate", {}, "date");
  return writeTransaction(getDb(), (tx) => {
    const goal = loadGoal(tx, ctx, input.goalId);
    tx.insert(goalCheckins)
      .values({
        goalId: goal.id,
        value: input.value,
        date: input.date,
        comment: input.comment ?? null,
        authorId: ctx.user.id,
        createdAt: now,
      })
      .run();
    tx.update(goals)
      .set({ version: goal.version + 1, updatedAt: now })
      .where(eq(goals.id, goal.id))
      .run();
    recordEvent(tx, {
      ...event(ctx, goal.id, "goal.checked_in"),
      data: { title: goal.statement, value: input.value, date: input.date, visibility: "shared" },
    });
    // The one rule decides whether this value reaches the target.
    const reaches =
      goalTrajectory(
        { ...goal, startDate: input.date },
        [{ date: input.date, value: input.value }],
        input.date,
      ).status === "achieved";
    if (goal.achievedAt || !reaches) return { achieved: false, firstValue: false };
    const at = input.date === today ? now : dayMoment(input.date);
    const earlier = tx
      .select({ id: goals.id })
      .from(goals)
      .where(and(eq(goals.roomId, ctx.room.id), isNotNull(goals.achievedAt), ne(goals.id, goal.id)))
      .get();
    tx.update(goals).set({ achievedAt: at }).where(eq(goals.id, goal.id)).run();
    recordEvent(tx, {
      ...event(ctx, goal.id, "goal.achieved"),
      data: { title: goal.statement, value: input.value, date: input.date, visibility: "shared" },
    });
    let firstValue = false;
    if (!earlier && marksFirstValue(tx, ctx)) firstValue = completeFirstValueMilestone(tx, ctx, at);
    return { achieved: true, firstValue };
  });
}

function marksFirstValue(tx: Tx, ctx: RoomContext): boolean {
  const templateId = ctx.room.planTemplateId;
  if (!templateId) return false;
  const template = tx
    .select({ marks: planTemplates.firstGoalMarksFirstValue })
    .from(planTemplates)
    .where(eq(planTemplates.id, templateId))
    .get();
  return !!template?.marks;
}

// ---- export ---------------------------------------------------------------------------------------

export const GOAL_CSV_COLUMNS = [
  "statement",
  "kpi",
  "unit",
  "baseline",
  "target",
  "due_date",
  "owner",
  "status",
  "latest_value",
  "latest_date",
  "progress_percent",
  "projected_value",
  "achieved_on",
  "milestones",
  "checkins",
] as const;

const num = (v: number | null) => (v === null ? "" : plainNumber(v));

/**
 * The success plan as CSV (RFC 4180, BOM, formula guard): one row per goal; its check-ins in one cell
 * as "date: value (comment)" lines. Statuses are the language-neutral codes, as in the plan CSV.
 */
export function exportGoalsCsv(ctx: Pick<RoomContext, "room" | "account" | "role">, now = new Date()) {
  const { goals: list } = listGoals(ctx, now);
  return formatCsv(
    GOAL_CSV_COLUMNS,
    list.map((g) => ({
      statement: g.statement,
      kpi: g.kpi,
      unit: g.unit,
      baseline: num(g.baseline),
      target: num(g.target),
      due_date: g.dueDate,
      owner: g.ownerName ?? "",
      status: g.trajectory.status,
      latest_value: num(g.trajectory.latest),
      latest_date: g.checkins.at(-1)?.date ?? "",
      progress_percent: g.trajectory.progress === null ? "" : String(Math.round(g.trajectory.progress * 100)),
      projected_value: num(g.trajectory.projected),
      achieved_on: g.achievedOn ?? "",
      milestones: g.milestones.map((m) => m.title).join("; "),
      checkins: g.checkins
        .map((c) => `${c.date}: ${plainNumber(c.value)}${c.comment ? ` (${c.comment})` : ""}`)
        .join("\n"),
    })),
  );
}

export type { Trajectory };
