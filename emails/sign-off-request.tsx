import {
  EmailAction,
  EmailHeading,
  EmailLayout,
  EmailNote,
  EmailParagraph,
  emailT,
  formatEmailDateTime,
  type EmailLocale,
} from "./layout";

/** A milestone's customer-side A is asked to sign it off (検収); the same email reminds them while it waits. */
export interface SignOffRequestProps {
  recipientName: string;
  accountName: string;
  roomTitle: string;
  milestoneTitle: string;
  /** ISO 8601 instant the request was made. */
  requestedAt: string;
  /** A reminder of a request still waiting (the subject and first line say so). */
  reminder: boolean;
  /** The milestone's page, where the approve and request-changes buttons are. */
  url: string;
}

export function signOffRequestSubject(props: SignOffRequestProps, locale: EmailLocale): string {
  return emailT(locale)(props.reminder ? "signOff.reminderSubject" : "signOff.subject", {
    milestoneTitle: props.milestoneTitle,
    roomTitle: props.roomTitle,
  });
}

export default function SignOffRequestEmail(props: SignOffRequestProps & { locale: EmailLocale }) {
  const { locale } = props;
  const t = emailT(locale);
  const vars = {
    name: props.recipientName,
    milestoneTitle: props.milestoneTitle,
    roomTitle: props.roomTitle,
    accountName: props.accountName,
    date: formatEmailDateTime(props.requestedAt, locale),
  };
  return (
    <EmailLayout
      locale={locale}
      title={signOffRequestSubject(props, locale)}
      preview={t("signOff.preview", vars)}
    >
      <EmailParagraph>{t("signOff.greeting", vars)}</EmailParagraph>
      <EmailHeading>{t("signOff.heading", vars)}</EmailHeading>
      {props.reminder ? <EmailParagraph>{t("signOff.reminderLead", vars)}</EmailParagraph> : null}
      <EmailParagraph>{t("signOff.body", vars)}</EmailParagraph>
      <EmailParagraph>{t("signOff.how")}</EmailParagraph>
      <EmailAction locale={locale} url={props.url} label={t("signOff.button")} />
      <EmailNote>{t("signOff.note")}</EmailNote>
    </EmailLayout>
  );
}

SignOffRequestEmail.PreviewProps = {
  locale: "ja",
  recipientName: "高橋 直子",
  accountName: "サンプル商事",
  roomTitle: "2025年度 導入プロジェクト",
  milestoneTitle: "本番稼働",
  requestedAt: "2026-12-20T02:00:00.000Z",
  reminder: false,
  url: "http://localhost:3000/rooms/preview/milestones/preview",
} satisfies SignOffRequestProps & { locale: EmailLocale };
