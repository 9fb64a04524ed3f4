/**
 * Demo handoffs, written through the domain as sales and the CSMs would: サンプル商事's handoff submitted
 * by sales (鈴木) and acknowledged by its CSM (佐藤); Acme's submitted and waiting, with Emily's question
 * in its thread (so Emily's inbox on /alerts has an item).
 */
import { eq } from "drizzle-orm";
import type { Tx } from "#db/client.server";
import { accounts, users } from "#db/schema";
import {
  acknowledgeHandoff,
  addHandoffMessage,
  getHandoffAccess,
  submitHandoff,
} from "~/domain/handoffs/handoffs.server";
import { parseRichText } from "~/domain/richtext/richtext";

export function seedDemoHandoffs(tx: Tx): void {
  const user = (email: string) => tx.select().from(users).where(eq(users.email, email)).get();
  const account = (name: string) => tx.select().from(accounts).where(eq(accounts.name, name)).get();
  const suzuki = user("suzuki@launchroom.example");
  const sato = user("sato@launchroom.example");
  const emily = user("emily@launchroom.example");
  const sample = account("株式会社サンプル商事");
  const acme = account("Acme Analytics Inc.");
  if (!suzuki || !sato || !emily || !sample || !acme) return;

  submitHandoff(getHandoffAccess(suzuki, sample.id), {
    version: 0,
    productsBought: "Launchroom Business プラン（50 ユーザー）、SSO オプション",
    whyBought:
      "顧客オンボーディングが Excel とメールで属人化しており、導入の遅れに気づくのが遅い。立ち上げ期間を短くしたい。",
    successMetrics: "導入開始から本番稼働まで 90 日以内。初年度の新規顧客オンボーディング完了率 95%。",
    constraints: "情報システム部のセキュリティ審査（2 週間）が必要。",
    promises: "SSO の設定は当社が支援する。キックオフは 11 月第 2 週。",
    risks: "情報システム部の稼働が 12 月は逼迫する。",
    competitors: "他社オンボーディングツール A 社（価格で比較）",
    contractStart: "2026-11-01",
    contractEnd: "2027-10-31",
    crmDealUrl: "https://crm.example.com/deals/1042",
    people: [
      { name: "高橋 誠", email: "takahashi@sample-shoji.co.jp", title: "取締役 CIO", teamRole: "sponsor" },
      {
        name: "田中 一郎",
        email: "tanaka@sample-shoji.co.jp",
        title: "情報システム部 部長",
        teamRole: "project_lead",
      },
      {
        name: "小林 美穂",
        email: "kobayashi@sample-shoji.co.jp",
        title: "営業企画部",
        teamRole: "end_user_lead",
      },
    ],
    notes: parseRichText({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [{ type: "text", text: "決裁は高橋様。稟議は 10 月に通過済みです。" }],
        },
      ],
    }),
  });
  const sampleHandoff = getHandoffAccess(sato, sample.id);
  addHandoffMessage(sampleHandoff, "SSO の対象 IdP は Entra ID で確定でしょうか。");
  addHandoffMessage(getHandoffAccess(suzuki, sample.id), "はい、Entra ID で確定です。");
  acknowledgeHandoff(sampleHandoff, 1);

  submitHandoff(getHandoffAccess(suzuki, acme.id), {
    version: 0,
    productsBought: "Launchroom Starter (10 seats)",
    whyBought: "Customer onboarding is tracked in spreadsheets; they want one place the customer shares.",
    successMetrics: "First customer onboarded in the tool within 60 days; time to first value under 45 days.",
    contractStart: "2026-10-15",
    contractEnd: "2027-10-14",
    crmDealUrl: "https://crm.example.com/deals/1077",
    promises: "A CSV import of their existing plan template.",
    risks: "Single champion (Jordan); no executive sponsor named yet.",
    people: [
      {
        name: "Jordan Lee",
        email: "jordan@acme-analytics.com",
        title: "Head of Analytics",
        teamRole: "sponsor",
      },
      { name: "Priya Shah", email: "priya@acme-analytics.com", title: "Data engineer", teamRole: "it_admin" },
    ],
    notes: null,
  });
  addHandoffMessage(
    getHandoffAccess(emily, acme.id),
    "Did they agree to a date for the CSV import, or is it open?",
  );
}
