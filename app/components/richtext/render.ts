/**
 * Reading rich text: a checked Tiptap document (app/domain/richtext) → markup, with
 * `@tiptap/static-renderer`'s JSON walker (pure string work: no DOM, no editor, no ProseMirror schema).
 * Every mapping below builds its markup with the `html` template, so text and attribute values are
 * escaped and tag names are literals; nothing from the document is inserted unescaped.
 *
 * Runs on the server for the page and the email, and again in the browser on hydration (it is small:
 * the editor is never part of it).
 */
import { TiptapStaticRenderer } from "@tiptap/static-renderer/json/html-string";
import { html, type SafeHtml } from "~/components/static-html";
import { isAllowedHref, type RichTextMark, type RichTextNode } from "~/domain/richtext/richtext";

type NodeProps = { node: RichTextNode; children?: SafeHtml | SafeHtml[] };
type MarkProps = { mark: RichTextMark; children?: SafeHtml | SafeHtml[] };

export type RenderOptions = {
  /** Accessible names of the read-only task checkboxes, in the reader's language. */
  taskDone?: string;
  taskOpen?: string;
  /** Accessible name of a table's scroll box. */
  tableLabel?: string;
};

const num = (value: unknown, fallback: number) => (typeof value === "number" ? value : fallback);

function nodeMapping(options: RenderOptions): Record<string, (props: NodeProps) => SafeHtml> {
  const cell = (tag: "td" | "th") => (p: NodeProps) => {
    const colspan = num(p.node.attrs?.colspan, 1);
    const rowspan = num(p.node.attrs?.rowspan, 1);
    const span = html`${colspan > 1 ? html` colspan="${colspan}"` : null}${rowspan > 1 ? html` rowspan="${rowspan}"` : null}`;
    return tag === "th" ? html`<th${span}>${p.children}</th>` : html`<td${span}>${p.children}</td>`;
  };
  return {
    doc: (p) => html`${p.children}`,
    paragraph: (p) => html`<p>${p.children}</p>`,
    text: (p) => html`${p.node.text ?? ""}`,
    heading: (p) => {
      switch (p.node.attrs?.level) {
        case 2:
          return html`<h2>${p.children}</h2>`;
        case 3:
          return html`<h3>${p.children}</h3>`;
        default:
          return html`<h4>${p.children}</h4>`;
      }
    },
    bulletList: (p) => html`<ul>${p.children}</ul>`,
    orderedList: (p) => {
      const start = num(p.node.attrs?.start, 1);
      const type = p.node.attrs?.type;
      return html`<ol${start !== 1 ? html` start="${start}"` : null}${typeof type === "string" && type !== "1" ? html` type="${type}"` : null}>${p.children}</ol>`;
    },
    listItem: (p) => html`<li>${p.children}</li>`,
    taskList: (p) => html`<ul class="rt-tasks">${p.children}</ul>`,
    taskItem: (p) => {
      const done = p.node.attrs?.checked === true;
      const label = done ? options.taskDone : options.taskOpen;
      return html`<li class="rt-task"><input type="checkbox" disabled${done ? html` checked` : null}${label ? html` aria-label="${label}"` : null}><div>${p.children}</div></li>`;
    },
    blockquote: (p) => html`<blockquote>${p.children}</blockquote>`,
    horizontalRule: () => html`<hr>`,
    hardBreak: () => html`<br>`,
    codeBlock: (p) => html`<pre><code>${p.children}</code></pre>`,
    // The box scrolls sideways on its own so a wide table never widens the page; it is focusable so a
    // keyboard can scroll it.
    table: (p) =>
      html`<div class="rt-table" tabindex="0" role="region"${options.tableLabel ? html` aria-label="${options.tableLabel}"` : null}><table><tbody>${p.children}</tbody></table></div>`,
    tableRow: (p) => html`<tr>${p.children}</tr>`,
    tableHeader: cell("th"),
    tableCell: cell("td"),
    mention: (p) => {
      const id = String(p.node.attrs?.id ?? "");
      const label = String(p.node.attrs?.label ?? id);
      return html`<span class="rt-mention" data-mention-id="${id}">@${label}</span>`;
    },
  };
}

const markMapping: Record<string, (props: MarkProps) => SafeHtml> = {
  bold: (p) => html`<strong>${p.children}</strong>`,
  italic: (p) => html`<em>${p.children}</em>`,
  strike: (p) => html`<s>${p.children}</s>`,
  underline: (p) => html`<u>${p.children}</u>`,
  code: (p) => html`<code>${p.children}</code>`,
  // Checked again here (defence in depth): a link we would not store is rendered as its text.
  // No target=_blank: links open where the reader chooses (and a new tab needs no window.opener).
  link: (p) =>
    isAllowedHref(p.mark.attrs?.href)
      ? html`<a href="${p.mark.attrs.href}" rel="noopener noreferrer nofollow">${p.children}</a>`
      : html`${p.children}`,
};

const EMPTY = html``;

/** Markup of a document checked by parseRichText / storedRichText. */
export function renderRichText(doc: RichTextNode, options: RenderOptions = {}): SafeHtml {
  const render = TiptapStaticRenderer<SafeHtml, RichTextMark, RichTextNode>(
    (ctx) => (ctx.component as (props: unknown) => SafeHtml)(ctx.props),
    {
      nodeMapping: nodeMapping(options) as never,
      markMapping: markMapping as never,
      // The document was checked on the way in and again on the way out; anything unknown renders nothing.
      unhandledNode: (() => EMPTY) as never,
      unhandledMark: ((p: MarkProps) => html`${p.children}`) as never,
    },
  );
  return render({ content: doc });
}
