/**
 * Demo: a Japanese hearing sheet (ヒアリングシート) in the form library — company information, current
 * tools, the customer's users as a table, the go-live date and whether SSO is needed — and a copy of it
 * attached to an open customer-side task of the Japanese room (サンプル商事), built through the domain
 * commands as a CSM would.
 */
import { and, asc, eq, ne } from "drizzle-orm";
import type { Tx } from "#db/client.server";
import { forms, tasks } from "#db/schema";
import type { SessionUser, StaffUser } from "~/access/users";
import { addField, attachToTask, createLibraryForm } from "~/domain/forms/forms.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import type { FormFieldKind } from "~/vocabulary";

export const DEMO_HEARING_SHEET = "導入ヒアリングシート";

export function seedDemoForms(tx: Tx, plan: { csm: SessionUser; roomId: string }): void {
  const actor = plan.csm as StaffUser;
  const formId = createLibraryForm(actor, {
    title: DEMO_HEARING_SHEET,
    description:
      "導入準備のため、貴社の現在の状況をお聞かせください。途中で下書き保存できます。ご不明な点は担当CSMまでお気軽にお問い合わせください。",
    language: "ja",
  });
  const scope = { kind: "library" as const, actor };
  const fields: {
    kind: FormFieldKind;
    label: string;
    help?: string;
    required?: boolean;
    options?: string;
  }[] = [
    { kind: "short_text", label: "会社名（正式名称）", required: true },
    { kind: "number", label: "従業員数", help: "概数で構いません。", required: true },
    { kind: "long_text", label: "事業内容", help: "主な事業・サービスを簡単にご記入ください。" },
    {
      kind: "multiple_choice",
      label: "現在お使いのツール",
      options: "Excel／スプレッドシート\nSalesforce\nkintone\nSlack\nMicrosoft Teams\nその他",
    },
    {
      kind: "table",
      label: "ご利用予定のユーザー",
      help: "初期設定で登録するユーザーをご記入ください。",
      required: true,
      options: "氏名 | text | required\nメールアドレス | email | required\n役割 | text",
    },
    { kind: "date", label: "本番稼働希望日", required: true },
    { kind: "yes_no", label: "シングルサインオン（SSO）の利用を希望されますか", required: true },
    {
      kind: "file",
      label: "現行の業務フロー図（任意）",
      help: "PDF・画像・Excel などをアップロードできます。",
    },
  ];
  for (const f of fields) {
    const version = tx.select({ version: forms.version }).from(forms).where(eq(forms.id, formId)).get()!
      .version;
    addField(scope, formId, {
      kind: f.kind,
      label: f.label,
      help: f.help,
      required: f.required ?? false,
      options: f.options,
      version,
    });
  }
  const task = tx
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.roomId, plan.roomId),
        ne(tasks.side, "vendor"),
        eq(tasks.visibility, "shared"),
        ne(tasks.status, "done"),
      ),
    )
    .orderBy(asc(tasks.position))
    .get();
  if (!task) return;
  const ctx = { ...getRoomAccess(plan.csm, plan.roomId)!, user: plan.csm };
  attachToTask(ctx, task.id, { formId, completesTask: true });
}
