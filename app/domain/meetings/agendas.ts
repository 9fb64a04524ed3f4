/**
 * The built-in agenda of each meeting type, in both languages: what a meeting's shared notes start from
 * when the admins have not written their own (meeting_agenda_templates rows with null fall back here).
 * Each item becomes a heading with an empty paragraph under it, so the notes are written along the agenda.
 */
import type { RichTextDoc, RichTextNode } from "~/domain/richtext/richtext";
import type { Locale, MeetingType } from "~/vocabulary";

const ITEMS: Record<MeetingType, Record<Locale, string[]>> = {
  kickoff: {
    ja: [
      "自己紹介と役割",
      "ご購入いただいた内容と導入の背景",
      "成功の指標と KPI",
      "オンボーディングの進め方",
      "スケジュール",
      "質疑応答",
    ],
    en: [
      "Introductions and roles",
      "What was bought and why",
      "Success metrics and KPIs",
      "How onboarding will run",
      "The schedule",
      "Questions",
    ],
  },
  planning: {
    ja: ["製品で実現したいこと", "KPI", "意思決定者", "次のステップ"],
    en: ["What you want to achieve with the product", "The KPIs", "Who decides", "Next steps"],
  },
  regular: {
    ja: [
      "前回のアクションアイテムの確認",
      "進捗と完了したタスク",
      "課題とブロッカー",
      "今後 2 週間の予定",
      "次回までのアクション",
    ],
    en: [
      "Review of last meeting's action items",
      "Progress and completed tasks",
      "Issues and blockers",
      "The next two weeks",
      "Action items until next time",
    ],
  },
  steering: {
    ja: [
      "全体の進捗とマイルストーン",
      "目標と KPI の状況",
      "リスクと課題",
      "意思決定が必要な事項",
      "次のステップ",
    ],
    en: [
      "Overall progress and milestones",
      "Goals and KPIs",
      "Risks and issues",
      "Decisions needed",
      "Next steps",
    ],
  },
  review: {
    ja: [
      "達成できたこと",
      "目標と KPI の結果",
      "うまくいったこと・改善したいこと",
      "今後の活用と次のステップ",
    ],
    en: [
      "What was achieved",
      "Results against goals and KPIs",
      "What went well, what to improve",
      "Next steps",
    ],
  },
};

function agendaDoc(items: string[]): RichTextDoc {
  const content: RichTextNode[] = [];
  for (const item of items) {
    content.push({ type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: item }] });
    content.push({ type: "paragraph" });
  }
  return { type: "doc", content };
}

/** The built-in agenda of a meeting type in a language. */
export function builtInAgenda(type: MeetingType, locale: Locale): RichTextDoc {
  return agendaDoc(ITEMS[type][locale]);
}
