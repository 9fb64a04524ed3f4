import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { collectPageErrors, expect, linkFromEmail, signInWithPassword, test } from "./fixtures";

/**
 * The onboarding plan end to end, in Japanese (issue 3's Playwright scenario): a CSM creates a room's plan
 * from the Japanese template, a customer member checks off a task and comments with an @mention, the CSM
 * confirms a milestone and the milestone emails arrive, the timeline renders, and the customer never sees
 * an internal task. The steps build on each other, so they run in order and stop at the first failure.
 *
 * Sign-in is rate limited per address, so each person signs in once: the session cookies are kept and
 * later steps open a browser context of their own with them.
 */
test.describe.configure({ mode: "serial" });

const SATO = "sato@launchroom.example";
const ITO = "ito@sample-shoji.co.jp";
/** 株式会社サンプル商事: seeded with a plan from the Japanese template, its first three tasks done. */
const SAMPLE_ROOM = "導入オンボーディング 2026";
/** 北斗ロジスティクス株式会社: kickoff 2026-06-08, no plan yet. */
const HOKUTO_ROOM = "活用定着フェーズ";
const TEMPLATE = "標準オンボーディング（90日）";
/** The template's internal tasks (vendor side, hidden from customers). */
const INTERNAL_TASKS = ["営業からの引き継ぎ内容を確認", "オンボーディング振り返り"];
/** A shared customer-side task whose only dependency (the kickoff) the seed completed. */
const CUSTOMER_TASK = "ユーザーアカウントと権限の設定";
/** Joint, depends on CUSTOMER_TASK. */
const DEPENDENT_TASK = "SSO設定";
const MILESTONE = "環境準備完了";
const MILESTONE_SUBJECT = `マイルストーン「${MILESTONE}」を達成しました（${SAMPLE_ROOM}）`;
const COMMENT =
  "@佐藤 美咲 さん、アカウントと権限の設定が終わりました。SSOの設定日程をご相談させてください。";

type Session = Awaited<ReturnType<BrowserContext["storageState"]>>;

let satoSession: Session | undefined;
let itoSession: Session | undefined;
/** /rooms/<id> of each room, read from the portfolio. */
let samplePath = "";
let hokutoPath = "";

/** A browser of its own for someone who signed in earlier; fails on browser errors when closed. */
async function openAs(browser: Browser, baseURL: string | undefined, session: Session | undefined) {
  expect(session, "the session from an earlier step").toBeDefined();
  const context = await browser.newContext({ baseURL, locale: "ja-JP", storageState: session });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  return {
    page,
    close: async () => {
      await context.close();
      expect(errors, "errors in the browser").toEqual([]);
    },
  };
}

function roomTab(page: Page, name: string) {
  return page
    .getByRole("navigation", { name: "ルームのセクション" })
    .getByRole("link", { name, exact: true });
}

/** A task's row on the plan page (the list item holding the link to the task). */
function taskRow(page: Page, title: string) {
  return page.getByTestId("task").filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

/** The accessible name of a row's Done button (its task's title is in a visually hidden span). */
function doneName(title: string) {
  return new RegExp(`^完了にする\\s*: ${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/** The status badge of a task row (the status select's options carry the same words: only spans count). */
function statusBadge(row: Locator, label: string) {
  return row
    .locator("span")
    .filter({ hasText: new RegExp(`^${label}$`) })
    .filter({ visible: true });
}

test("the CSM creates a room's plan from the Japanese template", async ({ page }) => {
  await signInWithPassword(page, SATO);
  // Sato's stored language wins over the browser's: the app is in Japanese from here on.
  await page
    .getByRole("navigation", { name: "メインメニュー" })
    .getByRole("link", { name: "ポートフォリオ" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "ポートフォリオ" })).toBeVisible();
  samplePath = (await page.getByRole("link", { name: SAMPLE_ROOM, exact: true }).getAttribute("href")) ?? "";
  expect(samplePath).toMatch(/^\/rooms\/[^/]+$/);

  await page.getByRole("link", { name: HOKUTO_ROOM, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: HOKUTO_ROOM })).toBeVisible();
  hokutoPath = new URL(page.url()).pathname;
  await roomTab(page, "プラン").click();
  await expect(page).toHaveURL(new RegExp(`${hokutoPath}/plan$`));

  // The empty state: anchored on the kickoff date, the Japanese template offered first.
  const fromTemplate = page.getByRole("region", { name: "テンプレートからプランを作成" });
  await expect(fromTemplate).toContainText("日程はキックオフ日");
  await expect(fromTemplate.getByRole("alert")).toHaveCount(0);
  const template = fromTemplate.getByLabel("テンプレート");
  await expect(template.locator("option:checked")).toHaveText(`${TEMPLATE}（日本語、タスク 14 件）`);
  await template.selectOption({ label: `${TEMPLATE}（日本語、タスク 14 件）` });
  await fromTemplate.getByRole("button", { name: "プランを作成" }).click();

  await expect(page.getByRole("status")).toHaveText(
    "タスク 14 件、マイルストーン 4 件でプランを作成しました。",
  );
  await expect(page.getByTestId("plan-count")).toHaveText("タスク 14 件");
  for (const phase of [
    "キックオフと計画",
    "環境準備",
    "トレーニングと本番稼働",
    "ファーストバリューと振り返り",
  ]) {
    await expect(page.getByRole("region", { name: phase, exact: true })).toBeVisible();
  }
  const setup = page.getByRole("region", { name: "環境準備", exact: true });
  await expect(setup.getByRole("link", { name: DEPENDENT_TASK, exact: true })).toBeVisible();
  await expect(setup.getByTestId("task")).toHaveCount(4);
  // Staff see the internal tasks, marked as such.
  await expect(taskRow(page, INTERNAL_TASKS[0])).toContainText("社内限定");
  const milestones = page.getByRole("region", { name: "マイルストーン", exact: true });
  // The template's four (the demo's サンプル商事 has a fifth, which needs the customer's sign-off).
  await expect(milestones.getByTestId("milestone")).toHaveCount(4);
  await expect(milestones.getByRole("link", { name: MILESTONE, exact: true })).toBeVisible();

  satoSession = await page.context().storageState();
});

test("a customer member checks off her task and comments with an @mention", async ({
  browser,
  sink,
  baseURL,
}) => {
  expect(samplePath, "the room from the first step").not.toBe("");
  const context = await browser.newContext({ baseURL, locale: "ja-JP" });
  try {
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    // Magic link: request it, read the mail at the sink, open it, confirm.
    await page.goto("/sign-in");
    const linkCard = page.getByRole("region", { name: "ログイン用リンクをメールで受け取る" });
    await linkCard.getByLabel("メールアドレス").fill(ITO);
    await linkCard.getByRole("button", { name: "ログインリンクを送信" }).click();
    await expect(page.getByRole("status")).toContainText("ログインリンクを送信しました");
    await page.goto(await linkFromEmail(sink, ITO, "/auth/link"));
    await expect(page.getByRole("heading", { level: 1, name: "ログインの確認" })).toBeVisible();
    await page.getByRole("button", { name: "ログインする" }).click();
    // Her only room opens.
    await expect(page.getByRole("heading", { level: 1, name: SAMPLE_ROOM })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`${samplePath}$`));

    await roomTab(page, "プラン").click();
    await expect(page.getByRole("heading", { level: 2, name: "プラン" })).toBeVisible();
    // Vendor-side tasks are read-only for her.
    await expect(taskRow(page, "管理者トレーニング")).toBeVisible();
    await expect(
      taskRow(page, "管理者トレーニング").getByRole("button", { name: /^完了にする/ }),
    ).toHaveCount(0);
    await expect(taskRow(page, "管理者トレーニング").getByRole("combobox")).toHaveCount(0);

    // Dependencies are respected: SSO cannot be done before the accounts it depends on. The refusal is
    // shown in the row and takes the focus.
    const sso = taskRow(page, DEPENDENT_TASK);
    await sso.getByRole("button", { name: doneName(DEPENDENT_TASK) }).click();
    await expect(sso.getByRole("alert")).toHaveText(
      `先行タスク「${CUSTOMER_TASK}」が完了していないため、このタスクはまだ完了にできません。`,
    );
    await expect(sso.getByRole("alert")).toBeFocused();
    await expect(statusBadge(sso, "未着手")).toBeVisible();

    // One click, saved in place: the row says so and the live region announces it.
    const accounts = taskRow(page, CUSTOMER_TASK);
    await expect(accounts).toContainText("お客様");
    await accounts.getByRole("button", { name: doneName(CUSTOMER_TASK) }).click();
    await expect(accounts.getByTestId("task-notice")).toHaveText("ステータスを更新しました。");
    await expect(page.getByTestId("live-message")).toHaveText("ステータスを更新しました。");
    await expect(statusBadge(accounts, "完了")).toBeVisible();
    await expect(statusBadge(accounts, "未着手")).toHaveCount(0);

    // The task page: a comment that mentions the CSM by name.
    await accounts.getByRole("link", { name: CUSTOMER_TASK, exact: true }).click();
    await expect(page.getByRole("heading", { level: 2, name: CUSTOMER_TASK })).toBeVisible();
    const comments = page.getByRole("region", { name: /^コメント/ });
    await expect(comments.getByText("コメントはまだありません。")).toBeVisible();
    // Customers cannot write internal comments.
    await expect(comments.getByLabel(/^社内コメント（.+社内のみ）$/)).toHaveCount(0);
    // The mention is picked by typing "@" and part of the name: a combobox opens on the comment box.
    const box = comments.getByRole("combobox", { name: "コメント", exact: true });
    await box.click();
    await box.pressSequentially("@佐藤");
    await expect(box).toHaveAttribute("aria-expanded", "true");
    const options = comments.getByRole("listbox", { name: "メンションする人" }).getByRole("option");
    await expect(options.filter({ hasText: "佐藤 美咲" })).toBeVisible();
    // The keyboard moves through the list (aria-activedescendant) and Enter picks.
    const target = options.filter({ hasText: "佐藤 美咲" });
    const targetId = await target.getAttribute("id");
    for (let i = 0; i < 10 && (await box.getAttribute("aria-activedescendant")) !== targetId; i++) {
      await box.press("ArrowDown");
    }
    await expect(box).toHaveAttribute("aria-activedescendant", targetId!);
    await box.press("Enter");
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await expect(box).toHaveValue("@佐藤 美咲 ");
    await box.pressSequentially(COMMENT.slice("@佐藤 美咲 ".length));
    await expect(box).toHaveValue(COMMENT);
    await comments.getByRole("button", { name: "コメントを投稿" }).click();
    await expect(comments.getByRole("status")).toHaveText("コメントを投稿しました。");
    const posted = comments.getByTestId("comment-list").getByRole("listitem");
    await expect(posted).toHaveCount(1);
    await expect(posted).toContainText("伊藤 さくら");
    await expect(posted).toContainText(COMMENT);
    await expect(posted).toContainText("メンション: 佐藤 美咲");
    // The form was reset for the next comment.
    await expect(comments.getByLabel("コメント", { exact: true })).toHaveValue("");
    // The CSM gets the mention email (the e2e app sends mentions without the usual quiet period).
    const mention = await sink.waitFor(
      (m) => m.to.includes(SATO) && m.subject.includes(`「${SAMPLE_ROOM}」のコメントで`),
      15_000,
    );
    expect(mention.text).toContain("佐藤 美咲 様");
    expect(mention.text).toContain("伊藤 さくら");
    expect(mention.text).toContain(CUSTOMER_TASK);

    itoSession = await context.storageState();
    expect(errors, "errors in the browser").toEqual([]);
  } finally {
    await context.close();
  }
});

test("the CSM confirms a milestone and the milestone email arrives in Japanese", async ({
  browser,
  sink,
  baseURL,
}) => {
  const sato = await openAs(browser, baseURL, satoSession);
  try {
    const page = sato.page;
    await page.goto(`${samplePath}/plan`);
    // The customer's update and comment are there for the CSM.
    await expect(statusBadge(taskRow(page, CUSTOMER_TASK), "完了")).toBeVisible();
    const milestone = page.getByTestId("milestone").filter({
      has: page.getByRole("link", { name: MILESTONE, exact: true }),
    });
    await expect(milestone).toContainText("4 件中 1 件完了");
    await expect(milestone.getByTestId("milestone-completed")).toHaveCount(0);

    // Not all required tasks are done: the CSM may confirm anyway. (The button's name ends in the milestone's
    // title, in a visually hidden span that the accessible name computation sets off with a space.)
    const confirmName = new RegExp(`^完了を確定\\s*: ${MILESTONE}$`);
    await milestone.getByRole("button", { name: confirmName }).click();
    // The notice is shown above the plan (the confirm action does not echo the milestone's id back).
    await expect(page.getByRole("status")).toHaveText("マイルストーンを完了にしました。");
    await expect(milestone.getByTestId("milestone-completed")).toContainText("に完了");
    await expect(milestone.getByRole("button", { name: confirmName })).toHaveCount(0);

    // The account owner, the CSM and the sponsor (a stakeholder without an account) each get one, in Japanese.
    const recipients = {
      "suzuki@launchroom.example": "鈴木 健太 様",
      [SATO]: "佐藤 美咲 様",
      "takahashi@sample-shoji.co.jp": "高橋 誠 様",
    };
    for (const [to, greeting] of Object.entries(recipients)) {
      const mail = await sink.waitFor((m) => m.to.includes(to) && m.subject === MILESTONE_SUBJECT, 30_000);
      expect(mail.text, to).toContain(greeting);
      expect(mail.text, to).toContain("株式会社サンプル商事");
      // The next open milestone by date (the demo's sign-off milestone, or 本番稼働), never the one just reached.
      expect(mail.text, to).toMatch(/次のマイルストーンは「(?!環境準備完了)[^」]+」/);
      expect(mail.html, to).not.toContain("\0");
    }
    const sentTo = sink.messages.filter((m) => m.subject === MILESTONE_SUBJECT).flatMap((m) => m.to);
    expect(sentTo.sort()).toEqual(Object.keys(recipients).sort());
  } finally {
    await sato.close();
  }
});

test("the timeline draws the plan as bars and diamonds", async ({ browser, baseURL }, testInfo) => {
  const sato = await openAs(browser, baseURL, satoSession);
  try {
    const page = sato.page;
    // Loaded directly, so the server renders the chart and the browser hydrates it (no mismatch allowed).
    await page.goto(`${samplePath}/timeline`);
    await expect(roomTab(page, "タイムライン")).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { level: 2, name: "タイムライン" })).toBeVisible();

    const chart = page.getByRole("img", { name: /^プランのタイムライン/ });
    await expect(chart).toBeVisible();
    // The template's 14 tasks, plus those made from meeting action items (the demo's, and other specs').
    const bars = await chart.getByTestId("timeline-task").count();
    expect(bars).toBeGreaterThanOrEqual(15);
    await expect(chart).toHaveAccessibleName(
      new RegExp(`タスク${bars}件とマイルストーン5件のガントチャート`),
    );
    await expect(chart.getByTestId("timeline-milestone")).toHaveCount(5);
    await expect(chart.getByTestId("timeline-task").locator("rect").first()).toBeVisible();
    await expect(chart.getByTestId("timeline-milestone").locator("polygon").first()).toBeVisible();
    await expect(chart.getByTestId("timeline-arrow").first()).toBeAttached();
    await expect(chart.getByTestId("timeline-today")).toBeVisible();
    await expect(chart.locator("text").filter({ hasText: DEPENDENT_TASK })).toBeVisible();
    // The milestone list under the chart shows the one just confirmed as done.
    const list = page.getByRole("region", { name: "マイルストーン", exact: true });
    await expect(list.getByRole("listitem").filter({ hasText: MILESTONE })).toContainText(
      /✓ \d{4}年\d{1,2}月\d{1,2}日に完了（予定どおり）/,
    );

    const screenshot = testInfo.outputPath("timeline.png");
    await page.screenshot({ path: screenshot, fullPage: true });
    await testInfo.attach("timeline", { path: screenshot, contentType: "image/png" });
  } finally {
    await sato.close();
  }
});

test("a customer never sees the internal tasks", async ({ browser, baseURL }) => {
  const ito = await openAs(browser, baseURL, itoSession);
  try {
    const page = ito.page;
    await page.goto(`${samplePath}/plan`);
    await expect(page.getByRole("heading", { level: 2, name: "プラン" })).toBeVisible();
    // The template's 12 shared tasks (its 2 internal ones are left out), plus tasks made from meeting
    // action items, which are shared (the demo's, and other specs').
    const shown = Number(/\d+/.exec((await page.getByTestId("plan-count").textContent()) ?? "")?.[0]);
    expect(shown).toBeGreaterThanOrEqual(13);
    await expect(taskRow(page, CUSTOMER_TASK)).toBeVisible();
    await expect(page.getByText("社内限定")).toHaveCount(0);
    for (const path of [`${samplePath}/plan`, `${samplePath}/timeline`]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
      // Neither on the page nor anywhere in the server's HTML (the loader data included).
      const html = await (await page.request.get(path)).text();
      expect(html).toContain(CUSTOMER_TASK);
      expect(html, "NUL bytes in the HTML").not.toContain("\0");
      for (const title of INTERNAL_TASKS) {
        await expect(page.getByText(title)).toHaveCount(0);
        expect(html, `${path}: ${title}`).not.toContain(title);
      }
    }
  } finally {
    await ito.close();
  }
});
