import { readFileSync } from "node:fs";
import { collectPageErrors, expect, test, waitForHydration } from "./fixtures";
import { contextFor, DESKTOP, ROLES } from "./pages";

/**
 * Training (issue 12), in Japanese. Staff upload the 6-second WebM as a video module (length 6 s) and write
 * a single-choice quiz, then add both to the サンプル商事 room's curriculum for 田中. 田中 plays the video in
 * the page: a seek to the end does not complete it; playing it through does. He fails the quiz once and
 * passes on the retry. Staff then read both as completed in the person × module matrix. Last, the demo's
 * completed path: 田中 opens its certificate from "my training"; printed, it is one A4 page without navigation.
 */
test.describe.configure({ mode: "serial", timeout: 90_000 });

const ROOM = "導入オンボーディング 2026";
const RUN = Date.now().toString(36);
const VIDEO = `操作デモ動画 ${RUN}`;
const QUIZ = `理解度チェック ${RUN}`;
const TANAKA = "田中 一郎";
let roomPath = "";

test("staff create a video and a quiz and assign both to a customer", async ({ browser, app }) => {
  const context = await contextFor(browser, app, ROLES.staffAdmin);
  await context.pages()[0]?.close();
  const page = await context.newPage();
  await page.setViewportSize(DESKTOP);
  const errors = collectPageErrors(page);

  await page.goto("/training/new?kind=video");
  await waitForHydration(page);
  await page.getByLabel("タイトル").fill(VIDEO);
  await page.getByLabel("動画ファイル（MP4 または WebM）").setInputFiles({
    name: "sample-6s.webm",
    mimeType: "video/webm",
    buffer: readFileSync("tests/fixtures/media/sample-6s.webm"),
  });
  // The length is read from the file in the page (a MediaRecorder WebM says Infinity until the end is found).
  await expect(page.getByLabel("長さ（秒）")).toHaveValue("6");
  await page.getByRole("button", { name: "モジュールを作成" }).click();
  await expect(page).toHaveURL(/\/training\/[^/?]+\?saved=1$/, { timeout: 15_000 });

  await page.goto("/training/new?kind=quiz");
  await page.getByLabel("タイトル").fill(QUIZ);
  await page.getByLabel("設問").fill("? 最初に行うことは？\n* キックオフ\n- 請求書の発行");
  await page.getByLabel("合格点（%）").fill("100");
  await page.getByLabel("受験できる回数").fill("0");
  await page.getByRole("button", { name: "モジュールを作成" }).click();
  await expect(page).toHaveURL(/\/training\/[^/?]+\?saved=1$/, { timeout: 15_000 });

  await page.goto("/rooms");
  await page.getByRole("link", { name: ROOM }).first().click();
  await expect(page.getByRole("heading", { name: ROOM, level: 1 })).toBeVisible();
  roomPath = new URL(page.url()).pathname.replace(/\/$/, "");
  await page.goto(`${roomPath}/training`);
  await waitForHydration(page);
  const form = page.locator("form", { has: page.getByRole("heading", { name: "モジュールを追加" }) });
  for (const title of [VIDEO, QUIZ]) {
    await form
      .getByLabel("モジュール")
      .selectOption({ label: title.includes("動画") ? `${title} (動画)` : `${title} (クイズ)` });
    await form.getByLabel("期限（キックオフから何日後）").fill("30");
    await form.getByLabel("割り当て先").selectOption({ label: TANAKA });
    await form.getByRole("button", { name: "追加" }).click();
    await expect(page.getByRole("status").first()).toBeVisible();
    await expect(page.locator("section[aria-labelledby=curriculum]")).toContainText(title);
  }
  expect(errors).toEqual([]);
  await context.close();
});

test("the customer plays the video (a seek does not count) and passes the quiz on the retry", async ({
  browser,
  app,
}) => {
  const context = await contextFor(browser, app, ROLES.customerAdmin);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${roomPath}/training`);
  await waitForHydration(page);
  await page.getByTestId("my-training").getByRole("link", { name: VIDEO }).click();
  await expect(page.getByRole("heading", { name: VIDEO })).toBeVisible();
  const video = page.getByTestId("training-video");
  const progress = page.getByTestId("video-progress");
  await expect(progress).toContainText("0 % 視聴済み");
  await waitForHydration(page);

  // Seek to the end and let it finish: the jump is not play.
  await video.evaluate(async (el: HTMLVideoElement) => {
    el.muted = true;
    await new Promise<void>((resolve) => {
      if (el.readyState >= 1) resolve();
      else el.addEventListener("loadedmetadata", () => resolve(), { once: true });
    });
    el.currentTime = 5.8;
    await new Promise<void>((resolve) => el.addEventListener("seeked", () => resolve(), { once: true }));
    const ended = new Promise<void>((resolve) =>
      el.addEventListener("ended", () => resolve(), { once: true }),
    );
    await el.play();
    await ended;
  });
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.getByTestId("video-progress")).not.toContainText("完了しました");
  await expect(page.getByTestId("video-progress")).toContainText("90 % 視聴すると完了");
  await waitForHydration(page);

  // Play it through from the start: it really plays (time advances), then it is completed.
  const played = await page.getByTestId("training-video").evaluate(async (el: HTMLVideoElement) => {
    el.muted = true;
    el.currentTime = 0;
    await new Promise<void>((resolve) => el.addEventListener("seeked", () => resolve(), { once: true }));
    const ended = new Promise<void>((resolve) =>
      el.addEventListener("ended", () => resolve(), { once: true }),
    );
    const started = performance.now();
    await el.play();
    await ended;
    return { seconds: (performance.now() - started) / 1000, at: el.currentTime };
  });
  expect(played.seconds).toBeGreaterThan(4.5);
  expect(played.at).toBeGreaterThan(5.5);
  await expect(page.getByTestId("video-progress")).toContainText("完了しました", { timeout: 10_000 });

  // The quiz: wrong first, right on the retry.
  await page.goto(`${roomPath}/training`);
  await waitForHydration(page);
  await page.getByTestId("my-training").getByRole("link", { name: QUIZ }).click();
  await expect(page.getByRole("heading", { name: QUIZ })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("請求書の発行", { exact: true }).check();
  await page.getByRole("button", { name: "回答を送信" }).click();
  await expect(page.getByText("0 %：まだ合格点に達していません")).toBeVisible();
  await page.getByLabel("キックオフ", { exact: true }).check();
  await page.getByRole("button", { name: "回答を送信" }).click();
  await expect(page.getByText("100 % で合格しました。")).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});

test("staff see both modules completed in the person × module matrix", async ({ browser, app }) => {
  const context = await contextFor(browser, app, ROLES.staffAdmin);
  const page = await context.newPage();
  await page.setViewportSize(DESKTOP);
  await page.goto(`${roomPath}/training/progress`);
  const matrix = page.getByTestId("progress-matrix");
  const headers = await matrix.locator("thead th").allInnerTexts();
  const col = (title: string) => headers.findIndex((h) => h.includes(title));
  expect(col(VIDEO)).toBeGreaterThan(0);
  expect(col(QUIZ)).toBeGreaterThan(0);
  const row = matrix.locator("tbody tr", { has: page.getByRole("rowheader", { name: TANAKA }) });
  await expect(row.locator("th, td").nth(col(VIDEO))).toContainText("完了");
  await expect(row.locator("th, td").nth(col(QUIZ))).toContainText("完了");
  await expect(row.locator("th, td").nth(col(QUIZ))).toContainText("100%");
  await context.close();
});

test("the demo's completed path: the certificate opens from my training and prints on one A4 page", async ({
  browser,
  app,
}) => {
  const context = await contextFor(browser, app, ROLES.customerAdmin);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  // 田中 has one room: /rooms takes him straight into it.
  await page.goto("/rooms");
  await expect(page.getByRole("heading", { name: ROOM, level: 1 })).toBeVisible();
  await page.goto(`${new URL(page.url()).pathname.replace(/\/$/, "")}/training`);
  await waitForHydration(page);
  await page.getByTestId("my-certificates").getByRole("link", { name: "修了証: はじめの一歩" }).click();
  const certificate = page.getByTestId("certificate");
  await expect(certificate.getByRole("heading", { name: "修了証", level: 1 })).toBeVisible();
  await expect(certificate).toContainText(`${TANAKA} 様`);
  await expect(certificate).toContainText("はじめの一歩");
  await expect(page.getByRole("button", { name: "印刷する" })).toBeVisible();
  await page.screenshot({ path: "test-results/training-certificate-390.png", fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: "test-results/training-certificate-1440.png", fullPage: true });
  // On paper: no app header, no navigation, no buttons; one A4 page.
  await page.emulateMedia({ media: "print" });
  for (const nav of await page.locator("nav, body > header").all()) await expect(nav).toBeHidden();
  await expect(page.getByRole("button", { name: "印刷する" })).toBeHidden();
  const pdf = (await page.pdf({ format: "A4", printBackground: true })).toString("latin1");
  expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
  expect(errors).toEqual([]);
  await context.close();
});
