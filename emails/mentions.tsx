import { Link, Section, Text } from "@react-email/components";
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

export interface MentionItem {
  authorName: string;
  subjectTitle: string;
  excerpt: string;
  url: string;
  /** ISO 8601 instant the comment was written. */
  at: string;
}

export interface MentionsProps {
  recipientName: string;
  roomTitle: string;
  mentions: MentionItem[];
  url: string;
}

export function mentionsSubject(props: MentionsProps, locale: EmailLocale): string {
  return emailT(locale)("mentions.subject", { count: props.mentions.length, roomTitle: props.roomTitle });
}

const item = { borderLeft: "3px solid #c7d2e0", margin: "0 0 16px", padding: "4px 0 4px 12px" };
const meta = { color: "#5c6570", fontSize: "13px", lineHeight: "1.6", margin: "0" };
const quote = { color: "#343a40", fontSize: "15px", lineHeight: "1.7", margin: "4px 0" };
const link = { color: "#1f3a5f", fontSize: "13px" };

export default function MentionsEmail(props: MentionsProps & { locale: EmailLocale }) {
  const { locale } = props;
  const t = emailT(locale);
  const vars = { name: props.recipientName, roomTitle: props.roomTitle, count: props.mentions.length };
  return (
    <EmailLayout locale={locale} title={mentionsSubject(props, locale)} preview={t("mentions.preview", vars)}>
      <EmailParagraph>{t("mentions.greeting", vars)}</EmailParagraph>
      <EmailHeading>{t("mentions.heading", vars)}</EmailHeading>
      {props.mentions.map((m, i) => (
        <Section key={i} style={item}>
          <Text style={meta}>
            {t("mentions.itemMeta", {
              author: m.authorName,
              subject: m.subjectTitle,
              at: formatEmailDateTime(m.at, locale),
            })}
          </Text>
          <Text style={quote}>{m.excerpt}</Text>
          <Link href={m.url} style={link}>
            {t("mentions.open")}
          </Link>
        </Section>
      ))}
      <EmailAction locale={locale} url={props.url} label={t("mentions.button")} />
      <EmailNote>{t("mentions.preferences")}</EmailNote>
    </EmailLayout>
  );
}

MentionsEmail.PreviewProps = {
  locale: "ja",
  recipientName: "佐藤 美咲",
  roomTitle: "2025年度 導入プロジェクト",
  mentions: [
    {
      authorName: "田中 健",
      subjectTitle: "SSO設定",
      excerpt: "@佐藤 美咲 さん、IdP のメタデータをお送りいただけますか。",
      url: "http://localhost:3000/rooms/preview/plan",
      at: "2026-12-20T02:00:00.000Z",
    },
  ],
  url: "http://localhost:3000/rooms/preview",
} satisfies MentionsProps & { locale: EmailLocale };
