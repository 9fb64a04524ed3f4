import {
  EmailAction,
  EmailHeading,
  EmailLayout,
  EmailNote,
  EmailParagraph,
  emailT,
  type EmailLocale,
} from "./layout";

/** A task moved to review: its RACI "C" people are asked for their comments on the task's page. */
export interface RaciConsultProps {
  recipientName: string;
  /** Who moved the task to review. */
  actorName: string;
  roomTitle: string;
  taskTitle: string;
  /** The task's page, where comments are written. */
  url: string;
}

export function raciConsultSubject(props: RaciConsultProps, locale: EmailLocale): string {
  return emailT(locale)("raciConsult.subject", { taskTitle: props.taskTitle, roomTitle: props.roomTitle });
}

export default function RaciConsultEmail(props: RaciConsultProps & { locale: EmailLocale }) {
  const { locale } = props;
  const t = emailT(locale);
  const vars = {
    name: props.recipientName,
    actor: props.actorName,
    roomTitle: props.roomTitle,
    taskTitle: props.taskTitle,
  };
  return (
    <EmailLayout
      locale={locale}
      title={raciConsultSubject(props, locale)}
      preview={t("raciConsult.preview", vars)}
    >
      <EmailParagraph>{t("raciConsult.greeting", vars)}</EmailParagraph>
      <EmailHeading>{t("raciConsult.heading", vars)}</EmailHeading>
      <EmailParagraph>{t("raciConsult.body", vars)}</EmailParagraph>
      <EmailAction locale={locale} url={props.url} label={t("raciConsult.button")} />
      <EmailNote>{t("raciConsult.why")}</EmailNote>
    </EmailLayout>
  );
}

RaciConsultEmail.PreviewProps = {
  locale: "ja",
  recipientName: "田中 健",
  actorName: "佐藤 美咲",
  roomTitle: "2025年度 導入プロジェクト",
  taskTitle: "データ移行の完了",
  url: "http://localhost:3000/rooms/preview/tasks/preview",
} satisfies RaciConsultProps & { locale: EmailLocale };
