/**
 * Every kind of event the activity log holds: one list, so a new kind is added here or fails the type
 * check where it is recorded. Groups are the part before the dot; code asks for a group through
 * `eventTypesOf`, never by matching strings. Pure and shared with the browser.
 */
export const EVENT_TYPES = [
  "account.created",
  "account.logo_changed",
  "action_item.added",
  "action_item.done",
  "action_item.task_created",
  "auth.link_requested",
  "auth.signed_in",
  "calendar.feedCreated",
  "calendar.feedRevoked",
  "comment.added",
  // issue 12: forms (ヒアリングシート)
  "form.submitted",
  "form.returned",
  "form.accepted",
  // issue 12: forms extras — a room task's form attached or taken off by the CSM
  "form.attached",
  "form.detached",
  // issue 12: documents
  "document.uploaded",
  "document.version_added",
  "document.updated",
  "document.removed",
  "attachment.added",
  "attachment.removed",
  "goal.achieved",
  "goal.added",
  "goal.checked_in",
  "goal.removed",
  "goal.updated",
  "handoff.acknowledged",
  "handoff.message_added",
  "handoff.saved",
  "handoff.submitted",
  "health.alert_acknowledged",
  "health.alert_escalated",
  "health.alert_opened",
  "health.alert_resolved",
  "health.alert_snoozed",
  "health.band_changed",
  "health.mode_changed",
  "health.model_changed",
  "health.override_cleared",
  "health.override_expired",
  "health.override_set",
  "health.pulse_set",
  "invitation.accepted",
  "invitation.revoked",
  "invitation.sent",
  "meeting.agenda_changed",
  "meeting.attendance_recorded",
  "meeting.cancelled",
  "meeting.minutes_sent",
  "meeting.notes_saved",
  "meeting.scheduled",
  "meeting.updated",
  "member.removed",
  "milestone.added",
  "milestone.changes_requested",
  "milestone.completed",
  "milestone.completion_proposed",
  "milestone.moved",
  "milestone.rated",
  "milestone.removed",
  "milestone.signed_off",
  "milestone.signoff_reminded",
  "milestone.signoff_requested",
  "milestone.updated",
  "phase.added",
  "phase.created",
  "phase.moved",
  "phase.removed",
  "phase.renamed",
  "plan.created",
  "plan.imported",
  "raci.changed",
  "report.sent",
  "review.completed",
  "review.finding_added",
  "review.finding_removed",
  "review.finding_updated",
  "review.started",
  "review.survey_answered",
  "review.survey_sent",
  "review.updated",
  "room.created",
  "room.welcome_updated",
  "stakeholder.added",
  "stakeholder.removed",
  "stakeholder.updated",
  "task.added",
  "task.completed",
  "task.consult_requested",
  "task.created",
  "task.moved",
  "task.removed",
  "task.status_changed",
  "task.updated",
  "template.change_accepted",
  "template.change_rejected",
  "template.changed",
  "template.deleted",
  "template.duplicated",
  "template.imported",
  // issue 12: training
  "training.completed",
  "training.curriculum_changed",
  "user.created",
  "user.deactivated",
  "user.joined",
  "user.profile_updated",
  "user.reactivated",
  "user.role_changed",
  "workspace.settings_changed",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
export type EventGroup = EventType extends `${infer G}.${string}` ? G : never;
export type EventTypeOf<G extends EventGroup> = Extract<EventType, `${G}.${string}`>;

export function eventGroup(type: EventType): EventGroup {
  return type.slice(0, type.indexOf(".")) as EventGroup;
}

/** The event types of one group, e.g. every `task.*` type. */
export function eventTypesOf<G extends EventGroup>(group: G): EventTypeOf<G>[] {
  return EVENT_TYPES.filter((type): type is EventTypeOf<G> => eventGroup(type) === group);
}

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
