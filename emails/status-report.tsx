import { Section, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import {
  EmailAction,
  EmailHeading,
  EmailLayout,
  EmailNote,
  EmailParagraph,
  emailT,
  useEmailBrand,
  type EmailLocale,
} from "./layout";
import { formatEmailDate } from "./milestone-completed";
import type { ReportMilestone, ReportTask, StatusReportContent } from "./status-report-content";

export interface StatusReportProps {
  recipientName: string;
  accountName: string;
  roomTitle: string;
  /** The CSM's copy of what the customer's team received. */
  copy: boolean;
  /** The report as built and stored (status_reports.content): shared items only. */
  content: StatusReportContent;
  /** The printable page of this report. */
  url: string;
}

const shortDate = (isoDate: string, locale: EmailLocale) =>
  new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", {
    timeZone: "UTC",
    month: "short",
    day: "numeric",
    weekday: "short",
  }).format(new Date(`${isoDate}T00:00:00Z`));

export function statusReportSubject(props: StatusReportProps, locale: EmailLocale): string {
  return emailT(locale)("statusReport.subject", {
    roomTitle: props.roomTitle,
    start: shortDate(props.content.periodStart, locale),
    end: shortDate(props.content.periodEnd, locale),
  });
}

const sectionTitle: CSSProperties = {
  color: "#1b1f24",
  fontSize: "16px",
  fontWeight: 700,
  lineHeight: "1.5",
  margin: "24px 0 8px",
  borderBottom: "1px solid #e3e6ea",
  paddingBottom: "4px",
};
const item: CSSProperties = {
  borderLeft: "3px solid #cbd2da",
  margin: "0 0 10px",
  padding: "2px 0 2px 12px",
};
const alertItem: CSSProperties = { ...item, borderLeft: "3px solid #b91c1c" };
const itemTitle: CSSProperties = {
  color: "#1b1f24",
  fontSize: "15px",
  lineHeight: "1.5",
  margin: "0",
  overflowWrap: "anywhere",
};
const itemMeta: CSSProperties = { color: "#5c6570", fontSize: "13px", lineHeight: "1.5", margin: "2px 0 0" };
const introStyle: CSSProperties = {
  color: "#343a40",
  fontSize: "15px",
  lineHeight: "1.7",
  margin: "0 0 16px",
  whiteSpace: "pre-line",
  overflowWrap: "anywhere",
};

function TaskItems(props: { tasks: ReportTask[]; locale: EmailLocale; alert?: boolean }) {
  const t = emailT(props.locale);
  return props.tasks.map((task, i) => {
    const meta = [
      task.doneOn ? t("statusReport.doneOn", { date: formatEmailDate(task.doneOn, props.locale) }) : null,
      !task.doneOn && task.dueDate
        ? t("statusReport.due", { date: formatEmailDate(task.dueDate, props.locale) })
        : null,
      task.daysOverdue ? t("statusReport.overdue", { count: task.daysOverdue }) : null,
      task.assigneeName ? t("statusReport.assignee", { name: task.assigneeName }) : null,
    ].filter(Boolean);
    return (
      <Section key={i} style={props.alert ? alertItem : item}>
        <Text style={itemTitle}>{task.title}</Text>
        {meta.length ? <Text style={itemMeta}>{meta.join(" · ")}</Text> : null}
        {task.blocked ? (
          <Text style={itemMeta}>
            {task.blockedReason
              ? t("statusReport.blocked", { reason: task.blockedReason })
              : t("statusReport.blockedNoReason")}
          </Text>
        ) : null}
      </Section>
    );
  });
}

export function milestoneLine(m: ReportMilestone, locale: EmailLocale): string {
  const t = emailT(locale);
  switch (m.state) {
    case "doneOnTime":
      return t("statusReport.milestone.doneOnTime", {
        date: formatEmailDate(m.doneOn ?? m.targetDate, locale),
      });
    case "doneLate":
      return t("statusReport.milestone.doneLate", {
        date: formatEmailDate(m.doneOn ?? m.targetDate, locale),
        count: m.daysLate,
      });
    case "late":
      return t("statusReport.milestone.late", { count: m.daysLate });
    default:
      return m.daysLate === 0
        ? t("statusReport.milestone.dueToday")
        : t("statusReport.milestone.left", { count: -m.daysLate });
  }
}

function More(props: { count: number; locale: EmailLocale }) {
  if (!props.count) return null;
  return <Text style={itemMeta}>{emailT(props.locale)("statusReport.more", { count: props.count })}</Text>;
}

function Empty(props: { text: string }) {
  return <Text style={itemMeta}>{props.text}</Text>;
}

const number = (value: number, locale: EmailLocale) =>
  new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-US", { maximumFractionDigits: 2 }).format(value);

export default function StatusReportEmail(props: StatusReportProps & { locale: EmailLocale }) {
  const { locale, content: c } = props;
  const t = emailT(locale);
  const brand = useEmailBrand();
  const vars = {
    name: props.recipientName,
    roomTitle: props.roomTitle,
    accountName: props.accountName,
    company: brand.companyName,
    start: formatEmailDate(c.periodStart, locale),
    end: formatEmailDate(c.periodEnd, locale),
    aheadEnd: formatEmailDate(c.aheadEnd, locale),
  };
  return (
    <EmailLayout
      locale={locale}
      title={statusReportSubject(props, locale)}
      preview={t("statusReport.preview", vars)}
    >
      <EmailParagraph>{t("statusReport.greeting", vars)}</EmailParagraph>
      {props.copy ? <EmailNote>{t("statusReport.copyNote", vars)}</EmailNote> : null}
      <EmailHeading>{t("statusReport.heading", vars)}</EmailHeading>
      <EmailParagraph>{t("statusReport.period", vars)}</EmailParagraph>
      {c.intro ? <Text style={introStyle}>{c.intro}</Text> : null}

      <Text style={sectionTitle}>{t("statusReport.sections.done")}</Text>
      {c.done.items.length ? (
        <TaskItems tasks={c.done.items} locale={locale} />
      ) : (
        <Empty text={t("statusReport.empty.done")} />
      )}
      <More count={c.done.more} locale={locale} />

      <Text style={sectionTitle}>{t("statusReport.sections.dueSoon", vars)}</Text>
      {c.dueSoon.items.length ? (
        <TaskItems tasks={c.dueSoon.items} locale={locale} />
      ) : (
        <Empty text={t("statusReport.empty.dueSoon")} />
      )}
      <More count={c.dueSoon.more} locale={locale} />

      <Text style={sectionTitle}>{t("statusReport.sections.attention")}</Text>
      {c.attention.items.length ? (
        <TaskItems tasks={c.attention.items} locale={locale} alert />
      ) : (
        <Empty text={t("statusReport.empty.attention")} />
      )}
      <More count={c.attention.more} locale={locale} />

      <Text style={sectionTitle}>{t("statusReport.sections.milestones")}</Text>
      {c.milestones.length ? (
        c.milestones.map((m, i) => (
          <Section key={i} style={m.late ? alertItem : item}>
            <Text style={itemTitle}>{m.title}</Text>
            <Text style={itemMeta}>
              {t("statusReport.milestone.target", { date: formatEmailDate(m.targetDate, locale) })} ·{" "}
              {milestoneLine(m, locale)}
            </Text>
            {m.slipDays !== 0 ? (
              <Text style={itemMeta}>
                {t(m.slipDays > 0 ? "statusReport.milestone.slipped" : "statusReport.milestone.pulledIn", {
                  count: Math.abs(m.slipDays),
                  date: formatEmailDate(m.baselineDate, locale),
                })}
              </Text>
            ) : null}
          </Section>
        ))
      ) : (
        <Empty text={t("statusReport.empty.milestones")} />
      )}

      <Text style={sectionTitle}>{t("statusReport.sections.decisions")}</Text>
      {c.decisions.length ? (
        c.decisions.map((d, i) => (
          <Section key={i} style={item}>
            <Text style={itemTitle}>{d.text}</Text>
            <Text style={itemMeta}>
              {t("statusReport.fromMeeting", {
                title: d.meetingTitle,
                date: formatEmailDate(d.meetingDate, locale),
              })}
            </Text>
          </Section>
        ))
      ) : (
        <Empty text={t("statusReport.empty.decisions")} />
      )}

      <Text style={sectionTitle}>{t("statusReport.sections.actionItems")}</Text>
      {c.actionItems.items.length ? (
        c.actionItems.items.map((a, i) => (
          <Section key={i} style={a.overdue ? alertItem : item}>
            <Text style={itemTitle}>{a.text}</Text>
            <Text style={itemMeta}>
              {[
                a.dueDate ? t("statusReport.due", { date: formatEmailDate(a.dueDate, locale) }) : null,
                a.ownerName ? t("statusReport.assignee", { name: a.ownerName }) : null,
                t("statusReport.fromMeetingShort", { title: a.meetingTitle }),
              ]
                .filter(Boolean)
                .join(" · ")}
            </Text>
          </Section>
        ))
      ) : (
        <Empty text={t("statusReport.empty.actionItems")} />
      )}
      <More count={c.actionItems.more} locale={locale} />

      <Text style={sectionTitle}>{t("statusReport.sections.goals")}</Text>
      {c.goals.length ? (
        c.goals.map((g, i) => (
          <Section key={i} style={g.status === "at_risk" ? alertItem : item}>
            <Text style={itemTitle}>
              {g.statement} — {t(`statusReport.goalStatus.${g.status}`)}
            </Text>
            <Text style={itemMeta}>
              {g.latest === null
                ? t("statusReport.goalNoData", {
                    kpi: g.kpi,
                    target: `${number(g.target, locale)}${g.unit}`,
                    date: formatEmailDate(g.dueDate, locale),
                  })
                : t("statusReport.goalValue", {
                    kpi: g.kpi,
                    latest: `${number(g.latest, locale)}${g.unit}`,
                    target: `${number(g.target, locale)}${g.unit}`,
                    date: formatEmailDate(g.dueDate, locale),
                  })}
            </Text>
          </Section>
        ))
      ) : (
        <Empty text={t("statusReport.empty.goals")} />
      )}

      <EmailAction locale={locale} url={props.url} label={t("statusReport.button")} />
      <EmailNote>{t("statusReport.why", vars)}</EmailNote>
    </EmailLayout>
  );
}

StatusReportEmail.PreviewProps = {
  locale: "ja",
  recipientName: "山田 太郎",
  accountName: "株式会社サンプル",
  roomTitle: "2026年度 導入プロジェクト",
  copy: false,
  content: {
    periodStart: "2026-11-24",
    periodEnd: "2026-11-30",
    aheadEnd: "2026-12-06",
    intro: "今週はSSO設定が完了しました。\n来週はデータ移行に着手します。",
    done: {
      items: [{ title: "SSO設定", dueDate: "2026-11-27", assigneeName: "山田 太郎", doneOn: "2026-11-26" }],
      more: 0,
    },
    dueSoon: { items: [{ title: "データ移行", dueDate: "2026-12-03", assigneeName: null }], more: 0 },
    attention: {
      items: [
        {
          title: "ユーザー一覧の提供",
          dueDate: "2026-11-25",
          assigneeName: "鈴木 花子",
          daysOverdue: 5,
          blocked: true,
          blockedReason: "人事部の承認待ち",
        },
      ],
      more: 0,
    },
    milestones: [
      {
        title: "環境準備完了",
        targetDate: "2026-12-10",
        baselineDate: "2026-12-03",
        slipDays: 7,
        state: "onTrack",
        daysLate: -10,
        late: false,
        doneOn: null,
      },
    ],
    decisions: [
      { meetingTitle: "定例会議", meetingDate: "2026-11-27", text: "本番移行は12月第3週に実施する" },
    ],
    actionItems: {
      items: [
        {
          text: "移行対象データの確定",
          ownerName: "山田 太郎",
          dueDate: "2026-12-04",
          overdue: false,
          meetingTitle: "定例会議",
        },
      ],
      more: 0,
    },
    goals: [
      {
        statement: "問い合わせ対応時間を短縮する",
        kpi: "平均対応時間",
        unit: "時間",
        baseline: 24,
        target: 8,
        dueDate: "2027-03-31",
        status: "on_track",
        latest: 16,
        progressPercent: 50,
      },
    ],
  },
  url: "http://localhost:3000/rooms/preview/reports/preview",
} satisfies StatusReportProps & { locale: EmailLocale };
