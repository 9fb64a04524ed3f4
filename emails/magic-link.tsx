import {
  EmailAction,
  EmailHeading,
  EmailLayout,
  EmailNote,
  EmailParagraph,
  emailT,
  DEFAULT_EMAIL_BRAND,
  useEmailBrand,
  type EmailBrand,
  type EmailLocale,
} from "./layout";

export interface MagicLinkProps {
  name: string;
  url: string;
  expiresInMinutes: number;
}

export function magicLinkSubject(
  _props: MagicLinkProps,
  locale: EmailLocale,
  brand: EmailBrand = DEFAULT_EMAIL_BRAND,
): string {
  return emailT(locale)("magicLink.subject", { company: brand.companyName });
}

export default function MagicLinkEmail(props: MagicLinkProps & { locale: EmailLocale }) {
  const { locale } = props;
  const t = emailT(locale);
  const brand = useEmailBrand();
  const company = { company: brand.companyName };
  return (
    <EmailLayout
      locale={locale}
      title={magicLinkSubject(props, locale, brand)}
      preview={t("magicLink.preview", company)}
    >
      <EmailHeading>{t("magicLink.greeting", { name: props.name })}</EmailHeading>
      <EmailParagraph>{t("magicLink.body", company)}</EmailParagraph>
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
