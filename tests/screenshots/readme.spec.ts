import type { Browser } from "@playwright/test";
import { linkFromEmail, test, type AppServer } from "../e2e/fixtures";

/**
 * The README's screenshots (docs/screenshots), in Japanese, at a 390 px phone and a 1440 px desktop:
 * what the customer sees first, the plan, the team, and the sign-in page. Run with `npm run screenshots`
 * after a build; not part of `npm test`.
 */
const OUT = "docs/screenshots";
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } } as const;

async function customerContext(
  browser: Browser,
  app: AppServer,
  viewport: { width: number; height: number },
) {
  const context = await browser.newContext({ baseURL: app.url, locale: "ja-JP", viewport });
  const page = await context.newPage();
  await page.goto("/sign-in");
  const card = page.getByRole("region", { name: "ログイン用リンクをメールで受け取る" });
  await card.getByLabel("メールアドレス").fill("tanaka@sample-shoji.co.jp");
  app.sink.clear(); // only the link asked for now is unused
  await card.getByRole("button", { name: "ログインリンクを送信" }).click();
  await page.goto(await linkFromEmail(app.sink, "tanaka@sample-shoji.co.jp", "/auth/link"));
  await page.getByRole("button", { name: "ログインする" }).click();
  await page.getByTestId("csm-contact").waitFor();
  return { context, page, room: new URL(page.url()).pathname };
}

test("README screenshots", async ({ browser, app }) => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    const anon = await browser.newContext({ baseURL: app.url, locale: "ja-JP", viewport });
    const signIn = await anon.newPage();
    await signIn.goto("/sign-in");
    await signIn.screenshot({ path: `${OUT}/sign-in-${name}.png`, fullPage: true });
    await anon.close();

    const { context, page, room } = await customerContext(browser, app, viewport);
    await page.screenshot({ path: `${OUT}/customer-home-${name}.png`, fullPage: true });
    await page.goto(`${room}/plan`);
    await page.screenshot({
      path: `${OUT}/customer-plan-${name}.png`,
      fullPage: name === "phone" ? false : true,
    });
    await page.goto(`${room}/team`);
    await page.screenshot({ path: `${OUT}/customer-team-${name}.png`, fullPage: true });
    await context.close();
  }
});
