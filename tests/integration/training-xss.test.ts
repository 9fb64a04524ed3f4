import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { roomTrainingItems, trainingModules } from "#db/schema";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import { acceptedHostileDoc, HOSTILE_TEXTS } from "../fixtures/hostile-rich-text";

// Issue 12: the hostile text corpus through the real training routes. A CSM creates a lesson (hostile rich
// text and title) and a quiz (hostile question and option text and title) with the library's forms and adds
// both to room A's curriculum; the library, the module pages, the training tab, the players and the progress
// page show every value escaped (nothing lost, nothing live), and the progress CSV carries the titles as text.

let tdb: TestDatabase;
let w: TwoTenants;
let app: TestApp;
const ids: { lesson?: string; quiz?: string; lessonItem?: string; quizItem?: string } = {};

const LESSON_TITLE = HOSTILE_TEXTS[1]!; // "><img src=x onerror=…>
const QUIZ_TITLE = HOSTILE_TEXTS[2]!; // '><svg onload=…>
/** Texts that could be markup (a "<"), without entities (whose escaped form is ambiguous). */
const MARKUP_TEXTS = HOSTILE_TEXTS.filter((v) => v.includes("<") && !v.includes("&"));

const escaped = (value: string) =>
  value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");

async function as(userId: string, lang = "en") {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  client.cookies.set("lang", lang);
  return client;
}

/**
 * Nothing live in a whole page: every script is the app's own (it carries the CSP nonce), no tag has an
 * on* attribute, no href/src runs script, and no hostile markup appears unescaped.
 */
function assertInertPage(html: string) {
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    if (/^<script/i.test(tag)) expect(tag).toMatch(/\snonce="/);
    expect(tag).not.toMatch(/^<(img|iframe|object|embed|style)\b[^>]*(src=x|javascript:)/i);
    const attributes = tag.replace(/"[^"]*"/g, '""');
    expect(attributes).not.toMatch(/\son[a-z]+=/i);
    expect(tag).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
  }
  for (const value of MARKUP_TEXTS) expect(html).not.toContain(value);
}

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  tdb?.dispose();
});

describe("hostile text in training modules, through the real routes", () => {
  it("stores a lesson and a quiz made of the corpus as given (no 500, nothing dropped)", async () => {
    const csm = await as(w.csmA.id);
    const lesson = await csm.post("/training/new?kind=lesson", {
      intent: "save",
      title: LESSON_TITLE,
      product: HOSTILE_TEXTS[0]!.slice(0, 60),
      persona: "",
      language: "en",
      bodyJson: JSON.stringify(acceptedHostileDoc()),
    });
    expect(lesson.status).toBe(302);
    const quizText = HOSTILE_TEXTS.map(
      (value, i) => `? Q${i} ${value}\n* right ${i} ${value}\n- wrong ${i} ${value}`,
    ).join("\n");
    const quiz = await csm.post("/training/new?kind=quiz", {
      intent: "save",
      title: QUIZ_TITLE,
      product: "",
      persona: "",
      language: "en",
      quizText,
      passScore: "100",
      maxAttempts: "0",
    });
    expect(quiz.status).toBe(302);
    const byTitle = (title: string) =>
      tdb.db.select().from(trainingModules).where(eq(trainingModules.title, title)).get()!;
    ids.lesson = byTitle(LESSON_TITLE).id;
    ids.quiz = byTitle(QUIZ_TITLE).id;
    for (const moduleId of [ids.lesson, ids.quiz]) {
      const res = await csm.post(`/rooms/${w.roomA.id}/training?index`, {
        intent: "add",
        moduleId,
        dueOffsetDays: "3",
        assignee: "customer_admin",
      });
      expect(res.status).toBe(200);
    }
    const item = (moduleId: string) =>
      tdb.db
        .select()
        .from(roomTrainingItems)
        .where(and(eq(roomTrainingItems.roomId, w.roomA.id), eq(roomTrainingItems.moduleId, moduleId)))
        .get()!.id;
    ids.lessonItem = item(ids.lesson);
    ids.quizItem = item(ids.quiz);
    // The lesson is stored as the checker accepts it (same as the welcome note's corpus).
    const module = await (await csm.get(`/training/${ids.lesson}`)).text();
    expect(module).toContain(escaped(LESSON_TITLE));
  });

  it("shows the library and the module pages escaped", async () => {
    const csm = await as(w.csmA.id);
    const library = await (await csm.get("/training")).text();
    assertInertPage(library);
    expect(library).toContain(escaped(LESSON_TITLE));
    expect(library).toContain(escaped(QUIZ_TITLE));
    const lesson = await (await csm.get(`/training/${ids.lesson}`)).text();
    assertInertPage(lesson);
    const quiz = await csm.get(`/training/${ids.quiz}`);
    expect(quiz.status).toBe(200);
    const quizHtml = await quiz.text();
    assertInertPage(quizHtml);
    // The quiz editor shows the questions as text, in the textarea.
    for (const value of HOSTILE_TEXTS)
      expect(quizHtml).toContain(escaped(`? Q${HOSTILE_TEXTS.indexOf(value)} ${value}`));
  });

  it("shows the customer's training tab and players escaped, every question and option kept", async () => {
    const customer = await as(w.customerAdminA.id);
    const tab = await (await customer.get(`/rooms/${w.roomA.id}/training`)).text();
    assertInertPage(tab);
    expect(tab).toContain(escaped(LESSON_TITLE));
    const lesson = await customer.get(`/rooms/${w.roomA.id}/training/${ids.lessonItem}`);
    expect(lesson.status).toBe(200);
    const lessonHtml = await lesson.text();
    assertInertPage(lessonHtml);
    for (const value of HOSTILE_TEXTS) expect(lessonHtml).toContain(escaped(value));
    const quiz = await customer.get(`/rooms/${w.roomA.id}/training/${ids.quizItem}`);
    expect(quiz.status).toBe(200);
    const quizHtml = await quiz.text();
    assertInertPage(quizHtml);
    HOSTILE_TEXTS.forEach((value, i) => {
      expect(quizHtml).toContain(escaped(`Q${i} ${value}`));
      expect(quizHtml).toContain(escaped(`right ${i} ${value}`));
      expect(quizHtml).toContain(escaped(`wrong ${i} ${value}`));
    });
    // The room home's next-module card too.
    const home = await (await customer.get(`/rooms/${w.roomA.id}`)).text();
    assertInertPage(home);
    expect(home).toContain(escaped(LESSON_TITLE));
  });

  it("shows the progress page escaped and exports the titles as plain CSV text", async () => {
    const csm = await as(w.csmA.id);
    const progress = await (await csm.get(`/rooms/${w.roomA.id}/training/progress`)).text();
    assertInertPage(progress);
    expect(progress).toContain(escaped(QUIZ_TITLE));
    const csv = await csm.get(`/rooms/${w.roomA.id}/training/progress.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("Content-Disposition")).toMatch(/^attachment/);
    const body = await csv.text();
    // RFC 4180: the title is one quoted field, its quotes doubled; nothing else added or lost.
    expect(body).toContain(`"${LESSON_TITLE.replace(/"/g, '""')}"`);
    expect(body).toContain(QUIZ_TITLE);
  });
});
