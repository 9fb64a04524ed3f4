import { test } from "./fixtures";
import { contextFor, ROLES } from "./pages";
test("shots", async ({ browser, app }) => {
  test.setTimeout(300_000);
  for (const role of [ROLES.customerAdmin, ROLES.staffAdmin]) {
    const ctx = await contextFor(browser, app, role);
    const page = await ctx.newPage();
    await page.goto("/rooms");
    const href = await page.locator('a[href^="/rooms/"]').first().getAttribute("href");
    const room = /^\/rooms\/[^/]+/.exec(href ?? new URL(page.url()).pathname)![0];
    const paths = role === ROLES.customerAdmin ? ["", "/timeline", "/plan"] : ["/health", "/timeline"];
    for (const p of paths) for (const w of [390, 1440]) {
      await page.setViewportSize({ width: w, height: 900 });
      await page.goto(room + p);
      await page.screenshot({ path: `/tmp/phones-shots/${role.kind}${p.replace("/", "-") || "-overview"}-${w}.png`, fullPage: w === 390 });
    }
    await ctx.close();
  }
});
