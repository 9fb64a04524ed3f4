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
  /**
   * Against its target (from milestoneSchedule, app/domain/plan/schedule.ts): days late, 0 when on time.
   * Optional: emails queued before it was added render without the sentence.
   */
  schedule?: { targetDate: string; daysLate: number };
  /** `daysLate` > 0: the next milestone is already past its target. */
  next: { title: string; targetDate: string; daysLate?: number } | null;
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
      {props.schedule ? (
        <EmailParagraph>
          {props.schedule.daysLate > 0
            ? t("lateness.late", {
                date: formatEmailDate(props.schedule.targetDate, locale),
                count: props.schedule.daysLate,
              })
            : t("lateness.onTime", { date: formatEmailDate(props.schedule.targetDate, locale) })}
        </EmailParagraph>
      ) : null}
      {props.firstValue ? <EmailParagraph>{t("milestoneCompleted.firstValue")}</EmailParagraph> : null}
      <EmailParagraph>{t("milestoneCompleted.progress", { percent: props.progressPercent })}</EmailParagraph>
      <EmailParagraph>
        {props.next && (props.next.daysLate ?? 0) > 0
          ? t("lateness.nextLate", {
              title: props.next.title,
              date: formatEmailDate(props.next.targetDate, locale),
              count: props.next.daysLate,
            })
          : props.next
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
  schedule: { targetDate: "2026-12-21", daysLate: 7 },
  firstValue: false,
  progressPercent: 42,
  next: { title: "ファーストバリュー達成", targetDate: "2027-02-15" },
  url: "http://localhost:3000/rooms/preview",
} satisfies MilestoneCompletedProps & { locale: EmailLocale };
