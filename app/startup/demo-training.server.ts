/**
 * Demo training (issue 12): a small library in Japanese and English (a lesson, a quiz, a link), a path per
 * language, the templates' default curricula (admins and members), and those paths in the demo rooms.
 * No demo video: no real video file can be produced offline here (the library takes MP4/WebM uploads).
 */
import type { StaffUser } from "~/access/users";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { parseRichText } from "~/domain/richtext/richtext";
import { addPathToRoom, addTemplateCurriculum } from "~/domain/training/curriculum.server";
import { changePath, createModule, createPath } from "~/domain/training/library.server";
import type { Locale } from "~/vocabulary";

type DemoPlan = { csm: { id: string } & Record<string, unknown>; roomId: string; templateId: string };

const TEXT = {
  ja: {
    lesson: "管理者向け: 初期設定の流れ",
    intro: "このレッスンでは、貴社の管理者が最初に行う設定を順に説明します。",
    steps: ["組織とユーザーの登録", "権限の割り当て", "通知の設定"],
    outro: "最後まで読むと、このレッスンは完了になります。",
    quiz: "理解度チェック: 初期設定",
    quizText:
      "? 最初に行う設定はどれですか\n* 組織とユーザーの登録\n- 通知の設定\n\n? 権限を割り当てるのは誰ですか\n* 貴社の管理者\n- 一般利用者",
    link: "ヘルプセンター: よくある質問",
    path: "管理者向けパス",
    // Tags are free text, shown as typed: written in the room's language like the rest of the demo.
    adminPersona: "管理者",
    userPersona: "利用者",
  },
  en: {
    lesson: "For admins: first-time setup",
    intro: "This lesson walks your admins through the first settings to make.",
    steps: ["Register the organisation and users", "Assign permissions", "Set up notifications"],
    outro: "Reading to the end completes this lesson.",
    quiz: "Check: first-time setup",
    quizText:
      "? What comes first?\n* Registering the organisation and users\n- Notifications\n\n? Who assigns permissions?\n* Your admins\n- End users",
    link: "Help centre: frequently asked questions",
    path: "Admin path",
    adminPersona: "Administrators",
    userPersona: "End users",
  },
} as const;

export function seedDemoTraining(plans: DemoPlan[], locales: Locale[]): void {
  plans.forEach((plan, index) => {
    const lang = locales[index] ?? "en";
    const actor = plan.csm as unknown as StaffUser;
    const x = TEXT[lang];
    const base = { product: "Launchroom", persona: x.adminPersona, language: lang };
    const lesson = createModule(
      actor,
      {
        ...base,
        kind: "lesson",
        title: x.lesson,
        doc: parseRichText({
          type: "doc",
          content: [
            paragraph(x.intro),
            {
              type: "orderedList",
              content: x.steps.map((step) => ({ type: "listItem", content: [paragraph(step)] })),
            },
            paragraph(x.outro),
          ],
        }),
      },
      null,
    );
    const quiz = createModule(
      actor,
      { ...base, kind: "quiz", title: x.quiz, quizText: x.quizText, passScore: 100, maxAttempts: 3 },
      null,
    );
    const link = createModule(
      actor,
      { ...base, persona: x.userPersona, kind: "link", title: x.link, url: "https://example.com/help" },
      null,
    );
    const path = createPath({ title: x.path, persona: x.adminPersona, language: lang });
    changePath(path, 1, { op: "add", moduleId: lesson, dueOffsetDays: 7 });
    changePath(path, 2, { op: "add", moduleId: quiz, dueOffsetDays: 10 });
    changePath(path, 3, { op: "add", moduleId: link, dueOffsetDays: 14 });
    addTemplateCurriculum(plan.templateId, { pathId: path, audience: "all_customers" });
    // The demo rooms' plans exist already: the room gets the path as the template would have given it.
    const ctx = { ...getRoomAccess(plan.csm as never, plan.roomId)!, user: plan.csm as never };
    addPathToRoom(ctx, { pathId: path, audience: "all_customers" });
  });
}

function paragraph(text: string) {
  return { type: "paragraph", content: [{ type: "text", text }] };
}
