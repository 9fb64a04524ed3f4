import { expect, STAFF_PASSWORD, test, users } from "./fixtures";

test("the sign-in page can be used with the keyboard alone", async ({ page }, testInfo) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Launchroom" })).toBeVisible();

  const screenshot = testInfo.outputPath("sign-in-page.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach("sign-in page", { path: screenshot, contentType: "image/png" });

  const card = page.getByRole("region", { name: "Email and password" });
  const email = card.getByLabel("Email address");
  const password = card.getByLabel("Password");

  // From the top of a fresh page, Tab reaches the email field after the header's few controls.
  let presses = 0;
  while (!(await email.evaluate((el) => el === document.activeElement))) {
    expect(presses++, "Tab presses to reach the email field").toBeLessThan(10);
    await page.keyboard.press("Tab");
  }
  await page.keyboard.type(users.emily);
  await page.keyboard.press("Tab");
  await expect(password).toBeFocused();
  await page.keyboard.type(STAFF_PASSWORD);
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(email).toHaveCount(0);
});

test("the skip link is the first stop and moves focus past the header", async ({ page }) => {
  await page.goto("/sign-in");
  // A hash navigation while React is still hydrating can abort hydration (React error 345, seen once in
  // ~60 runs under load); the link works either way, and the test is about the link.
  await page.waitForLoadState("networkidle");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});
