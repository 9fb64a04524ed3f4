import { Link, Section, Text } from "@react-email/components";
import {
  EmailAction,
  EmailHeading,
  EmailLayout,
  EmailNote,
  EmailParagraph,
  emailT,
  type EmailLocale,
} from "./layout";
import { formatEmailDate } from "./milestone-completed";

export interface ReminderTask {
  title: string;
  roomTitle: string;
  /** Calendar date (YYYY-MM-DD). */
  dueDate: string;
  url: string;
}

export interface TaskRemindersProps {
  recipientName: string;
  dueSoon: ReminderTask[];
  overdue: ReminderTask[];
  /** Issue 12: training modules assigned to the recipient, not completed (url: the module's player). */
  trainingDueSoon?: ReminderTask[];
  trainingOverdue?: ReminderTask[];
  url: string;
}

export function taskRemindersSubject(props: TaskRemindersProps, locale: EmailLocale): string {
  const trainingDueSoon = props.trainingDueSoon?.length ?? 0;
  const trainingOverdue = props.trainingOverdue?.length ?? 0;
  if (trainingDueSoon + trainingOverdue > 0)
    return emailT(locale)("trainingReminders.subject", {
      dueSoon: props.dueSoon.length + trainingDueSoon,
      overdue: props.overdue.length + trainingOverdue,
    });
  return emailT(locale)("taskReminders.subject", {
    dueSoon: props.dueSoon.length,
    overdue: props.overdue.length,
  });
}

const row = { margin: "0 0 10px" };
const title = { color: "#1b1f24", fontSize: "15px", fontWeight: 600, lineHeight: "1.5", margin: "0" };
const meta = { color: "#5c6570", fontSize: "13px", lineHeight: "1.6", margin: "0" };

function TaskList(props: { tasks: ReminderTask[]; locale: EmailLocale }) {
  const t = emailT(props.locale);
  return (
    <>
      {props.tasks.map((task, i) => (
        <Section key={i} style={row}>
          <Text style={title}>
            <Link href={task.url} style={{ color: "#1f3a5f" }}>
              {task.title}
            </Link>
          </Text>
          <Text style={meta}>
            {t("taskReminders.taskMeta", {
              roomTitle: task.roomTitle,
              date: formatEmailDate(task.dueDate, props.locale),
            })}
          </Text>
        </Section>
      ))}
    </>
  );
}

export default function TaskRemindersEmail(props: TaskRemindersProps & { locale: EmailLocale }) {
  const { locale } = props;
  const t = emailT(locale);
  return (
    <EmailLayout
      locale={locale}
      title={taskRemindersSubject(props, locale)}
      preview={t("taskReminders.preview")}
    >
      <EmailParagraph>{t("taskReminders.greeting", { name: props.recipientName })}</EmailParagraph>
      {props.overdue.length > 0 ? (
        <>
          <EmailHeading>{t("taskReminders.overdueHeading", { count: props.overdue.length })}</EmailHeading>
          <TaskList tasks={props.overdue} locale={locale} />
        </>
      ) : null}
      {props.dueSoon.length > 0 ? (
        <>
          <EmailHeading>{t("taskReminders.dueSoonHeading", { count: props.dueSoon.length })}</EmailHeading>
          <TaskList tasks={props.dueSoon} locale={locale} />
        </>
      ) : null}
      {props.trainingOverdue?.length ? (
        <>
          <EmailHeading>
            {t("trainingReminders.overdueHeading", { count: props.trainingOverdue.length })}
          </EmailHeading>
          <TaskList tasks={props.trainingOverdue} locale={locale} />
        </>
      ) : null}
      {props.trainingDueSoon?.length ? (
        <>
          <EmailHeading>
            {t("trainingReminders.dueSoonHeading", { count: props.trainingDueSoon.length })}
          </EmailHeading>
          <TaskList tasks={props.trainingDueSoon} locale={locale} />
        </>
      ) : null}
      <EmailAction locale={locale} url={props.url} label={t("taskReminders.button")} />
      <EmailNote>{t("taskReminders.preferences")}</EmailNote>
    </EmailLayout>
  );
}

TaskRemindersEmail.PreviewProps = {
  locale: "ja",
  recipientName: "佐藤 美咲",
  overdue: [
    {
      title: "SSO設定",
      roomTitle: "導入プロジェクト",
      dueDate: "2026-12-28",
      url: "http://localhost:3000/rooms/x/plan",
    },
  ],
  dueSoon: [
    {
      title: "既存データの移行",
      roomTitle: "導入プロジェクト",
      dueDate: "2026-12-30",
      url: "http://localhost:3000/rooms/x/plan",
    },
  ],
  trainingOverdue: [],
  trainingDueSoon: [
    {
      title: "管理者向け基本操作",
      roomTitle: "導入プロジェクト",
      dueDate: "2026-12-29",
      url: "http://localhost:3000/rooms/x/training/y",
    },
  ],
  url: "http://localhost:3000/rooms",
} satisfies TaskRemindersProps & { locale: EmailLocale };
