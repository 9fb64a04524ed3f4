import type { Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import type EnglishStrings from "../../app/i18n/locales/en/app.json";
import { collectPageErrors, expect, test, waitForHydration } from "./fixtures";
import { contextFor, DESKTOP, ROLES, type Role } from "./pages";

/**
 * Issue 12's "done when", in Japanese and in English: a CSM tailors a curriculum (a video and a quiz made
 * for the test) and a hearing sheet for a room; the customer administrator uploads a file, fills the
 * sheet, watches the video and passes the quiz; the CSM then sees who did what and for how long, and the
 * health panel's training measure counts the two completions.
 *
 * Labels come from the app's own string files, so both languages run the same steps.
 */
test.describe.configure({ timeout: 240_000 });

const strings = (locale: "ja" | "en") =>
  JSON.parse(
    readFileSync(new URL(`../../app/i18n/locales/${locale}/app.json`, import.meta.url), "utf8"),
  ) as Strings;
const enStrings = strings("en");
const jaStrings = strings("ja");

const VIDEO = readFileSync(new URL("../fixtures/media/sample-6s.webm", import.meta.url));
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

// The shape of the string files (both languages have the same keys; tests/unit checks it).
type Strings = typeof EnglishStrings;

type Flow = {
  csm: Role;
  customer: Role;
  customerName: string;
  room: string;
  s: Strings;
  words: { question: string; right: string; wrong: string; field: string };
};

const FLOWS: Flow[] = [
  {
    csm: { name: "CSM 佐藤 (ja)", email: "sato@launchroom.example", kind: "staff", locale: "ja" },
    customer: ROLES.customerAdmin,
    customerName: "田中 一郎",
    room: "導入オンボーディング 2026",
    s: jaStrings,
    words: {
      question: "管理画面を開く場所は？",
      right: "右上のメニュー",
      wrong: "ログイン画面",
      field: "ご利用予定の人数",
    },
  },
  {
    csm: { name: "CSM Emily (en)", email: "emily@launchroom.example", kind: "staff", locale: "en" },
    customer: ROLES.customerAdminEn,
    customerName: "Jordan Lee",
    room: "Acme onboarding",
    s: enStrings,
    words: {
      question: "Where is the admin console?",
      right: "Top-right menu",
      wrong: "Sign-in page",
      field: "Number of users",
    },
  },
];

/** "{{dueCompleted}} of {{dueAssigned}} modules due are completed" (Japanese has them the other way round). */
function trainingCounts(s: Strings, text: string): [completed: number, due: number] {
  const template = s.health.facts.trainingCompletion;
  const pattern = template
    .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
    .replace("{{dueCompleted}}", "(\\d+)")
    .replace("{{dueAssigned}}", "(\\d+)");
  const match = new RegExp(pattern).exec(text);
  expect(match, `"${text}" reads like "${template}"`).not.toBeNull();
  const [first, second] = [Number(match![1]), Number(match![2])];
  return template.indexOf("{{dueCompleted}}") < template.indexOf("{{dueAssigned}}")
    ? [first, second]
    : [second, first];
}

async function trainingMeasure(page: Page, roomUrl: string, s: Strings): Promise<[number, number]> {
  await page.goto(`${roomUrl}/health`);
  const row = page
    .getByTestId("health-measures")
    .getByRole("row")
    .filter({ hasText: s.health.measures.trainingCompletion });
  await expect(row).toBeVisible();
  return trainingCounts(s, (await row.textContent()) ?? "");
}

for (const flow of FLOWS) {
  const { s, words } = flow;
  test(`done when (${flow.customer.locale}): tailored training and a hearing sheet, taken by the customer admin, seen by the CSM`, async ({
    browser,
    app,
  }) => {
    const stamp = Date.now().toString(36);
    const videoTitle = `${s.training.kinds.video} ${stamp}`;
    const quizTitle = `${s.training.kinds.quiz} ${stamp}`;
    const sheetTitle = `${flow.customer.locale === "ja" ? "ヒアリングシート" : "Discovery sheet"} ${stamp}`;
    const documentTitle = `${flow.customer.locale === "ja" ? "発注書" : "Purchase order"} ${stamp}`;

    const csmContext = await contextFor(browser, app, flow.csm);
    const csm = await csmContext.newPage();
    await csm.setViewportSize(DESKTOP);
    const csmErrors = collectPageErrors(csm);
    const customerContext = await contextFor(browser, app, flow.customer);
    const customer = await customerContext.newPage(); // 390 px wide: the customer on a phone
    const customerErrors = collectPageErrors(customer);

    // --- The CSM makes a video and a quiz in the library.
    await csm.goto("/training/new?kind=video");
    await csm.getByLabel(s.training.fields.title).fill(videoTitle);
    await csm.getByLabel(s.training.fields.videoFile).setInputFiles({
      name: "welcome.webm",
      mimeType: "video/webm",
      buffer: VIDEO,
    });
    await csm.getByLabel(s.training.fields.durationSeconds).fill("6");
    await csm.getByRole("button", { name: s.training.create }).click();
    await expect(csm.getByText(s.training.created)).toBeVisible({ timeout: 15_000 });

    await csm.goto("/training/new?kind=quiz");
    await csm.getByLabel(s.training.fields.title).fill(quizTitle);
    await csm
      .getByLabel(s.training.fields.quizText)
      .fill(`? ${words.question}\n* ${words.right}\n- ${words.wrong}`);
    await csm.getByLabel(s.training.fields.passScore).fill("100");
    await csm.getByLabel(s.training.fields.maxAttempts).fill("3");
    await csm.getByRole("button", { name: s.training.create }).click();
    await expect(csm.getByText(s.training.created)).toBeVisible({ timeout: 15_000 });

    // --- A hearing sheet in the form library, with one required number field.
    await csm.goto("/forms");
    const newForm = csm.getByRole("region", { name: s.forms.library.new });
    await newForm.getByLabel(s.forms.builder.formTitle).fill(sheetTitle);
    await newForm.getByLabel(s.forms.builder.language).selectOption(flow.customer.locale);
    await newForm.getByRole("button", { name: s.forms.library.create }).click();
    const addField = csm.getByRole("region", { name: s.forms.builder.addField });
    await addField.getByRole("textbox", { name: s.forms.builder.label }).fill(words.field);
    await addField.getByLabel(s.forms.builder.kind).selectOption("number");
    await addField.getByRole("checkbox", { name: s.forms.builder.required }).check();
    await addField.getByRole("button", { name: s.forms.builder.addField }).click();
    await expect(csm.getByText(s.forms.notice.fieldAdded)).toBeVisible();

    // --- The room: its training tab gets both modules for the customer admin, due on the kickoff day.
    await csm.goto("/portfolio?scope=all");
    await csm.getByRole("link", { name: flow.room }).first().click();
    await expect(csm.getByRole("heading", { name: flow.room, level: 1 })).toBeVisible();
    const roomUrl = new URL(csm.url()).pathname.split("/").slice(0, 3).join("/");
    const [completedBefore] = await trainingMeasure(csm, roomUrl, s);

    await csm.goto(`${roomUrl}/training`);
    const add = csm.getByRole("form", { name: s.training.addModule });
    for (const title of [videoTitle, quizTitle]) {
      const option = add.getByRole("option", { name: new RegExp(title) });
      await add
        .getByRole("combobox", { name: s.training.module })
        .selectOption((await option.getAttribute("value"))!);
      await add.getByRole("textbox", { name: s.training.dueOffset }).fill("0");
      const person = add.getByRole("option", { name: flow.customerName });
      await add
        .getByRole("combobox", { name: s.training.assignee })
        .selectOption((await person.getAttribute("value"))!);
      await add.getByRole("button", { name: s.training.add, exact: true }).click();
      await expect(csm.getByTestId("curriculum").getByRole("link", { name: title })).toBeVisible();
    }

    // --- The hearing sheet goes on an open, shared task of the customer admin's plan, completing it.
    await customer.goto("/rooms");
    await expect(customer.getByRole("heading", { name: flow.room, level: 1 })).toBeVisible();
    await customer.goto(`${roomUrl}/plan`);
    const taskLinks = await customer
      .locator(`a[href^="${roomUrl}/tasks/"]`)
      .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute("href")!))]);
    let taskUrl = "";
    for (const href of taskLinks) {
      await csm.goto(href);
      const attach = csm.getByRole("link", { name: s.forms.task.attach });
      const open = csm.getByText(s.task.completedAt).locator("..").getByText("—");
      if ((await attach.count()) && (await open.count())) {
        taskUrl = href;
        await attach.click();
        break;
      }
    }
    expect(taskUrl, "an open shared task without a form").not.toBe("");
    await csm.getByLabel(s.forms.attach.form).selectOption({
      label: s.forms.attach.option.replace("{{title}}", sheetTitle).replace("{{count}}", "1"),
    });
    await csm.getByRole("button", { name: s.forms.attach.submit }).click();
    await expect(csm.getByText(s.forms.notice.attached)).toBeVisible();
    const [, dueAfterTailoring] = await trainingMeasure(csm, roomUrl, s);

    // --- The customer admin uploads a file into a shared folder.
    await customer.goto(`${roomUrl}/documents`);
    const upload = customer.getByTestId("upload-form");
    await upload.getByLabel(s.documents.file, { exact: true }).setInputFiles({
      name: "purchase-order.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    });
    await upload.getByLabel(s.documents.titleField).fill(documentTitle);
    await upload.getByRole("button", { name: s.documents.uploadButton }).click();
    await expect(customer.getByRole("link", { name: documentTitle, exact: true })).toBeVisible({
      timeout: 15_000,
    });

    // --- …fills and submits the hearing sheet from the task page.
    await customer.goto(taskUrl);
    await waitForHydration(customer);
    await customer.getByRole("link", { name: sheetTitle }).click();
    await customer.getByLabel(words.field).fill("120");
    await customer.getByRole("button", { name: s.forms.fill.submit }).click();
    await expect(customer.getByText(s.forms.notice.submittedTaskDone)).toBeVisible({ timeout: 15_000 });

    // --- …watches the video to the end in the page (its progress is sent while it plays).
    await customer.goto(`${roomUrl}/training`);
    await waitForHydration(customer);
    await customer.getByRole("link", { name: videoTitle }).first().click();
    const video = customer.getByTestId("training-video");
    await expect(video).toBeVisible();
    await waitForHydration(customer);
    await video.evaluate((el: HTMLVideoElement) => {
      el.muted = true;
      return el.play();
    });
    await expect(customer.getByTestId("video-progress")).toHaveText(s.training.videoDone, {
      timeout: 30_000,
    });

    // --- …fails the quiz once, then passes it.
    await customer.goto(`${roomUrl}/training`);
    await customer.getByRole("link", { name: quizTitle }).first().click();
    await customer.getByLabel(words.wrong).check();
    await customer.getByRole("button", { name: s.training.submitQuiz }).click();
    await expect(customer.getByText(s.training.quizFailed.replace("{{score}}", "0"))).toBeVisible();
    await customer.getByLabel(words.right).check();
    await customer.getByRole("button", { name: s.training.submitQuiz }).click();
    await expect(customer.getByText(s.training.quizPassed.replace("{{score}}", "100"))).toBeVisible();
    expect(customerErrors).toEqual([]);

    // --- The CSM sees who did what: both modules completed in the person × module matrix, with time.
    const activeTime = new RegExp(
      `${s.engagement.underMinute}|${s.engagement.minutes.replace("{{minutes}}", "\\d+")}`,
    );
    await csm.goto(`${roomUrl}/training/progress`);
    const row = csm.getByRole("row").filter({ hasText: flow.customerName });
    await expect(row).toBeVisible();
    const headers = await csm.getByRole("columnheader").allTextContents();
    for (const title of [videoTitle, quizTitle]) {
      const column = headers.findIndex((h) => h.includes(title));
      expect(column, `a column for ${title}`).toBeGreaterThan(0);
      const cell = row.getByRole("cell").nth(column - 1);
      await expect(cell).toContainText(s.training.statuses.completed);
      // …and how long: the seconds the video played show as "under a minute", not as nothing. (The quiz
      // page is still open on the customer's phone: its span counts at its next heartbeat or when she leaves.)
      if (title === videoTitle) await expect(cell).toContainText(activeTime);
    }
    // …the sheet submitted (and its task done), the upload in the room's documents…
    await csm.goto(taskUrl);
    await expect(csm.getByText(s.forms.statuses.submitted)).toBeVisible();
    await csm.goto(`${roomUrl}/documents`);
    await expect(csm.getByRole("link", { name: documentTitle, exact: true })).toBeVisible();
    // …and the health panel counts the two completions against the same modules due.
    const [completedAfter, dueAfter] = await trainingMeasure(csm, roomUrl, s);
    expect(dueAfter).toBe(dueAfterTailoring);
    expect(completedAfter).toBe(completedBefore + 2);
    // How long: the customer admin's active time in the room (heartbeats while the pages above were used).
    const activeRow = csm
      .getByTestId("active-time")
      .getByRole("row", { name: new RegExp(flow.customerName) });
    await expect(activeRow).not.toContainText(s.engagement.none);
    await expect(activeRow).toContainText(activeTime);
    expect(csmErrors).toEqual([]);

    await customerContext.close();
    await csmContext.close();
  });
}
