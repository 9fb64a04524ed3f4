import { describe, expect, it } from "vitest";
import { renderRichText } from "~/components/richtext/render";
import {
  checkRichText,
  compactEditorJson,
  isAllowedHref,
  parseRichText,
  richTextField,
  richTextToPlainText,
  RICH_TEXT_LIMITS,
  textToRichText,
} from "~/domain/richtext/richtext";
import {
  acceptedHostileDoc,
  deepDoc,
  doc,
  HOSTILE_DOCS,
  HOSTILE_HREFS,
  HOSTILE_TEXTS,
  hugeDoc,
  link,
  manyNodesDoc,
  ODD_BUT_VALID_HREFS,
  p,
  text,
} from "../fixtures/hostile-rich-text";

const errorOf = (input: unknown) => {
  const result = checkRichText(input);
  return result.ok ? "accepted" : result.error;
};

/** Everything a rendered note may contain: tags we write, and attributes from a short list. */
function assertInertMarkup(markup: string) {
  expect(markup).not.toMatch(
    /<(script|iframe|img|svg|style|object|embed|form|input(?![^>]*type="checkbox" disabled))/i,
  );
  // No attribute besides ours: a hostile attribute would have to appear as ` name=` inside a tag.
  for (const tag of markup.match(/<[a-z][^>]*>/gi) ?? []) {
    for (const [, name] of tag.replace(/"[^"]*"/g, '""').matchAll(/\s([a-z-]+)(?==|\s|>|$)/gi)) {
      expect([
        "href",
        "rel",
        "class",
        "start",
        "type",
        "colspan",
        "rowspan",
        "tabindex",
        "role",
        "aria-label",
        "data-mention-id",
        "disabled",
        "checked",
      ]).toContain(name);
    }
  }
  for (const [, href] of markup.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?|mailto):/i);
}

describe("links: only http, https and mailto, written out plainly", () => {
  it.each(HOSTILE_HREFS)("refuses %j", (href) => {
    expect(isAllowedHref(href)).toBe(false);
    expect(errorOf(doc(link(href)))).toBe("richText.badLink");
  });
  it.each(ODD_BUT_VALID_HREFS)("accepts %j and renders it escaped", (href) => {
    expect(isAllowedHref(href)).toBe(true);
    const markup = renderRichText(parseRichText(doc(link(href)))).html;
    assertInertMarkup(markup);
    expect(markup).toContain('rel="noopener noreferrer nofollow"');
    expect(markup).not.toContain("target=");
  });
  it("refuses non-strings", () => {
    for (const value of [null, undefined, 1, {}, ["https://a.example"]])
      expect(isAllowedHref(value)).toBe(false);
  });
});

describe("hostile documents are refused with a message key, never cleaned", () => {
  it.each(HOSTILE_DOCS)("$name → $key", ({ input, key }) => {
    expect(errorOf(input)).toBe(key);
  });
  it("refuses nesting deeper than the limit, accepts it at the limit", () => {
    // doc (1) > blockquote × n > paragraph > text: depth n + 3.
    expect(errorOf(deepDoc(RICH_TEXT_LIMITS.depth - 3))).toBe("accepted");
    expect(errorOf(deepDoc(RICH_TEXT_LIMITS.depth - 2))).toBe("richText.tooDeep");
    expect(errorOf(JSON.stringify(deepDoc(100)))).toBe("richText.tooDeep");
  });
  it("refuses nesting deep enough to break JSON.stringify, without crashing", () => {
    expect(errorOf(deepDoc(50_000))).toMatch(/^richText\.(invalid|tooDeep|tooLarge)$/);
  });
  it("refuses more nodes than the limit", () => {
    expect(errorOf(manyNodesDoc(RICH_TEXT_LIMITS.nodes - 1))).toBe("accepted");
    expect(errorOf(manyNodesDoc(RICH_TEXT_LIMITS.nodes + 1))).toBe("richText.tooLarge");
  });
  it("refuses a document over the size limit, as a value or as a string", () => {
    expect(errorOf(hugeDoc(RICH_TEXT_LIMITS.bytes))).toBe("richText.tooLarge");
    expect(errorOf(JSON.stringify(hugeDoc(RICH_TEXT_LIMITS.bytes)))).toBe("richText.tooLarge");
    expect(errorOf("x".repeat(RICH_TEXT_LIMITS.bytes + 1))).toBe("richText.tooLarge");
  });
  it("refuses cycles and getters' surprises without throwing", () => {
    const cyclic: Record<string, unknown> = { type: "doc", content: [] };
    (cyclic.content as unknown[]).push(cyclic);
    expect(errorOf(cyclic)).toBe("richText.invalid");
  });
  it("does not pollute Object.prototype while parsing", () => {
    for (const { input } of HOSTILE_DOCS) checkRichText(input);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("accepted documents", () => {
  it("every node and mark of the allow-list, as the editor sends it (nulls for defaults)", () => {
    const editorJson = doc(
      { type: "heading", attrs: { level: 2 }, content: [text("Welcome")] },
      p(
        text("bold", [{ type: "bold" }]),
        text("italic", [{ type: "italic" }]),
        text("strike", [{ type: "strike" }]),
        text("under", [{ type: "underline" }]),
        text("code", [{ type: "code" }]),
        { type: "hardBreak" },
        text("site", [
          {
            type: "link",
            attrs: { href: "https://a.example/", target: null, rel: null, class: null, title: null },
          },
        ]),
      ),
      { type: "bulletList", content: [{ type: "listItem", content: [p(text("one"))] }] },
      {
        type: "orderedList",
        attrs: { start: 3, type: null },
        content: [{ type: "listItem", content: [p(text("three"))] }],
      },
      {
        type: "taskList",
        content: [
          { type: "taskItem", attrs: { checked: true }, content: [p(text("done"))] },
          { type: "taskItem", attrs: { checked: false }, content: [p(text("open"))] },
        ],
      },
      { type: "blockquote", content: [p(text("quote"))] },
      { type: "horizontalRule" },
      { type: "codeBlock", attrs: { language: null }, content: [text("npm i")] },
      {
        type: "table",
        content: [
          {
            type: "tableRow",
            content: [
              {
                type: "tableHeader",
                attrs: { colspan: 1, rowspan: 1, colwidth: null },
                content: [p(text("h"))],
              },
              {
                type: "tableCell",
                attrs: { colspan: 2, rowspan: 1, colwidth: [120, 80] },
                content: [p(text("c"))],
              },
            ],
          },
        ],
      },
      p({ type: "mention", attrs: { id: "u1", label: "Sato", mentionSuggestionChar: "@" } }),
      { type: "paragraph" },
    );
    const stored = parseRichText(JSON.stringify(editorJson));
    // Nulls are dropped (they mean "default"); nothing else changes.
    expect(stored.content![1]!.content![6]!.marks).toEqual([
      { type: "link", attrs: { href: "https://a.example/" } },
    ]);
    expect(stored.content![3]!.attrs).toEqual({ start: 3 });
    const markup = renderRichText(stored, { taskDone: "Done", taskOpen: "Open", tableLabel: "Table" }).html;
    expect(markup).toBe(
      [
        "<h2>Welcome</h2>",
        "<p><strong>bold</strong><em>italic</em><s>strike</s><u>under</u><code>code</code><br>",
        '<a href="https://a.example/" rel="noopener noreferrer nofollow">site</a></p>',
        "<ul><li><p>one</p></li></ul>",
        '<ol start="3"><li><p>three</p></li></ol>',
        '<ul class="rt-tasks"><li class="rt-task"><input type="checkbox" disabled checked aria-label="Done"><div><p>done</p></div></li>',
        '<li class="rt-task"><input type="checkbox" disabled aria-label="Open"><div><p>open</p></div></li></ul>',
        "<blockquote><p>quote</p></blockquote><hr><pre><code>npm i</code></pre>",
        '<div class="rt-table" tabindex="0" role="region" aria-label="Table"><table><tbody><tr><th><p>h</p></th><td colspan="2"><p>c</p></td></tr></tbody></table></div>',
        '<p><span class="rt-mention" data-mention-id="u1">@Sato</span></p><p></p>',
      ].join(""),
    );
  });

  it("the stored copy shares nothing with the input", () => {
    const input = doc(p(text("x")));
    const stored = parseRichText(input);
    expect(stored).toEqual(input);
    expect(stored).not.toBe(input);
    expect(stored.content![0]).not.toBe(input.content[0]);
  });

  it.each(HOSTILE_TEXTS)("text %j renders as escaped text", (value) => {
    const markup = renderRichText(parseRichText(doc(p(text(value))))).html;
    assertInertMarkup(markup);
    expect(markup).not.toContain("<script");
    expect(markup.startsWith("<p>") && markup.endsWith("</p>")).toBe(true);
  });

  it("the whole accepted hostile corpus renders inert", () => {
    const markup = renderRichText(parseRichText(acceptedHostileDoc())).html;
    assertInertMarkup(markup);
    expect(markup).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
    expect(markup).toContain('data-mention-id="&quot;&gt;&lt;script&gt;');
  });
});

describe("plain text", () => {
  it("typed text becomes paragraphs and line breaks, and back", () => {
    const typed = "Hello <b>team</b>\nsecond line\n\n\nNew paragraph  \r\n\r\nThird";
    const stored = parseRichText(textToRichText(typed));
    expect(stored.content).toHaveLength(3);
    expect(stored.content![0]!.content).toEqual([
      text("Hello <b>team</b>"),
      { type: "hardBreak" },
      text("second line"),
    ]);
    expect(richTextToPlainText(stored)).toBe("Hello <b>team</b>\nsecond line\n\nNew paragraph  \n\nThird");
  });
  it("lists, tasks, links and tables read as text", () => {
    const stored = parseRichText(
      doc(
        { type: "heading", attrs: { level: 2 }, content: [text("Title")] },
        {
          type: "orderedList",
          content: [
            { type: "listItem", content: [p(text("a"))] },
            { type: "listItem", content: [p(text("b"))] },
          ],
        },
        {
          type: "taskList",
          content: [{ type: "taskItem", attrs: { checked: true }, content: [p(text("t"))] }],
        },
        link("https://a.example/", "site"),
        {
          type: "table",
          content: [
            {
              type: "tableRow",
              content: [
                { type: "tableCell", content: [p(text("x"))] },
                { type: "tableCell", content: [p(text("y"))] },
              ],
            },
          ],
        },
      ),
    );
    expect(richTextToPlainText(stored)).toBe(
      "Title\n\n1. a\n2. b\n\n[x] t\n\nsite (https://a.example/)\n\nx | y",
    );
  });
});

describe("forms", () => {
  it("richTextField gives the richText.* key as the message", () => {
    const field = richTextField();
    const bad = field.safeParse(JSON.stringify(doc(link("javascript:alert(1)"))));
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("richText.badLink");
    expect(field.safeParse("").error?.issues[0]?.message).toBe("richText.empty");
    expect(field.safeParse(JSON.stringify(doc(p(text("ok"))))).data).toEqual(doc(p(text("ok"))));
  });
  it("compactEditorJson drops the editor's null defaults only", () => {
    expect(
      compactEditorJson(doc({ type: "heading", attrs: { level: 2, textAlign: null }, content: [text("x")] })),
    ).toEqual(doc({ type: "heading", attrs: { level: 2 }, content: [text("x")] }));
  });
});
