import { render } from "@react-email/render";
import { createElement, type Attributes, type FunctionComponent } from "react";
import {
  EmailBrandContext,
  emailTemplates,
  type EmailAttachment,
  type EmailBrand,
  type EmailLocale,
  type EmailTemplateEntry,
  type EmailTemplateName,
  type EmailTemplates,
} from "#emails/registry";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** Files to attach (none for most templates). */
  attachments: EmailAttachment[];
}

export async function renderEmail<T extends EmailTemplateName>(
  template: T,
  locale: EmailLocale,
  props: EmailTemplates[T],
  brand?: EmailBrand,
): Promise<RenderedEmail> {
  type Props = EmailTemplates[T] & { locale: EmailLocale };
  const entry: EmailTemplateEntry<EmailTemplates[T]> = emailTemplates[template];
  // TypeScript cannot prove a generic props type fits React's Attributes; the entry's type already ties
  // this component to these props.
  const template_ = createElement(
    entry.component as FunctionComponent<Props>,
    { ...props, locale } as Attributes & Props,
  );
  const element = brand ? createElement(EmailBrandContext.Provider, { value: brand }, template_) : template_;
  const [xhtml, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  // render() prepends an XHTML 1.0 Transitional doctype, which puts browsers and HTML checkers in
  // "almost standards" mode; our markup is HTML5, so it gets the HTML5 doctype.
  const html = xhtml.replace(/^<!DOCTYPE[^>]*>/i, "<!DOCTYPE html>");
  return {
    subject: entry.subject(props, locale, brand),
    html,
    text,
    attachments: entry.attachments?.(props) ?? [],
  };
}
