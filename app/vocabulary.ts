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
export const TASK_STATUSES = ["todo", "in_progress", "blocked", "done"] as const;
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
export const OPEN_TASK_STATUSES = ["todo", "in_progress", "blocked"] as const satisfies readonly TaskStatus[];

/** Health bands; grey means "not enough data yet". */
export const HEALTH_BANDS = ["green", "yellow", "red", "grey"] as const;
/** What a CSM's pulse and an override may set: the bands that carry a judgement. */
export const PULSES = ["green", "yellow", "red"] as const satisfies readonly HealthBand[];

export type HealthBand = (typeof HEALTH_BANDS)[number];
export type Pulse = (typeof PULSES)[number];
