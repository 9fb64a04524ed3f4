import { Link } from "@react-email/components";
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

/** new: the first invitation; updated: moved or changed (SEQUENCE > 0); cancelled: METHOD:CANCEL. */
export type MeetingInvitationKind = "new" | "updated" | "cancelled";

export interface MeetingInvitationProps extends MeetingFacts {
  recipientName: string;
  kind: MeetingInvitationKind;
  location: string | null;
  /** An http(s) link to the video call. */
  videoUrl: string | null;
  organizerName: string | null;
  /** The meeting's page in the room. */
  url: string;
  /** The iCalendar document attached as invite.ics (built when the email was queued). */
  ics: string;
}

export function meetingInvitationSubject(props: MeetingInvitationProps, locale: EmailLocale): string {
  return emailT(locale)(`meetings.invitation.subject.${props.kind}`, {
    title: props.meetingTitle,
    date: formatMeetingDate(props.startsAt, props.timeZone, locale),
  });
}

/** invite.ics, as `text/calendar; method=…` so calendar apps offer to add, update or remove the event. */
export function meetingInvitationAttachments(props: MeetingInvitationProps) {
  const method = props.kind === "cancelled" ? "CANCEL" : "REQUEST";
  return [
    {
      filename: "invite.ics",
      contentType: `text/calendar; charset=utf-8; method=${method}`,
      content: props.ics,
    },
  ];
}

const linkStyle = { color: "#1f3a5f", wordBreak: "break-all" as const };

export default function MeetingInvitationEmail(props: MeetingInvitationProps & { locale: EmailLocale }) {
  const { locale } = props;
  const t = emailT(locale);
  const vars = {
    name: props.recipientName,
    title: props.meetingTitle,
    roomTitle: props.roomTitle,
    accountName: props.accountName,
  };
  return (
    <EmailLayout
      locale={locale}
      title={meetingInvitationSubject(props, locale)}
      preview={t(`meetings.invitation.preview.${props.kind}`, vars)}
    >
      <EmailParagraph>{t("meetings.greeting", vars)}</EmailParagraph>
      <EmailHeading>{t(`meetings.invitation.heading.${props.kind}`, vars)}</EmailHeading>
      <EmailParagraph>{t(`meetings.invitation.body.${props.kind}`, vars)}</EmailParagraph>
      <MeetingFactList
        rows={[
          [t("meetings.facts.title"), props.meetingTitle],
          [t("meetings.facts.type"), meetingTypeLabel(props.meetingType, locale)],
          [t("meetings.facts.when"), formatMeetingWhen(props.startsAt, props.endsAt, props.timeZone, locale)],
          [t("meetings.facts.location"), props.location],
          [
            t("meetings.facts.video"),
            props.videoUrl ? (
              <Link href={props.videoUrl} style={linkStyle}>
                {props.videoUrl}
              </Link>
            ) : null,
          ],
          [t("meetings.facts.organizer"), props.organizerName],
          [t("meetings.facts.room"), props.roomTitle],
        ]}
      />
      <EmailNote>
        {t(props.kind === "cancelled" ? "meetings.invitation.icsCancel" : "meetings.invitation.ics")}
      </EmailNote>
      {props.kind === "cancelled" ? null : (
        <EmailAction locale={locale} url={props.url} label={t("meetings.invitation.button")} />
      )}
    </EmailLayout>
  );
}

MeetingInvitationEmail.PreviewProps = {
  locale: "ja",
  recipientName: "高橋 次郎",
  kind: "new",
  meetingTitle: "キックオフミーティング",
  meetingType: "kickoff",
  startsAt: "2026-12-07T01:00:00.000Z",
  endsAt: "2026-12-07T02:00:00.000Z",
  timeZone: "Asia/Tokyo",
  roomTitle: "2026年度 導入プロジェクト",
  accountName: "株式会社サンプル",
  location: "本社 5F 会議室A",
  videoUrl: "https://meet.example.com/abc-defg-hij",
  organizerName: "佐藤 花子",
  url: "http://localhost:3000/rooms/preview/meetings/preview",
  ics: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n",
} satisfies MeetingInvitationProps & { locale: EmailLocale };
