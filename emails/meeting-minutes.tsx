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
import {
  formatMeetingDate,
  formatMeetingWhen,
  MeetingFactList,
  meetingTypeLabel,
  type MeetingFacts,
} from "./meeting-common";
import { EmailRichText } from "./rich-text";

export interface MinutesActionItem {
  text: string;
  ownerName: string | null;
  /** Calendar date (YYYY-MM-DD). */
  dueDate: string | null;
}

export interface MinutesCarriedItem extends MinutesActionItem {
  /** The meeting it was agreed in. */
  fromTitle: string;
  /** Calendar date (YYYY-MM-DD) of that meeting, in the account's zone. */
  fromDate: string;
}

export interface MeetingMinutesProps extends MeetingFacts {
  recipientName: string;
  senderName: string;
  attendeeNames: string[];
  /** The SHARED notes only (Tiptap JSON checked by the app's allow-list); never the internal part. */
  notes?: unknown;
  decisions: string[];
  actionItems: MinutesActionItem[];
  /** Open action items of earlier meetings of the room. */
  carriedOver: MinutesCarriedItem[];
  url: string;
}

export function meetingMinutesSubject(props: MeetingMinutesProps, locale: EmailLocale): string {
  return emailT(locale)("meetings.minutes.subject", {
    title: props.meetingTitle,
    date: formatMeetingDate(props.startsAt, props.timeZone, locale),
  });
}

const s = {
  list: { color: "#343a40", fontSize: "15px", lineHeight: "1.7", margin: "0 0 16px", paddingLeft: "24px" },
  item: { margin: "0 0 6px" },
  meta: { color: "#5c6570", fontSize: "13px", lineHeight: "1.6", margin: "0" },
  itemText: { color: "#1b1f24", fontSize: "15px", lineHeight: "1.6", margin: "0" },
  row: { margin: "0 0 10px" },
  sub: { color: "#1b1f24", fontSize: "16px", fontWeight: 600, lineHeight: "1.5", margin: "20px 0 8px" },
};

/** A calendar date as the reader reads it (the date has no zone: shown as written). */
function formatDay(isoDate: string, locale: EmailLocale): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", {
    timeZone: "UTC",
    month: "long",
    day: "numeric",
    weekday: "short",
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

function itemMeta(item: MinutesActionItem, locale: EmailLocale): string {
  const t = emailT(locale);
  const owner = item.ownerName ?? t("meetings.minutes.noOwner");
  const due = item.dueDate ? formatDay(item.dueDate, locale) : t("meetings.minutes.noDue");
  return t("meetings.minutes.itemMeta", { owner, due });
}

function Items(props: { items: (MinutesActionItem & { from?: string })[]; locale: EmailLocale }) {
  return (
    <>
      {props.items.map((item, i) => (
        <Section key={i} style={s.row}>
          <Text style={s.itemText}>{item.text}</Text>
          <Text style={s.meta}>{itemMeta(item, props.locale)}</Text>
          {item.from ? <Text style={s.meta}>{item.from}</Text> : null}
        </Section>
      ))}
    </>
  );
}

export default function MeetingMinutesEmail(props: MeetingMinutesProps & { locale: EmailLocale }) {
  const { locale } = props;
  const t = emailT(locale);
  const vars = {
    name: props.recipientName,
    title: props.meetingTitle,
    roomTitle: props.roomTitle,
    sender: props.senderName,
  };
  return (
    <EmailLayout
      locale={locale}
      title={meetingMinutesSubject(props, locale)}
      preview={t("meetings.minutes.preview", vars)}
    >
      <EmailParagraph>{t("meetings.greeting", vars)}</EmailParagraph>
      <EmailHeading>{t("meetings.minutes.heading", vars)}</EmailHeading>
      <EmailParagraph>{t("meetings.minutes.body", vars)}</EmailParagraph>
      <MeetingFactList
        rows={[
          [t("meetings.facts.type"), meetingTypeLabel(props.meetingType, locale)],
          [t("meetings.facts.when"), formatMeetingWhen(props.startsAt, props.endsAt, props.timeZone, locale)],
          [t("meetings.facts.attendees"), props.attendeeNames.join(t("meetings.minutes.nameSeparator"))],
          [t("meetings.facts.room"), props.roomTitle],
        ]}
      />
      <Text style={s.sub}>{t("meetings.minutes.notesHeading")}</Text>
      {props.notes ? (
        <EmailRichText doc={props.notes} />
      ) : (
        <EmailNote>{t("meetings.minutes.noNotes")}</EmailNote>
      )}
      <Text style={s.sub}>{t("meetings.minutes.decisionsHeading")}</Text>
      {props.decisions.length ? (
        <ul style={s.list}>
          {props.decisions.map((d, i) => (
            <li key={i} style={s.item}>
              {d}
            </li>
          ))}
        </ul>
      ) : (
        <EmailNote>{t("meetings.minutes.noDecisions")}</EmailNote>
      )}
      <Text style={s.sub}>{t("meetings.minutes.actionItemsHeading")}</Text>
      {props.actionItems.length ? (
        <Items items={props.actionItems} locale={locale} />
      ) : (
        <EmailNote>{t("meetings.minutes.noActionItems")}</EmailNote>
      )}
      {props.carriedOver.length ? (
        <>
          <Text style={s.sub}>{t("meetings.minutes.carriedOverHeading")}</Text>
          <Items
            items={props.carriedOver.map((item) => ({
              ...item,
              from: t("meetings.minutes.carriedFrom", {
                title: item.fromTitle,
                date: formatDay(item.fromDate, locale),
              }),
            }))}
            locale={locale}
          />
        </>
      ) : null}
      <EmailAction locale={locale} url={props.url} label={t("meetings.minutes.button")} />
      <EmailNote>{t("meetings.minutes.footer", vars)}</EmailNote>
    </EmailLayout>
  );
}

MeetingMinutesEmail.PreviewProps = {
  locale: "ja",
  recipientName: "高橋 次郎",
  senderName: "佐藤 花子",
  meetingTitle: "キックオフミーティング",
  meetingType: "kickoff",
  startsAt: "2026-12-07T01:00:00.000Z",
  endsAt: "2026-12-07T02:00:00.000Z",
  timeZone: "Asia/Tokyo",
  roomTitle: "2026年度 導入プロジェクト",
  accountName: "株式会社サンプル",
  attendeeNames: ["高橋 次郎", "佐藤 花子"],
  notes: {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "目的と KPI" }] },
      {
        type: "paragraph",
        content: [{ type: "text", text: "問い合わせ対応時間を 30% 短縮することを目標とします。" }],
      },
    ],
  },
  decisions: ["SSO は第2フェーズで導入する", "定例は毎週火曜 10:00"],
  actionItems: [
    { text: "管理者アカウントの作成", ownerName: "高橋 次郎", dueDate: "2026-12-10" },
    { text: "データ移行計画の共有", ownerName: null, dueDate: null },
  ],
  carriedOver: [
    {
      text: "契約書の最終確認",
      ownerName: "山田 太郎",
      dueDate: "2026-12-01",
      fromTitle: "事前打ち合わせ",
      fromDate: "2026-11-24",
    },
  ],
  url: "http://localhost:3000/rooms/preview/meetings/preview",
} satisfies MeetingMinutesProps & { locale: EmailLocale };
