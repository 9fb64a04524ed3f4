import type { ReactElement } from "react";
import { z } from "zod";
import { HEALTH_BANDS, MEETING_TYPES, ROOM_ROLES } from "../app/vocabulary";
import InvitationEmail, { invitationSubject, type InvitationProps } from "./invitation";
import HealthAlertEmail, {
  ALERT_SEVERITIES,
  healthAlertSubject,
  type HealthAlertProps,
} from "./health-alert";
import {
  HandoffMessageEmail,
  handoffMessageSubject,
  HandoffSubmittedEmail,
  handoffSubmittedSubject,
  type HandoffMessageProps,
  type HandoffSubmittedProps,
} from "./handoff";
import {
  FormReturnedEmail,
  formReturnedSubject,
  FormSubmittedEmail,
  formSubmittedSubject,
  type FormReturnedProps,
  type FormSubmittedProps,
} from "./forms";
import type { EmailBrand, EmailLocale } from "./layout";
import MagicLinkEmail, { magicLinkSubject, type MagicLinkProps } from "./magic-link";
import MeetingInvitationEmail, {
  meetingInvitationAttachments,
  meetingInvitationSubject,
  type MeetingInvitationProps,
} from "./meeting-invitation";
import MeetingMinutesEmail, { meetingMinutesSubject, type MeetingMinutesProps } from "./meeting-minutes";
import MentionsEmail, { mentionsSubject, type MentionsProps } from "./mentions";
import MilestoneCompletedEmail, {
  milestoneCompletedSubject,
  type MilestoneCompletedProps,
} from "./milestone-completed";
import RaciConsultEmail, { raciConsultSubject, type RaciConsultProps } from "./raci-consult";
import SignOffRequestEmail, { signOffRequestSubject, type SignOffRequestProps } from "./sign-off-request";
import ReviewSurveyEmail, { reviewSurveySubject, type ReviewSurveyProps } from "./review-survey";
import StatusReportEmail, { statusReportSubject, type StatusReportProps } from "./status-report";
import { statusReportContentSchema } from "./status-report-content";
import TaskRemindersEmail, { taskRemindersSubject, type TaskRemindersProps } from "./task-reminders";

export type { EmailBrand, EmailLocale } from "./layout";
export { EmailBrandContext } from "./layout";

/** Template name (as stored in outbox.template) → the props its component takes besides `locale`. */
export interface EmailTemplates {
  invitation: InvitationProps;
  magic_link: MagicLinkProps;
  milestone_completed: MilestoneCompletedProps;
  sign_off_request: SignOffRequestProps;
  mentions: MentionsProps;
  task_reminders: TaskRemindersProps;
  health_alert: HealthAlertProps;
  meeting_invitation: MeetingInvitationProps;
  meeting_minutes: MeetingMinutesProps;
  handoff_submitted: HandoffSubmittedProps;
  handoff_message: HandoffMessageProps;
  status_report: StatusReportProps;
  raci_consult: RaciConsultProps;
  review_survey: ReviewSurveyProps;
  // issue 12: forms (ヒアリングシート)
  form_submitted: FormSubmittedProps;
  form_returned: FormReturnedProps;
}

export type EmailTemplateName = keyof EmailTemplates;

export interface EmailTemplateEntry<P> {
  component: (props: P & { locale: EmailLocale }) => ReactElement;
  subject: (props: P, locale: EmailLocale, brand?: EmailBrand) => string;
  /**
   * Checked when a message is enqueued, so bad props fail inside the caller's transaction instead of at
   * send time; links must be http(s) because they end up in an href.
   */
  schema: z.ZodType<P>;
  /**
   * Files the message carries, built from its props only (so they are stored, sealed, with the outbox row
   * and every retry sends the same bytes): e.g. a meeting's invite.ics.
   */
  attachments?: (props: P) => EmailAttachment[];
}

/** A file attached to an email; `contentType` may carry parameters (`text/calendar; method=REQUEST`). */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

const httpUrl = z.url({ protocol: /^https?$/ });
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const reminderTask = z.object({
  title: z.string().min(1),
  roomTitle: z.string().min(1),
  dueDate: calendarDate,
  url: httpUrl,
});

const meetingFacts = {
  meetingTitle: z.string().min(1),
  meetingType: z.enum(MEETING_TYPES),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  timeZone: z.string().min(1),
  roomTitle: z.string().min(1),
  accountName: z.string().min(1),
};
const actionItem = z.object({
  text: z.string().min(1),
  ownerName: z.string().min(1).nullable(),
  dueDate: calendarDate.nullable(),
});

export const emailTemplates: { [K in EmailTemplateName]: EmailTemplateEntry<EmailTemplates[K]> } = {
  invitation: {
    component: InvitationEmail,
    subject: invitationSubject,
    schema: z.object({
      inviterName: z.string().min(1),
      accountName: z.string().min(1),
      roomTitle: z.string().min(1),
      role: z.enum(ROOM_ROLES),
      url: httpUrl,
      expiresAt: z.iso.datetime({ offset: true }),
      // Checked by the app's rich-text allow-list before it is enqueued; here only its outline.
      welcomeNote: z.looseObject({ type: z.literal("doc") }).optional(),
    }),
  },
  magic_link: {
    component: MagicLinkEmail,
    subject: magicLinkSubject,
    schema: z.object({
      name: z.string().min(1),
      url: httpUrl,
      expiresInMinutes: z.number().int().positive(),
    }),
  },
  form_submitted: {
    component: FormSubmittedEmail,
    subject: formSubmittedSubject,
    schema: z.object({
      recipientName: z.string().min(1),
      submitterName: z.string().min(1),
      accountName: z.string().min(1),
      roomTitle: z.string().min(1),
      formTitle: z.string().min(1),
      taskTitle: z.string().min(1),
      number: z.number().int().positive(),
      url: httpUrl,
    }),
  },
  form_returned: {
    component: FormReturnedEmail,
    subject: formReturnedSubject,
    schema: z.object({
      recipientName: z.string().min(1),
      senderName: z.string().min(1),
      accountName: z.string().min(1),
      roomTitle: z.string().min(1),
      formTitle: z.string().min(1),
      taskTitle: z.string().min(1),
      returns: z.array(z.object({ label: z.string().min(1), comment: z.string().min(1) })).min(1),
      url: httpUrl,
    }),
  },
  sign_off_request: {
    component: SignOffRequestEmail,
    subject: signOffRequestSubject,
    schema: z.object({
      recipientName: z.string().min(1),
      accountName: z.string().min(1),
      roomTitle: z.string().min(1),
      milestoneTitle: z.string().min(1),
      requestedAt: z.iso.datetime({ offset: true }),
      reminder: z.boolean(),
      url: httpUrl,
    }),
  },
  milestone_completed: {
    component: MilestoneCompletedEmail,
    subject: milestoneCompletedSubject,
    schema: z.object({
      recipientName: z.string().min(1),
      accountName: z.string().min(1),
      roomTitle: z.string().min(1),
      milestoneTitle: z.string().min(1),
      completedOn: calendarDate,
      schedule: z.object({ targetDate: calendarDate, daysLate: z.number().int().min(0) }).optional(),
      firstValue: z.boolean(),
      progressPercent: z.number().int().min(0).max(100),
      next: z
        .object({
          title: z.string().min(1),
          targetDate: calendarDate,
          daysLate: z.number().int().min(0).optional(),
        })
        .nullable(),
      url: httpUrl,
    }),
  },
  mentions: {
    component: MentionsEmail,
    subject: mentionsSubject,
    schema: z.object({
      recipientName: z.string().min(1),
      roomTitle: z.string().min(1),
      mentions: z
        .array(
          z.object({
            authorName: z.string().min(1),
            subjectTitle: z.string().min(1),
            excerpt: z.string(),
            url: httpUrl,
            at: z.iso.datetime({ offset: true }),
          }),
        )
        .min(1),
      url: httpUrl,
    }),
  },
  task_reminders: {
    component: TaskRemindersEmail,
    subject: taskRemindersSubject,
    schema: z
      .object({
        recipientName: z.string().min(1),
        dueSoon: z.array(reminderTask),
        overdue: z.array(reminderTask),
        trainingDueSoon: z.array(reminderTask).default([]),
        trainingOverdue: z.array(reminderTask).default([]),
        url: httpUrl,
      })
      .refine(
        (p) => p.dueSoon.length + p.overdue.length + p.trainingDueSoon.length + p.trainingOverdue.length > 0,
      ),
  },
  health_alert: {
    component: HealthAlertEmail,
    subject: healthAlertSubject,
    schema: z.object({
      recipientName: z.string().min(1),
      accountName: z.string().min(1),
      roomTitle: z.string().min(1),
      score: z.number().min(0).max(100).nullable(),
      band: z.enum(HEALTH_BANDS),
      alerts: z.array(z.object({ severity: z.enum(ALERT_SEVERITIES), text: z.string().min(1) })).min(1),
      url: httpUrl,
    }),
  },
  meeting_invitation: {
    component: MeetingInvitationEmail,
    subject: meetingInvitationSubject,
    attachments: meetingInvitationAttachments,
    schema: z.object({
      ...meetingFacts,
      recipientName: z.string().min(1),
      kind: z.enum(["new", "updated", "cancelled"]),
      location: z.string().nullable(),
      videoUrl: httpUrl.nullable(),
      organizerName: z.string().min(1).nullable(),
      url: httpUrl,
      ics: z.string().startsWith("BEGIN:VCALENDAR\r\n"),
    }),
  },
  meeting_minutes: {
    component: MeetingMinutesEmail,
    subject: meetingMinutesSubject,
    schema: z.object({
      ...meetingFacts,
      recipientName: z.string().min(1),
      senderName: z.string().min(1),
      attendeeNames: z.array(z.string().min(1)),
      // Checked by the app's rich-text allow-list before it is enqueued; here only its outline.
      notes: z.looseObject({ type: z.literal("doc") }).optional(),
      decisions: z.array(z.string().min(1)),
      actionItems: z.array(actionItem),
      carriedOver: z.array(actionItem.extend({ fromTitle: z.string().min(1), fromDate: calendarDate })),
      url: httpUrl,
    }),
  },
  handoff_submitted: {
    component: HandoffSubmittedEmail,
    subject: handoffSubmittedSubject,
    schema: z.object({
      recipientName: z.string().min(1),
      authorName: z.string().min(1),
      accountName: z.string().min(1),
      url: httpUrl,
    }),
  },
  handoff_message: {
    component: HandoffMessageEmail,
    subject: handoffMessageSubject,
    schema: z.object({
      recipientName: z.string().min(1),
      authorName: z.string().min(1),
      accountName: z.string().min(1),
      message: z.string().min(1),
      url: httpUrl,
    }),
  },
  status_report: {
    component: StatusReportEmail,
    subject: statusReportSubject,
    schema: z.object({
      recipientName: z.string().min(1),
      accountName: z.string().min(1),
      roomTitle: z.string().min(1),
      copy: z.boolean(),
      content: statusReportContentSchema,
      url: httpUrl,
    }),
  },
  raci_consult: {
    component: RaciConsultEmail,
    subject: raciConsultSubject,
    schema: z.object({
      recipientName: z.string().min(1),
      actorName: z.string().min(1),
      roomTitle: z.string().min(1),
      taskTitle: z.string().min(1),
      url: httpUrl,
    }),
  },
  review_survey: {
    component: ReviewSurveyEmail,
    subject: reviewSurveySubject,
    schema: z.object({
      recipientName: z.string().min(1),
      senderName: z.string().min(1),
      accountName: z.string().min(1),
      roomTitle: z.string().min(1),
      url: httpUrl,
      expiresOn: calendarDate,
    }),
  },
};

export function isEmailTemplateName(name: string): name is EmailTemplateName {
  return Object.hasOwn(emailTemplates, name);
}
