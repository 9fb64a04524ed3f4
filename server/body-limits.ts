import type { IncomingMessage } from "node:http";
import { Transform, type TransformCallback } from "node:stream";

/** Any form body that is not an upload: far above what a real form sends. */
export const FORM_MAX_BYTES = 1024 * 1024;
/** More fields than any form of the app has; also bounds the work of parsing one. */
export const MAX_FIELDS = 1000;

/**
 * The routes that take file uploads (multipart/form-data), and so get UPLOAD_MAX_BYTES instead of
 * FORM_MAX_BYTES. The optional `.data` suffix is Remix's single-fetch form of the same action.
 */
const UPLOAD_PATHS = [
  /^\/rooms\/[^/]+\/plan\/import(?:\.data)?$/,
  /^\/templates\/[^/]+\/import(?:\.data)?$/,
  // Images: the workspace logo, account logos and profile photos.
  /^\/admin\/settings(?:\.data)?$/,
  /^\/accounts\/[^/]+\/logo(?:\.data)?$/,
  /^\/profile(?:\.data)?$/,
];

export function isUploadPath(path: string): boolean {
  return UPLOAD_PATHS.some((pattern) => pattern.test(path));
}

/**
 * The routes that take documents, videos and attachments (issue 12): their bodies may run to
 * FILE_MAX_BYTES plus FILE_FORM_ALLOWANCE; each file is also held to FILE_MAX_BYTES while it streams to
 * disk (app/web/uploads.server.ts). Add a route here when it takes such a file.
 */
const FILE_UPLOAD_PATHS: RegExp[] = [
  // issue 12: forms — a task's form, whose file fields are answered with uploads.
  /^\/rooms\/[^/]+\/tasks\/[^/]+\/form(?:\.data)?$/,
  // issue 12: training videos and files (the library's new and edit forms)
  /^\/training\/[^/.]+(?:\.data)?$/,
  // Issue 12 documents: upload a document, a new version; attach files to a task, comment with files.
  /^\/rooms\/[^/]+\/documents(?:\.data)?$/,
  /^\/rooms\/[^/]+\/documents\/[^/.]+(?:\.data)?$/,
  /^\/rooms\/[^/]+\/tasks\/[^/.]+(?:\.data)?$/,
  /^\/rooms\/[^/]+\/milestones\/[^/.]+(?:\.data)?$/,
];

/** Room for the multipart framing and the other fields of a form that carries a file. */
export const FILE_FORM_ALLOWANCE = 1024 * 1024;

export function isFileUploadPath(path: string): boolean {
  return FILE_UPLOAD_PATHS.some((pattern) => pattern.test(path));
}

/**
 * Routes whose bodies are a few short fields and must stay tiny (issue 12: the active-time heartbeat,
 * app/routes/rooms.$roomId.heartbeat.tsx): anything longer is refused with 413 before the app sees it.
 */
const TINY_BODY_PATHS = [/^\/rooms\/[^/]+\/heartbeat(?:\.data)?$/];
export const TINY_BODY_MAX_BYTES = 1024;

export type BodyLimits = { uploadMaxBytes: number; fileMaxBytes: number };

export function bodyLimitFor(path: string, limits: BodyLimits): number {
  if (TINY_BODY_PATHS.some((pattern) => pattern.test(path))) return TINY_BODY_MAX_BYTES;
  if (isFileUploadPath(path)) return limits.fileMaxBytes + FILE_FORM_ALLOWANCE;
  return isUploadPath(path) ? limits.uploadMaxBytes : FORM_MAX_BYTES;
}

export type BodyRefusal =
  | { status: 413; key: "errors.bodyTooLarge"; maxBytes: number }
  | { status: 413; key: "errors.tooManyFields" }
  | { status: 400; key: "errors.invalidEncoding" };

export type BodyPolicy = {
  maxBytes: number;
  /** urlencoded bodies are read whole (at most maxBytes) and checked before the app sees them. */
  kind: "urlencoded" | "multipart" | "other";
  /** The multipart delimiter, whose occurrences count the parts. */
  delimiter?: Buffer;
};

export function bodyPolicy(req: IncomingMessage, path: string, limits: BodyLimits): BodyPolicy {
  const maxBytes = bodyLimitFor(path, limits);
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded")) return { maxBytes, kind: "urlencoded" };
  const boundary = /^multipart\/form-data\b.*;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(
    req.headers["content-type"] ?? "",
  );
  if (boundary)
    return { maxBytes, kind: "multipart", delimiter: Buffer.from(`--${boundary[1] ?? boundary[2]}`) };
  return { maxBytes, kind: "other" };
}

/** A declared Content-Length over the limit is refused before a byte of the body is read. */
export function refuseByLength(req: IncomingMessage, policy: BodyPolicy): BodyRefusal | null {
  const length = Number(req.headers["content-length"]);
  return Number.isFinite(length) && length > policy.maxBytes
    ? { status: 413, key: "errors.bodyTooLarge", maxBytes: policy.maxBytes }
    : null;
}

const AMPERSAND = 0x26;

/**
 * Reads a urlencoded body whole, refusing it as soon as it passes the byte or field limit (the rest is
 * never read), then refuses malformed UTF-8 in any key or value, which the parser would otherwise turn
 * into U+FFFD and store.
 */
export function readUrlencoded(
  req: IncomingMessage,
  policy: BodyPolicy,
): Promise<{ body: Buffer } | { refusal: BodyRefusal }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let separators = 0;
    const gone = () => reject(new Error("the client closed the connection before the body ended"));
    const stop = (refusal: BodyRefusal) => {
      req.off("data", onData).off("end", onEnd).off("error", reject).off("close", gone);
      req.pause();
      resolve({ refusal });
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > policy.maxBytes)
        return stop({ status: 413, key: "errors.bodyTooLarge", maxBytes: policy.maxBytes });
      for (let i = chunk.indexOf(AMPERSAND); i !== -1; i = chunk.indexOf(AMPERSAND, i + 1)) separators += 1;
      if (separators >= MAX_FIELDS) return stop({ status: 413, key: "errors.tooManyFields" });
      chunks.push(chunk);
    };
    const onEnd = () => {
      const body = Buffer.concat(chunks);
      resolve(
        isValidFormEncoding(body) ? { body } : { refusal: { status: 400, key: "errors.invalidEncoding" } },
      );
    };
    req.on("data", onData).on("end", onEnd).on("error", reject).on("close", gone);
  });
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * True when every key and value decodes to valid UTF-8. Percent-decoding the whole body at once is
 * enough: a sequence cut by a `&` or `=` stays invalid, since those bytes are never inside one. A `%`
 * not followed by two hex digits stays literal, as the WHATWG parser leaves it.
 */
export function isValidFormEncoding(body: Buffer): boolean {
  const bytes = Buffer.allocUnsafe(body.length);
  let length = 0;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i]!;
    if (byte === 0x25 && i + 2 < body.length && isHex(body[i + 1]!) && isHex(body[i + 2]!)) {
      bytes[length++] = parseInt(String.fromCharCode(body[i + 1]!, body[i + 2]!), 16);
      i += 2;
    } else {
      bytes[length++] = byte;
    }
  }
  try {
    utf8.decode(bytes.subarray(0, length));
    return true;
  } catch {
    return false;
  }
}

function isHex(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

/**
 * Passes a streamed body through while counting bytes and multipart parts; the first time a limit is
 * crossed it calls onRefuse and fails the stream, so the app stops reading and the rest never arrives.
 */
export function limitStream(policy: BodyPolicy, onRefuse: (refusal: BodyRefusal) => void): Transform {
  let size = 0;
  let delimiters = 0;
  // The tail of the previous chunk, so a delimiter split across two chunks is still counted once.
  let tail = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      size += chunk.length;
      let refusal: BodyRefusal | null =
        size > policy.maxBytes
          ? { status: 413, key: "errors.bodyTooLarge", maxBytes: policy.maxBytes }
          : null;
      if (!refusal && policy.delimiter) {
        const window = Buffer.concat([tail, chunk]);
        for (let i = window.indexOf(policy.delimiter); i !== -1; i = window.indexOf(policy.delimiter, i + 1))
          delimiters += 1;
        tail = window.subarray(Math.max(0, window.length - policy.delimiter.length + 1));
        // n parts have n + 1 delimiters (the last one closes the body).
        if (delimiters > MAX_FIELDS + 1) refusal = { status: 413, key: "errors.tooManyFields" };
      }
      if (!refusal) return done(null, chunk);
      onRefuse(refusal);
      done(new Error(refusal.key));
    },
  });
}
