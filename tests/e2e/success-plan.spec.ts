import type { Page } from "@playwright/test";
import { collectPageErrors, expect, linkFromEmail, STAFF_PASSWORD, test } from "./fixtures";

/**
 * The success plan in Chromium, in Japanese on a 390 px phone: the demo CSM adds a goal (a number that is
 * not one is refused with its message and the typed text kept, then fixed), a customer member of the room
 * records a check-in, and the goal shows its chart and its status.
 */
test.describe.configure({ mode: "serial", timeout: 120_000 });

const ROOM = "導入オンボーディング 2026";
const ITO = "ito@sample-shoji.co.jp";
const STATEMENT = "請求書処理の時間を半分にする";

/** The password card of /sign-in, in Japanese. */
async function signInAsStaffJa(page: Page, email: string) {
  await page.goto("/sign-in");
  const card = page.getByRole("region", { name: "スタッフ用：メールアドレスとパスワード" });
  await card.getByLabel("メールアドレス").fill(email);
  await card.getByLabel("パスワード").fill(STAFF_PASSWORD);
  await card.getByRole("button", { name: "ログイン" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 15_000 });
}

test("a CSM adds a goal, a customer member checks in, the chart and status show", async ({
  browser,
  sink,
  baseURL,
}) => {
  const phone = { baseURL, locale: "ja-JP", viewport: { width: 390, height: 800 } };
  const staff = await browser.newContext(phone);
  let roomPath = "";
  try {
    const page = await staff.newPage();
    const errors = collectPageErrors(page);
    await signInAsStaffJa(page, "sato@launchroom.example");
    await page.goto("/rooms?list=1");
    await page.getByRole("link", { name: ROOM }).first().click();
    await expect(page).toHaveURL(/\/rooms\/[^/]+$/);
    roomPath = new URL(page.url()).pathname;
    await page
      .getByRole("navigation", { name: "ルームのセクション" })
      .getByRole("link", { name: "サクセスプラン" })
      .click();
    await expect(page).toHaveURL(new RegExp(`${roomPath}/goals$`));
    await expect(page.getByRole("heading", { name: "サクセスプラン（目標とKPI）" })).toBeVisible();

    const add = page.getByRole("region", { name: "目標を追加" });
    await add.getByRole("textbox", { name: "目標", exact: true }).fill(STATEMENT);
    await add.getByRole("textbox", { name: "KPI", exact: true }).fill("1件あたりの処理時間");
    await add.getByRole("textbox", { name: "単位", exact: true }).fill("分");
    await add.getByRole("textbox", { name: "基準値", exact: true }).fill("たくさん");
    await add.getByRole("textbox", { name: "目標値", exact: true }).fill("１０");
    await add.getByRole("textbox", { name: "期限", exact: true }).fill("2027-03-31");
    await add.getByRole("checkbox", { name: "本番稼働" }).check();
    await add.getByRole("button", { name: "目標を追加" }).click();
    // Refused: the message says what to do, the focus is on the field, what was typed is kept.
    const baseline = add.getByRole("textbox", { name: "基準値", exact: true });
    await expect(add.getByText("1,200 や 12.5 のように数値で入力してください。")).toBeVisible();
    await expect(baseline).toBeFocused();
    await expect(add.getByRole("textbox", { name: "目標", exact: true })).toHaveValue(STATEMENT);
    await expect(add.getByRole("checkbox", { name: "本番稼働" })).toBeChecked();
    await baseline.fill("２０");
    await add.getByRole("button", { name: "目標を追加" }).click();
    await expect(page.getByRole("status").first()).toContainText("目標を追加しました。");
    const goal = page.getByTestId("goal").filter({ hasText: STATEMENT });
    await expect(goal.getByTestId("goal-status")).toHaveText("実績未入力");
    await expect(goal.getByRole("link", { name: "本番稼働" })).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await staff.close();
  }

  const customer = await browser.newContext(phone);
  try {
    const page = await customer.newPage();
    const errors = collectPageErrors(page);
    await page.goto("/sign-in");
    const linkCard = page.getByRole("region", { name: "ログイン用リンクをメールで受け取る" });
    await linkCard.getByLabel("メールアドレス").fill(ITO);
    await linkCard.getByRole("button", { name: "ログインリンクを送信" }).click();
    await page.goto(await linkFromEmail(sink, ITO, "/auth/link"));
    await page.getByRole("button", { name: "ログインする" }).click();
    await expect(page).toHaveURL(/\/rooms\/[^/]+$/, { timeout: 15_000 });

    // The home shows the success plan and links to it.
    const card = page.getByRole("region", { name: "サクセスプラン" });
    await expect(card).toContainText(STATEMENT);
    await card.getByRole("link", { name: "サクセスプランを開く" }).click();
    await expect(page).toHaveURL(new RegExp(`${roomPath}/goals$`));

    const goal = page.getByTestId("goal").filter({ hasText: STATEMENT });
    await goal.getByText("実績を記録").click();
    const form = goal.getByRole("form", { name: `「${STATEMENT}」の実績` });
    await form.getByLabel("値（分）").fill("15");
    await form.getByLabel("コメント").fill("経理部で試行");
    await form.getByRole("button", { name: "実績を保存" }).click();
    await expect(page.getByRole("status").first()).toContainText("実績を保存しました");
    const after = page.getByTestId("goal").filter({ hasText: STATEMENT });
    await expect(after.getByTestId("goal-status")).toHaveText(/順調|要注意/);
    await expect(after.getByTestId("goal-chart")).toBeVisible();
    await expect(after.getByTestId("goal-chart-point")).toHaveCount(1);
    await expect(after.getByRole("img", { name: new RegExp(STATEMENT) })).toBeVisible();
    await after.getByText("実績 1 件").click();
    await expect(after.getByTestId("goal-checkins")).toContainText("経理部で試行");
    // Customers check in but do not edit goals.
    await expect(page.getByRole("region", { name: "目標を追加" })).toHaveCount(0);
    // Nothing overflows the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  } finally {
    await customer.close();
  }
});
