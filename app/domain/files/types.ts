/**
 * The types a document, attachment, training file or form answer may be, decided from the content (magic
 * numbers) and never from the name or what the browser claimed. No HTML, SVG, XML or script of any kind:
 * files are served as attachments with their checked type, but a type that can run script in a browser is
 * refused outright. Plain text and CSV have no magic number: they are taken when the name says so and the
 * content is valid UTF-8 without NUL bytes and does not start like markup.
 */
export const FILE_TYPES = {
  "application/pdf": "pdf",
  "image/png": "image",
  "image/jpeg": "image",
  "image/webp": "image",
  "image/gif": "image",
  "video/mp4": "video",
  "video/webm": "video",
  "video/quicktime": "video",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "spreadsheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "presentation",
  "application/x-cfb": "document",
  "application/zip": "archive",
  "text/plain": "text",
  "text/csv": "spreadsheet",
} as const;

export type FileType = keyof typeof FILE_TYPES;
/** What the UI calls a type (an icon and a word), not the MIME type. */
export type FileFamily = (typeof FILE_TYPES)[FileType];

export function isAllowedFileType(type: string): type is FileType {
  return Object.hasOwn(FILE_TYPES, type);
}

export function fileFamily(type: string): FileFamily | "other" {
  return isAllowedFileType(type) ? FILE_TYPES[type] : "other";
}

/** Types a browser plays in the page (<video>) when served with their own type. */
export function isMediaType(type: string): boolean {
  return type.startsWith("video/");
}

const TEXT_EXTENSIONS: Record<string, "text/plain" | "text/csv"> = {
  txt: "text/plain",
  md: "text/plain",
  log: "text/plain",
  csv: "text/csv",
  tsv: "text/csv",
};

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The text type of a file without a magic number, from its name and the start of its content, or null.
 * `head` is the first bytes of the file (a few KB are enough; a multi-byte character cut at the end is
 * tolerated).
 */
export function detectTextType(head: Uint8Array, originalName: string): "text/plain" | "text/csv" | null {
  const extension = /\.([a-z0-9]+)$/i.exec(originalName)?.[1]?.toLowerCase() ?? "";
  const type = TEXT_EXTENSIONS[extension];
  if (!type || head.includes(0)) return null;
  let text: string;
  try {
    text = utf8.decode(trimPartialCharacter(head));
  } catch {
    return null;
  }
  // Markup in a .txt is still markup to a browser that sniffs: refuse anything that starts like it.
  if (/^\s*</.test(text.replace(/^\uFEFF/, ""))) return null;
  return type;
}

/** Drops an incomplete UTF-8 sequence at the very end (the head may cut a character in two). */
function trimPartialCharacter(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}
