import type { BrowserContext, Page } from "@playwright/test";
import { collectPageErrors, expect, test, waitForHydration } from "./fixtures";
import { contextFor, ROLES, type Role } from "./pages";

/**
 * A hearing sheet (ヒアリングシート) end to end, in Japanese: the CSM attaches the library's sheet to a
 * task of the demo room; the customer admin fills it (a table row and a file among the answers), saves a
 * draft, reloads and finds the draft, submits; the CSM sends one field back with a comment; the customer
 * opens the emailed link, sees the comment at that field, fixes it and resubmits; the CSM accepts, and
 * the task, which the sheet completes, shows done.
 *
 * The task used is one no other spec changes (joint, no dependencies, in no milestone).
 */
test.describe.configure({ timeout: 90_000 });

const ROOM = "導入オンボーディング 2026";
const TASK = "定例進捗ミーティング（隔週）";
const SHEET = "導入ヒアリングシート";
const SATO: Role = { name: "CSM 佐藤 (ja)", email: "sato@launchroom.example", kind: "staff", locale: "ja" };
const TANAKA = ROLES.customerAdmin;
const RETURN_COMMENT = "従業員数は正社員と契約社員の合計でご記入ください。";
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

async function open(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  return { page, errors: collectPageErrors(page) };
}

test("a hearing sheet goes from the library to an accepted answer, through a draft and a send-back", async ({
  browser,
  app,
}) => {
  const staff = await contextFor(browser, app, SATO);
  const customer = await contextFor(browser, app, TANAKA);
  const { page: csm, errors: csmErrors } = await open(staff);
  const { page: cust, errors: custErrors } = await open(customer);

  // --- The CSM attaches the library's sheet to the task --------------------------------------------
  await csm.goto("/");
  await waitForHydration(csm);
  await csm.getByRole("link", { name: ROOM }).first().click();
  await expect(csm.getByRole("heading", { name: ROOM, level: 1 })).toBeVisible({ timeout: 15_000 });
  const roomPath = new URL(csm.url()).pathname.match(/^\/rooms\/[^/]+/)![0];
  await csm.goto(`${roomPath}/plan`);
  await csm.getByRole("link", { name: TASK, exact: true }).first().click();
  await expect(csm.getByRole("heading", { name: TASK, level: 2 })).toBeVisible({ timeout: 15_000 });
  const taskPath = new URL(csm.url()).pathname;
  await waitForHydration(csm);
  await csm.getByRole("link", { name: "このタスクにフォーム（ヒアリングシート）を添付" }).click();
  const attach = csm.getByRole("region", { name: "このタスクにフォームを添付" });
  await expect(attach).toBeVisible();
  // The other way, a form made for this room only, is offered beside it.
  await expect(csm.getByRole("region", { name: "このルーム専用のフォームを作る" })).toBeVisible();
  await attach.getByLabel("ライブラリのフォーム").selectOption({ label: `${SHEET}（8項目）` });
  await expect(attach.getByLabel("フォームの提出でタスクを完了にする")).toBeChecked();
  await attach.getByRole("button", { name: "フォームを添付" }).click();
  await expect(csm.getByText("タスクにフォームを添付しました。")).toBeVisible();
  await expect(csm.getByRole("heading", { name: SHEET, level: 2 })).toBeVisible();
  const formPath = `${taskPath}/form`;

  // --- The customer fills part of it and saves a draft ---------------------------------------------
  await cust.goto(taskPath);
  await waitForHydration(cust);
  await cust.getByRole("link", { name: SHEET }).click();
  await expect(cust.getByRole("heading", { name: SHEET, level: 2 })).toBeVisible({ timeout: 15_000 });
  await expect(cust.getByTestId("form-status")).toHaveText("未着手");
  await cust.getByLabel("会社名（正式名称）").fill("株式会社サンプル商事");
  await cust.getByLabel("従業員数").fill("１２０"); // full-width digits are accepted
  await cust.getByLabel("氏名（1行目）").fill("田中 一郎");
  await cust.getByLabel("メールアドレス（1行目）").fill("tanaka@sample-shoji.co.jp");
  await cust.getByLabel("現行の業務フロー図（任意）").setInputFiles({
    name: "業務フロー.png",
    mimeType: "image/png",
    buffer: PNG,
  });
  await cust.getByRole("button", { name: "下書き保存" }).click();
  await expect(cust.getByText("下書きを保存しました。提出するまで送信されません。")).toBeVisible();

  await cust.reload();
  await waitForHydration(cust);
  await expect(cust.getByTestId("form-status")).toHaveText("下書き");
  await expect(cust.getByLabel("会社名（正式名称）")).toHaveValue("株式会社サンプル商事");
  await expect(cust.getByLabel("氏名（1行目）")).toHaveValue("田中 一郎");
  await expect(cust.getByLabel("メールアドレス（1行目）")).toHaveValue("tanaka@sample-shoji.co.jp");
  const fileLink = cust.getByRole("link", { name: "業務フロー.png" });
  await expect(fileLink).toBeVisible();
  const fileUrl = await fileLink.getAttribute("href");
  const fileResponse = await customer.request.get(fileUrl!);
  expect(fileResponse.status()).toBe(200);
  expect(Buffer.from(await fileResponse.body()).equals(PNG)).toBe(true);

  // --- … completes it and submits --------------------------------------------------------------
  await cust.getByLabel("本番稼働希望日").fill("2026-09-01");
  await cust
    .getByRole("group", { name: /シングルサインオン/ })
    .getByLabel("はい", { exact: true })
    .check();
  await cust.getByRole("button", { name: "提出する", exact: true }).click();
  await expect(cust.getByText("ご提出ありがとうございました。タスクは完了になりました。")).toBeVisible();
  await expect(cust.getByTestId("form-status")).toHaveText("提出済み");
  const submitted = await app.sink.waitFor(
    (m) => m.to.includes(SATO.email!) && m.subject.includes(`【提出】${SHEET}`),
    15_000,
  );
  expect(submitted.text).toContain(formPath);

  // --- The CSM sends the employee count back with a comment ----------------------------------------
  await csm.goto(formPath);
  await waitForHydration(csm);
  await expect(csm.getByRole("heading", { name: "回答の確認" })).toBeVisible();
  await csm.getByLabel("「従業員数」を差し戻すコメント（差し戻さない場合は空欄）").fill(RETURN_COMMENT);
  await csm.getByRole("button", { name: "コメントを添えて差し戻す" }).click();
  await expect(csm.getByText("差し戻しました。", { exact: false })).toBeVisible();
  await expect(csm.getByText(`差し戻し済み：${RETURN_COMMENT}`)).toBeVisible();

  // --- The customer follows the email's link, sees the comment at that field, fixes and resubmits ---
  const returned = await app.sink.waitFor(
    (m) => m.to.includes(TANAKA.email) && m.subject.includes(`【ご確認のお願い】${SHEET}`),
    15_000,
  );
  expect(returned.text).toContain(RETURN_COMMENT);
  const link = new RegExp(`https?://[^\\s<>"\\]\\[)]+${formPath.replace(/[/]/g, "\\/")}`).exec(returned.text);
  expect(link, "the form's link in the send-back email").not.toBeNull();
  await cust.goto(link![0]);
  await waitForHydration(cust);
  await expect(cust.getByTestId("form-status")).toHaveText("差し戻し");
  const sentBack = cust.locator("[data-field]").filter({ has: cust.getByLabel("従業員数") });
  await expect(sentBack.getByTestId("returned-comment")).toContainText(RETURN_COMMENT);
  await expect(cust.getByTestId("returned-comment")).toHaveCount(1);
  await expect(cust.getByLabel("従業員数")).toHaveAccessibleDescription(new RegExp(RETURN_COMMENT));
  await cust.getByLabel("従業員数").fill("135");
  await cust.getByRole("button", { name: "再提出する" }).click();
  await expect(cust.getByText("ご提出ありがとうございました。", { exact: false })).toBeVisible();
  await expect(cust.getByTestId("form-status")).toHaveText("提出済み");

  // --- The CSM reads the second version and accepts ------------------------------------------------
  await csm.goto(formPath);
  await waitForHydration(csm);
  const versions = csm.getByRole("region", { name: "提出履歴" });
  await expect(versions.locator("summary")).toHaveText([
    /^2回目の提出（田中 一郎、/,
    /^1回目の提出（田中 一郎、/,
  ]);
  await expect(versions.getByText(`「従業員数」：${RETURN_COMMENT}（2回目の提出で回答済み）`)).toBeVisible();
  await csm.getByRole("button", { name: "受理する" }).click();
  await expect(csm.getByText("回答を受理しました。")).toBeVisible();
  await expect(csm.getByTestId("form-status")).toHaveText("受理済み");

  // --- The task shows done; the customer sees the accepted sheet -----------------------------------
  await csm.goto(taskPath);
  const article = csm.locator("article").filter({ has: csm.getByRole("heading", { name: TASK, level: 2 }) });
  await expect(article.getByText("完了", { exact: true }).first()).toBeVisible();
  await expect(article.getByTestId("form-status")).toHaveText("受理済み");
  await cust.goto(formPath);
  await expect(cust.getByText("ご回答を受理しました。ありがとうございました。")).toBeVisible();
  await expect(cust.getByRole("article").getByText("135", { exact: true })).toBeVisible();

  await staff.close();
  await customer.close();
  expect(csmErrors, "errors in the CSM's browser").toEqual([]);
  expect(custErrors, "errors in the customer's browser").toEqual([]);
});
