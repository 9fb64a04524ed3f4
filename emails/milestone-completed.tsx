import {
  EmailAction,
  EmailHeading,
  EmailLayout,
  EmailNote,
  EmailParagraph,
  emailT,
  type EmailLocale,
} from "./layout";

export interface MilestoneCompletedProps {
  recipientName: string;
  accountName: string;
  roomTitle: string;
  milestoneTitle: string;
  /** Calendar date (YYYY-MM-DD) in the account's time zone. */
  completedOn: string;
  firstValue: boolean;
  /** Share of the shared tasks that are done, 0–100. */
  progressPercent: number;
  next: { title: string; targetDate: string } | null;
  url: string;
}

/** A calendar date is the same day for every reader: formatted in UTC on purpose. */
export function formatEmailDate(isoDate: string, locale: EmailLocale): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", {
    timeZone: "UTC",
    year: "numeric",
    month: "long",
    day: "numeric",
    weekday: "short",
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

export function milestoneCompletedSubject(props: MilestoneCompletedProps, locale: EmailLocale): string {
  return emailT(locale)("milestoneCompleted.subject", {
    milestoneTitle: props.milestoneTitle,
    roomTitle: props.roomTitle,
  });
}

export default function MilestoneCompletedEmail(props: MilestoneCompletedProps & { locale: EmailLocale }) {
  const { locale } = props;
  const t = emailT(locale);
  const vars = {
    name: props.recipientName,
    milestoneTitle: props.milestoneTitle,
    roomTitle: props.roomTitle,
    accountName: props.accountName,
    date: formatEmailDate(props.completedOn, locale),
  };
  return (
    <EmailLayout
      locale={locale}
      title={milestoneCompletedSubject(props, locale)}
      preview={t("milestoneCompleted.preview", vars)}
    >
      <EmailParagraph>{t("milestoneCompleted.greeting", vars)}</EmailParagraph>
      <EmailHeading>{t("milestoneCompleted.heading", vars)}</EmailHeading>
      <EmailParagraph>{t("milestoneCompleted.achieved", vars)}</EmailParagraph>
      {props.firstValue ? <EmailParagraph>{t("milestoneCompleted.firstValue")}</EmailParagraph> : null}
      <EmailParagraph>{t("milestoneCompleted.progress", { percent: props.progressPercent })}</EmailParagraph>
      <EmailParagraph>
        {props.next
          ? t("milestoneCompleted.next", {
              title: props.next.title,
              date: formatEmailDate(props.next.targetDate, locale),
            })
          : t("milestoneCompleted.noNext")}
      </EmailParagraph>
      <EmailAction locale={locale} url={props.url} label={t("milestoneCompleted.button")} />
      <EmailNote>{t("milestoneCompleted.preferences")}</EmailNote>
    </EmailLayout>
  );
}

MilestoneCompletedEmail.PreviewProps = {
  locale: "ja",
  recipientName: "佐藤 美咲",
  accountName: "株式会社サンプル",
  roomTitle: "2025年度 導入プロジェクト",
  milestoneTitle: "環境準備完了",
  completedOn: "2026-12-28",
  firstValue: false,
  progressPercent: 42,
  next: { title: "ファーストバリュー達成", targetDate: "2027-02-15" },
  url: "http://localhost:3000/rooms/preview",
} satisfies MilestoneCompletedProps & { locale: EmailLocale };
