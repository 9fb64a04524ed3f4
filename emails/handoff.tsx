import { Text } from "@react-email/components";
import {
  EmailAction,
  EmailHeading,
  EmailLayout,
  EmailNote,
  EmailParagraph,
  emailT,
  type EmailLocale,
} from "./layout";

/** To the account's CSM: sales has submitted the handoff (staff only, never to customers). */
export interface HandoffSubmittedProps {
  recipientName: string;
  authorName: string;
  accountName: string;
  url: string;
}

/** To the other side of the handoff's thread: a new question or answer. */
export interface HandoffMessageProps {
  recipientName: string;
  authorName: string;
  accountName: string;
  /** The message as typed (plain text; React escapes it). */
  message: string;
  url: string;
}

export function handoffSubmittedSubject(props: HandoffSubmittedProps, locale: EmailLocale): string {
  return emailT(locale)("handoff.submittedSubject", { accountName: props.accountName });
}

export function handoffMessageSubject(props: HandoffMessageProps, locale: EmailLocale): string {
  return emailT(locale)("handoff.messageSubject", {
    accountName: props.accountName,
    authorName: props.authorName,
  });
}

export function HandoffSubmittedEmail(props: HandoffSubmittedProps & { locale: EmailLocale }) {
  const { locale } = props;
  const t = emailT(locale);
  const vars = { name: props.recipientName, authorName: props.authorName, accountName: props.accountName };
  return (
    <EmailLayout
      locale={locale}
      title={handoffSubmittedSubject(props, locale)}
      preview={t("handoff.submittedPreview", vars)}
    >
      <EmailParagraph>{t("handoff.greeting", vars)}</EmailParagraph>
      <EmailHeading>{t("handoff.submittedHeading", vars)}</EmailHeading>
      <EmailParagraph>{t("handoff.submittedBody", vars)}</EmailParagraph>
      <EmailAction locale={locale} url={props.url} label={t("handoff.button")} />
      <EmailNote>{t("handoff.internalNote")}</EmailNote>
    </EmailLayout>
  );
}

HandoffSubmittedEmail.PreviewProps = {
  locale: "ja",
  recipientName: "佐藤 美咲",
  authorName: "鈴木 健太",
  accountName: "株式会社サンプル商事",
  url: "http://localhost:3000/accounts/preview/handoff",
} satisfies HandoffSubmittedProps & { locale: EmailLocale };

export function HandoffMessageEmail(props: HandoffMessageProps & { locale: EmailLocale }) {
  const { locale } = props;
  const t = emailT(locale);
  const vars = { name: props.recipientName, authorName: props.authorName, accountName: props.accountName };
  return (
    <EmailLayout
      locale={locale}
      title={handoffMessageSubject(props, locale)}
      preview={t("handoff.messagePreview", vars)}
    >
      <EmailParagraph>{t("handoff.greeting", vars)}</EmailParagraph>
      <EmailHeading>{t("handoff.messageHeading", vars)}</EmailHeading>
      <Text style={quote}>{props.message}</Text>
      <EmailAction locale={locale} url={props.url} label={t("handoff.replyButton")} />
      <EmailNote>{t("handoff.internalNote")}</EmailNote>
    </EmailLayout>
  );
}

HandoffMessageEmail.PreviewProps = {
  locale: "ja",
  recipientName: "鈴木 健太",
  authorName: "佐藤 美咲",
  accountName: "株式会社サンプル商事",
  message: "SSO の導入時期について、先方と合意した日付はありますか。",
  url: "http://localhost:3000/accounts/preview/handoff",
} satisfies HandoffMessageProps & { locale: EmailLocale };

const quote = {
  margin: "0 0 16px",
  padding: "8px 12px",
  borderLeft: "3px solid #cbd5e1",
  whiteSpace: "pre-wrap" as const,
  color: "#1e293b",
  fontSize: "14px",
  lineHeight: "22px",
};
