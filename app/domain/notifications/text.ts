/** Plain text of a comment body: Tiptap JSON when it parses as such, otherwise the text itself. */
export function commentText(body: string): string {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return body.trim();
  }
  if (!doc || typeof doc !== "object") return body.trim();
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    const n = node as { type?: string; text?: string; attrs?: { label?: string }; content?: unknown[] };
    if (typeof n.text === "string") parts.push(n.text);
    else if (n.type === "mention" && n.attrs?.label) parts.push(`@${n.attrs.label}`);
    if (Array.isArray(n.content)) {
      n.content.forEach(walk);
      if (n.type === "paragraph" || n.type === "heading" || n.type === "listItem") parts.push(" ");
    }
  };
  walk(doc);
  return parts.join("").replace(/\s+/g, " ").trim();
}

export function excerpt(text: string, max = 200): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
