import type { Browser } from "@playwright/test";
import { collectPageErrors, expect, signInWithPassword, test } from "./fixtures";

/**
 * The post-onboarding review in Chromium, in Japanese, with the SMTP sink: 佐藤 (CSM) starts the review of
 * サンプル商事, answers, adds a finding that proposes a template change and asks the customer; 田中 様 opens
 * the emailed link without signing in and answers with the keyboard; the admin accepts the proposal on the
 * review report; 佐藤 completes the review and the portfolio shows the room in 活用定着.
 */
test.describe.configure({ mode: "serial", timeout: 180_000 });

const SATO = "sato@launchroom.example";
const ADMIN = "admin@launchroom.example";
const TANAKA = "tanaka@sample-shoji.co.jp";
const SAMPLE_ROOM = "導入オンボーディング 2026";

async function openAs(browser: Browser, baseURL: string | undefined, email?: string) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
    locale: "ja-JP",
  });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const lang = async (value: string) =>
    context.addCookies([{ name: "launchroom_lang", value, url: baseURL ?? "http://127.0.0.1" }]);
  // The shared sign-in helper reads the English form; the spec itself runs in Japanese.
  if (email) {
    await lang("en");
    await signInWithPassword(page, email);
    // A signed-in user's stored language wins over the cookie, and an earlier spec may have stored English.
    const stored = await context.request.post("/language", {
      form: { locale: "ja", redirectTo: "/" },
      headers: { Origin: new URL(baseURL ?? page.url()).origin },
      maxRedirects: 0,
    });
    expect(stored.status()).toBeLessThan(400);
  }
  return {
    page,
    close: async () => {
      await context.close();
      expect(errors, "errors in the browser").toEqual([]);
    },
  };
}

test("review: answers, a finding with a template change, the customer's survey, accept, complete", async ({
  browser,
  baseURL,
  sink,
}) => {
  const csm = await openAs(browser, baseURL, SATO);
  const page = csm.page;
  await page.goto("/portfolio");
  await page.getByRole("link", { name: SAMPLE_ROOM, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: SAMPLE_ROOM })).toBeVisible();
  const roomPath = new URL(page.url()).pathname;
  await page
    .getByRole("navigation", { name: "ルームのセクション" })
    .getByRole("link", { name: "振り返り" })
    .click();
  await expect(page).toHaveURL(`${roomPath}/review`);
  await page.getByRole("button", { name: "振り返りを始める" }).click();
  await expect(page.getByRole("status")).toHaveText("振り返りを始めました。");

  await page.getByLabel("お客様は目標を達成できる状態にあったか").fill("はい。初回の出荷連携は予定どおり。");
  await page
    .getByLabel("ギャップはどこで生じたか(営業、引き継ぎ、オンボーディング、製品、お客様側)")
    .fill("引き継ぎでセキュリティ審査が漏れた。");
  await page.getByRole("button", { name: "回答を保存" }).click();
  await expect(page.getByRole("status")).toHaveText("回答を保存しました。");

  // A finding proposing a change to a task of the template (two more days for it).
  await page.getByText("気づきを追加", { exact: true }).first().click();
  const form = page.locator("form").filter({ has: page.locator('input[name="intent"][value="addFinding"]') });
  await form.getByLabel("ギャップが生じた所").selectOption({ label: "引き継ぎ" });
  await form.getByLabel("放置した場合のコスト").selectOption({ label: "高" });
  await form.getByLabel("気づいたこと").fill("セキュリティ審査の有無を引き継ぎで確認していなかった。");
  await form.getByLabel("変更内容").selectOption({ label: "タスクを変更" });
  const taskSelect = form.getByLabel("変更するタスク");
  const taskLabel = (await taskSelect.locator("option").nth(1).textContent()) ?? "";
  await taskSelect.selectOption({ label: taskLabel });
  await form.getByLabel("タイトル(新規・変更後)").fill(`${taskLabel}(審査確認)`);
  await form.getByRole("button", { name: "気づきを追加" }).click();
  await expect(page.getByRole("status")).toHaveText("気づきを追加しました。");
  await expect(page.getByTestId("finding")).toContainText("管理者の判断待ち");

  // Ask the customer: the sponsor is ticked by default; 田中 様 is chosen.
  await page.getByRole("checkbox", { name: /田中 一郎/ }).check();
  await page.getByRole("button", { name: "お客様にアンケートを依頼" }).click();
  await expect(page.getByRole("status")).toContainText("アンケートを送りました。");
  await csm.close();

  const mail = await sink.waitFor((m) => m.to.includes(TANAKA) && m.subject.includes("アンケート"), 30_000);
  expect(mail.text).toContain("田中 一郎 様");
  const url = /https?:\/\/[^\s<>"\][)]+\/survey\/[a-z0-9]+/.exec(mail.text)?.[0];
  expect(url, mail.text).toBeTruthy();

  // The customer answers without signing in, with the keyboard only.
  const customer = await openAs(browser, baseURL);
  const survey = customer.page;
  await survey.goto(new URL(url!).pathname);
  await expect(
    survey.getByRole("heading", { level: 1, name: "オンボーディングはいかがでしたか" }),
  ).toBeVisible();
  const satisfaction = survey.getByRole("group", { name: /満足されましたか/ });
  await satisfaction.getByRole("radio", { name: "4", exact: true }).focus();
  await survey.keyboard.press("Space");
  await survey.keyboard.press("ArrowRight");
  await expect(satisfaction.getByRole("radio", { name: /^5/ })).toBeChecked();
  const recommend = survey.getByRole("group", { name: /薦める可能性/ });
  await recommend.getByRole("radio", { name: "9", exact: true }).focus();
  await survey.keyboard.press("Space");
  await survey.keyboard.press("Tab");
  await survey.keyboard.type("次の案件でもお願いしたいです。");
  await survey.keyboard.press("Tab");
  await survey.keyboard.press("Enter");
  await expect(survey.getByRole("heading", { level: 1, name: "ご回答ありがとうございました" })).toBeVisible();
  await customer.close();

  // The admin accepts the proposal on the review report.
  const admin = await openAs(browser, baseURL, ADMIN);
  await admin.page.goto("/reviews");
  const proposals = admin.page.getByTestId("proposals");
  const item = proposals
    .getByRole("listitem")
    .filter({ hasText: "セキュリティ審査の有無を引き継ぎで確認していなかった。" });
  await item.getByRole("button", { name: "採用" }).click();
  await expect(admin.page.getByRole("status")).toContainText("リビジョン");
  await admin.close();

  // 佐藤 sees the answer and the accepted change, completes the review; the portfolio shows 活用定着.
  const back = await openAs(browser, baseURL, SATO);
  await back.page.goto(`${roomPath}/review`);
  await expect(back.page.getByTestId("survey-answers")).toContainText("満足度 5/5 ・ 推奨度 9/10");
  await expect(back.page.getByTestId("finding")).toContainText("に採用");
  await back.page.getByRole("button", { name: "振り返りを完了する" }).click();
  await expect(back.page.getByRole("status")).toHaveText(
    "振り返りを完了しました。ルームは活用ステージになりました。",
  );
  await back.page.goto("/portfolio?view=list&scope=all");
  const row = back.page.getByRole("row").filter({ hasText: SAMPLE_ROOM });
  await expect(row).toContainText("活用定着");
  await back.close();
});
