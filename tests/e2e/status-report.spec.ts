import type { Page } from "@playwright/test";
import { expect as baseExpect, STAFF_PASSWORD, test } from "./fixtures";

/**
 * The weekly status report in Chromium, as the demo CSM (佐藤, Japanese): the preview on the room's
 * "週次レポート" tab, an intro, "今すぐ送信", the email arriving in the SMTP sink in Japanese for the
 * customer, and the printable page of what was sent, whose app header and buttons vanish in print.
 */
test.describe.configure({ mode: "serial", timeout: 120_000 });

// The machine may be busy (password hashing, the relay): wait longer than the default 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });

const ROOM = "導入オンボーディング 2026";
const CSM = "sato@launchroom.example";
const CUSTOMER = "tanaka@sample-shoji.co.jp";

async function signInAsCsm(page: Page) {
  await page.goto("/sign-in");
  const card = page.getByRole("region", { name: "Email and password" });
  await card.getByLabel("Email address").fill(CSM);
  await card.getByLabel("Password").fill(STAFF_PASSWORD);
  await card.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 30_000 });
}

test("the CSM previews, writes an intro, sends now; the customer's email is Japanese; the printable page prints clean", async ({
  page,
  sink,
}) => {
  await signInAsCsm(page);
  await page.goto("/portfolio");
  await page.getByRole("link", { name: ROOM }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: ROOM })).toBeVisible();

  await page
    .getByRole("navigation", { name: "ルームのセクション" })
    .getByRole("link", { name: "週次レポート" })
    .click();
  await expect(page.getByRole("heading", { name: "今週のレポート（プレビュー）" })).toBeVisible();
  const preview = page.getByTestId("report-preview");
  await expect(preview.getByRole("heading", { name: "この7日間に完了したこと" })).toBeVisible();
  await expect(preview.getByRole("heading", { name: "目標" })).toBeVisible();
  await expect(page.getByTestId("report-recipients")).toContainText(CUSTOMER);

  const intro = page.getByLabel("冒頭のメッセージ（任意）");
  // The demo has an intro ready for the next report.
  await expect(intro).toHaveValue(/今週の進捗をお送りします/);
  await intro.fill("今週はキックオフ後の準備が順調に進みました。\n引き続きよろしくお願いいたします。");
  await page.getByRole("button", { name: "今すぐ送信" }).click();
  await expect(page.getByRole("status")).toContainText(/レポートを \d+ 名に送信しました。/);

  const mail = await sink.waitFor(
    (m) =>
      m.to.includes(CUSTOMER) &&
      m.subject.startsWith("週次レポート：") &&
      m.text.includes("今週はキックオフ後の準備が順調に進みました。"),
    20_000,
  );
  expect(mail.subject).toContain(ROOM);
  expect(mail.text).toContain("田中 一郎 様");
  expect(mail.text).toContain("今週はキックオフ後の準備が順調に進みました。");
  expect(mail.text).toContain("期限超過・ブロック中");
  const printable = /https?:\/\/[^\s<>"\]]+\/reports\/[a-z0-9]+/.exec(mail.text)?.[0];
  expect(printable).toBeTruthy();

  // The sent list links to the printable page of the same report.
  const sent = page.getByTestId("sent-reports").getByRole("link").first();
  await expect(sent).toBeVisible();
  await sent.click();
  await expect(page).toHaveURL(new URL(printable!).pathname);
  await expect(page.getByRole("heading", { level: 1, name: `週次レポート：${ROOM}` })).toBeVisible();
  await expect(page.getByTestId("report-intro")).toContainText("引き続きよろしくお願いいたします。");
  const header = page.locator("body > header");
  const printButton = page.getByRole("button", { name: "印刷" });
  await expect(header).toBeVisible();
  await expect(printButton).toBeVisible();

  await page.emulateMedia({ media: "print" });
  await expect(header).toBeHidden();
  await expect(page.getByRole("navigation")).toHaveCount(0);
  await expect(printButton).toBeHidden();
  await expect(page.getByRole("link", { name: "週次レポートに戻る" })).toBeHidden();
  await expect(page.getByTestId("report-content")).toBeVisible();
  await page.emulateMedia({ media: "screen" });
});
