import { expect, linkFromEmail, signInWithPassword, test } from "./fixtures";

test("screenshots of the home", async ({ browser, sink, baseURL }) => {
  test.setTimeout(120_000);
  const ctx = await browser.newContext({ baseURL, locale: "ja-JP" });
  const page = await ctx.newPage();
  await page.goto("/sign-in");
  const linkCard = page.getByRole("region", { name: "ログイン用リンクをメールで受け取る" });
  await linkCard.getByLabel("メールアドレス").fill("tanaka@sample-shoji.co.jp");
  await linkCard.getByRole("button", { name: "ログインリンクを送信" }).click();
  await page.goto(await linkFromEmail(sink, "tanaka@sample-shoji.co.jp", "/auth/link"));
  await page.getByRole("button", { name: "ログインする" }).click();
  await expect(page).toHaveURL(/\/rooms\/[^/]+$/);
  const room = page.url();
  for (const w of [390, 1440]) {
    await page.setViewportSize({ width: w, height: 900 });
    await page.goto(room);
    await page.screenshot({ path: `/tmp/shots/customer-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(room + "/plan");
  await page.screenshot({ path: `/tmp/shots/customer-plan-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: `/tmp/shots/customer-plan-390.png`, fullPage: true });
  const ctx2 = await browser.newContext({ baseURL, locale: "en-US" });
  const p2 = await ctx2.newPage();
  await signInWithPassword(p2, "sato@launchroom.example").catch(() => undefined);
  await expect(p2).toHaveURL(/portfolio/, { timeout: 20_000 });
  for (const w of [390, 1440]) {
    await p2.setViewportSize({ width: w, height: 900 });
    await p2.goto(room);
    await p2.screenshot({ path: `/tmp/shots/staff-${w}.png`, fullPage: true });
  }
});
