import { collectPageErrors, expect, signInWithPassword, test } from "./fixtures";

/**
 * Meetings in Chromium, in Japanese: the demo CSM schedules a kickoff, writes the notes from the agenda
 * in the editor, adds a decision and an action item, makes it a task in one click, and the task links back
 * to the meeting.
 */
test.describe.configure({ timeout: 120_000 });

const ROOM = "導入オンボーディング 2026";

test("the CSM schedules a kickoff, writes its minutes and turns an action item into a task", async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await signInWithPassword(page, "sato@launchroom.example");
  await page.goto("/rooms");
  await page.getByRole("link", { name: ROOM }).first().click();
  await page
    .getByRole("navigation", { name: /ルーム|Room/ })
    .getByRole("link", { name: "会議" })
    .click();
  await expect(page.getByRole("heading", { name: "会議と議事録" })).toBeVisible();
  await page.getByRole("link", { name: "会議を設定" }).click();

  await page.getByLabel("種類").selectOption("kickoff");
  await page.getByLabel("タイトル").fill("キックオフ E2E");
  await page.getByLabel("日付").fill("2027-01-15");
  await page.getByLabel("開始時刻").fill("10:00");
  await page.getByLabel("所要時間（分）").fill("60");
  await page.getByLabel("ビデオ会議の URL").fill("https://meet.example.com/e2e");
  // Attendees: keyboard-usable checkboxes.
  const firstAttendee = page.getByRole("group", { name: "参加者" }).getByRole("checkbox").first();
  await firstAttendee.focus();
  await page.keyboard.press("Space");
  await expect(firstAttendee).toBeChecked();
  await page.getByRole("button", { name: "設定する" }).click();

  await expect(page.getByRole("heading", { level: 2, name: "キックオフ E2E" })).toBeVisible();
  await expect(page.getByTestId("meeting-when")).toContainText("10:00");
  // The shared notes start as the kickoff agenda; write under it in the editor.
  const editor = page.getByRole("textbox", { name: "共有メモ" });
  await expect(editor).toContainText("自己紹介と役割");
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("導入の背景を確認しました。");
  await page.getByRole("button", { name: "議事録を保存" }).click();
  await expect(page.getByText("議事録を保存しました。")).toBeVisible();

  await page.getByRole("textbox", { name: "決定事項", exact: true }).fill("パイロットは営業第一部で行う");
  await page.getByRole("button", { name: "決定事項を追加" }).click();
  await expect(page.getByTestId("decisions")).toContainText("パイロットは営業第一部で行う");

  await page
    .getByRole("textbox", { name: "アクションアイテム", exact: true })
    .fill("SSO のメタデータを共有する");
  await page.getByLabel("期限").fill("2027-01-22");
  await page.getByRole("button", { name: "アクションアイテムを追加" }).click();
  await expect(page.getByTestId("action-items")).toContainText("SSO のメタデータを共有する");

  await page.getByRole("button", { name: "タスクにする: SSO のメタデータを共有する" }).click();
  await expect(page.getByText("プランにタスクを作成しました。")).toBeVisible();
  await page.getByTestId("action-items").getByRole("link", { name: "プランのタスク" }).click();

  await expect(page.getByRole("heading", { level: 2, name: "SSO のメタデータを共有する" })).toBeVisible();
  const back = page.getByTestId("from-meeting");
  await expect(back).toContainText("キックオフ E2E");
  await back.click();
  await expect(page.getByRole("heading", { level: 2, name: "キックオフ E2E" })).toBeVisible();
  await expect(page.getByText("導入の背景を確認しました。").first()).toBeVisible();
  expect(errors).toEqual([]);
});
