import type { ReactElement } from "react";
import { z } from "zod";
import InvitationEmail, { INVITATION_ROLES, invitationSubject, type InvitationProps } from "./invitation";
import type { EmailLocale } from "./layout";
import MagicLinkEmail, { magicLinkSubject, type MagicLinkProps } from "./magic-link";

export type { EmailLocale } from "./layout";

/** Template name (as stored in outbox.template) → the props its component takes besides `locale`. */
export interface EmailTemplates {
  invitation: InvitationProps;
  magic_link: MagicLinkProps;
}

export type EmailTemplateName = keyof EmailTemplates;

export interface EmailTemplateEntry<P> {
  component: (props: P & { locale: EmailLocale }) => ReactElement;
  subject: (props: P, locale: EmailLocale) => string;
  /**
   * Checked when a message is enqueued, so bad props fail inside the caller's transaction instead of at
   * send time; links must be http(s) because they end up in an href.
   */
  schema: z.ZodType<P>;
}

const httpUrl = z.url({ protocol: /^https?$/ });

export const emailTemplates: { [K in EmailTemplateName]: EmailTemplateEntry<EmailTemplates[K]> } = {
  invitation: {
    component: InvitationEmail,
    subject: invitationSubject,
    schema: z.object({
      inviterName: z.string().min(1),
      accountName: z.string().min(1),
      roomTitle: z.string().min(1),
      role: z.enum(INVITATION_ROLES),
      url: httpUrl,
      expiresAt: z.iso.datetime({ offset: true }),
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
};

export function isEmailTemplateName(name: string): name is EmailTemplateName {
  return Object.hasOwn(emailTemplates, name);
}
