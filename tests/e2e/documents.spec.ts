import type { BrowserContext } from "@playwright/test";
import { collectPageErrors, expect, test, waitForHydration } from "./fixtures";
import { contextFor, type Role } from "./pages";

/**
 * Documents (資料) in English: 伊藤, a customer member of サンプル商事, uploads a file into the shared
 * 「契約・発注」 folder using the keyboard only (Tab to the file input, Space opens the chooser, Enter sends),
 * sees it listed and downloads it; a file past the size limit is refused in the page; 佐藤, the room's CSM,
 * then sees 伊藤's download in the document's access list (in Japanese).
 */
test.describe.configure({ mode: "serial", timeout: 120_000 });

const ROOM = "導入オンボーディング 2026";
/**
 * A customer member of サンプル商事 in the English UI. Not Acme's Jordan: an upload is customer activity, and
 * tests/e2e/health.spec.ts reads Acme's customer as silent for 23 days.
 */
const ITO = {
  name: "customer member 伊藤 (en)",
  email: "ito@sample-shoji.co.jp",
  kind: "customer",
  locale: "en",
} as const satisfies Role;
const SATO = {
  name: "CSM 佐藤 (ja)",
  email: "sato@launchroom.example",
  kind: "staff",
  locale: "ja",
} as const satisfies Role;
const TITLE = "Signed purchase order";
let documentPath = "";

/**
 * One context for 伊藤 through the spec. She signs in by link in the engagement, plan and success-plan
 * specs too, and the app sends an address at most 5 links per 15 minutes (see contextFor).
 */
let ito: BrowserContext;
test.beforeAll(async ({ browser, app }) => {
  ito = await contextFor(browser, app, ITO);
});

// Ito reads the app in Japanese elsewhere (success-plan.spec); her stored language goes back to it.
test.afterAll(async ({ app }) => {
  const language = await ito.request.post("/language", {
    form: { locale: "ja", redirectTo: "/" },
    headers: { Origin: app.url },
    maxRedirects: 0,
  });
  expect(language.status()).toBe(302);
  await ito.close();
});

test("a customer admin uploads into a shared folder with the keyboard, sees it listed and downloads it", async () => {
  const page = await ito.newPage();
  const errors = collectPageErrors(page);
  await page.goto("/rooms");
  // Ito has one room: /rooms takes her straight into it.
  await expect(page.getByRole("heading", { name: ROOM, level: 1 })).toBeVisible();
  // A click while the page hydrates is lost (noted for the product; see the closing note of this stop).
  await waitForHydration(page);
  await page
    .getByRole("navigation", { name: "Room sections" })
    .getByRole("link", { name: "Documents" })
    .click();
  await expect(page).toHaveURL(/\/documents$/, { timeout: 15_000 });
  await expect(page.getByRole("heading", { name: "Documents", level: 2 })).toBeVisible({ timeout: 15_000 });
  // The demo's shared folder is there; the vendor's internal one is not.
  await expect(page.getByRole("heading", { name: "契約・発注" })).toBeVisible();
  await expect(page.getByText("社内メモ")).toHaveCount(0);

  const form = page.getByTestId("upload-form");
  const fileInput = form.getByLabel("File", { exact: true });
  // Reach the file input with the keyboard from the heading above the form.
  await page.getByRole("heading", { name: "Upload a document" }).click();
  for (let i = 0; i < 5 && !(await fileInput.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(fileInput).toBeFocused();
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Space");
  await (
    await chooser
  ).setFiles({
    name: "purchase-order.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from(
      "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    ),
  });
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("Title")).toBeFocused();
  await page.keyboard.type(TITLE);
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("Folder")).toBeFocused();
  await form.getByLabel("Folder").selectOption({ label: "契約・発注" });
  await form.getByLabel("Title").focus();
  await page.keyboard.press("Enter");

  await expect(page.getByRole("status")).toContainText(`“${TITLE}” uploaded.`);
  const folder = page
    .getByTestId("folder")
    .filter({ has: page.getByRole("heading", { name: "契約・発注" }) });
  const row = folder.getByTestId("document-row").filter({ hasText: TITLE });
  await expect(row).toBeVisible();
  await expect(row).toContainText("PDF");
  await expect(row).toContainText("version 1");

  const download = page.waitForEvent("download");
  await row.getByTestId("download-link").click();
  expect((await download).suggestedFilename()).toBe("purchase-order.pdf");

  await row.getByRole("link", { name: TITLE, exact: true }).click();
  await expect(page.getByRole("heading", { name: TITLE, level: 2 })).toBeVisible();
  // Customers never see who else opened it.
  await expect(page.getByTestId("document-access")).toHaveCount(0);
  documentPath = new URL(page.url()).pathname;
  expect(errors).toEqual([]);
  await page.close();
});

test("a file past the size limit is refused in the page, and what was typed stays", async () => {
  const page = await ito.newPage();
  const errors = collectPageErrors(page);
  await page.goto("/rooms");
  await expect(page.getByRole("heading", { name: ROOM, level: 1 })).toBeVisible();
  const room = new URL(page.url()).pathname;
  await page.goto(`${room}/documents`);
  await waitForHydration(page);
  const form = page.getByTestId("upload-form");
  await form.getByLabel("Title").fill("Too large to send");
  const fileInput = form.getByLabel("File", { exact: true });
  // The e2e server's FILE_MAX_BYTES is 2 MB (tests/e2e/fixtures.ts).
  await fileInput.setInputFiles({
    name: "big.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.alloc(2 * 1024 * 1024 + 1, 0x25),
  });
  await form.getByRole("button", { name: "Upload" }).click();
  expect(await fileInput.evaluate((el: HTMLInputElement) => el.validationMessage)).toContain(
    "larger than 2 MB",
  );
  await expect(page).toHaveURL(new RegExp(`${room}/documents$`));
  await expect(form.getByLabel("Title")).toHaveValue("Too large to send");
  // A file within the limit clears the mark.
  await fileInput.setInputFiles({
    name: "small.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n"),
  });
  expect(await fileInput.evaluate((el: HTMLInputElement) => el.validity.valid)).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});

test("the CSM sees the customer's download in the document's access list", async ({ browser, app }) => {
  expect(documentPath).toMatch(/^\/rooms\/[^/]+\/documents\/[^/]+$/);
  const context = await contextFor(browser, app, SATO);
  const page = await context.newPage();
  await page.goto(documentPath);
  await expect(page.getByRole("heading", { name: TITLE, level: 2 })).toBeVisible();
  const access = page.getByTestId("document-access");
  await expect(access.getByRole("heading", { name: "閲覧・ダウンロードした人" })).toBeVisible();
  const ito = access.getByTestId("access-row").filter({ hasText: "伊藤 さくら" });
  await expect(ito).toBeVisible();
  // Views, downloads: Ito opened the page once and downloaded once.
  await expect(ito.getByRole("cell").nth(2)).toHaveText("1");
  await expect(ito.getByRole("cell").nth(1)).toHaveText("1");
  await context.close();
});
