/**
 * Rich text (ADR 15): Tiptap JSON, accepted only through this allow-list. Every node, mark and attribute
 * is named here with the values it may take; anything else refuses the whole document with a message key
 * (never stored, never silently cleaned). The accepted document is a fresh copy built from the checked
 * values only, so nothing of the input (prototypes, extra keys) survives into what is stored.
 *
 * Pure and browser-safe: the editor uses the same link check and the same normalisation.
 */
import { z } from "zod";

/** The limits: nesting depth in nodes (doc = 1), node count, serialized size in bytes. */
export const RICH_TEXT_LIMITS = { depth: 20, nodes: 5000, bytes: 200_000, hrefLength: 2048 } as const;

export type RichTextErrorKey =
  "richText.invalid" | "richText.tooLarge" | "richText.tooDeep" | "richText.badLink" | "richText.empty";

export class RichTextError extends Error {
  constructor(readonly key: RichTextErrorKey) {
    super(key);
    this.name = "RichTextError";
  }
}

export type RichTextMark = { type: string; attrs?: Record<string, string | number | boolean | number[]> };
export type RichTextNode = {
  type: string;
  attrs?: Record<string, string | number | boolean | number[]>;
  content?: RichTextNode[];
  marks?: RichTextMark[];
  text?: string;
};
/** A document that passed parseRichText. */
export type RichTextDoc = RichTextNode & { type: "doc" };

// ---------------------------------------------------------------------------------------------------
// Links

/** Whitespace, control, zero-width and bidi characters: never inside an href we store. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HREF_FORBIDDEN = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;
const HREF_SCHEME = /^(https?|mailto):/i;
/** Characters a URL may not contain as written (they must be percent-encoded): quotes and brackets of markup. */
const HREF_ILLEGAL = /[<>"`{}|\\^]/;

/**
 * The only links we store or render: http:, https: and mailto:, written out from the first character
 * (no leading spaces, no entities, no relative URLs), parsed by URL, with a host for http(s).
 */
export function isAllowedHref(href: unknown): href is string {
  if (typeof href !== "string" || href.length === 0 || href.length > RICH_TEXT_LIMITS.hrefLength)
    return false;
  if (HREF_FORBIDDEN.test(href) || HREF_ILLEGAL.test(href) || !HREF_SCHEME.test(href)) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (url.protocol === "mailto:") return url.pathname.length > 0;
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  return url.hostname.length > 0 && !url.username && !url.password;
}

// ---------------------------------------------------------------------------------------------------
// The allow-list

type AttrValue = string | number | boolean | number[];
/** Checks one attribute value: returns the value to store, `undefined` to store nothing (null), or refuses. */
type AttrRule = (value: unknown) => AttrValue | undefined;

const refuse = (key: RichTextErrorKey = "richText.invalid"): never => {
  throw new RichTextError(key);
};
/** A known attribute that the editor sends as null (its default) and that we never store. */
const nullOnly: AttrRule = (v) => (v === null ? undefined : refuse());
const intIn =
  (min: number, max: number, nullable = true): AttrRule =>
  (v) => {
    if (v === null && nullable) return undefined;
    return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max ? v : refuse();
  };
const oneOf =
  (values: readonly (string | number)[]): AttrRule =>
  (v) =>
    v === null ? undefined : values.includes(v as string | number) ? (v as string | number) : refuse();
const boundedString =
  (max: number, pattern?: RegExp): AttrRule =>
  (v) => {
    if (v === null) return undefined;
    if (typeof v !== "string" || v.length === 0 || v.length > max) return refuse();
    return pattern && !pattern.test(v) ? refuse() : v;
  };
const bool: AttrRule = (v) => (v === null ? undefined : typeof v === "boolean" ? v : refuse());
const colwidth: AttrRule = (v) => {
  if (v === null) return undefined;
  if (!Array.isArray(v) || v.length === 0 || v.length > 50) return refuse();
  return v.map((w: unknown) =>
    typeof w === "number" && Number.isInteger(w) && w >= 1 && w <= 2000 ? w : refuse(),
  );
};
const href: AttrRule = (v) => (isAllowedHref(v) ? v : refuse("richText.badLink"));

const BLOCK = [
  "paragraph",
  "heading",
  "bulletList",
  "orderedList",
  "taskList",
  "blockquote",
  "horizontalRule",
  "codeBlock",
  "table",
] as const;
const INLINE = ["text", "hardBreak", "mention"] as const;

type NodeSpec = {
  attrs?: Record<string, AttrRule>;
  /** Attributes that must be present (not null). */
  required?: readonly string[];
  /** Child types; absent = a leaf. */
  content?: readonly string[];
  /** At least one child. */
  nonEmpty?: boolean;
  /** Marks allowed on text inside (text nodes take their parent's rule). */
  marks?: boolean;
};

const cellAttrs = { colspan: intIn(1, 50), rowspan: intIn(1, 200), colwidth };

/** Node type → its rule. A null-prototype object: `__proto__`, `constructor` … are not node types. */
const NODES: Record<string, NodeSpec> = Object.assign(Object.create(null) as Record<string, NodeSpec>, {
  doc: { content: BLOCK },
  paragraph: { content: INLINE, marks: true },
  heading: { attrs: { level: oneOf([2, 3, 4]) }, required: ["level"], content: INLINE, marks: true },
  bulletList: { content: ["listItem"], nonEmpty: true },
  orderedList: {
    attrs: { start: intIn(0, 100_000), type: oneOf(["1", "a", "A", "i", "I"]) },
    content: ["listItem"],
    nonEmpty: true,
  },
  listItem: { content: BLOCK, nonEmpty: true },
  taskList: { content: ["taskItem"], nonEmpty: true },
  taskItem: { attrs: { checked: bool }, content: BLOCK, nonEmpty: true },
  blockquote: { content: BLOCK, nonEmpty: true },
  horizontalRule: {},
  hardBreak: {},
  codeBlock: { attrs: { language: boundedString(32, /^[a-z0-9-]+$/) }, content: ["text"], marks: false },
  table: { content: ["tableRow"], nonEmpty: true },
  tableRow: { content: ["tableHeader", "tableCell"], nonEmpty: true },
  tableHeader: { attrs: cellAttrs, content: BLOCK, nonEmpty: true },
  tableCell: { attrs: cellAttrs, content: BLOCK, nonEmpty: true },
  mention: {
    attrs: { id: boundedString(100), label: boundedString(200), mentionSuggestionChar: oneOf(["@"]) },
    required: ["id"],
  },
  text: {},
} satisfies Record<string, NodeSpec>);

const MARKS: Record<string, Record<string, AttrRule>> = Object.assign(
  Object.create(null) as Record<string, Record<string, AttrRule>>,
  {
    bold: {},
    italic: {},
    strike: {},
    underline: {},
    code: {},
    // target, rel, class and title are what Tiptap's Link sends as null: we add rel when rendering.
    link: { href, target: nullOnly, rel: nullOnly, class: nullOnly, title: nullOnly },
  },
);
const MARK_REQUIRED: Record<string, readonly string[]> = { link: ["href"] };

export const RICH_TEXT_NODE_TYPES = Object.keys(NODES);
export const RICH_TEXT_MARK_TYPES = Object.keys(MARKS);

// ---------------------------------------------------------------------------------------------------
// The walk

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Own keys, including non-enumerable and symbol ones: any key we did not name refuses the node. */
function keysOf(value: object): (string | symbol)[] {
  return Reflect.ownKeys(value);
}

function checkAttrs(
  raw: unknown,
  rules: Record<string, AttrRule> | undefined,
  required: readonly string[] = [],
): Record<string, AttrValue> | undefined {
  if (raw === undefined || raw === null) {
    if (required.includes("href")) refuse("richText.badLink");
    if (required.length) refuse();
    return undefined;
  }
  if (!isPlainObject(raw)) return refuse();
  const out: Record<string, AttrValue> = {};
  for (const key of keysOf(raw)) {
    if (typeof key !== "string" || !rules || !Object.prototype.hasOwnProperty.call(rules, key)) refuse();
    const value = rules![key as string]!(raw[key as string]);
    if (value !== undefined) out[key as string] = value;
  }
  for (const key of required)
    if (!(key in out)) refuse(key === "href" ? "richText.badLink" : "richText.invalid");
  return Object.keys(out).length ? out : undefined;
}

function checkMarks(raw: unknown): RichTextMark[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length > RICH_TEXT_MARK_TYPES.length) return refuse();
  const seen = new Set<string>();
  const out: RichTextMark[] = [];
  for (const mark of raw as unknown[]) {
    if (!isPlainObject(mark)) refuse();
    const m = mark as Record<string, unknown>;
    for (const key of keysOf(m)) if (key !== "type" && key !== "attrs") refuse();
    const type = m.type;
    if (typeof type !== "string" || !Object.prototype.hasOwnProperty.call(MARKS, type) || seen.has(type))
      refuse();
    seen.add(type as string);
    const attrs = checkAttrs(m.attrs, MARKS[type as string], MARK_REQUIRED[type as string]);
    out.push(attrs ? { type: type as string, attrs } : { type: type as string });
  }
  return out.length ? out : undefined;
}

function walk(
  raw: unknown,
  allowed: readonly string[],
  marksAllowed: boolean,
  depth: number,
  count: { n: number },
) {
  if (depth > RICH_TEXT_LIMITS.depth) refuse("richText.tooDeep");
  if (++count.n > RICH_TEXT_LIMITS.nodes) refuse("richText.tooLarge");
  if (!isPlainObject(raw)) return refuse();
  const type = raw.type;
  if (
    typeof type !== "string" ||
    !allowed.includes(type) ||
    !Object.prototype.hasOwnProperty.call(NODES, type)
  )
    return refuse();
  const spec = NODES[type]!;
  const node: RichTextNode = { type };
  for (const key of keysOf(raw)) {
    if (key === "type") continue;
    if (key === "text" && type === "text") continue;
    if (key === "marks" && type === "text") continue;
    if (key === "attrs" || key === "content") continue;
    refuse();
  }
  if (type === "text") {
    if (typeof raw.text !== "string" || raw.text.length === 0) refuse();
    if (raw.attrs !== undefined || raw.content !== undefined) refuse();
    node.text = raw.text as string;
    if (raw.marks !== undefined) {
      if (!marksAllowed) refuse();
      const marks = checkMarks(raw.marks);
      if (marks) node.marks = marks;
    }
    return node;
  }
  const attrs = checkAttrs(raw.attrs, spec.attrs, spec.required);
  if (attrs) node.attrs = attrs;
  if (raw.content !== undefined) {
    if (!spec.content || !Array.isArray(raw.content)) refuse();
    const children = (raw.content as unknown[]).map((child) =>
      walk(child, spec.content!, spec.marks ?? false, depth + 1, count),
    );
    if (children.length) node.content = children;
  }
  if (spec.nonEmpty && !node.content) refuse();
  return node;
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** True when the document holds no text, mention, rule or table: nothing a reader would see. */
export function isEmptyRichText(doc: RichTextNode): boolean {
  const visit = (node: RichTextNode): boolean => {
    if (node.type === "text") return (node.text ?? "").trim() === "";
    if (node.type === "mention" || node.type === "horizontalRule" || node.type === "table") return false;
    return (node.content ?? []).every(visit);
  };
  return visit(doc);
}

/**
 * The one way in: Tiptap JSON (as a string, e.g. a form field, or as a value) → a checked copy, or a
 * RichTextError with the message key. `allowEmpty` accepts a document without visible content.
 */
export function parseRichText(input: unknown, options: { allowEmpty?: boolean } = {}): RichTextDoc {
  let value: unknown = input;
  let size: number;
  if (typeof input === "string") {
    // Cheap upper bound first: UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (input.length > RICH_TEXT_LIMITS.bytes || byteLength(input) > RICH_TEXT_LIMITS.bytes)
      refuse("richText.tooLarge");
    try {
      value = JSON.parse(input);
    } catch {
      refuse();
    }
    size = byteLength(input);
  } else {
    let text: string | undefined;
    try {
      text = JSON.stringify(input);
    } catch {
      // Cycles, BigInt, or nesting deep enough to overflow the stack.
      refuse("richText.invalid");
    }
    if (text === undefined) refuse();
    size = byteLength(text!);
  }
  if (size > RICH_TEXT_LIMITS.bytes) refuse("richText.tooLarge");
  let doc: RichTextNode;
  try {
    doc = walk(value, ["doc"], false, 1, { n: 0 });
  } catch (error) {
    if (error instanceof RangeError) refuse("richText.tooDeep");
    throw error;
  }
  if (!options.allowEmpty && isEmptyRichText(doc)) refuse("richText.empty");
  return doc as RichTextDoc;
}

/** parseRichText without throwing. */
export function checkRichText(
  input: unknown,
  options: { allowEmpty?: boolean } = {},
): { ok: true; doc: RichTextDoc } | { ok: false; error: RichTextErrorKey } {
  try {
    return { ok: true, doc: parseRichText(input, options) };
  } catch (error) {
    if (error instanceof RichTextError) return { ok: false, error: error.key };
    throw error;
  }
}

/** A stored value read back: checked again (it was checked on the way in), null when absent or bad. */
export function storedRichText(value: unknown): RichTextDoc | null {
  if (value === null || value === undefined) return null;
  const result = checkRichText(value);
  return result.ok ? result.doc : null;
}

// ---------------------------------------------------------------------------------------------------
// Plain text, both ways

/** Text typed without the editor (no JavaScript): blank lines separate paragraphs, a newline breaks a line. */
export function textToRichText(text: string): RichTextDoc {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ""))
    .filter((p) => p.trim() !== "");
  return {
    type: "doc",
    content: paragraphs.map((p) => {
      const content: RichTextNode[] = [];
      p.split("\n").forEach((line, i) => {
        if (i > 0) content.push({ type: "hardBreak" });
        if (line) content.push({ type: "text", text: line });
      });
      return content.length ? { type: "paragraph", content } : { type: "paragraph" };
    }),
  };
}

/** The text of a document for email text parts and the no-JavaScript textarea. */
export function richTextToPlainText(doc: RichTextNode): string {
  const inline = (nodes: RichTextNode[] = []): string =>
    nodes
      .map((n) => {
        if (n.type === "hardBreak") return "\n";
        if (n.type === "mention") return `@${String(n.attrs?.label ?? n.attrs?.id ?? "")}`;
        const text = n.text ?? "";
        const link = n.marks?.find((m) => m.type === "link")?.attrs?.href;
        return typeof link === "string" && link !== text && `mailto:${text}` !== link
          ? `${text} (${link})`
          : text;
      })
      .join("");
  const blocks = (nodes: RichTextNode[] = [], indent = ""): string[] =>
    nodes.flatMap((n): string[] => {
      switch (n.type) {
        case "paragraph":
        case "heading":
          return [indent + inline(n.content).replace(/\n/g, `\n${indent}`)];
        case "codeBlock":
          return [indent + inline(n.content).replace(/\n/g, `\n${indent}`)];
        case "horizontalRule":
          return [`${indent}---`];
        case "blockquote":
          return blocks(n.content, `${indent}> `);
        case "bulletList":
        case "orderedList":
        case "taskList": {
          const start = typeof n.attrs?.start === "number" ? n.attrs.start : 1;
          return [
            (n.content ?? [])
              .map((item, i) => {
                const bullet =
                  n.type === "orderedList"
                    ? `${start + i}. `
                    : n.type === "taskList"
                      ? item.attrs?.checked
                        ? "[x] "
                        : "[ ] "
                      : "- ";
                const [first = "", ...rest] = blocks(item.content, "");
                const pad = " ".repeat(bullet.length);
                return [indent + bullet + first.replace(/\n/g, `\n${indent}${pad}`)]
                  .concat(rest.map((r) => indent + pad + r.replace(/\n/g, `\n${indent}${pad}`)))
                  .join("\n");
              })
              .join("\n"),
          ];
        }
        case "table":
          return [
            (n.content ?? [])
              .map((row) =>
                (row.content ?? [])
                  .map((cell) => blocks(cell.content).join(" ").replace(/\n/g, " "))
                  .join(" | "),
              )
              .map((line) => indent + line)
              .join("\n"),
          ];
        default:
          return [];
      }
    });
  return blocks(doc.content).join("\n\n");
}

// ---------------------------------------------------------------------------------------------------
// Forms

/**
 * One form field holding Tiptap JSON (the editor's hidden input), checked by parseRichText; its
 * messages are the richText.* keys. `optional` lets an empty field through as undefined.
 */
export function richTextField(options: { optional?: boolean; allowEmpty?: boolean } = {}) {
  return z.unknown().transform((value, ctx): RichTextDoc | undefined => {
    if ((value === undefined || value === "") && options.optional) return undefined;
    if (value === undefined || value === "") {
      ctx.addIssue({ code: "custom", message: "richText.empty" });
      return z.NEVER;
    }
    const result = checkRichText(value, { allowEmpty: options.allowEmpty });
    if (result.ok) return result.doc;
    ctx.addIssue({ code: "custom", message: result.error });
    return z.NEVER;
  });
}

/**
 * The body of a rich-text form: `bodyJson` from the editor, or `bodyText` from the plain textarea that
 * stands in for it without JavaScript (turned into paragraphs). Errors are reported on `body`.
 */
export function richTextBody() {
  return {
    bodyJson: z.string().optional(),
    bodyText: z.string().max(RICH_TEXT_LIMITS.bytes, { message: "richText.tooLarge" }).optional(),
  };
}

export function readRichTextBody(
  input: { bodyJson?: string; bodyText?: string },
  ctx: z.RefinementCtx,
  options: { allowEmpty?: boolean } = {},
): RichTextDoc {
  const json = input.bodyJson?.trim() ? input.bodyJson : undefined;
  const source: unknown = json ?? (input.bodyText !== undefined ? textToRichText(input.bodyText) : undefined);
  const result = checkRichText(source ?? { type: "doc" }, options);
  if (result.ok) return result.doc;
  ctx.addIssue({ code: "custom", message: result.error, path: ["body"] });
  return z.NEVER;
}

// ---------------------------------------------------------------------------------------------------
// The editor's JSON → what we store

/**
 * Tiptap's getJSON() lists every attribute with its default (null for most); the allow-list takes null
 * as "not set", so this only drops what the editor adds on its own: null attributes and empty attrs.
 */
export function compactEditorJson(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(compactEditorJson);
  if (!isPlainObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "attrs" && isPlainObject(value)) {
      const attrs = Object.fromEntries(
        Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
      );
      if (Object.keys(attrs).length) out.attrs = attrs;
    } else out[key] = compactEditorJson(value);
  }
  return out;
}
