import { contextFor } from "./pages";
import { collectPageErrors, expect, test, waitForHydration } from "./fixtures";

/**
 * Customer sign-off (検収), in Japanese with the SMTP sink: the demo's 目標・KPI定義書の承認 waits for 田中
 * (its customer-side A). The CSM reopens and completes its required task (the waiting request is
 * withdrawn, then asked again), 田中 gets the email, opens the milestone by its link after signing in,
 * requests changes with a reason, the CSM asks again, 田中 approves, the milestone shows who completed it
 * and when, and the acceptance record prints. The task ends done, as the seed left it.
 */
const TANAKA = "tanaka@sample-shoji.co.jp";
const ROOM = "導入オンボーディング 2026";
const MILESTONE = "目標・KPI定義書の承認";
const TASK = "ゴールとKPIの合意";
const REASON = "KPI「週次利用率」の定義に部署別の内訳を追加してください。";

test("the customer's A requests changes, then approves; the record prints", async ({
  browser,
  app,
  sink,
}) => {
  test.setTimeout(120_000);
  const staff = await contextFor(browser, app, {
    name: "csm 佐藤 (ja)",
    email: "sato@launchroom.example",
    kind: "staff",
    locale: "ja",
  });
  const customer = await contextFor(browser, app, {
    name: "customer admin 田中 (ja)",
    email: TANAKA,
    kind: "customer",
    locale: "ja",
  });
  try {
    const csm = await staff.newPage();
    const csmErrors = collectPageErrors(csm);
    // The milestone from the room's plan (the seed's request email may have been cleared by an earlier spec).
    await csm.goto("/rooms");
    await csm.getByRole("link", { name: ROOM }).first().click();
    await csm
      .getByRole("navigation", { name: "ルームのセクション" })
      .getByRole("link", { name: "プラン", exact: true })
      .click();
    await csm.getByRole("link", { name: MILESTONE, exact: true }).first().click();
    await expect(csm).toHaveURL(/\/milestones\/[A-Za-z0-9]+$/);
    const milestonePath = new URL(csm.url()).pathname;
    const panel = csm.getByTestId("sign-off");
    await expect(panel.getByTestId("sign-off-state")).toContainText("田中 一郎さんの検収待ち");
    // No approve button for the CSM, and no confirm either.
    await expect(panel.getByRole("button", { name: "承認する" })).toHaveCount(0);

    // Reopen the required task (the waiting request is withdrawn), then complete it: asked again.
    await csm.getByRole("link", { name: TASK, exact: true }).click();
    // The select submits on change once the page is hydrated (without JS it needs its save button).
    await waitForHydration(csm);
    const status = csm.getByLabel(`「${TASK}」のステータス`);
    sink.clear();
    // The status form's own answer: not an active-time heartbeat, which the page also POSTs (and which
    // answering first let the next change race the form's post).
    const posted = () =>
      csm.waitForResponse(
        (r) => r.request().method() === "POST" && r.ok() && !new URL(r.url()).pathname.endsWith("/heartbeat"),
      );
    // The select is disabled until the answer and the revalidated task (its new version) arrive, so a
    // second change cannot post a stale version: seen with the status post held back.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await csm.route(
      (url) => url.pathname.endsWith(".data") || url.pathname.includes("/tasks/"),
      async (route) => {
        if (route.request().method() === "POST" && !route.request().url().includes("/heartbeat")) await held;
        await route.continue();
      },
    );
    const firstChange = posted();
    await status.selectOption("in_progress");
    await expect(status).toBeDisabled();
    release();
    await firstChange;
    await csm.unrouteAll();
    await expect(status).toBeEnabled();
    await Promise.all([posted(), status.selectOption("done")]);

    // The A's email, in Japanese, linking to the milestone.
    const mail = await sink.waitFor(
      (m) => m.to.includes(TANAKA) && m.subject.includes("検収のお願い") && m.subject.includes(MILESTONE),
      30_000,
    );
    expect(mail.text).toContain("田中 一郎 様");
    const link = /https?:\/\/[^\s<>"]+\/milestones\/[A-Za-z0-9]+/.exec(mail.text)![0];
    expect(new URL(link).pathname).toBe(milestonePath);

    // 田中 opens it (signed in by link) and requests changes; the reason is required.
    const a = await customer.newPage();
    const aErrors = collectPageErrors(a);
    await a.goto(new URL(link).pathname);
    const aPanel = a.getByTestId("sign-off");
    await aPanel.getByRole("button", { name: "修正を依頼" }).click();
    await expect(aPanel.getByRole("alert")).toContainText("修正していただきたい点");
    await expect(aPanel.getByLabel("コメント")).toBeFocused();
    await aPanel.getByLabel("コメント").fill(REASON);
    await aPanel.getByRole("button", { name: "修正を依頼" }).click();
    await expect(aPanel.getByTestId("sign-off-state")).toContainText("修正を依頼しました");
    await expect(aPanel.getByTestId("sign-off-state")).toContainText(REASON);
    await expect(aPanel.getByRole("button", { name: "承認する" })).toHaveCount(0);

    // The CSM sees the reason and asks again.
    await csm.goto(milestonePath);
    await expect(panel.getByTestId("sign-off-state")).toContainText(REASON);
    sink.clear();
    await panel.getByRole("button", { name: "もう一度検収を依頼する" }).click();
    await expect(panel.getByTestId("sign-off-state")).toContainText("検収待ち");
    await sink.waitFor((m) => m.to.includes(TANAKA) && m.subject.includes(MILESTONE), 30_000);

    // 田中 approves: the milestone is completed by him, now.
    await a.goto(milestonePath);
    await aPanel.getByRole("button", { name: "承認する" }).click();
    await expect(a.getByRole("status").first()).toContainText("承認し、完了しました");
    await expect(aPanel.getByTestId("sign-off-state")).toContainText("田中 一郎さんが");
    await expect(aPanel.getByTestId("sign-off-state")).toContainText("承認しました");

    await csm.goto(milestonePath);
    await expect(panel.getByTestId("sign-off-state")).toContainText("承認しました");
    await csm.getByRole("link", { name: "検収記録を印刷" }).click();
    await expect(csm).toHaveURL(/\/acceptance$/);
    await expect(csm.getByRole("heading", { level: 1 })).toContainText(`検収記録：${MILESTONE}`);
    await expect(csm.getByTestId("acceptance-status")).toContainText("田中 一郎さん");
    await expect(csm.getByTestId("acceptance-comment").first()).toContainText(REASON);
    await csm.emulateMedia({ media: "print" });
    await expect(csm.getByRole("button", { name: "印刷" })).toBeHidden();
    const pdf = await csm.pdf({ format: "A4" });
    expect(pdf.byteLength).toBeGreaterThan(1000);
    expect(csmErrors).toEqual([]);
    expect(aErrors).toEqual([]);
  } finally {
    await staff.close();
    await customer.close();
  }
});
