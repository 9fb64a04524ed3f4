import type { Page } from "@playwright/test";
import { collectPageErrors, expect, linkFromEmail, signInWithPassword, test } from "./fixtures";

/**
 * The RACI (体制図) in Chromium, in Japanese: the CSM of 株式会社サンプル商事 completes the one broken row
 * with the keyboard only (arrow keys move, R/A/C/I set) and sees the count fall to 0, saved in place and
 * announced; the customer admin sets a letter in his own column, is refused the vendor's column with the
 * focus kept on the cell, and opens the printable page.
 *
 * The demo fills the room's RACI from the Japanese template; the admin training (管理者トレーニング) has
 * no R (nobody in the room is an implementation consultant), the demo's deliberately broken row.
 */
test.describe.configure({ mode: "serial", timeout: 120_000 });

const SATO = "sato@launchroom.example";
const TANAKA = "tanaka@sample-shoji.co.jp";
const ROOM = "導入オンボーディング 2026";
const BROKEN_ROW = "管理者トレーニング";

const focused = (page: Page) => page.locator(":focus");

/** Moves the focus with one arrow key until the focused cell's name contains `text` (at most 30 steps). */
async function moveUntil(page: Page, key: string, text: string) {
  for (let i = 0; i < 30; i++) {
    if (((await focused(page).getAttribute("aria-label")) ?? "").includes(text)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`no cell named "${text}" reached with ${key}`);
}

let roomPath = "";

test("the CSM completes the broken row with the keyboard and the count falls to 0", async ({ page }) => {
  await signInWithPassword(page, SATO);
  await page.goto("/rooms");
  await page.getByRole("link", { name: ROOM }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: ROOM })).toBeVisible();
  roomPath = new URL(page.url()).pathname;
  await page
    .getByRole("navigation", { name: "ルームのセクション" })
    .getByRole("link", { name: "体制図" })
    .click();
  await expect(page).toHaveURL(/\/raci$/);
  const grid = page.getByRole("grid", { name: "体制図（RACI）" });
  await expect(grid).toBeVisible();
  const count = page.getByTestId("raci-broken-count");
  await expect(count).toHaveText("1 行の確認が必要です");
  const row = page.locator("tr", { has: page.getByRole("rowheader", { name: new RegExp(BROKEN_ROW) }) });
  await expect(row.getByTestId("raci-row-problem")).toContainText("R（実行責任者）がいません");

  // One tab stop: the first cell. From there on, the keyboard only.
  await grid.getByRole("gridcell").first().focus();
  await moveUntil(page, "ArrowDown", BROKEN_ROW);
  await moveUntil(page, "ArrowRight", "佐藤 美咲");
  await expect(focused(page)).toHaveAttribute("aria-label", /最終責任者（A）/);
  await page.keyboard.press("r");
  await expect(focused(page)).toHaveAttribute(
    "aria-label",
    /管理者トレーニング — 佐藤 美咲：実行責任者（R）/,
  );
  await expect(page.getByTestId("live-message")).toContainText("佐藤 美咲 さんを R にしました");
  // R but no A now: still one row to fix, and it says why.
  await expect(count).toHaveText("1 行の確認が必要です");
  await expect(row.getByTestId("raci-row-problem")).toContainText("A（最終責任者）がいません");
  await moveUntil(page, "ArrowRight", "田中 一郎");
  await page.keyboard.press("a");
  await expect(count).toHaveText(/すべての行がルールを満たしています/);
  await expect(row.getByTestId("raci-row-problem")).toHaveCount(0);
  await expect(page.getByTestId("live-message")).toContainText("田中 一郎 さんを A にしました");
  // Focus stayed in the grid the whole time.
  await expect(focused(page)).toHaveAttribute("role", "gridcell");

  // Saved: a reload shows the same letters and no broken row.
  await page.reload();
  await expect(page.getByTestId("raci-broken-count")).toHaveText(/すべての行がルールを満たしています/);
  const cells = page.locator("tr", { has: page.getByRole("rowheader", { name: new RegExp(BROKEN_ROW) }) });
  await expect(cells.getByRole("gridcell", { name: /佐藤 美咲：実行責任者（R）/ })).toBeVisible();
  await expect(cells.getByRole("gridcell", { name: /田中 一郎：最終責任者（A）/ })).toBeVisible();
});

test("the customer admin sets a letter in his column, is refused the vendor's, and prints", async ({
  browser,
  sink,
  baseURL,
}) => {
  const context = await browser.newContext({
    baseURL,
    locale: "ja-JP",
    viewport: { width: 390, height: 800 },
  });
  try {
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto("/sign-in");
    const linkCard = page.getByRole("region", { name: "ログイン用リンクをメールで受け取る" });
    await linkCard.getByLabel("メールアドレス").fill(TANAKA);
    await linkCard.getByRole("button", { name: "ログインリンクを送信" }).click();
    await expect(page.getByRole("status").first()).toContainText("ログインリンクを送信しました");
    await page.goto(await linkFromEmail(sink, TANAKA, "/auth/link"));
    await page.getByRole("button", { name: "ログインする" }).click();
    await expect(page).toHaveURL(/\/rooms\/[^/]+$/, { timeout: 15_000 });
    await page.goto(`${roomPath}/raci`);
    const grid = page.getByRole("grid", { name: "体制図（RACI）" });
    await expect(grid).toBeVisible();
    // On a phone the grid scrolls inside its own box; the page does not.
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(390);

    await grid.getByRole("gridcell").first().focus();
    await moveUntil(page, "ArrowDown", "ゴールとKPIの合意");
    await moveUntil(page, "ArrowRight", "伊藤 さくら");
    await page.keyboard.press("c");
    await expect(focused(page)).toHaveAttribute("aria-label", /伊藤 さくら：相談先（C）/);
    await expect(page.getByTestId("live-message")).toContainText("伊藤 さくら さんを C にしました");

    // The vendor's column is read-only for customers: the alert says so and the focus stays on the cell.
    await moveUntil(page, "Home", "佐藤 美咲");
    await page.keyboard.press("i");
    await expect(page.getByTestId("raci-error")).toContainText("変更できません");
    await expect(focused(page)).toHaveAttribute("aria-label", /ゴールとKPIの合意 — 佐藤 美咲/);
    await expect(focused(page)).not.toHaveAttribute("aria-label", /報告先（I）/);

    // The printable page: shared rows, no navigation.
    await page.getByRole("link", { name: "印刷用ページ" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("体制図（RACI）");
    await expect(page.getByTestId("raci-print-table")).toContainText("ゴールとKPIの合意");
    await expect(page.getByRole("navigation", { name: "ルームのセクション" })).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
