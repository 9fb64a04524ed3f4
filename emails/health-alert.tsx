import { Section, Text } from "@react-email/components";
import {
  EmailAction,
  EmailHeading,
  EmailLayout,
  EmailNote,
  EmailParagraph,
  emailT,
  type EmailLocale,
} from "./layout";
import type { HealthBand } from "../app/vocabulary";

export const ALERT_SEVERITIES = ["warning", "critical"] as const;

export interface HealthAlertProps {
  recipientName: string;
  accountName: string;
  roomTitle: string;
  /** The computed score (null when there is not enough data) and its band. */
  score: number | null;
  band: HealthBand;
  /** Each alert as one sentence, already in the recipient's language (the app's wording, one place). */
  alerts: { severity: (typeof ALERT_SEVERITIES)[number]; text: string }[];
  url: string;
}

export function healthAlertSubject(props: HealthAlertProps, locale: EmailLocale): string {
  const critical = props.alerts.some((a) => a.severity === "critical");
  return emailT(locale)(critical ? "healthAlert.subjectCritical" : "healthAlert.subject", {
    accountName: props.accountName,
    roomTitle: props.roomTitle,
    count: props.alerts.length,
  });
}

const item = { borderLeft: "3px solid #d97706", margin: "0 0 12px", padding: "4px 0 4px 12px" };
const criticalItem = { ...item, borderLeft: "3px solid #b91c1c" };
const label = { color: "#5c6570", fontSize: "12px", fontWeight: 600, margin: "0" };
const text = { color: "#1b1f24", fontSize: "15px", lineHeight: "1.6", margin: "2px 0 0" };

export default function HealthAlertEmail(props: HealthAlertProps & { locale: EmailLocale }) {
  const { locale } = props;
  const t = emailT(locale);
  const vars = { name: props.recipientName, accountName: props.accountName, roomTitle: props.roomTitle };
  return (
    <EmailLayout
      locale={locale}
      title={healthAlertSubject(props, locale)}
      preview={t("healthAlert.preview", vars)}
    >
      <EmailParagraph>{t("healthAlert.greeting", vars)}</EmailParagraph>
      <EmailHeading>{t("healthAlert.heading", vars)}</EmailHeading>
      <EmailParagraph>
        {props.score === null
          ? t("healthAlert.noScore")
          : t("healthAlert.score", {
              score: Math.round(props.score),
              band: t(`healthAlert.bands.${props.band}`),
            })}
      </EmailParagraph>
      {props.alerts.map((a, i) => (
        <Section key={i} style={a.severity === "critical" ? criticalItem : item}>
          <Text style={label}>{t(`healthAlert.severity.${a.severity}`)}</Text>
          <Text style={text}>{a.text}</Text>
        </Section>
      ))}
      <EmailAction locale={locale} url={props.url} label={t("healthAlert.button")} />
      <EmailNote>{t("healthAlert.why")}</EmailNote>
    </EmailLayout>
  );
}

HealthAlertEmail.PreviewProps = {
  locale: "ja",
  recipientName: "佐藤 美咲",
  accountName: "株式会社サンプル商事",
  roomTitle: "導入プロジェクト",
  score: 38,
  band: "red",
  alerts: [
    { severity: "critical", text: "顧客の利用が21日間ありません。" },
    { severity: "warning", text: "マイルストーン「データ移行完了」が目標日を5日過ぎています。" },
  ],
  url: "http://localhost:3000/rooms/preview/health",
} satisfies HealthAlertProps & { locale: EmailLocale };
