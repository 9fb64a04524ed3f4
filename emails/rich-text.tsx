import { renderJSONContentToReactElement } from "@tiptap/static-renderer/json/react";
import type { CSSProperties, ReactNode } from "react";

/**
 * A welcome note (or any rich text) in an email: the document was checked by the app's allow-list
 * (app/domain/richtext) before it was put in the props, and is walked here by the same
 * `@tiptap/static-renderer` as the pages, mapped to React elements with inline styles (email clients
 * ignore stylesheets). React escapes every text and attribute; links are checked again.
 */
type Node = { type?: string; attrs?: Record<string, unknown>; text?: string };
type Mark = { type: string; attrs?: Record<string, unknown> };
type NodeProps = { node: Node; children?: ReactNode };
type MarkProps = { mark: Mark; children?: ReactNode };

const s = {
  p: { color: "#343a40", fontSize: "15px", lineHeight: "1.7", margin: "0 0 12px" },
  h: { color: "#1b1f24", fontSize: "17px", fontWeight: 600, lineHeight: "1.5", margin: "16px 0 8px" },
  list: { color: "#343a40", fontSize: "15px", lineHeight: "1.7", margin: "0 0 12px", paddingLeft: "24px" },
  quote: { borderLeft: "3px solid #cfd4da", color: "#5c6570", margin: "0 0 12px", paddingLeft: "12px" },
  code: { backgroundColor: "#f1f3f5", fontFamily: "monospace", fontSize: "13px" },
  pre: {
    backgroundColor: "#f1f3f5",
    fontSize: "13px",
    margin: "0 0 12px",
    padding: "12px",
    whiteSpace: "pre-wrap",
  },
  table: { borderCollapse: "collapse", margin: "0 0 12px" },
  cell: {
    border: "1px solid #cfd4da",
    fontSize: "14px",
    padding: "4px 8px",
    textAlign: "left",
    verticalAlign: "top",
  },
  link: { color: "#1f3a5f" },
  hr: { border: 0, borderTop: "1px solid #e3e6ea", margin: "16px 0" },
} satisfies Record<string, CSSProperties>;

const SAFE_HREF = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i;
const num = (value: unknown) => (typeof value === "number" && value > 1 ? value : undefined);

const nodeMapping: Record<string, (props: NodeProps) => ReactNode> = {
  doc: ({ children }) => <>{children}</>,
  paragraph: ({ children }) => <p style={s.p}>{children}</p>,
  text: ({ node }) => node.text ?? "",
  heading: ({ node, children }) =>
    node.attrs?.level === 2 ? <h2 style={s.h}>{children}</h2> : <h3 style={s.h}>{children}</h3>,
  bulletList: ({ children }) => <ul style={s.list}>{children}</ul>,
  orderedList: ({ node, children }) => (
    <ol style={s.list} start={num(node.attrs?.start)}>
      {children}
    </ol>
  ),
  listItem: ({ children }) => <li>{children}</li>,
  taskList: ({ children }) => <ul style={{ ...s.list, listStyle: "none", paddingLeft: 0 }}>{children}</ul>,
  taskItem: ({ node, children }) => (
    <li>
      <span aria-hidden="true">{node.attrs?.checked === true ? "☑ " : "☐ "}</span>
      {children}
    </li>
  ),
  blockquote: ({ children }) => <blockquote style={s.quote}>{children}</blockquote>,
  horizontalRule: () => <hr style={s.hr} />,
  hardBreak: () => <br />,
  codeBlock: ({ children }) => (
    <pre style={s.pre}>
      <code>{children}</code>
    </pre>
  ),
  table: ({ children }) => (
    <table role="presentation" style={s.table}>
      <tbody>{children}</tbody>
    </table>
  ),
  tableRow: ({ children }) => <tr>{children}</tr>,
  tableHeader: ({ node, children }) => (
    <th style={s.cell} colSpan={num(node.attrs?.colspan)} rowSpan={num(node.attrs?.rowspan)}>
      {children}
    </th>
  ),
  tableCell: ({ node, children }) => (
    <td style={s.cell} colSpan={num(node.attrs?.colspan)} rowSpan={num(node.attrs?.rowspan)}>
      {children}
    </td>
  ),
  mention: ({ node }) => `@${String(node.attrs?.label ?? node.attrs?.id ?? "")}`,
};

const markMapping: Record<string, (props: MarkProps) => ReactNode> = {
  bold: ({ children }) => <strong>{children}</strong>,
  italic: ({ children }) => <em>{children}</em>,
  strike: ({ children }) => <s>{children}</s>,
  underline: ({ children }) => <u>{children}</u>,
  code: ({ children }) => <code style={s.code}>{children}</code>,
  link: ({ mark, children }) => {
    const href = mark.attrs?.href;
    return typeof href === "string" && SAFE_HREF.test(href) ? (
      <a href={href} style={s.link} rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <>{children}</>
    );
  },
};

export function EmailRichText({ doc }: { doc: unknown }) {
  const render = renderJSONContentToReactElement({
    nodeMapping: nodeMapping as never,
    markMapping: markMapping as never,
    unhandledNode: (() => null) as never,
    unhandledMark: (({ children }: MarkProps) => <>{children}</>) as never,
  });
  return <div>{render({ content: doc as never })}</div>;
}
