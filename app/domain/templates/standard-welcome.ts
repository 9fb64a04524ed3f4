/**
 * The welcome notes of the standard templates (and the demo rooms), as Tiptap JSON: what a CSM writes
 * to a new customer — who we are, what happens first, how to reach us. Checked by the same allow-list
 * when stored.
 */
import type { RichTextNode } from "~/domain/richtext/richtext";

const text = (value: string, marks?: RichTextNode["marks"]): RichTextNode =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const bold = (value: string) => text(value, [{ type: "bold" }]);
const p = (...content: (RichTextNode | string)[]): RichTextNode => ({
  type: "paragraph",
  content: content.map((c) => (typeof c === "string" ? text(c) : c)),
});
const h = (level: 2 | 3, value: string): RichTextNode => ({
  type: "heading",
  attrs: { level },
  content: [text(value)],
});
const ol = (...items: (RichTextNode | string)[][]): RichTextNode => ({
  type: "orderedList",
  content: items.map((item) => ({ type: "listItem", content: [p(...item)] })),
});
const ul = (...items: (RichTextNode | string)[][]): RichTextNode => ({
  type: "bulletList",
  content: items.map((item) => ({ type: "listItem", content: [p(...item)] })),
});
const tasks = (...items: string[]): RichTextNode => ({
  type: "taskList",
  content: items.map((item) => ({ type: "taskItem", attrs: { checked: false }, content: [p(item)] })),
});
const doc = (...content: RichTextNode[]): RichTextNode => ({ type: "doc", content });

export const STANDARD_WELCOME_JA = doc(
  h(2, "オンボーディングへようこそ"),
  p(
    "このたびはご導入いただき、誠にありがとうございます。これから約90日間、貴社の皆様が製品を使いこなし、最初の成果を実感していただくまで、私たちカスタマーサクセスチームが伴走いたします。",
  ),
  h(3, "最初に行うこと"),
  ol(
    [
      bold("キックオフミーティング"),
      "：双方の体制と役割、導入の目的、成果を測る指標（KPI）、スケジュールを確認します。",
    ],
    [bold("ゴールの合意"), "：貴社にとっての「成功」を一緒に言葉にし、このルームの計画に反映します。"],
    [bold("初期設定"), "：ユーザー登録と権限設定、データ連携の準備を進めます。"],
  ),
  p("キックオフまでに、次の点をご準備いただけるとスムーズです。"),
  tasks("プロジェクトのご担当者と意思決定者のご確認", "ご利用予定のユーザー数と部署の整理"),
  h(3, "ご連絡方法"),
  p(
    "ご質問やご相談は、このルームのタスクへのコメントでいつでもお寄せください。担当 CSM が通常1営業日以内にお返事いたします。お急ぎの場合はメールでもご連絡ください。",
  ),
  p("皆様と一緒にプロジェクトを進められることを、チーム一同楽しみにしております。"),
);

export const STANDARD_WELCOME_EN = doc(
  h(2, "Welcome to your onboarding"),
  p(
    "Thank you for choosing us. Over the next 90 days our Customer Success team will work alongside your team until you are using the product with confidence and seeing your first results.",
  ),
  h(3, "What happens first"),
  ol(
    [
      bold("Kickoff meeting"),
      ": we introduce both teams and their roles, and agree on goals, the KPIs we will measure and the schedule.",
    ],
    [
      bold("Agreeing on success"),
      ": we write down together what success means for you and shape this room's plan around it.",
    ],
    [bold("Setup"), ": user accounts and permissions, and getting your data connected."],
  ),
  p("Before the kickoff, it helps if you can:"),
  tasks(
    "Confirm your project lead and the decision maker",
    "List the teams and roughly how many people will use the product",
  ),
  h(3, "How to reach us"),
  p(
    "Ask anything by commenting on a task in this room; your CSM usually answers within one business day. If something is urgent, email us as well.",
  ),
  p("We're looking forward to working with you."),
);

/** The demo rooms' own notes, written by their CSM for that customer. */
export const DEMO_WELCOME_SAMPLE_JA = doc(
  h(2, "サンプル商事の皆様、ようこそ"),
  p(
    "担当カスタマーサクセスの佐藤です。このたびは Launchroom をご導入いただき、ありがとうございます。貴社の営業部門が案件情報を一か所で共有し、週次の報告作業を半分にすることを最初のゴールとして、ご一緒に進めてまいります。",
  ),
  h(3, "最初の2週間"),
  ul(
    [bold("キックオフ"), "：双方の体制、ゴールと KPI、スケジュールを確認します。"],
    [bold("SSO 設定"), "：貴社の情報システム部門の皆様と一緒に設定します。"],
    [bold("管理者トレーニング"), "：運用を担っていただく方向けに1時間のオンライン研修を行います。"],
  ),
  p(
    "ご不明な点は、このルームのタスクへのコメント、または ",
    text("sato@launchroom.example", [{ type: "link", attrs: { href: "mailto:sato@launchroom.example" } }]),
    " までお気軽にご連絡ください。どうぞよろしくお願いいたします。",
  ),
);

export const DEMO_WELCOME_ACME_EN = doc(
  h(2, "Welcome, Acme Analytics team"),
  p(
    "I'm Emily, your Customer Success Manager. Thank you for choosing Launchroom. Our first goal together is a single shared view of every onboarding project, so your analysts stop rebuilding status reports by hand.",
  ),
  h(3, "What happens first"),
  ul(
    [bold("Kickoff"), ": roles on both sides, goals and KPIs, and the schedule."],
    [bold("Data connection"), ": we connect your warehouse with your IT administrator."],
    [bold("Admin training"), ": a one-hour session for the people who will run the product."],
  ),
  p(
    "Questions? Comment on any task in this room, or email me at ",
    text("emily@launchroom.example", [{ type: "link", attrs: { href: "mailto:emily@launchroom.example" } }]),
    ". I usually reply within one business day.",
  ),
);
