import { collectPageErrors, expect, linkFromEmail, signInWithPassword, test, users } from "./fixtures";

/**
 * The acceptance test, step by step: a CSM creates an account and its room, invites a customer who
 * joins from the email, switches the UI language, and a customer of another account cannot see the room.
 * The steps build on each other, so they run in order and stop at the first failure.
 */
test.describe.configure({ mode: "serial" });

const ACCOUNT = "Globex Corporation";
const ROOM = "Globex launch 2027";
const CUSTOMER = "pat@globex.example";

/** /rooms/<id> of the room created in the first step. */
let roomPath = "";

test("a CSM creates an account and its first room, fixing a validation error on the way", async ({
  page,
}) => {
  await signInWithPassword(page, users.emily);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Portfolio" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible();

  await page.getByRole("link", { name: "New account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New account" })).toBeVisible();

  // Not exact: a required field's label ends in an aria-hidden "*", which label text matching still sees.
  const field = (label: string) => page.getByLabel(label);
  await field("Company name").fill(ACCOUNT);
  await field("Email domains allowed for invites").fill("globex.example");
  await field("MRR").fill("1500");
  await field("Currency").selectOption("USD");
  await field("Touch model").selectOption({ label: "Low touch" });
  await field("Contract start").fill("2026-12-01");
  // Invalid on purpose: the renewal comes before the contract start.
  await field("Renewal date").fill("2026-11-30");
  await field("CSM").selectOption({ label: "Emily Carter (CSM)" });
  await field("Room title").fill(ROOM);
  await field("Kickoff").fill("2026-12-07");
  await field("Target go-live").fill("2027-03-01");
  await page.getByRole("button", { name: "Create account and room" }).click();

  // The error sits on the field (described by it, marked invalid), and a summary says nothing was saved.
  const renewal = field("Renewal date");
  await expect(renewal).toHaveAttribute("aria-invalid", "true");
  await expect(renewal).toHaveAccessibleDescription("The renewal date must be after the contract start.");
  await expect(
    page.getByRole("alert").filter({ hasText: "The renewal date must be after the contract start." }),
  ).toBeVisible();
  await expect(page.getByText("Some fields need your attention. Nothing was saved yet.")).toBeVisible();
  await expect(page).toHaveURL(/\/accounts\/new$/);
  // What was typed is still there.
  await expect(field("Company name")).toHaveValue(ACCOUNT);
  await expect(field("Email domains allowed for invites")).toHaveValue("globex.example");
  await expect(field("MRR")).toHaveValue("1500");
  await expect(field("Currency")).toHaveValue("USD");
  await expect(field("Touch model")).toHaveValue("low");
  await expect(field("Contract start")).toHaveValue("2026-12-01");
  await expect(renewal).toHaveValue("2026-11-30");
  await expect(field("Room title")).toHaveValue(ROOM);
  await expect(field("Kickoff")).toHaveValue("2026-12-07");
  await expect(field("Target go-live")).toHaveValue("2027-03-01");
  // Only the renewal date is flagged.
  await expect(field("Company name")).not.toHaveAttribute("aria-invalid", "true");

  await renewal.fill("2027-11-30");
  await page.getByRole("button", { name: "Create account and room" }).click();

  await expect(page).toHaveURL(/\/rooms\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: ROOM })).toBeVisible();
  // The header names both companies: the vendor's and the new account.
  await expect(page.getByText(`Launchroom × ${ACCOUNT}`)).toBeVisible();
  roomPath = new URL(page.url()).pathname;
});

test("the CSM invites a customer, who joins from the email without a password", async ({
  page,
  browser,
  sink,
  baseURL,
}, testInfo) => {
  expect(roomPath, "the room from the first step").not.toBe("");
  await signInWithPassword(page, users.emily);
  await page.goto(roomPath);

  await page
    .getByRole("navigation", { name: "Room sections" })
    .getByRole("link", { name: "Team", exact: true })
    .click();
  await expect(page).toHaveURL(new RegExp(`${roomPath}/team$`));

  // The customer's project lead joins the team, then one action invites them.
  const add = page.getByRole("region", { name: "Add a person" });
  await add.getByLabel("Name").fill("Pat Kim");
  await add.getByLabel("Side").selectOption({ label: ACCOUNT });
  await add.getByLabel("Team role").selectOption({ label: "Project lead" });
  await add.getByLabel("Email").fill(CUSTOMER);
  await add.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("status")).toHaveText("Added to the team.");
  const customers = page.getByRole("region", { name: new RegExp(`^${ACCOUNT}`) });
  const pat = customers.getByTestId("team-person").filter({ hasText: "Pat Kim" });
  await expect(pat.getByText("Not joined · not invited yet")).toBeVisible();
  await expect(pat.getByTestId("team-role")).toHaveText("Project lead");
  await expect(pat.getByLabel("Invite as")).toHaveValue("customer_member");
  await pat.getByRole("button", { name: "Invite Pat Kim" }).click();
  await expect(page.getByRole("status")).toHaveText(`Invitation sent to ${CUSTOMER}.`);
  await expect(page.getByRole("button", { name: `Withdraw the invitation to ${CUSTOMER}` })).toBeVisible();

  const inviteUrl = await linkFromEmail(sink, CUSTOMER, "/invite");
  expect(new URL(inviteUrl).origin).toBe(baseURL);

  // The customer: a browser of their own, never signed in.
  const customerContext = await browser.newContext({ baseURL, locale: "en-US" });
  try {
    const customer = await customerContext.newPage();
    const customerErrors = collectPageErrors(customer);
    await customer.goto(inviteUrl);
    await expect(customer.getByRole("heading", { level: 1, name: "Join the room" })).toBeVisible();
    await expect(customer.getByText(`You will join as ${CUSTOMER}.`)).toBeVisible();
    // Opening the link (as a mail scanner would) consumed nothing: a second GET still offers the button.
    await customer.reload();
    const accept = customer.getByRole("button", { name: "Accept and open the room" });
    await expect(accept).toBeVisible();
    await expect(customer.getByLabel("Password")).toHaveCount(0);
    // A new user may give a name (optional); the room shows it instead of the address.
    await customer.getByLabel("Your name").fill("Pat Kim");

    await accept.click();
    await expect(customer).toHaveURL(new RegExp(`${roomPath}$`));
    await expect(customer.getByRole("heading", { level: 1, name: ROOM })).toBeVisible();
    // Signed in as a customer: customer navigation and a sign-out button, no password asked.
    const nav = customer.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "My rooms" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Portfolio" })).toHaveCount(0);
    await expect(customer.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(customer.getByLabel("Password")).toHaveCount(0);

    // The link was single-use.
    await customer.goto(inviteUrl);
    await expect(customer.getByRole("button", { name: "Accept and open the room" })).toHaveCount(0);
    await expect(customer.getByText("This invitation has expired, was already used")).toBeVisible();
    expect(customerErrors, "errors in the customer's browser").toEqual([]);
  } finally {
    await customerContext.close();
  }

  // Back on the CSM's side, the customer is now a member and no longer pending.
  await page.reload();
  const joined = customers.getByTestId("team-person").filter({ hasText: "Pat Kim" });
  await expect(joined).toContainText(CUSTOMER);
  await expect(joined).toContainText("Joined · last active today");
  await expect(joined).toContainText("Room access: Customer member");
  // One person, not a stakeholder card and a member card.
  await expect(customers.getByTestId("team-person").filter({ hasText: CUSTOMER })).toHaveCount(1);
  await expect(page.getByRole("button", { name: `Withdraw the invitation to ${CUSTOMER}` })).toHaveCount(0);

  await page.goto(roomPath);
  await expect(page.getByRole("heading", { level: 1, name: ROOM })).toBeVisible();
  const screenshot = testInfo.outputPath("room-page.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach("room page", { path: screenshot, contentType: "image/png" });
});

test("the language switch turns the UI to Japanese, persists across a reload, and back", async ({ page }) => {
  expect(roomPath, "the room from the first step").not.toBe("");
  await signInWithPassword(page, users.emily);
  await page.goto(roomPath);

  const language = page.getByRole("form", { name: "Language" });
  await expect(language.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
  await language.getByRole("button", { name: "日本語" }).click();

  const expectJapanese = async () => {
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(
      page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "ポートフォリオ" }),
    ).toBeVisible();
    const tabs = page.getByRole("navigation", { name: "ルームのセクション" });
    await expect(tabs.getByRole("link", { name: "概要" })).toBeVisible();
    await expect(tabs.getByRole("link", { name: "チーム" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: ROOM })).toBeVisible();
    await expect(
      page.getByRole("form", { name: "表示言語" }).getByRole("button", { name: "日本語" }),
    ).toHaveAttribute("aria-pressed", "true");
  };
  await expectJapanese();
  await expect(page).toHaveURL(new RegExp(`${roomPath}$`));

  await page.reload();
  await expectJapanese();

  await page.getByRole("form", { name: "表示言語" }).getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(
    page.getByRole("navigation", { name: "Room sections" }).getByRole("link", { name: "Team" }),
  ).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Portfolio" }),
  ).toBeVisible();
});

test("a customer of another account signs in by magic link and gets a 404 on the room", async ({
  browser,
  sink,
  baseURL,
}) => {
  expect(roomPath, "the room from the first step").not.toBe("");
  const context = await browser.newContext({ baseURL, locale: "en-US" });
  try {
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto("/sign-in");
    const linkCard = page.getByRole("region", { name: "Email me a sign-in link" });
    await linkCard.getByLabel("Email address").fill(users.jordan);
    await linkCard.getByRole("button", { name: "Send sign-in link" }).click();
    await expect(page.getByRole("status")).toContainText("a sign-in link is on its way");

    const link = await linkFromEmail(sink, users.jordan, "/auth/link");
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1, name: "Confirm sign-in" })).toBeVisible();
    await expect(page.getByText(`Sign in as ${users.jordan}?`)).toBeVisible();
    await page.getByRole("button", { name: "Sign in" }).click();
    // Signed in as Jordan: straight into the one room Jordan belongs to.
    await expect(page.getByRole("heading", { level: 1, name: "Acme onboarding" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My rooms" }),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    for (const path of [roomPath, `${roomPath}/team`, `${roomPath}/members`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
      await expect(page.getByText(ROOM)).toHaveCount(0);
      await expect(page.getByText(ACCOUNT)).toHaveCount(0);
      await expect(page.getByText(CUSTOMER)).toHaveCount(0);
    }
    expect(errors, "errors in the browser").toEqual([]);
  } finally {
    await context.close();
  }
});
