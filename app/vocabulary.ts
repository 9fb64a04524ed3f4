/**
 * The shared vocabulary: roles, kinds, statuses, sides, stages and locales, as code names. The bottom of
 * the dependency graph: plain constants with no imports at all, so the schema, the domain, the browser
 * bundle and the email templates share the one list (see docs/architecture.md).
 */
export const USER_KINDS = ["staff", "customer"] as const;
export const STAFF_ROLES = ["admin", "csm", "sales"] as const;
export const LOCALES = ["ja", "en"] as const;
export const TOUCH_MODELS = ["high", "low", "tech"] as const;
export const ROOM_STAGES = ["onboarding", "adoption", "expansion"] as const;
export const ROOM_STATUSES = ["active", "paused", "completed", "archived"] as const;
export const ROOM_ROLES = ["owner", "collaborator", "customer_admin", "customer_member", "viewer"] as const;
export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;
export const OUTBOX_TRANSPORTS = ["smtp", "local"] as const;

export type Locale = (typeof LOCALES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];
export type RoomRole = (typeof ROOM_ROLES)[number];
export type RoomStage = (typeof ROOM_STAGES)[number];
export type RoomStatus = (typeof ROOM_STATUSES)[number];
export type TouchModel = (typeof TOUCH_MODELS)[number];

export const PLAN_SIDES = ["vendor", "customer", "joint"] as const;
/** `review`: the work is done and waits for the C people's comments (RACI) before it is marked done. */
export const TASK_STATUSES = ["todo", "in_progress", "review", "blocked", "done"] as const;
export const VISIBILITIES = ["shared", "internal"] as const;
export const STAKEHOLDER_SIDES = ["vendor", "customer"] as const;
export const COMMENT_SUBJECTS = ["task", "milestone"] as const;

export type PlanSide = (typeof PLAN_SIDES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type Visibility = (typeof VISIBILITIES)[number];
export type StakeholderSide = (typeof STAKEHOLDER_SIDES)[number];
export type CommentSubject = (typeof COMMENT_SUBJECTS)[number];

/** A person's part in the onboarding, on either side (translated under `team.roles.*`). */
export const TEAM_ROLES = [
  "sponsor",
  "project_lead",
  "it_admin",
  "end_user_lead",
  "end_user",
  "csm",
  "implementation_consultant",
  "account_executive",
  "executive",
  "other",
] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** A sales → CS handoff: kept as a draft, submitted to the CSM, acknowledged by the CSM. */
export const HANDOFF_STATUSES = ["draft", "submitted", "acknowledged"] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

/** A success-plan goal's standing, computed from its check-ins (app/domain/goals/trajectory.ts). */
export const GOAL_STATUSES = ["no_data", "on_track", "at_risk", "achieved"] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** Kinds of meeting (translated under `meetings.types.*`); `regular` is the 定例. */
export const MEETING_TYPES = ["kickoff", "planning", "regular", "steering", "review"] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];
/** Held or not is a matter of time; only a cancellation is stored. */
export const MEETING_STATUSES = ["scheduled", "cancelled"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** Rooms the health score and the reminders still look after. */
export const LIVE_ROOM_STATUSES = ["active", "paused"] as const satisfies readonly RoomStatus[];
/** Tasks that still count as work to do. */
export const OPEN_TASK_STATUSES = [
  "todo",
  "in_progress",
  "review",
  "blocked",
] as const satisfies readonly TaskStatus[];

/** Health bands; grey means "not enough data yet". */
export const HEALTH_BANDS = ["green", "yellow", "red", "grey"] as const;
/** What a CSM's pulse and an override may set: the bands that carry a judgement. */
export const PULSES = ["green", "yellow", "red"] as const satisfies readonly HealthBand[];

export type HealthBand = (typeof HEALTH_BANDS)[number];
export type Pulse = (typeof PULSES)[number];

/**
 * RACI letters: Responsible (does the work; the default assignee), Accountable (exactly one per row; signs
 * off), Consulted (asked for comments when a task goes to review), Informed (receives the weekly report).
 */
export const RACI_LETTERS = ["R", "A", "C", "I"] as const;
export type RaciLetter = (typeof RACI_LETTERS)[number];
/** What a RACI row can be: a phase, a milestone, or a task marked as a deliverable. */
export const RACI_SUBJECTS = ["phase", "milestone", "task"] as const;
export type RaciSubject = (typeof RACI_SUBJECTS)[number];

/** A customer sign-off (検収) of a milestone: waiting, or decided one way or the other. */
export const SIGN_OFF_DECISIONS = ["approved", "changes_requested"] as const;
export type SignOffDecision = (typeof SIGN_OFF_DECISIONS)[number];

/** The post-onboarding review (振り返り) of a room. */
export const REVIEW_STATUSES = ["open", "completed"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
/** Where a gap arose: the review's finding categories (translated under `review.categories.*`). */
export const FINDING_CATEGORIES = ["sales", "handoff", "onboarding", "product", "customer"] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];
/** The cost of not fixing a finding. */
export const FINDING_COSTS = ["high", "medium", "low"] as const;
export type FindingCost = (typeof FINDING_COSTS)[number];
/**
 * A finding's proposed change to its room's template, reviewed by an admin. (Training items join when the
 * training library exists.)
 */
export const TEMPLATE_CHANGE_KINDS = [
  "add_task",
  "change_task",
  "add_milestone",
  "change_milestone",
] as const;
export type TemplateChangeKind = (typeof TEMPLATE_CHANGE_KINDS)[number];
export const PROPOSAL_STATUSES = ["proposed", "accepted", "rejected"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/**
 * What a span of active time was spent on (engagement_days.subjectKind): any page of the room, a training
 * module, a document. subjectId is "" for "page".
 */
export const ENGAGEMENT_SUBJECTS = ["page", "module", "document"] as const;
export type EngagementSubject = (typeof ENGAGEMENT_SUBJECTS)[number];

// issue 12: forms (ヒアリングシート)
/** The kinds of a form's fields (form_fields.kind), translated under `forms.kinds.*`. */
export const FORM_FIELD_KINDS = [
  "short_text",
  "long_text",
  "number",
  "date",
  "single_choice",
  "multiple_choice",
  "yes_no",
  "file",
  "table",
] as const;
export type FormFieldKind = (typeof FORM_FIELD_KINDS)[number];
/** The kinds of a table field's columns (the customer's users: name text, email email, role choice…). */
export const FORM_COLUMN_KINDS = ["text", "email", "number", "date"] as const;
export type FormColumnKind = (typeof FORM_COLUMN_KINDS)[number];
/** Where a room task's form response stands: returned = some fields were sent back (差し戻し). */
export const FORM_RESPONSE_STATUSES = ["draft", "submitted", "returned", "accepted"] as const;
export type FormResponseStatus = (typeof FORM_RESPONSE_STATUSES)[number];
// issue 12: training
/** What a training module is (translated under `training.kinds.*`). */
export const TRAINING_KINDS = ["lesson", "video", "file", "link", "quiz"] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
/** A person's progress on one curriculum item (translated under `training.statuses.*`). */
export const TRAINING_STATUSES = ["not_started", "in_progress", "completed"] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];
/**
 * Who a curriculum item (or a template's default path) is for when it is not one named person: the room's
 * customer admins, customer members, or every customer of the room (translated under `training.audiences.*`).
 */
export const TRAINING_AUDIENCES = ["customer_admin", "customer_member", "all_customers"] as const;
export type TrainingAudience = (typeof TRAINING_AUDIENCES)[number];
/** A quiz question: one answer or several (translated under `training.questionKinds.*`). */
export const QUIZ_QUESTION_KINDS = ["single", "multiple"] as const;
export type QuizQuestionKind = (typeof QUIZ_QUESTION_KINDS)[number];
// issue 12: documents
/** What a document access log row records: the detail page opened, or the file fetched. */
export const FILE_ACCESS_KINDS = ["view", "download"] as const;
export type FileAccessKind = (typeof FILE_ACCESS_KINDS)[number];
