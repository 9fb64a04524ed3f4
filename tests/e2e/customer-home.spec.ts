import type { Page } from "@playwright/test";
import { collectPageErrors, expect, linkFromEmail, test } from "./fixtures";

/**
 * The customer's home and one-click updates (issue 9), in Japanese on a 390 px phone: a customer admin of
 * the demo's 株式会社サンプル商事 signs in by magic link, lands on the room's overview with the CSM's
 * contact card and the phase stepper, finishes a task from the plan without a reload (the scroll position
 * stays, the row says so, the live region announces it), and a refused change puts the focus on the error,
 * on the plan and on the overview.
 *
 * The tasks used here are none of the ones tests/e2e/plan.spec.ts changes (the suite shares one server).
 */
const TANAKA = "tanaka@sample-shoji.co.jp";
/** Tanaka's, joint, overdue, its only dependency (the kickoff) done by the seed. */
const PLANNING = "計画ミーティング（活用イメージのすり合わせ）";
/** Tanaka's, waiting on the integration, the training and the migration. */
const GO_LIVE = "本番稼働";
/** Tanaka's, waiting on the accounts task. */
const MIGRATION = "既存データの移行";

function taskRow(page: Page, title: string) {
  return page.getByTestId("task").filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

function doneName(title: string) {
  return new RegExp(`^完了にする\\s*: ${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

test("a customer finds her home and finishes a task in one click without losing her place", async ({
  browser,
  sink,
  baseURL,
}) => {
  // A long scenario on a shared machine: more than the default 30 s.
  test.setTimeout(90_000);
  const context = await browser.newContext({
    baseURL,
    locale: "ja-JP",
    viewport: { width: 390, height: 700 },
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
    const roomPath = new URL(page.url()).pathname;

    // Who the contact is, first on the phone.
    const contact = page.getByRole("region", { name: "担当カスタマーサクセス" });
    await expect(contact).toContainText("佐藤 美咲");
    await expect(contact).toContainText("カスタマーサクセスマネージャー");
    await expect(contact.getByRole("link", { name: "sato@launchroom.example" })).toHaveAttribute(
      "href",
      "mailto:sato@launchroom.example",
    );
    await expect(contact.getByRole("link", { name: "+81 3-1234-5678" })).toHaveAttribute(
      "href",
      "tel:+81312345678",
    );
    await expect(contact.getByRole("link", { name: /打ち合わせを予約/ })).toBeVisible();

    // What we wait on from her, and where the project stands by phase (state in words, not colour only).
    const waiting = page.getByRole("region", { name: "貴社にお願いしていること" });
    await expect(waiting.getByRole("link", { name: PLANNING })).toBeVisible();
    const steps = page.getByTestId("phase-stepper").getByRole("listitem");
    await expect(steps).toHaveCount(4);
    await expect(steps.first()).toContainText("進行中");
    await expect(steps.first()).toHaveAttribute("aria-current", "step");
    await expect(steps.nth(1)).toContainText("これから");
    // Nothing internal reaches a customer.
    await expect(page.getByText("営業からの引き継ぎ内容を確認")).toHaveCount(0);

    // On the plan: scroll to her task and mark it done. No reload, same scroll position.
    await page.goto(`${roomPath}/plan`);
    const planning = taskRow(page, PLANNING);
    await planning.getByRole("button", { name: doneName(PLANNING) }).scrollIntoViewIfNeeded();
    const scrolled = await page.evaluate(() => {
      (window as unknown as { __marker: string }).__marker = "still here";
      return window.scrollY;
    });
    expect(scrolled).toBeGreaterThan(200);
    await planning.getByRole("button", { name: doneName(PLANNING) }).click();
    await expect(planning.getByTestId("task-notice")).toHaveText("ステータスを更新しました。");
    await expect(page.getByTestId("live-message")).toHaveText("ステータスを更新しました。");
    await expect(planning.getByRole("button", { name: doneName(PLANNING) })).toHaveCount(0);
    await expect(planning.getByRole("combobox")).toHaveValue("done");
    expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe(
      "still here",
    );
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(40);

    // A change that is refused (its dependencies are open): the error is in the row and has the focus.
    const goLive = taskRow(page, GO_LIVE);
    await goLive.getByRole("button", { name: doneName(GO_LIVE) }).click();
    await expect(goLive.getByRole("alert")).toContainText("完了していないため");
    await expect(goLive.getByRole("alert")).toBeFocused();
    expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe(
      "still here",
    );

    // The status select submits on change: back to in progress, in place.
    await planning.getByRole("combobox").selectOption("in_progress");
    await expect(planning.getByRole("button", { name: doneName(PLANNING) })).toBeVisible();
    await expect(planning.getByRole("combobox")).toHaveValue("in_progress");
    expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe(
      "still here",
    );

    // The overview's Done: refused in place too, with the focus on the error.
    await page.goto(roomPath);
    const mine = page.getByRole("region", { name: "あなたのタスク" });
    await page.evaluate(() => ((window as unknown as { __marker: string }).__marker = "overview"));
    const migration = mine.getByRole("listitem").filter({ hasText: MIGRATION });
    await migration.getByRole("button", { name: doneName(MIGRATION) }).click();
    await expect(migration.getByRole("alert")).toContainText("完了していないため");
    await expect(migration.getByRole("alert")).toBeFocused();
    expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe("overview");

    // Nothing scrolls sideways on the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors, "errors in the browser").toEqual([]);
  } finally {
    await context.close();
  }
});
