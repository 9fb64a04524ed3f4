import { ESLint } from "eslint";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { html, innerHtml, SEP, type SafeHtml } from "~/components/static-html";

// The plan rows and the timeline are built as strings (ADR 10): every value goes through the html``
// template, whose escaping must be React's, and nothing but its SafeHtml reaches dangerouslySetInnerHTML.
const SAMPLES = [
  "plain",
  `<img src=x onerror="alert(1)">`,
  'Tom & Jerry\'s "plan"',
  "</script><script>alert(1)</script>",
  "日本語のタスク「SSO設定」 & <b>",
  "",
  "'single' \"double\" `backtick`",
];

describe("html`` escapes every interpolation", () => {
  it.each(SAMPLES)("as text, exactly as React does: %s", (text) => {
    expect(html`<span>${text}</span>`.html).toBe(renderToStaticMarkup(<span>{text}</span>));
  });

  it.each(SAMPLES)("as an attribute value, exactly as React does: %s", (value) => {
    expect(html`<span title="${value}"></span>`.html).toBe(renderToStaticMarkup(<span title={value} />));
  });

  it("inserts numbers as their text, and nothing for null, undefined and false", () => {
    expect(html`<i>${42}${-1.5}${null}${undefined}${false}</i>`.html).toBe("<i>42-1.5</i>");
  });

  it("inserts nested SafeHtml and arrays of it as they are, and escapes strings inside arrays", () => {
    const evil = `<img src=x onerror=alert(1)>`;
    const item = (text: string) => html`<li>${text}</li>`;
    const list = html`<ul>${[item(evil), item("a & b")]}${[evil]}</ul>${SEP}`;
    expect(list.html).toBe(
      "<ul><li>&lt;img src=x onerror=alert(1)&gt;</li><li>a &amp; b</li>" +
        "&lt;img src=x onerror=alert(1)&gt;</ul><!-- -->",
    );
    // Escaped once only: SafeHtml is not escaped again however deep it is nested.
    expect(html`${html`${html`${"&"}`}`}`.html).toBe("&amp;");
  });

  it("refuses values of other kinds at run time", () => {
    const sneaky = { html: "<b>not escaped</b>" } as unknown as SafeHtml;
    expect(() => html`${sneaky}`).toThrow(TypeError);
  });

  it("is the only way to feed innerHtml: a string is a type error", () => {
    const untrusted = "<img src=x onerror=alert(1)>";
    expect(innerHtml(html`<b>${untrusted}</b>`)).toEqual({
      __html: "<b>&lt;img src=x onerror=alert(1)&gt;</b>",
    });
    // The type errors are the guard; the run-time checks catch what slips past the types (casts, any).
    // @ts-expect-error -- a plain string is not SafeHtml
    expect(() => innerHtml(untrusted)).toThrow(TypeError);
    // @ts-expect-error -- nor is an object that looks like one
    expect(() => innerHtml({ html: untrusted })).toThrow(TypeError);
    // @ts-expect-error -- true is not an interpolation (a condition must yield SafeHtml, text or false)
    expect(() => html`${true}`).toThrow(TypeError);
  });
});

it("lets dangerouslySetInnerHTML take innerHtml(...) only", async () => {
  const eslint = new ESLint();
  const source = [
    'import { html, innerHtml } from "~/components/static-html";',
    "export const A = (p: { s: string }) => <div dangerouslySetInnerHTML={innerHtml(html`${p.s}`)} />;",
    "export const B = (p: { s: string }) => <div dangerouslySetInnerHTML={{ __html: p.s }} />;",
    "",
  ].join("\n");
  const [result] = await eslint.lintText(source, { filePath: "app/components/example.tsx" });
  const restricted = result!.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.line);
  expect(restricted).toEqual([3]);
}, 30_000);
