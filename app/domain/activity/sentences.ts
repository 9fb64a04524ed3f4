/**
 * Activity events as sentences in the viewer's language. Pure and shared with the browser: the caller
 * passes its translate function (namespace "app") and the locale for dates.
 */
import { eventGroup, isEventType, type EventType } from "~/domain/events/types";
import { formatDate } from "~/i18n/format";
import { ROOM_ROLES, TASK_STATUSES, type Locale } from "~/vocabulary";

export type ActivityEventView = {
  type: string;
  actorName: string | null;
  /** Name of the user the event is about (member.removed), when there is one. */
  subjectName?: string | null;
  data: Record<string, unknown> | null;
};

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Adding, removing and moving plan items say so; before, they fell through to the generic "updated"
 * sentence, so a task that had just been added read as "updated task". (Their words live in the
 * `lateness.activity` section of app.json, with the other issue-9 keys.)
 */
const ITEM_CHANGES = {
  "task.added": "task.added",
  "task.created": "task.added",
  "task.removed": "task.removed",
  "task.moved": "task.moved",
  "milestone.added": "milestone.added",
  "milestone.removed": "milestone.removed",
  "phase.added": "phase.added",
  "phase.created": "phase.added",
  "phase.renamed": "phase.renamed",
  "phase.moved": "phase.moved",
  "phase.removed": "phase.removed",
  "stakeholder.added": "stakeholder.added",
  "stakeholder.removed": "stakeholder.removed",
} as const satisfies Partial<Record<EventType, string>>;

function isItemChange(type: string): type is keyof typeof ITEM_CHANGES {
  return Object.prototype.hasOwnProperty.call(ITEM_CHANGES, type);
}

/** Meetings and their action items: one sentence each (keys under `meetings.activity`). */
const MEETING_EVENTS = [
  "meeting.scheduled",
  "meeting.updated",
  "meeting.cancelled",
  "meeting.notes_saved",
  "meeting.minutes_sent",
  "meeting.attendance_recorded",
  "action_item.added",
  "action_item.done",
  "action_item.task_created",
] as const satisfies readonly EventType[];

/** The customer sign-off (検収) of a milestone (keys under `signOff.activity`). */
const SIGN_OFF_EVENTS = [
  "milestone.signoff_requested",
  "milestone.signoff_reminded",
  "milestone.signed_off",
  "milestone.changes_requested",
] as const satisfies readonly EventType[];

/**
 * The post-onboarding review and the template changes it proposes: vendor only (recorded internal, so a
 * customer's feed never holds them); keys under `review.activity`.
 */
const REVIEW_EVENTS = [
  "review.started",
  "review.updated",
  "review.finding_added",
  "review.finding_updated",
  "review.finding_removed",
  "review.survey_sent",
  "review.survey_answered",
  "review.completed",
  "template.change_accepted",
  "template.change_rejected",
] as const satisfies readonly EventType[];

/**
 * issue 12: forms extras — hearing sheets on room tasks (keys under `formsMore.activity`). Recorded with
 * the task's visibility, so a customer's feed shows them for shared tasks: the customer is the one who
 * fills the form, and being told it was sent back or accepted is the point. Drafts record nothing.
 */
const FORM_EVENTS = [
  "form.attached",
  "form.detached",
  "form.submitted",
  "form.returned",
  "form.accepted",
] as const satisfies readonly EventType[];

// issue 12: training — completions (vendor only: a person's learning is theirs and their CSM's) and
// curriculum changes (shared with the room's customers since issue 12's extras; keys under
// `trainingMore.activity`).
const TRAINING_EVENTS = [
  "training.completed",
  "training.curriculum_changed",
] as const satisfies readonly EventType[];
const CURRICULUM_CHANGES = ["added", "pathAdded", "updated", "removed"] as const;

/** Event types with a sentence of their own; any other type gets a generic one. */
export const KNOWN_EVENT_TYPES = [
  "account.created",
  "room.created",
  "member.removed",
  "invitation.sent",
  "invitation.accepted",
  "invitation.revoked",
  "plan.created",
  "task.completed",
  "task.status_changed",
  "milestone.completion_proposed",
  "milestone.completed",
  "milestone.moved",
  ...SIGN_OFF_EVENTS,
  ...MEETING_EVENTS,
  "report.sent",
  "raci.changed",
  "task.consult_requested",
  ...REVIEW_EVENTS,
  ...FORM_EVENTS,
  ...TRAINING_EVENTS,
  // issue 12: documents and attachments
  "document.uploaded",
  "document.version_added",
  "document.updated",
  "document.removed",
  "attachment.added",
  "attachment.removed",
  ...(Object.keys(ITEM_CHANGES) as (keyof typeof ITEM_CHANGES)[]),
] as const satisfies readonly EventType[];

const str = (value: unknown): string => (typeof value === "string" ? value : "");

export function describeEvent(event: ActivityEventView, t: Translate, locale: Locale): string {
  const data = event.data ?? {};
  const actor = event.actorName ? t("activity.actorName", { name: event.actorName }) : t("activity.system");
  const title = str(data.title) || str(data.name);
  const status = (value: unknown) =>
    (TASK_STATUSES as readonly string[]).includes(str(value))
      ? t(`activity.taskStatus.${str(value)}`)
      : str(value);
  const role = (value: unknown) =>
    (ROOM_ROLES as readonly string[]).includes(str(value)) ? t(`roles.${str(value)}`) : str(value);
  const base = { actor, title };
  switch (event.type) {
    case "account.created":
    case "room.created":
    case "plan.created":
    case "task.completed":
    case "milestone.completion_proposed":
    case "invitation.revoked":
      return t(`activity.events.${event.type}`, { ...base, template: str(data.template) });
    case "member.removed":
      return t("activity.events.member.removed", {
        ...base,
        subject: event.subjectName ?? t("activity.someone"),
      });
    case "invitation.sent":
      return t("activity.events.invitation.sent", { ...base, email: str(data.email), role: role(data.role) });
    case "invitation.accepted":
      return t("activity.events.invitation.accepted", { ...base, role: role(data.role) });
    case "task.status_changed":
      if (data.to === "blocked" && str(data.reason))
        return t("activity.events.task.blocked", { ...base, reason: str(data.reason) });
      return t("activity.events.task.status_changed", { ...base, to: status(data.to) });
    case "milestone.completed":
      return t(
        data.firstValue
          ? "activity.events.milestone.completedFirstValue"
          : "activity.events.milestone.completed",
        base,
      );
    case "milestone.moved":
      return t("activity.events.milestone.moved", {
        ...base,
        from: formatDate(locale, str(data.from) || null),
        to: formatDate(locale, str(data.to) || null),
      });
    case "milestone.signoff_requested":
      return t(str(data.approver) ? "signOff.activity.requested" : "signOff.activity.requestedNoApprover", {
        ...base,
        approver: str(data.approver),
      });
    case "milestone.signoff_reminded":
      return t("signOff.activity.reminded", { ...base, approver: str(data.approver) });
    case "milestone.signed_off":
      return t("signOff.activity.signedOff", base);
    case "milestone.changes_requested":
      return t("signOff.activity.changesRequested", { ...base, reason: str(data.reason) });
    case "milestone.rated":
      return t("activity.events.milestone.rated", { ...base, stars: data.stars });
    case "meeting.updated":
      if (str(data.decisionAdded))
        return t("meetings.activity.decisionAdded", { ...base, text: str(data.decisionAdded) });
      return t(data.moved ? "meetings.activity.moved" : "meetings.activity.updated", base);
    case "meeting.scheduled":
    case "meeting.cancelled":
    case "meeting.notes_saved":
    case "meeting.minutes_sent":
    case "meeting.attendance_recorded":
    case "action_item.added":
    case "action_item.done":
    case "action_item.task_created":
      return t(`meetings.activity.${event.type.replace(".", "_")}`, {
        ...base,
        text: str(data.text),
        meeting: str(data.meetingTitle),
      });
    case "raci.changed":
      return data.to
        ? t("raci.activity.changed", { ...base, person: str(data.person), to: str(data.to) })
        : t("raci.activity.cleared", { ...base, person: str(data.person) });
    case "task.consult_requested":
      return t("raci.activity.consult", { ...base, count: Number(data.count) || 0 });
    // issue 12: documents
    case "document.uploaded":
      return t("documents.activity.uploaded", { actor, title });
    case "document.version_added":
      return t("documents.activity.versionAdded", { actor, title, number: Number(data.number) || 0 });
    case "document.updated":
      return t("documents.activity.updated", { actor, title });
    case "document.removed":
      return t("documents.activity.removed", { actor, title });
    case "attachment.added":
      return t("documents.activity.attached", { actor, title, count: Number(data.count) || 0 });
    case "attachment.removed":
      return t("documents.activity.attachmentRemoved", { actor, title, file: str(data.fileName) });
    // issue 12: forms extras
    case "form.attached":
    case "form.detached":
    case "form.accepted":
      return t(`formsMore.activity.${event.type.slice("form.".length)}`, {
        actor,
        title,
        task: str(data.task),
      });
    case "form.submitted": {
      const number = Number(data.number) || 1;
      return t(number > 1 ? "formsMore.activity.resubmitted" : "formsMore.activity.submitted", {
        actor,
        title,
        task: str(data.task),
        number,
      });
    }
    case "form.returned":
      return t("formsMore.activity.returned", {
        actor,
        title,
        task: str(data.task),
        count: Number(data.fields) || 1,
      });
    // issue 12: training
    case "training.completed":
      return t("trainingMore.activity.completed", base);
    case "training.curriculum_changed": {
      const change = (CURRICULUM_CHANGES as readonly string[]).includes(str(data.change))
        ? str(data.change)
        : "changed";
      return t(`trainingMore.activity.curriculum.${change}`, base);
    }
    case "report.sent":
      // Sent by the schedule: no actor, the system's name.
      return t("reports.activitySent", { actor, count: Number(data.recipients) || 0 });
    case "review.started":
    case "review.updated":
    case "review.finding_added":
    case "review.finding_updated":
    case "review.finding_removed":
    case "review.survey_sent":
    case "review.survey_answered":
    case "review.completed":
    case "template.change_accepted":
    case "template.change_rejected":
      return t(`review.activity.${event.type.replace(".", "_")}`, {
        actor,
        count: Number(data.count) || 0,
        category: str(data.category) ? t(`review.categories.${str(data.category)}`) : "",
        satisfaction: Number(data.satisfaction) || 0,
        recommend: Number(data.recommend) || 0,
        template: str(data.template),
        revision: Number(data.revision) || 0,
      });
    default: {
      if (isItemChange(event.type) && title)
        return t(`lateness.activity.${ITEM_CHANGES[event.type]}`, { ...base, from: str(data.from) });
      // Stored rows may hold a type this build no longer records: its group still picks the sentence.
      const prefix = isEventType(event.type) ? eventGroup(event.type) : (event.type.split(".")[0] ?? "");
      // Health: vendor-only events (customers' feed never includes them), one sentence per kind.
      if (prefix === "health") return describeHealthEvent(event.type.slice("health.".length), data, actor, t);
      if (["task", "milestone", "comment", "stakeholder"].includes(prefix) && title)
        return t(`activity.generic.${prefix}`, base);
      if (title) return t("activity.generic.withTitle", base);
      return t("activity.generic.plain", { actor });
    }
  }
}

const HEALTH_EVENTS = [
  "pulse_set",
  "override_set",
  "override_cleared",
  "override_expired",
  "alert_opened",
  "alert_escalated",
  "alert_acknowledged",
  "alert_snoozed",
  "alert_resolved",
  "band_changed",
  "mode_changed",
  "model_changed",
];

function describeHealthEvent(
  kind: string,
  data: Record<string, unknown>,
  actor: string,
  t: Translate,
): string {
  if (!HEALTH_EVENTS.includes(kind)) return t("activity.generic.plain", { actor });
  const band = (value: unknown) => (str(value) ? t(`health.bands.${str(value)}`) : "");
  return t(`activity.events.health.${kind}`, {
    actor,
    pulse: str(data.value) ? t(`health.pulse.values.${str(data.value)}`) : "",
    from: band(data.from) || str(data.from),
    to: band(data.to) || str(data.to),
    band: band(data.band),
    score: data.score ?? "",
    until: str(data.expiresOn),
    rule: str(data.rule) ? t(`alerts.ruleNames.${str(data.rule)}`) : "",
    mode: str(data.to) ? t(`health.modes.${str(data.to)}`) : "",
    version: data.version ?? "",
  });
}

export const ACTIVITY_KINDS = ["all", "tasks", "milestones", "comments", "members"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
