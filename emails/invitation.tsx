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
import type { RoomRole } from "../app/vocabulary";

export interface InvitationProps {
  inviterName: string;
  accountName: string;
  roomTitle: string;
  role: RoomRole;
  url: string;
  /** ISO 8601 instant. */
  expiresAt: string;
}

export function invitationSubject(props: InvitationProps, locale: EmailLocale): string {
  return emailT(locale)("invitation.subject", { inviterName: props.inviterName, roomTitle: props.roomTitle });
}

export default function InvitationEmail(props: InvitationProps & { locale: EmailLocale }) {
  const { locale } = props;
  const t = emailT(locale);
  const vars = { inviterName: props.inviterName, accountName: props.accountName, roomTitle: props.roomTitle };
  return (
    <EmailLayout
      locale={locale}
      title={invitationSubject(props, locale)}
      preview={t("invitation.preview", vars)}
    >
      <EmailParagraph>{t("invitation.greeting", vars)}</EmailParagraph>
      <EmailHeading>{t("invitation.heading", vars)}</EmailHeading>
      <EmailParagraph>{t("invitation.body", vars)}</EmailParagraph>
      <EmailParagraph>{t("invitation.roleLine", { role: t(`roles.${props.role}`) })}</EmailParagraph>
      <EmailAction locale={locale} url={props.url} label={t("invitation.button")} />
      <EmailNote>{t("invitation.confirm")}</EmailNote>
      <EmailNote>
        {t("invitation.expiry", { expiresAt: formatEmailDateTime(props.expiresAt, locale) })}
      </EmailNote>
      <EmailNote>{t("invitation.ignore")}</EmailNote>
    </EmailLayout>
  );
}

InvitationEmail.PreviewProps = {
  locale: "ja",
  inviterName: "佐藤 花子",
  accountName: "株式会社サンプル",
  roomTitle: "2025年度 導入プロジェクト",
  role: "customer_admin",
  url: "http://localhost:3000/invite/preview-token",
  expiresAt: "2025-04-08T09:00:00.000Z",
} satisfies InvitationProps & { locale: EmailLocale };
