import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { collectPageErrors, expect, signInWithPassword, test } from "./fixtures";

/**
 * Issue 9's plan and template editor bugs, in Chromium: add forms that kept the last entry (so the next
 * task silently inherited a dependency), a template editor that wiped what was being typed in one form
 * when another form's add came back, and 150-character words that widened the pages.
 *
 * The admin works in an account and room of its own (created here), so the demo rooms the other specs
 * read stay as seeded. The admin's stored language is Japanese: the first step switches it to English.
 */
// Long scenarios on a shared 2-core machine: more time than the default 30 s.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const ADMIN = "admin@launchroom.example";
const ACCOUNT = "Longword Industries";
const ROOM = "Editor regression room";
const LONG = (prefix: string) => `${prefix}${"x".repeat(150 - prefix.length)}`;
const LONG_TASK = LONG("Task");
const LONG_MILESTONE = LONG("Milestone");
/** A phase title may hold 120 characters. */
const LONG_PHASE = `Phase${"y".repeat(115)}`;

type Session = Awaited<ReturnType<BrowserContext["storageState"]>>;
let session: Session | undefined;
let roomPath = "";

async function openAs(browser: Browser, baseURL: string | undefined, width = 1440, height = 900) {
  expect(session, "the session from the first step").toBeDefined();
  const context = await browser.newContext({
    baseURL,
    storageState: session,
    viewport: { width, height },
  });
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

function region(page: Page, name: string): Locator {
  return page.getByRole("region", { name, exact: true });
}

async function selectedOptions(select: Locator): Promise<string[]> {
  return select.evaluate((el) => Array.from((el as HTMLSelectElement).selectedOptions, (o) => o.text));
}

test("the admin creates a room of its own to edit", async ({ page, baseURL }) => {
  await signInWithPassword(page, ADMIN);
  const origin = new URL(baseURL ?? "").origin;
  await page.request.post("/language", {
    form: { locale: "en", redirectTo: "/portfolio" },
    headers: { Origin: origin },
  });
  await page.goto("/accounts/new");
  await expect(page.getByRole("heading", { level: 1, name: "New account" })).toBeVisible();
  const field = (label: string) => page.getByLabel(label);
  await field("Company name").fill(ACCOUNT);
  await field("Email domains allowed for invites").fill("longword.example");
  await field("MRR").fill("1000");
  await field("Currency").selectOption("USD");
  await field("Contract start").fill("2026-12-01");
  await field("Renewal date").fill("2027-11-30");
  await field("CSM").selectOption({ index: 1 });
  await field("Room title").fill(ROOM);
  await field("Kickoff").fill("2026-12-07");
  await field("Target go-live").fill("2027-03-01");
  await page.getByRole("button", { name: "Create account and room" }).click();
  await expect(page).toHaveURL(/\/rooms\/[^/]+$/);
  roomPath = new URL(page.url()).pathname;
  session = await page.context().storageState();
});

test("each add form of the plan editor is empty after every add, and keeps what was typed when refused", async ({
  browser,
  baseURL,
}) => {
  const { page, close } = await openAs(browser, baseURL);
  await page.goto(`${roomPath}/plan/edit`);
  await expect(page.getByRole("heading", { name: "Tailor the plan" })).toBeVisible();

  // Phases: the second add empties the field too (before, only the first one did).
  const newPhase = page.getByLabel("New phase");
  for (const title of ["Setup", "Rollout"]) {
    await newPhase.fill(title);
    await page.getByRole("button", { name: "Add phase" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Phase added." })).toBeVisible();
    await expect(
      page.getByTestId("phase").filter({ has: page.locator(`input[value="${title}"]`) }),
    ).toHaveCount(1);
    await expect(newPhase).toHaveValue("");
  }

  const tasks = region(page, "Add task");
  const title = tasks.getByLabel("Task title");
  const description = tasks.getByLabel("Description");
  const dependsOn = tasks.getByLabel("Depends on");
  const addTask = async () => {
    await tasks.getByRole("button", { name: "Add task" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Task added." })).toBeVisible();
  };

  await title.fill("Kickoff call");
  await addTask();
  await expect(title).toHaveValue("");

  // The second task depends on the first, with a description: all of it goes after the add.
  await title.fill("Import users");
  await description.fill("CSV from the HR system");
  await dependsOn.selectOption({ label: "Kickoff call" });
  await addTask();
  await expect(title).toHaveValue("");
  await expect(description).toHaveValue("");
  expect(await selectedOptions(dependsOn)).toEqual([]);

  // The third task therefore depends on nothing (before, it silently inherited "Kickoff call").
  await title.fill("Train the admins");
  await addTask();
  await expect(title).toHaveValue("");
  await page.goto(`${roomPath}/plan`);
  const third = page
    .getByTestId("task")
    .filter({ has: page.getByRole("link", { name: "Train the admins" }) });
  await expect(third).toHaveCount(1);
  await expect(third).not.toContainText("Kickoff call");
  const second = page.getByTestId("task").filter({ has: page.getByRole("link", { name: "Import users" }) });
  await expect(second).toContainText("Kickoff call");

  // A refused add keeps everything that was typed.
  await page.goto(`${roomPath}/plan/edit`);
  await title.fill("Go live");
  await description.fill("Switch the DNS");
  await tasks.getByLabel("Start date").fill("2027-02-10");
  await tasks.getByLabel("Due date").fill("2027-02-01");
  await dependsOn.selectOption({ label: "Import users" });
  await tasks.getByRole("button", { name: "Add task" }).click();
  await expect(tasks.getByText("The due date cannot be before the start date.")).toBeVisible();
  await expect(title).toHaveValue("Go live");
  await expect(description).toHaveValue("Switch the DNS");
  expect(await selectedOptions(dependsOn)).toEqual(["Import users"]);

  // Milestones: empty after the first and the second add.
  const milestones = region(page, "Add milestone");
  for (const [name, date] of [
    ["Users ready", "2027-01-15"],
    ["Live", "2027-03-01"],
  ]) {
    await milestones.getByLabel("Milestone title").fill(name);
    await milestones.getByLabel("Target date").fill(date);
    await milestones.getByLabel("Required tasks").selectOption({ label: "Import users" });
    await milestones.getByRole("button", { name: "Add milestone" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Milestone added." })).toBeVisible();
    await expect(milestones.getByRole("link", { name })).toBeVisible();
    await expect(milestones.getByLabel("Milestone title")).toHaveValue("");
    await expect(milestones.getByLabel("Target date")).toHaveValue("");
    expect(await selectedOptions(milestones.getByLabel("Required tasks"))).toEqual([]);
  }
  // The refused task form, untouched by the milestone adds, still holds its text.
  await expect(title).toHaveValue("Go live");
  await close();
});

test("the template editor never wipes what is typed in one form when another form's add comes back", async ({
  browser,
  baseURL,
}) => {
  const { page, close } = await openAs(browser, baseURL);
  // A copy of a demo template, so the demo templates stay as seeded.
  await page.goto("/templates");
  await page.getByRole("link").filter({ hasText: "Standard onboarding" }).first().click();
  await page.getByLabel("Name of the copy").fill("Race copy");
  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Race copy" })).toBeVisible();
  await page.getByRole("link", { name: "Edit template" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Race copy/ })).toBeVisible();

  // Hold the add-task post for a moment, so the typing below happens while it is in flight.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname.includes("/edit"),
    async (route) => {
      if (route.request().method() === "POST" && (route.request().postData() ?? "").includes("addTask")) {
        await held;
      }
      await route.continue();
    },
  );

  const tasks = region(page, "Add task");
  await tasks.getByLabel("Task title").fill("Held task");
  await tasks.getByRole("button", { name: "Add task" }).click();

  const milestoneForm = region(page, "Milestones").locator("form").last();
  const milestoneTitle = milestoneForm.getByLabel("Milestone title");
  await milestoneTitle.fill("Typed while the add is in flight");
  const templateName = region(page, "Template details").getByLabel("Template name");
  await templateName.fill("Race copy (renamed, not saved)");
  release();

  await expect(page.getByRole("status").filter({ hasText: /added/i })).toBeVisible();
  await expect(page.locator("summary").filter({ hasText: "Held task" })).toBeVisible();
  // The other forms keep what was typed; the add form itself starts empty.
  await expect(milestoneTitle).toHaveValue("Typed while the add is in flight");
  await expect(templateName).toHaveValue("Race copy (renamed, not saved)");
  await expect(tasks.getByLabel("Task title")).toHaveValue("");

  // And the form typed in still saves, with the template's new version.
  await milestoneForm.getByRole("button", { name: "Add milestone" }).click();
  await expect(page.locator("summary").filter({ hasText: "Typed while the add is in flight" })).toBeVisible();
  await expect(milestoneTitle).toHaveValue("");
  await close();
});

test("150-character words never widen the pages, at 390 px and 1440 px", async ({ browser, baseURL }) => {
  const setup = await openAs(browser, baseURL);
  const { page } = setup;
  await page.goto(`${roomPath}/plan/edit`);
  await page.getByLabel("New phase").fill(LONG_PHASE);
  await page.getByRole("button", { name: "Add phase" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Phase added." })).toBeVisible();
  const tasks = region(page, "Add task");
  await tasks.getByLabel("Task title").fill(LONG_TASK);
  await tasks.getByLabel("Phase").selectOption({ label: LONG_PHASE });
  await tasks.getByLabel("Start date").fill("2027-01-04");
  await tasks.getByLabel("Due date").fill("2027-01-20");
  await tasks.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Task added." })).toBeVisible();
  const milestones = region(page, "Add milestone");
  await milestones.getByLabel("Milestone title").fill(LONG_MILESTONE);
  await milestones.getByLabel("Target date").fill("2027-01-25");
  await milestones.getByRole("button", { name: "Add milestone" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Milestone added." })).toBeVisible();
  const taskHref = await page.getByRole("link", { name: LONG_TASK }).getAttribute("href");
  const milestoneHref = await page.getByRole("link", { name: LONG_MILESTONE }).getAttribute("href");
  await setup.close();

  // The overview is left out: its next milestone is another one.
  const paths = [
    "/plan",
    "/plan/edit",
    "/timeline",
    "/activity",
    taskHref ?? "missing task link",
    milestoneHref ?? "missing milestone link",
  ].map((p) => (p.startsWith("/rooms/") ? p : `${roomPath}${p}`));
  const too: string[] = [];
  for (const width of [390, 1440]) {
    const { page: view, close } = await openAs(browser, baseURL, width, 800);
    for (const path of paths) {
      const response = await view.goto(path);
      expect(response?.status(), path).toBe(200);
      expect(await view.content(), path).toMatch(/Taskxxxx|Milestonexxxx|Phaseyyyy/);
      const found = await view.evaluate(() => {
        const viewport = window.innerWidth;
        // Elements with a long title in their own text that reach past the viewport, unless a box that
        // scrolls or clips sideways holds them (the timeline chart's scroll region, screen-reader text).
        const clipped = (el: Element) => {
          for (let p = el.parentElement; p; p = p.parentElement) {
            const style = getComputedStyle(p);
            if (p === document.body) return false;
            if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX)) return true;
          }
          return false;
        };
        const long = /Taskx{20}|Milestonex{20}|Phasey{20}/;
        const offenders = Array.from(document.body.querySelectorAll("*")).filter(
          (el) =>
            Array.from(el.childNodes).some(
              (n) => n.nodeType === Node.TEXT_NODE && long.test(n.textContent ?? ""),
            ) &&
            el.getBoundingClientRect().right > viewport + 1 &&
            !clipped(el),
        );
        return {
          scroll: document.documentElement.scrollWidth,
          viewport,
          offenders: offenders.map(
            (el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}">`,
          ),
        };
      });
      if (found.offenders.length)
        too.push(`${path} at ${width} px: ${found.offenders.join(" ")} reach past ${found.viewport} px`);
      // At 390 px the room's tab bar and header are someone else's work (issue 9's phone part, with its own
      // every-page test); at 1440 px the whole page must fit.
      if (width === 1440 && found.scroll > found.viewport)
        too.push(`${path} at ${width} px: the page is ${found.scroll} px wide`);
    }
    await close();
  }
  expect(too).toEqual([]);
});
