import { collectPageErrors, expect, signInWithPassword, test, users } from "./fixtures";

/**
 * Health end to end (issue 4's Playwright scenario): the CSM's portfolio sorted by health, the red room
 * opened from it, why it is red read on the health panel, the pulse set and the alert acknowledged.
 * The demo data makes Acme's customer silent for 23 days: capped at 39, red and reactive.
 */
const ACME_ROOM = "Acme onboarding";

test("a CSM finds the red room at the top, reads why, sets the pulse and acknowledges the alert", async ({
  page,
}, testInfo) => {
  const errors = collectPageErrors(page);
  await signInWithPassword(page, users.emily);

  // All accounts, health worst first (the default sort): red before green, rooms without a score last.
  await page.goto("/portfolio?scope=all");
  const rows = page.getByTestId("portfolio-row");
  await expect(rows.first()).toContainText(ACME_ROOM);
  const bands = await rows
    .locator("[data-band]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-band")));
  const rank = { red: 0, yellow: 1, green: 2, grey: 3 } as Record<string, number>;
  expect(bands.length).toBeGreaterThanOrEqual(3);
  expect([...bands].sort((a, b) => rank[a!]! - rank[b!]!)).toEqual(bands);
  expect(bands[0]).toBe("red");
  await expect(rows.first()).toHaveAttribute("data-mode", "reactive");

  // The sort is a real header control: descending puts the red room last.
  await page
    .getByRole("columnheader", { name: /Health/ })
    .getByRole("link")
    .click();
  await expect(page.getByRole("columnheader", { name: /Health/ })).toHaveAttribute("aria-sort", "descending");
  await page
    .getByRole("columnheader", { name: /Health/ })
    .getByRole("link")
    .click();
  await expect(rows.first()).toContainText(ACME_ROOM);

  await rows.first().getByRole("link", { name: ACME_ROOM }).click();
  await expect(page.getByTestId("room-title")).toHaveText(ACME_ROOM);
  await page.getByRole("navigation", { name: "Room sections" }).getByRole("link", { name: "Health" }).click();

  const panel = page.getByTestId("health-panel");
  await expect(panel.getByTestId("health-score")).toHaveText(/^\d+$/);
  expect(Number(await panel.getByTestId("health-score").textContent())).toBeLessThan(40);
  // Why it is red: the silence cap as its own line, and customer presence among the biggest drags.
  await expect(panel.getByTestId("health-caps")).toContainText("no customer activity for 23 days");
  await expect(panel.getByTestId("health-drags")).toContainText("Customer presence");
  await expect(
    panel.getByTestId("health-measures").locator('[data-measure="customerPresence"]'),
  ).toContainText("customer activity on 0 distinct days of the last 14");
  await expect(panel.getByTestId("health-history")).toBeVisible();

  // The pulse: a reading and a reason; the score is recomputed at once.
  await panel.getByLabel("Yellow: some concern").check();
  await panel.getByLabel(/Why/).fill("Champion back from leave next week; weekly call booked");
  await panel.getByRole("button", { name: "Save pulse" }).click();
  await expect(page.getByRole("status")).toContainText("Pulse saved");
  await expect(panel.getByTestId("health-pulse")).toContainText("Champion back from leave");

  // The fuel lamp for the silent customer: acknowledged, it stays listed but no longer reminds.
  const lamp = panel.locator('[data-rule="customerInactive"]');
  await expect(lamp).toHaveAttribute("data-severity", "critical");
  await expect(lamp).toContainText("No customer sign-in or activity for 23 days.");
  await lamp.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByRole("status")).toContainText("Alert acknowledged");
  await expect(panel.locator('[data-rule="customerInactive"]')).toContainText("acknowledged");
  await expect(
    panel.locator('[data-rule="customerInactive"]').getByRole("button", { name: "Acknowledge" }),
  ).toHaveCount(0);

  const screenshot = testInfo.outputPath("health-panel.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach("health panel", { path: screenshot, contentType: "image/png" });

  // The inbox no longer counts it among the alerts that need attention.
  await page.goto("/alerts");
  await expect(page.getByTestId("alert-list").locator('[data-rule="customerInactive"]')).toHaveCount(0);
  await page.getByRole("link", { name: "Acknowledged" }).click();
  await expect(page.getByTestId("alert-list").locator('[data-rule="customerInactive"]')).toHaveCount(1);
  expect(errors).toEqual([]);
});
