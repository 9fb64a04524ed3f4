import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, idColumn, timestamp } from "./columns";
import {
  FINDING_CATEGORIES,
  FINDING_COSTS,
  LOCALES,
  PROPOSAL_STATUSES,
  REVIEW_STATUSES,
  TEMPLATE_CHANGE_KINDS,
} from "../../app/vocabulary";
import { stakeholders } from "./plan";
import { planTemplates } from "./templates";
import { rooms } from "./rooms";
import { users } from "./users";

/** The post-onboarding review (振り返り) of a room: one per room. Completing it moves the room to adoption. */
export const reviews = sqliteTable(
  "reviews",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    status: text({ enum: REVIEW_STATUSES }).notNull().default("open"),
    /**
     * The review's questions and the team's answers, as plain text keyed by question: positioned (was the
     * customer positioned to reach their goals), gap (where a gap arose), materials (materials or training
     * missing), fit (ideal customer profile), surprises, handoffMissed.
     */
    answers: text({ mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    startedById: text().references(() => users.id),
    startedAt: timestamp("started_at").notNull(),
    completedAt: timestamp("completed_at"),
    completedById: text().references(() => users.id),
    updatedAt: timestamp("updated_at"),
    version: integer().notNull().default(1),
  },
  (t) => [uniqueIndex("reviews_room_unique").on(t.roomId), index("reviews_completed_idx").on(t.completedAt)],
);

/**
 * What the review found. A finding may propose a change to the room's template (`proposal`, a
 * TemplateChange of app/domain/reviews); an admin accepts it into a new revision of the template or rejects it.
 */
export const reviewFindings = sqliteTable(
  "review_findings",
  {
    id: idColumn(),
    reviewId: text()
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    category: text({ enum: FINDING_CATEGORIES }).notNull(),
    cost: text({ enum: FINDING_COSTS }).notNull(),
    /** When it should be fixed, a calendar date (YYYY-MM-DD). */
    fixBy: text(),
    description: text().notNull(),
    /** The template the room was made from, at the time the finding was written (null: none). */
    templateId: text().references(() => planTemplates.id, { onDelete: "set null" }),
    proposalKind: text({ enum: TEMPLATE_CHANGE_KINDS }),
    /** The proposed change's fields (title, phase, offsets, target item id …), validated by the domain. */
    proposal: text({ mode: "json" }).$type<Record<string, unknown>>(),
    proposalStatus: text({ enum: PROPOSAL_STATUSES }),
    decidedById: text().references(() => users.id),
    decidedAt: timestamp("decided_at"),
    /** The template revision the accepted change created. */
    appliedRevision: integer(),
    createdById: text().references(() => users.id),
    createdAt: createdAt(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index("review_findings_review_idx").on(t.reviewId),
    index("review_findings_template_idx").on(t.templateId, t.proposalStatus),
    index("review_findings_created_idx").on(t.createdAt),
  ],
);

/**
 * The customer's short survey of the review, asked by an emailed link: the token is random, stored as its
 * SHA-256, single-use and short-lived.
 */
export const surveyRequests = sqliteTable(
  "survey_requests",
  {
    id: idColumn(),
    reviewId: text()
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    stakeholderId: text().references(() => stakeholders.id, { onDelete: "set null" }),
    email: text().notNull(),
    locale: text({ enum: LOCALES }).notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    /** Set when the answer was stored: the link then no longer works. */
    answeredAt: timestamp("answered_at"),
    /** Satisfaction 1–5, likelihood to recommend 0–10, free text. */
    satisfaction: integer(),
    recommend: integer(),
    comment: text(),
    sentById: text().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("survey_requests_token_unique").on(t.tokenHash),
    index("survey_requests_review_idx").on(t.reviewId),
    index("survey_requests_answered_idx").on(t.answeredAt),
  ],
);

/** Every revision of a template: what changed, from which finding, by whom. Revision 1 is the template as made. */
export const templateRevisions = sqliteTable(
  "template_revisions",
  {
    id: idColumn(),
    templateId: text()
      .notNull()
      .references(() => planTemplates.id, { onDelete: "cascade" }),
    revision: integer().notNull(),
    summary: text().notNull(),
    findingId: text().references(() => reviewFindings.id, { onDelete: "set null" }),
    changedById: text().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("template_revisions_unique").on(t.templateId, t.revision)],
);
