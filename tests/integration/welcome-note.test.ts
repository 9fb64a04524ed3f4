import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { events, planTemplates, rooms } from "#db/schema";
import { parseRichText } from "~/domain/richtext/richtext";
import { getWelcomeNote } from "~/domain/welcome/welcome.server";
import { renderEmail } from "~/mail/render.server";
import en from "~/i18n/locales/en/app.json";
import ja from "~/i18n/locales/ja/app.json";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import {
  acceptedHostileDoc,
  doc,
  HOSTILE_DOCS,
  HOSTILE_HREFS,
  HOSTILE_TEXTS,
  deepDoc,
  hugeDoc,
  link,
  p,
  text,
} from "../fixtures/hostile-rich-text";

// The welcome note through the real route of the built app: hostile JSON is refused with 400 and its
// message and nothing is stored; accepted JSON is stored as checked and rendered inert for every reader.

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;

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

const stored = () => tdb.db.select().from(rooms).where(eq(rooms.id, w.roomA.id)).get()!.welcomeNote;
const welcomeEvents = () =>
  tdb.db
    .select()
    .from(events)
    .where(and(eq(events.roomId, w.roomA.id), eq(events.type, "room.welcome_updated")))
    .all().length;

async function as(userId: string, lang = "ja") {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  client.cookies.set("lang", lang);
  return client;
}

const route = () => `/rooms/${w.roomA.id}/welcome`;
const message = (key: string, lang: "ja" | "en" = "ja") =>
  (lang === "ja" ? ja : en).richText[key.replace("richText.", "") as keyof typeof ja.richText];
/** Text as the page shows it: the checker escapes quotes and ampersands in text. */
const escaped = (value: string) =>
  value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");

/** No element we did not write: no script-capable tag, no on* attribute, no javascript: href in any tag. */
function assertInert(markup: string) {
  for (const tag of markup.match(/<[a-z][^>]*>/gi) ?? []) {
    expect(tag).not.toMatch(/^<(script|img|svg|iframe|object|embed|style)/i);
    const attributes = tag.replace(/"[^"]*"/g, '""');
    expect(attributes).not.toMatch(/\son[a-z]+=/i);
    expect(tag).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
  }
}

describe("the welcome-note route refuses hostile rich text", () => {
  const known = {
    type: "doc",
    content: [{ type: "paragraph", content: [{ type: "text", text: "Before" }] }],
  };
  beforeEach(() => {
    tdb.db.update(rooms).set({ welcomeNote: known }).where(eq(rooms.id, w.roomA.id)).run();
  });

  const cases: { name: string; input: unknown; key: string }[] = [
    // Over HTTP everything is JSON: a class instance is just an object there.
    ...HOSTILE_DOCS.filter((c) => c.name !== "class instance node"),
    ...HOSTILE_HREFS.slice(0, 20).map((href) => ({
      name: `link ${JSON.stringify(href)}`,
      input: doc(link(href)),
      key: "richText.badLink",
    })),
    { name: "too deep", input: deepDoc(40), key: "richText.tooDeep" },
    { name: "too large", input: hugeDoc(210_000), key: "richText.tooLarge" },
  ];

  it.each(cases)("$name → 400 $key, nothing stored", async ({ input, key }) => {
    const client = await as(w.csmA.id);
    const before = welcomeEvents();
    const bodyJson = typeof input === "string" ? input : JSON.stringify(input);
    const res = await client.post(route(), { intent: "save", bodyJson });
    expect(res.status).toBe(400);
    const page = await res.text();
    // In the user's language (staff in these fixtures read English).
    expect(page).toContain(escaped(message(key, "en")));
    expect(page).toContain(escaped(en.welcome.invalid));
    expect(stored()).toEqual(known);
    expect(welcomeEvents()).toBe(before);
  });

  it("keeps what was typed without JavaScript when it is refused", async () => {
    const client = await as(w.csmA.id, "en");
    const typed = Array.from({ length: 2600 }, (_, i) => `line ${i} <b>x</b>`).join("\n");
    const res = await client.post(route(), { intent: "save", bodyText: typed });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain(escaped(message("richText.tooLarge", "en")));
    expect(page).toContain("line 2599 &lt;b&gt;x&lt;/b&gt;");
    expect(stored()).toEqual(known);
  });

  it("customers may not write it", async () => {
    for (const user of [w.customerAdminA, w.memberA]) {
      const client = await as(user.id);
      const res = await client.post(route(), { intent: "save", bodyText: "hello" });
      expect(res.status).toBe(403);
    }
    expect(stored()).toEqual(known);
  });
});

describe("the welcome-note route stores what the allow-list accepts", () => {
  it("stores hostile-looking but valid JSON as checked and every reader gets it inert", async () => {
    const client = await as(w.csmA.id);
    const before = welcomeEvents();
    const res = await client.post(route(), {
      intent: "save",
      bodyJson: JSON.stringify(acceptedHostileDoc()),
    });
    expect(res.status).toBe(200);
    expect(stored()).toEqual(parseRichText(acceptedHostileDoc()));
    expect(welcomeEvents()).toBe(before + 1);

    for (const user of [w.memberA, w.csmA]) {
      const page = await (await as(user.id)).get(`/rooms/${w.roomA.id}`).then((r) => r.text());
      const note = /data-testid="welcome-body"[^>]*>([\s\S]*?)<\/section>/.exec(page)?.[1] ?? "";
      expect(note).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
      assertInert(note);
      for (const value of HOSTILE_TEXTS) expect(note).toContain(escaped(value));
    }
  });

  it("turns plain text (no JavaScript) into paragraphs and line breaks", async () => {
    const client = await as(w.csmA.id);
    const res = await client.post(route(), { intent: "save", bodyText: "Hello <team>\nline two\n\nSecond" });
    expect(res.status).toBe(200);
    expect(stored()).toEqual(
      doc(p(text("Hello <team>"), { type: "hardBreak" }, text("line two")), p(text("Second"))),
    );
    const page = await (await as(w.memberA.id)).get(`/rooms/${w.roomA.id}`).then((r) => r.text());
    expect(page).toContain("<p>Hello &lt;team&gt;<br>line two</p><p>Second</p>");
  });

  it("reset goes back to the template default in the reader's language, then the other one", async () => {
    const jaDoc = doc(p(text("ようこそ")));
    const enDoc = doc(p(text("Welcome aboard")));
    tdb.db
      .update(planTemplates)
      .set({ welcomeNoteJa: jaDoc, welcomeNoteEn: enDoc })
      .where(eq(planTemplates.id, w.templateId))
      .run();
    tdb.db.update(rooms).set({ planTemplateId: w.templateId }).where(eq(rooms.id, w.roomA.id)).run();
    const res = await (await as(w.csmA.id)).post(route(), { intent: "reset" });
    expect(res.status).toBe(200);
    expect(stored()).toBeNull();
    const room = () => tdb.db.select().from(rooms).where(eq(rooms.id, w.roomA.id)).get()!;
    expect(getWelcomeNote(room(), "ja")).toMatchObject({ doc: jaDoc, source: "template", locale: "ja" });
    expect(getWelcomeNote(room(), "en")).toMatchObject({ doc: enDoc, source: "template", locale: "en" });
    const enPage = await (await as(w.memberA.id, "en")).get(`/rooms/${w.roomA.id}`).then((r) => r.text());
    expect(enPage).toContain("Welcome aboard");
    tdb.db.update(planTemplates).set({ welcomeNoteEn: null }).where(eq(planTemplates.id, w.templateId)).run();
    expect(getWelcomeNote(room(), "en")).toMatchObject({ doc: jaDoc, locale: "ja" });
    // A stored value that no longer passes the allow-list is never shown.
    tdb.db
      .update(rooms)
      .set({ welcomeNote: doc(link("javascript:alert(1)")) })
      .where(eq(rooms.id, w.roomA.id))
      .run();
    expect(getWelcomeNote(room(), "ja")).toMatchObject({ source: "template" });
  });

  it("the invitation email carries the note, rendered inert, in both parts", async () => {
    const rendered = await renderEmail("invitation", "ja", {
      inviterName: "佐藤",
      accountName: "株式会社サンプル",
      roomTitle: "導入",
      role: "customer_member",
      url: "http://localhost:3000/invite?token=x",
      expiresAt: new Date().toISOString(),
      welcomeNote: parseRichText(acceptedHostileDoc()),
    });
    expect(rendered.html).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
    assertInert(rendered.html);
    expect(rendered.text).toContain("<script>window.__pwned=1</script>");
  });
});
