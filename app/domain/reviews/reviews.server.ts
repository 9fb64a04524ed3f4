/**
 * The post-onboarding review (振り返り) of a room: the team's answers to the review's questions, findings
 * (each may propose a change to the room's template), the customer's survey by emailed link, and
 * completing it, which moves the room from onboarding to adoption. Vendor only: every event it writes is
 * internal, so customers never see it in the feed. Template proposals are decided in ./proposals.server.
 */
import { and, asc, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import { getDb, type DbOrTx, type Tx, writeTransaction } from "#db/client.server";
import {
  milestones,
  planTemplates,
  reviewFindings,
  reviews,
  rooms,
  stakeholders,
  surveyRequests,
  templateMilestones,
  templatePhases,
  templateTasks,
  users,
} from "#db/schema";
import { can } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import type { RoomContext } from "~/domain/plan/plan.server";
import { addDays, todayIn } from "~/domain/plan/dates";
import { guessLocale } from "~/domain/notifications/locale";
import { enqueueEmail } from "~/mail/outbox.server";
import { env } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { generateToken, hashToken } from "~/utils/tokens.server";
import type { Locale } from "~/vocabulary";
import {
  proposalOf,
  REQUIRED_TO_COMPLETE,
  REVIEW_QUESTIONS,
  SURVEY_TTL_DAYS,
  type FindingInput,
  type ReviewQuestion,
  type SurveyInput,
  type TemplateChange,
} from "./schemas";

export type Review = typeof reviews.$inferSelect;
export type Finding = typeof reviewFindings.$inferSelect;

/** Review events are the vendor's: never in a customer's feed (see app/domain/activity). */
const INTERNAL = { visibility: "internal", internal: true } as const;

function requireRunner(ctx: RoomContext) {
  if (!can(ctx.role, "review.run")) throw new DomainError(403, "errors.forbidden");
}

function event(
  tx: DbOrTx,
  ctx: RoomContext,
  type: Parameters<typeof recordEvent>[1]["type"],
  data: object = {},
  subjectId?: string,
) {
  recordEvent(tx, {
    actorId: ctx.user.id,
    type,
    accountId: ctx.account.id,
    roomId: ctx.room.id,
    subjectType: "review",
    subjectId: subjectId ?? ctx.room.id,
    data: { ...data, ...INTERNAL },
  });
}

export function findReview(tx: DbOrTx, roomId: string): Review | undefined {
  return tx.select().from(reviews).where(eq(reviews.roomId, roomId)).get();
}

function requireReview(tx: DbOrTx, roomId: string): Review {
  const review = findReview(tx, roomId);
  if (!review) throw new DomainError(404, "review.notStarted");
  return review;
}

function requireOpen(review: Review) {
  if (review.status === "completed") throw new DomainError(409, "review.alreadyCompleted");
}

/**
 * Whether the overview should suggest the review to staff: none has been started, and the room is past
 * its go-live date or its last milestone is done.
 */
export function reviewSuggested(
  ctx: Pick<RoomContext, "room" | "account" | "role">,
  now = new Date(),
): boolean {
  if (!can(ctx.role, "review.run")) return false;
  const db = getDb();
  if (findReview(db, ctx.room.id)) return false;
  const today = todayIn(ctx.account.timeZone, now);
  if (ctx.room.targetGoLiveDate && ctx.room.targetGoLiveDate < today) return true;
  const last = db
    .select({ completedAt: milestones.completedAt })
    .from(milestones)
    .where(eq(milestones.roomId, ctx.room.id))
    .orderBy(desc(milestones.targetDate), desc(milestones.position))
    .get();
  return !!last?.completedAt;
}

/** Starts the room's review (one per room; starting again is refused). */
export function startReview(ctx: RoomContext, now = new Date()): Review {
  requireRunner(ctx);
  return writeTransaction(getDb(), (tx) => {
    if (findReview(tx, ctx.room.id)) throw new DomainError(409, "review.alreadyStarted");
    const review = tx
      .insert(reviews)
      .values({ roomId: ctx.room.id, startedById: ctx.user.id, startedAt: now, answers: {} })
      .returning()
      .get();
    event(tx, ctx, "review.started", { title: ctx.room.title }, review.id);
    return review;
  });
}

/** Saves the answers the form sends, if the review is still as the form saw it (409 otherwise). */
export function saveAnswers(
  ctx: RoomContext,
  input: { version: number } & Partial<Record<ReviewQuestion, string>>,
  now = new Date(),
) {
  requireRunner(ctx);
  writeTransaction(getDb(), (tx) => {
    const review = requireReview(tx, ctx.room.id);
    requireOpen(review);
    if (review.version !== input.version) throw new DomainError(409, "review.stale");
    const answers: Record<string, string> = {};
    for (const q of REVIEW_QUESTIONS) if (input[q]) answers[q] = input[q]!;
    tx.update(reviews)
      .set({ answers, updatedAt: now, version: review.version + 1 })
      .where(and(eq(reviews.id, review.id), eq(reviews.version, input.version)))
      .run();
    event(tx, ctx, "review.updated", { answered: Object.keys(answers).length }, review.id);
  });
}

// ---- findings -----------------------------------------------------------------------------------

function loadTemplateItems(tx: DbOrTx, templateId: string) {
  return {
    phases: tx
      .select()
      .from(templatePhases)
      .where(eq(templatePhases.templateId, templateId))
      .orderBy(asc(templatePhases.position))
      .all(),
    tasks: tx
      .select()
      .from(templateTasks)
      .where(eq(templateTasks.templateId, templateId))
      .orderBy(asc(templateTasks.position))
      .all(),
    milestones: tx
      .select()
      .from(templateMilestones)
      .where(eq(templateMilestones.templateId, templateId))
      .orderBy(asc(templateMilestones.position))
      .all(),
  };
}

/**
 * Checks a proposed change against the template as it is now: the phase, task or milestone it names must
 * be the template's, and a changed task keeps its start on or before its due day. Returns the proposal
 * to store, with the target's current title for reading later; 400 with the field otherwise.
 */
export function checkProposal(
  tx: DbOrTx,
  templateId: string | null,
  change: TemplateChange,
): Record<string, unknown> {
  if (!templateId) throw new DomainError(400, "review.noTemplateForProposal", {}, "proposalKind");
  const items = loadTemplateItems(tx, templateId);
  switch (change.kind) {
    case "add_task": {
      const phase = items.phases.find((p) => p.id === change.phaseId);
      if (!phase) throw new DomainError(400, "review.choosePhase", {}, "pPhaseId");
      return { ...change, phaseTitle: phase.title };
    }
    case "change_task": {
      const task = items.tasks.find((t) => t.id === change.taskId);
      if (!task) throw new DomainError(400, "review.chooseTask", {}, "pTaskId");
      const start = change.startOffsetDays ?? task.startOffsetDays;
      const due = change.dueOffsetDays ?? task.dueOffsetDays;
      if (due < start) throw new DomainError(400, "review.dueBeforeStart", {}, "pDue");
      return { ...change, targetTitle: task.title };
    }
    case "add_milestone":
      return { ...change };
    case "change_milestone": {
      const milestone = items.milestones.find((m) => m.id === change.milestoneId);
      if (!milestone) throw new DomainError(400, "review.chooseMilestone", {}, "pMilestoneId");
      return { ...change, targetTitle: milestone.title };
    }
  }
}

function findingValues(tx: DbOrTx, templateId: string | null, input: FindingInput) {
  const change = proposalOf(input);
  return {
    category: input.category,
    cost: input.cost,
    fixBy: input.fixBy ?? null,
    description: input.description,
    proposalKind: change?.kind ?? null,
    proposal: change ? checkProposal(tx, templateId, change) : null,
    proposalStatus: change ? ("proposed" as const) : null,
  };
}

function loadFinding(tx: DbOrTx, review: Review, findingId: string): Finding {
  const finding = tx
    .select()
    .from(reviewFindings)
    .where(and(eq(reviewFindings.id, findingId), eq(reviewFindings.reviewId, review.id)))
    .get();
  if (!finding) throw new DomainError(404, "errors.notFound");
  return finding;
}

export function addFinding(ctx: RoomContext, input: FindingInput): string {
  requireRunner(ctx);
  return writeTransaction(getDb(), (tx) => {
    const review = requireReview(tx, ctx.room.id);
    requireOpen(review);
    const templateId = currentTemplateId(tx, ctx.room.planTemplateId);
    const { id } = tx
      .insert(reviewFindings)
      .values({
        ...findingValues(tx, templateId, input),
        reviewId: review.id,
        roomId: ctx.room.id,
        templateId,
        createdById: ctx.user.id,
      })
      .returning({ id: reviewFindings.id })
      .get();
    event(
      tx,
      ctx,
      "review.finding_added",
      { category: input.category, cost: input.cost, proposal: input.proposalKind ?? null },
      id,
    );
    return id;
  });
}

/** The room's template id if the template still exists. */
function currentTemplateId(tx: DbOrTx, templateId: string | null): string | null {
  if (!templateId) return null;
  return (
    tx.select({ id: planTemplates.id }).from(planTemplates).where(eq(planTemplates.id, templateId)).get()
      ?.id ?? null
  );
}

/** Edits a finding; its proposal only while undecided (a decided one stays as it was decided). */
export function updateFinding(
  ctx: RoomContext,
  findingId: string,
  input: FindingInput & { version: number },
) {
  requireRunner(ctx);
  writeTransaction(getDb(), (tx) => {
    const review = requireReview(tx, ctx.room.id);
    requireOpen(review);
    const finding = loadFinding(tx, review, findingId);
    if (finding.version !== input.version) throw new DomainError(409, "review.findingStale");
    const values = findingValues(tx, finding.templateId, input);
    const decided = finding.proposalStatus === "accepted" || finding.proposalStatus === "rejected";
    tx.update(reviewFindings)
      .set({
        ...values,
        ...(decided
          ? {
              proposalKind: finding.proposalKind,
              proposal: finding.proposal,
              proposalStatus: finding.proposalStatus,
            }
          : {}),
        version: finding.version + 1,
      })
      .where(and(eq(reviewFindings.id, finding.id), eq(reviewFindings.version, input.version)))
      .run();
    event(tx, ctx, "review.finding_updated", { category: input.category, cost: input.cost }, finding.id);
  });
}

export function removeFinding(ctx: RoomContext, findingId: string, version: number) {
  requireRunner(ctx);
  writeTransaction(getDb(), (tx) => {
    const review = requireReview(tx, ctx.room.id);
    requireOpen(review);
    const finding = loadFinding(tx, review, findingId);
    if (finding.version !== version) throw new DomainError(409, "review.findingStale");
    if (finding.proposalStatus === "accepted") throw new DomainError(409, "review.findingApplied");
    tx.delete(reviewFindings).where(eq(reviewFindings.id, finding.id)).run();
    event(tx, ctx, "review.finding_removed", { category: finding.category }, finding.id);
  });
}

// ---- completing ---------------------------------------------------------------------------------

/**
 * Completes the review (the questions whether the customer reached their goals and where gaps arose must
 * be answered) and moves the room from onboarding to adoption (活用). A room already past onboarding
 * keeps its stage.
 */
export function completeReview(ctx: RoomContext, version: number, now = new Date()) {
  requireRunner(ctx);
  writeTransaction(getDb(), (tx) => {
    const review = requireReview(tx, ctx.room.id);
    requireOpen(review);
    if (review.version !== version) throw new DomainError(409, "review.stale");
    const missing = REQUIRED_TO_COMPLETE.find((q) => !review.answers[q]?.trim());
    if (missing) throw new DomainError(400, "review.completeNeedsAnswers", {}, missing);
    tx.update(reviews)
      .set({
        status: "completed",
        completedAt: now,
        completedById: ctx.user.id,
        updatedAt: now,
        version: review.version + 1,
      })
      .where(eq(reviews.id, review.id))
      .run();
    const room = tx.select({ stage: rooms.stage }).from(rooms).where(eq(rooms.id, ctx.room.id)).get()!;
    const stage = room.stage === "onboarding" ? "adoption" : room.stage;
    if (stage !== room.stage)
      tx.update(rooms).set({ stage, updatedAt: now }).where(eq(rooms.id, ctx.room.id)).run();
    event(tx, ctx, "review.completed", { from: room.stage, to: stage }, review.id);
  });
}

// ---- the customer's survey ----------------------------------------------------------------------

/** The customer-side people of the room who can be asked: those with an email address. */
export function surveyCandidates(roomId: string) {
  return getDb()
    .select({
      id: stakeholders.id,
      name: stakeholders.name,
      email: stakeholders.email,
      teamRole: stakeholders.teamRole,
      isSponsor: stakeholders.isSponsor,
    })
    .from(stakeholders)
    .where(and(eq(stakeholders.roomId, roomId), eq(stakeholders.side, "customer")))
    .orderBy(desc(stakeholders.isSponsor), asc(stakeholders.name))
    .all()
    .filter((p): p is typeof p & { email: string } => !!p.email);
}

export function surveyUrl(token: string): string {
  return new URL(`/survey/${encodeURIComponent(token)}`, env().APP_URL).toString();
}

/**
 * Emails the survey link to the chosen customer-side people, each in their language (their user's
 * stored choice, else the room's): one single-use link each, stored as its hash, in the same transaction
 * as the outbox rows.
 */
export function sendSurvey(ctx: RoomContext, stakeholderIds: string[], now = new Date()): { sent: number } {
  requireRunner(ctx);
  const ids = [...new Set(stakeholderIds)];
  if (!ids.length) throw new DomainError(400, "review.chooseRecipients", {}, "stakeholderIds");
  return writeTransaction(getDb(), (tx) => {
    const review = requireReview(tx, ctx.room.id);
    const people = tx
      .select({
        id: stakeholders.id,
        name: stakeholders.name,
        email: stakeholders.email,
        locale: users.locale,
      })
      .from(stakeholders)
      .leftJoin(users, eq(users.id, stakeholders.userId))
      .where(
        and(
          eq(stakeholders.roomId, ctx.room.id),
          eq(stakeholders.side, "customer"),
          inArray(stakeholders.id, ids),
        ),
      )
      .all();
    // Every chosen id must be a customer-side person of this room with an address.
    if (people.length !== ids.length || people.some((p) => !p.email))
      throw new DomainError(400, "review.chooseRecipients", {}, "stakeholderIds");
    const expiresAt = new Date(now.getTime() + SURVEY_TTL_DAYS * 24 * 3600 * 1000);
    for (const person of people) {
      const token = generateToken();
      // Their own choice when they have a user (linked, or under the same address), else the account's guess.
      const byEmail = person.locale
        ? null
        : tx
            .select({ locale: users.locale })
            .from(users)
            .where(eq(users.email, person.email!.trim().toLowerCase()))
            .get();
      const locale: Locale = person.locale ?? byEmail?.locale ?? guessLocale(ctx.account.timeZone);
      tx.insert(surveyRequests)
        .values({
          reviewId: review.id,
          roomId: ctx.room.id,
          stakeholderId: person.id,
          email: person.email!,
          locale,
          tokenHash: hashToken(token),
          expiresAt,
          sentById: ctx.user.id,
          createdAt: now,
        })
        .run();
      enqueueEmail(tx, {
        to: person.email!,
        locale,
        template: "review_survey",
        props: {
          recipientName: person.name,
          senderName: ctx.user.name,
          accountName: ctx.account.name,
          roomTitle: ctx.room.title,
          url: surveyUrl(token),
          expiresOn: addDays(todayIn(ctx.account.timeZone, now), SURVEY_TTL_DAYS),
        },
      });
    }
    event(tx, ctx, "review.survey_sent", { count: people.length }, review.id);
    return { sent: people.length };
  });
}

export type SurveyState = "open" | "answered" | "expired" | "unknown";

/** What a survey link leads to, without using it (GET). */
export function peekSurvey(token: string, now = new Date()) {
  const row = token
    ? getDb()
        .select({ request: surveyRequests, roomTitle: rooms.title })
        .from(surveyRequests)
        .innerJoin(rooms, eq(rooms.id, surveyRequests.roomId))
        .where(eq(surveyRequests.tokenHash, hashToken(token)))
        .get()
    : undefined;
  if (!row) return { state: "unknown" as SurveyState, locale: null, roomTitle: null };
  const state: SurveyState = row.request.answeredAt
    ? "answered"
    : row.request.expiresAt <= now
      ? "expired"
      : "open";
  return { state, locale: row.request.locale, roomTitle: row.roomTitle };
}

export function answerSurvey(token: string, input: SurveyInput, now = new Date()) {
  return writeTransaction(getDb(), (tx: Tx) => {
    const row = token
      ? tx
          .select()
          .from(surveyRequests)
          .where(eq(surveyRequests.tokenHash, hashToken(token)))
          .get()
      : undefined;
    if (!row) return { ok: false as const, state: "unknown" as SurveyState };
    const claimed = tx
      .update(surveyRequests)
      .set({
        answeredAt: now,
        satisfaction: input.satisfaction,
        recommend: input.recommend,
        comment: input.comment ?? null,
      })
      .where(
        and(
          eq(surveyRequests.id, row.id),
          isNull(surveyRequests.answeredAt),
          gt(surveyRequests.expiresAt, now),
        ),
      )
      .run();
    if (claimed.changes !== 1)
      return { ok: false as const, state: (row.answeredAt ? "answered" : "expired") as SurveyState };
    const room = tx.select({ accountId: rooms.accountId }).from(rooms).where(eq(rooms.id, row.roomId)).get();
    recordEvent(tx, {
      actorId: null,
      type: "review.survey_answered",
      accountId: room?.accountId ?? null,
      roomId: row.roomId,
      subjectType: "review",
      subjectId: row.reviewId,
      data: { satisfaction: input.satisfaction, recommend: input.recommend, ...INTERNAL },
    });
    return { ok: true as const, locale: row.locale };
  });
}

// ---- reading ------------------------------------------------------------------------------------

/** The review page: the review, its findings, the template's items for proposals, the survey. */
export function getReviewPage(ctx: Pick<RoomContext, "room" | "role">) {
  const db = getDb();
  const review = findReview(db, ctx.room.id) ?? null;
  const templateId = currentTemplateId(db, ctx.room.planTemplateId);
  const template = templateId
    ? db
        .select({ id: planTemplates.id, name: planTemplates.name, revision: planTemplates.revision })
        .from(planTemplates)
        .where(eq(planTemplates.id, templateId))
        .get()
    : undefined;
  const findings = review
    ? db
        .select()
        .from(reviewFindings)
        .where(eq(reviewFindings.reviewId, review.id))
        .orderBy(asc(reviewFindings.createdAt), asc(reviewFindings.id))
        .all()
    : [];
  const surveys = review
    ? db
        .select({
          id: surveyRequests.id,
          name: stakeholders.name,
          email: surveyRequests.email,
          createdAt: surveyRequests.createdAt,
          expiresAt: surveyRequests.expiresAt,
          answeredAt: surveyRequests.answeredAt,
          satisfaction: surveyRequests.satisfaction,
          recommend: surveyRequests.recommend,
          comment: surveyRequests.comment,
        })
        .from(surveyRequests)
        .leftJoin(stakeholders, eq(stakeholders.id, surveyRequests.stakeholderId))
        .where(eq(surveyRequests.reviewId, review.id))
        .orderBy(desc(surveyRequests.createdAt))
        .all()
    : [];
  return {
    review,
    findings,
    template: template ?? null,
    templateItems: template ? loadTemplateItems(db, template.id) : null,
    surveys,
    candidates: surveyCandidates(ctx.room.id),
  };
}
