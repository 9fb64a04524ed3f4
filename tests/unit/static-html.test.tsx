import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { esc } from "~/components/static-html";

// The plan rows and the timeline are built as strings (ADR 10): their escaping must be React's.
const SAMPLES = [
  "plain",
  `<img src=x onerror="alert(1)">`,
  'Tom & Jerry\'s "plan"',
  "</script><script>alert(1)</script>",
  "日本語のタスク「SSO設定」 & <b>",
  "",
  "'single' \"double\" `backtick`",
];

describe("static HTML escaping", () => {
  it.each(SAMPLES)("escapes text exactly as React does: %s", (text) => {
    expect(`<span>${esc(text)}</span>`).toBe(renderToStaticMarkup(<span>{text}</span>));
  });

  it.each(SAMPLES)("escapes attribute values exactly as React does: %s", (value) => {
    expect(`<span title="${esc(value)}"></span>`).toBe(renderToStaticMarkup(<span title={value} />));
  });

  it("escapes numbers as their text", () => {
    expect(esc(42)).toBe("42");
  });
});
