import {
  DEFAULT_EMAIL_BRAND,
  EmailAction,
  EmailHeading,
  EmailLayout,
  EmailNote,
  EmailParagraph,
  emailT,
  useEmailBrand,
  type EmailBrand,
  type EmailLocale,
} from "./layout";
import { formatEmailDate } from "./milestone-completed";

/**
 * To a customer-side person of a room after onboarding: a short survey (satisfaction, likelihood to
 * recommend, free text) behind a single-use link that needs no sign-in.
 */
export interface ReviewSurveyProps {
  recipientName: string;
  senderName: string;
  accountName: string;
  roomTitle: string;
  url: string;
  /** The last day the link works (YYYY-MM-DD). */
  expiresOn: string;
}

export function reviewSurveySubject(
  _props: ReviewSurveyProps,
  locale: EmailLocale,
  brand: EmailBrand = DEFAULT_EMAIL_BRAND,
): string {
  return emailT(locale)("reviewSurvey.subject", { company: brand.companyName });
}

export default function ReviewSurveyEmail(props: ReviewSurveyProps & { locale: EmailLocale }) {
  const { locale } = props;
  const t = emailT(locale);
  const brand = useEmailBrand();
  const vars = {
    name: props.recipientName,
    sender: props.senderName,
    account: props.accountName,
    room: props.roomTitle,
    company: brand.companyName,
    date: formatEmailDate(props.expiresOn, locale),
  };
  return (
    <EmailLayout
      locale={locale}
      title={reviewSurveySubject(props, locale, brand)}
      preview={t("reviewSurvey.preview", vars)}
    >
      <EmailParagraph>{t("reviewSurvey.greeting", vars)}</EmailParagraph>
      <EmailHeading>{t("reviewSurvey.heading", vars)}</EmailHeading>
      <EmailParagraph>{t("reviewSurvey.body", vars)}</EmailParagraph>
      <EmailAction locale={locale} url={props.url} label={t("reviewSurvey.button")} />
      <EmailNote>{t("reviewSurvey.expiry", vars)}</EmailNote>
      <EmailNote>{t("reviewSurvey.why", vars)}</EmailNote>
    </EmailLayout>
  );
}

ReviewSurveyEmail.PreviewProps = {
  locale: "ja",
  recipientName: "山田 太郎",
  senderName: "佐藤 花子",
  accountName: "北斗ロジスティクス",
  roomTitle: "北斗ロジスティクス 導入",
  url: "http://localhost:3000/survey/preview-token",
  expiresOn: "2026-12-16",
} satisfies ReviewSurveyProps & { locale: EmailLocale };
