import { collectPageErrors, expect, linkFromEmail, signInWithPassword, test, users } from "./fixtures";

/**
 * A customer member of the demo's サンプル商事 room whom no other spec signs in: her visit must not change
 * what tests/e2e/health.spec.ts reads about Acme's silent customer (specs share one server).
 */
const ITO = "ito@sample-shoji.co.jp";
const SAMPLE_ROOM = "導入オンボーディング 2026";

/**
 * Active time (issue 12): a customer's visible room page sends heartbeats and the server records the time
 * (the CSM reads it on the health page); once the page is hidden, no more heartbeats go out. The page's
 * clock is Playwright's (page.clock), so the 15 s interval is run forward at once; the seconds counted are
 * the server's real ones between two heartbeats.
 */
test("a visible room page records active time, a hidden one stops", async ({ browser, sink, baseURL }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ baseURL, locale: "en-US" });
  try {
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.clock.install();
    await page.goto("/sign-in");
    const linkCard = page.getByRole("region", { name: "Email me a sign-in link" });
    await linkCard.getByLabel("Email address").fill(ITO);
    const beats: number[] = [];
    page.on("response", (r) => {
      if (r.url().endsWith("/heartbeat")) beats.push(r.status());
    });
    await linkCard.getByRole("button", { name: "Send sign-in link" }).click();
    await expect(page.getByRole("status").first()).toContainText("sign-in link is on its way");
    const opened = page.waitForResponse((r) => r.url().endsWith("/heartbeat"));
    await page.goto(await linkFromEmail(sink, ITO, "/auth/link"));
    const confirm = page.getByRole("button", { name: "Sign in" });
    if (await confirm.isVisible()) await confirm.click();
    await expect(page).toHaveURL(/\/rooms\//);
    // Opening the room page opens a span.
    expect((await opened).status()).toBe(204);

    // Three real seconds on the page with input, then the 15 s tick: the server counts the 3 s between.
    await page.waitForTimeout(3_000);
    await page.mouse.move(50, 50);
    const tick = page.waitForResponse((r) => r.url().endsWith("/heartbeat"));
    await page.clock.runFor(15_000);
    expect((await tick).status()).toBe(204);

    // Hidden: one last heartbeat, then nothing however long it stays hidden.
    const last = page.waitForResponse((r) => r.url().endsWith("/heartbeat"));
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    expect((await last).status()).toBe(204);
    const sent = beats.length;
    await page.clock.runFor(120_000);
    await page.waitForTimeout(500);
    expect(beats.length).toBe(sent);
    expect(beats.every((s) => s === 204)).toBe(true);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }

  // The CSM sees Ito's active time on the room's health page.
  const staff = await browser.newContext({ baseURL, locale: "en-US" });
  try {
    const page = await staff.newPage();
    await signInWithPassword(page, users.emily);
    await page.goto("/portfolio?scope=all");
    await page.getByRole("link", { name: SAMPLE_ROOM }).first().click();
    await page
      .getByRole("navigation", { name: "Room sections" })
      .getByRole("link", { name: "Health" })
      .click();
    const card = page.getByTestId("active-time");
    const row = card.getByRole("row", { name: /伊藤 さくら/ });
    await expect(row).toBeVisible();
    await expect(row).not.toContainText("none");
    await expect(row).toContainText(/under a minute|\d+ min/);
  } finally {
    await staff.close();
  }
});
