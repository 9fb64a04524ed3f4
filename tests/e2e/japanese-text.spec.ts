import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { contextFor, PHONE, ROLES } from "./pages";

/**
 * Japanese headings, titles and labels break between phrases, never inside a word (app/tailwind.css:
 * `line-break: strict` and `word-break: auto-phrase` under :lang(ja)). Measured at 390 px: each
 * occurrence of a known word inside the given elements must sit on one line, read from the client
 * rectangles of a Range over exactly its characters.
 */

/** A long room title that has to wrap on a phone, with words that must not split. */
const LONG_TITLE = "導入プロジェクト 全社オンボーディングとマイルストーン管理 2026年度下期";

/** For each occurrence of `word` in the text of the elements matching `selector`: how many lines it spans. */
async function linesPerOccurrence(page: Page, selector: string, word: string): Promise<number[]> {
  return page.evaluate(
    ({ selector, word }) => {
      const counts: number[] = [];
      for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? "";
          for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + word.length);
            const tops = new Set(
              [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
            );
            if (tops.size > 0) counts.push(tops.size);
          }
        }
      }
      return counts;
    },
    { selector, word },
  );
}

async function expectOneLine(page: Page, selector: string, word: string, where: string) {
  const counts = await linesPerOccurrence(page, selector, word);
  expect(counts.length, `"${word}" is shown in ${selector} on ${where}`).toBeGreaterThan(0);
  expect(counts, `lines spanned by each "${word}" in ${selector} on ${where} at 390 px`).toEqual(
    counts.map(() => 1),
  );
}

test("known Japanese words stay on one line at 390 px: room titles, tabs, milestones, dates", async ({
  browser,
  app,
}) => {
  test.setTimeout(180_000);
  // A room with a long title, created the way staff do (the form's field names, not its labels).
  const staff = await contextFor(browser, app, ROLES.staffAdmin);
  let roomPath = "";
  try {
    const page = await staff.newPage();
    await page.goto("/accounts/new");
    await page.locator('[name="name"]').fill("株式会社ロングタイトル工業");
    await page.locator('[name="allowedDomains"]').fill("long-title.example");
    await page.locator('[name="mrr"]').fill("300000");
    await page.locator('[name="currency"]').selectOption("JPY");
    await page.locator('[name="contractStart"]').fill("2026-10-01");
    await page.locator('[name="renewalDate"]').fill("2027-09-30");
    await page.locator('select[name="csmId"]').selectOption({ index: 1 });
    await page.locator('[name="roomTitle"]').fill(LONG_TITLE);
    await page.locator('[name="kickoffDate"]').fill("2026-10-05");
    await page.locator('[name="targetGoLiveDate"]').fill("2027-03-31");
    await page.locator('main form[method="post"] button[type="submit"]').click();
    await expect(page).toHaveURL(/\/rooms\/[^/]+$/);
    roomPath = new URL(page.url()).pathname;

    await page.setViewportSize(PHONE);
    await page.reload();
    const title = page.getByTestId("room-title");
    await expect(title).toHaveText(LONG_TITLE);
    // It wraps (never cut: no ellipsis, nothing hidden) …
    const box = await title.evaluate((el) => ({
      lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
      cut: el.scrollWidth > el.clientWidth || getComputedStyle(el).textOverflow === "ellipsis",
    }));
    expect(box.cut, "the room title is cut").toBe(false);
    expect(box.lines, "the long room title wraps at 390 px").toBeGreaterThan(1);
    // … between phrases.
    for (const word of ["プロジェクト", "オンボーディング", "マイルストーン", "2026年度"])
      await expectOneLine(page, '[data-testid="room-title"]', word, `${roomPath} (staff)`);
  } finally {
    await staff.close();
  }

  // The customer's room in Japanese: the header, the tab bar, the plan's milestones and the timeline.
  const customer = await contextFor(browser, app, ROLES.customerAdmin);
  try {
    const page = await customer.newPage();
    await page.goto("/");
    await expect(page.getByTestId("room-title")).toBeVisible();
    const room = /^\/rooms\/[^/]+/.exec(new URL(page.url()).pathname)?.[0];
    expect(room, "the customer lands in their room").toBeTruthy();
    await expectOneLine(page, '[data-testid="room-title"]', "オンボーディング", room!);
    // The header's dates ("2026年11月9日") never break inside.
    await expectOneLine(page, "[data-room-header]", "2026年", room!);
    await expectOneLine(page, "[data-room-header] p", "本番稼働目標日", room!);

    await page.goto(`${room}/plan`);
    await expectOneLine(page, "h2, h3", "マイルストーン", `${room}/plan`);

    await page.goto(`${room}/timeline`);
    await expect(page.getByTestId("timeline-list")).toBeVisible();
    await expectOneLine(page, "h2, h3", "マイルストーン", `${room}/timeline`);
    await expectOneLine(page, '[data-testid="timeline-list"] td', "2026年", `${room}/timeline`);
  } finally {
    await customer.close();
  }
});
