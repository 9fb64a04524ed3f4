import {
  EmailAction,
  EmailHeading,
  EmailLayout,
  EmailNote,
  EmailParagraph,
  emailT,
  type EmailLocale,
} from "./layout";

/** The customer submitted a form (ヒアリングシート): the account's CSM is told, with a link to review it. */
export interface FormSubmittedProps {
  recipientName: string;
  submitterName: string;
  accountName: string;
  roomTitle: string;
  formTitle: string;
  taskTitle: string;
  /** The submission's number (1 for the first, 2 after one round of sending back, …). */
  number: number;
  url: string;
}

export function formSubmittedSubject(props: FormSubmittedProps, locale: EmailLocale): string {
  return emailT(locale)(props.number > 1 ? "forms.resubmittedSubject" : "forms.submittedSubject", {
    formTitle: props.formTitle,
    accountName: props.accountName,
  });
}

export function FormSubmittedEmail(props: FormSubmittedProps & { locale: EmailLocale }) {
  const t = emailT(props.locale);
  const vars = { ...props, name: props.recipientName };
  return (
    <EmailLayout
      locale={props.locale}
      title={formSubmittedSubject(props, props.locale)}
      preview={t("forms.submittedPreview", vars)}
    >
      <EmailParagraph>{t("forms.staffGreeting", vars)}</EmailParagraph>
      <EmailHeading>{t("forms.submittedHeading", vars)}</EmailHeading>
      <EmailParagraph>{t("forms.submittedBody", vars)}</EmailParagraph>
      <EmailAction locale={props.locale} url={props.url} label={t("forms.reviewButton")} />
    </EmailLayout>
  );
}

FormSubmittedEmail.PreviewProps = {
  locale: "ja",
  recipientName: "佐藤 健",
  submitterName: "高橋 直子",
  accountName: "サンプル商事",
  roomTitle: "2025年度 導入プロジェクト",
  formTitle: "導入ヒアリングシート",
  taskTitle: "ヒアリングシートのご記入",
  number: 1,
  url: "http://localhost:3000/rooms/preview/tasks/preview/form",
} satisfies FormSubmittedProps & { locale: EmailLocale };

/** Fields of a submitted form were sent back (差し戻し): the customer's people on the task are told which and why. */
export interface FormReturnedProps {
  recipientName: string;
  senderName: string;
  accountName: string;
  roomTitle: string;
  formTitle: string;
  taskTitle: string;
  returns: { label: string; comment: string }[];
  url: string;
}

export function formReturnedSubject(props: FormReturnedProps, locale: EmailLocale): string {
  return emailT(locale)("forms.returnedSubject", { formTitle: props.formTitle, roomTitle: props.roomTitle });
}

export function FormReturnedEmail(props: FormReturnedProps & { locale: EmailLocale }) {
  const t = emailT(props.locale);
  const vars = { ...props, name: props.recipientName, count: props.returns.length };
  return (
    <EmailLayout
      locale={props.locale}
      title={formReturnedSubject(props, props.locale)}
      preview={t("forms.returnedPreview", vars)}
    >
      <EmailParagraph>{t("forms.customerGreeting", vars)}</EmailParagraph>
      <EmailHeading>{t("forms.returnedHeading", vars)}</EmailHeading>
      <EmailParagraph>{t("forms.returnedBody", vars)}</EmailParagraph>
      {props.returns.map((r, i) => (
        <EmailParagraph key={i}>
          <strong>{r.label}</strong>
          <br />
          {r.comment}
        </EmailParagraph>
      ))}
      <EmailAction locale={props.locale} url={props.url} label={t("forms.fixButton")} />
      <EmailNote>{t("forms.returnedNote")}</EmailNote>
    </EmailLayout>
  );
}

FormReturnedEmail.PreviewProps = {
  locale: "ja",
  recipientName: "高橋 直子",
  senderName: "佐藤 健",
  accountName: "サンプル商事",
  roomTitle: "2025年度 導入プロジェクト",
  formTitle: "導入ヒアリングシート",
  taskTitle: "ヒアリングシートのご記入",
  returns: [{ label: "本番稼働希望日", comment: "年度末の繁忙期を避けた日付でご検討ください。" }],
  url: "http://localhost:3000/rooms/preview/tasks/preview/form",
} satisfies FormReturnedProps & { locale: EmailLocale };
