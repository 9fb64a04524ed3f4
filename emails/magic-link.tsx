import {
  EmailAction,
  EmailHeading,
  EmailLayout,
  EmailNote,
  EmailParagraph,
  emailT,
  type EmailLocale,
} from "./layout";

export interface MagicLinkProps {
  name: string;
  url: string;
  expiresInMinutes: number;
}

export function magicLinkSubject(_props: MagicLinkProps, locale: EmailLocale): string {
  return emailT(locale)("magicLink.subject");
}

export default function MagicLinkEmail(props: MagicLinkProps & { locale: EmailLocale }) {
  const { locale } = props;
  const t = emailT(locale);
  return (
    <EmailLayout locale={locale} title={magicLinkSubject(props, locale)} preview={t("magicLink.preview")}>
      <EmailHeading>{t("magicLink.greeting", { name: props.name })}</EmailHeading>
      <EmailParagraph>{t("magicLink.body")}</EmailParagraph>
      <EmailAction locale={locale} url={props.url} label={t("magicLink.button")} />
      <EmailNote>{t("magicLink.confirm")}</EmailNote>
      <EmailNote>{t("magicLink.expiry", { count: props.expiresInMinutes })}</EmailNote>
      <EmailNote>{t("magicLink.ignore")}</EmailNote>
    </EmailLayout>
  );
}

MagicLinkEmail.PreviewProps = {
  locale: "ja",
  name: "山田 太郎",
  url: "http://localhost:3000/auth/magic/preview-token",
  expiresInMinutes: 15,
} satisfies MagicLinkProps & { locale: EmailLocale };
