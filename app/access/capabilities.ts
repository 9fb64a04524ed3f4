/**
 * The one capability map. The server enforces it (guards) and the UI uses it to hide what a user may
 * not do. Pure and shared with the browser: no server imports here.
 */
import type { RoomRole, StaffRole } from "~/vocabulary";

export type { RoomRole, StaffRole };

/**
 * Effective role in a room. Membership roles plus `account_owner`: the account's salesperson, who sees
 * the room read-only (including internal items) without being a member.
 */
export type EffectiveRoomRole = RoomRole | "account_owner";

export const ROOM_CAPABILITIES = {
  "room.view": ["owner", "collaborator", "customer_admin", "customer_member", "viewer", "account_owner"],
  "room.edit": ["owner", "collaborator"],
  /** Write the room's welcome note (the first thing customers read); vendor staff who run the room. */
  "room.editWelcome": ["owner", "collaborator"],
  /** Items marked internal (vendor only). */
  "room.viewInternal": ["owner", "collaborator", "account_owner"],
  "members.view": ["owner", "collaborator", "customer_admin", "customer_member", "viewer", "account_owner"],
  /** Invite with any role, outside the allowed domains after confirmation. */
  "members.invite": ["owner", "collaborator"],
  /** Invite colleagues of one's own email domain as customer admin, member or viewer. */
  "members.inviteColleague": ["customer_admin"],
  "members.remove": ["owner", "collaborator"],
  /** Build and tailor the plan: phases, tasks, milestones, dates, visibility; confirm milestones. */
  "plan.edit": ["owner", "collaborator"],
  /** Update the status of shared customer-side and joint tasks (vendor roles may update any task). */
  "plan.updateCustomerTasks": ["owner", "collaborator", "customer_admin", "customer_member"],
  /** Add, edit and remove the customer's side of the team (and set team roles there). */
  "stakeholders.edit": ["owner", "collaborator", "customer_admin"],
  /** Edit or remove the vendor's people on the team: never customers. */
  "team.editVendorSide": ["owner", "collaborator"],
  "comments.write": ["owner", "collaborator", "customer_admin", "customer_member", "account_owner"],
  /** The health score, its explanation, pulse, overrides and alerts: vendor only. */
  "health.view": ["owner", "collaborator", "account_owner"],
  /** Set the pulse and overrides, acknowledge and snooze alerts. */
  "health.manage": ["owner", "collaborator"],
  /** Rate a completed milestone 1–5 (the customer's view of it). */
  "milestones.rate": ["customer_admin", "customer_member"],
  /** The account's sales → CS handoff and its thread: vendor staff only, never customers. */
  "handoff.view": ["owner", "collaborator", "account_owner"],
  /** Add, edit and remove success-plan goals and link them to milestones. */
  "goals.edit": ["owner", "collaborator"],
  /** Record a measured value of a goal's KPI (customers too). */
  "goals.checkIn": ["owner", "collaborator", "customer_admin", "customer_member"],
  /** Schedule, move and cancel meetings; write notes, decisions and action items; send the minutes. */
  "meetings.edit": ["owner", "collaborator"],
  /** Send the weekly status report now, set its schedule and intro. */
  "reports.send": ["owner", "collaborator"],
  /** The RACI matrix (customers see its shared rows). */
  "raci.view": ["owner", "collaborator", "customer_admin", "customer_member", "viewer", "account_owner"],
  /**
   * Set RACI letters and mark deliverables. Customer admins only in the customer side's columns of shared
   * rows (app/domain/raci decides the cell); vendor roles everywhere.
   */
  "raci.edit": ["owner", "collaborator", "customer_admin"],
  /**
   * Approve a milestone or request changes (検収). The role is necessary, not sufficient: only the
   * milestone's customer-side "A" in the RACI may decide (app/domain/signoff).
   */
  "milestones.signOff": ["customer_admin", "customer_member"],
  /** Start, write and complete the post-onboarding review; ask the customer for the survey. */
  "review.run": ["owner", "collaborator"],
  /** Read the review and its findings: vendor only, like the handoff. */
  "review.view": ["owner", "collaborator", "account_owner"],
  /** The room's documents (資料) shared with customers; internal folders and documents need room.viewInternal. */
  "documents.view": ["owner", "collaborator", "customer_admin", "customer_member", "viewer", "account_owner"],
  /** Upload documents and new versions, attach files to tasks and comments (customers: shared folders only). */
  "documents.upload": ["owner", "collaborator", "customer_admin", "customer_member"],
  /** Create, rename, move and remove folders and documents, set shared/internal. */
  "documents.manage": ["owner", "collaborator"],
  /** Who viewed or downloaded which document, when; the engagement matrix and its CSV: vendor only. */
  "engagement.view": ["owner", "collaborator", "account_owner"],
  /** The room's curriculum as it applies to the reader (my training), and the modules in it. */
  "training.view": ["owner", "collaborator", "customer_admin", "customer_member", "viewer", "account_owner"],
  /** Work through assigned modules: progress, quiz attempts, certificates (customers). */
  "training.take": ["customer_admin", "customer_member", "viewer"],
  /** Tailor the room's curriculum: add, remove, reorder, due dates, assignment. */
  "training.tailor": ["owner", "collaborator"],
  /** Fill in, save and submit the room's forms (ヒアリングシート). */
  "forms.fill": ["customer_admin", "customer_member"],
  /** Attach forms to tasks, send fields back (差し戻し), export answers. */
  "forms.manage": ["owner", "collaborator"],
} as const satisfies Record<string, readonly EffectiveRoomRole[]>;

export type RoomCapability = keyof typeof ROOM_CAPABILITIES;

export const STAFF_CAPABILITIES = {
  /** The portfolio; without portfolio.viewAll it holds only the accounts the user sold (account owner). */
  "portfolio.view": ["admin", "csm", "sales"],
  "portfolio.viewAll": ["admin", "csm"],
  /** Narrow the portfolio to the accounts one runs as CSM (the default) or widen it to all. */
  "portfolio.chooseScope": ["csm"],
  "accounts.create": ["admin", "csm"],
  /** An account's logo (and later its other details). */
  "accounts.edit": ["admin", "csm"],
  /** The vendor's brand: company name, logo, colour, email sender name. */
  "workspace.configure": ["admin"],
  "staff.manage": ["admin"],
  "templates.manage": ["admin", "csm"],
  "outbox.view": ["admin"],
  /** The alert inbox: CSMs for their accounts, admins for all. */
  "alerts.view": ["admin", "csm"],
  /** Alerts of every account, not only those one runs as CSM. */
  "alerts.viewAll": ["admin"],
  /** Weights, anchors, bands and alert thresholds of the health model. */
  "health.configure": ["admin"],
  /** Write and submit an account's handoff (sales for the accounts they sold; see app/domain/handoffs). */
  "handoffs.write": ["admin", "csm", "sales"],
  /** Acknowledge a submitted handoff, as the account's CSM (admins for any account). */
  "handoffs.acknowledge": ["admin", "csm"],
  /** The agenda each meeting type starts from, in both languages. */
  "meetings.configureAgendas": ["admin"],
  /** The review report across rooms: findings by category and template, survey results, time to value. */
  "reviews.report": ["admin", "csm"],
  /** Accept or reject a finding's proposed change into a new revision of a template. */
  "templates.acceptChanges": ["admin"],
  /** The training library (modules, versions, learning paths) and templates' default curricula. */
  "training.library": ["admin", "csm"],
  /** The form library (ヒアリングシート and other forms) and templates' forms. */
  "forms.library": ["admin", "csm"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffCapability = keyof typeof STAFF_CAPABILITIES;

export function can(role: EffectiveRoomRole | null | undefined, capability: RoomCapability): boolean {
  return !!role && (ROOM_CAPABILITIES[capability] as readonly string[]).includes(role);
}

export function staffCan(role: StaffRole | null | undefined, capability: StaffCapability): boolean {
  return !!role && (STAFF_CAPABILITIES[capability] as readonly string[]).includes(role);
}

export const CUSTOMER_ROLES = ["customer_admin", "customer_member", "viewer"] as const satisfies RoomRole[];

export function isCustomerRole(role: RoomRole): boolean {
  return (CUSTOMER_ROLES as readonly string[]).includes(role);
}

/** Roles each inviter may hand out. */
export function invitableRoles(role: EffectiveRoomRole | null): RoomRole[] {
  if (can(role, "members.invite")) return ["customer_admin", "customer_member", "collaborator", "viewer"];
  if (can(role, "members.inviteColleague")) return ["customer_admin", "customer_member", "viewer"];
  return [];
}
