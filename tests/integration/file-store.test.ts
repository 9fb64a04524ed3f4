import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkStagedBlob } from "~/domain/files/files.server";
import { BlobTooLargeError, DiskBlobStore, sha256Hex } from "~/domain/files/store.server";
import { pngBytes } from "../helpers/files";

// The one file store under documents, attachments, training media and form answers: files stream into
// staging, are hashed and counted, and are kept only when their content is of an allowed type.

const root = mkdtempSync(join(tmpdir(), "launchroom-store-"));
const store = new DiskBlobStore(root);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function* chunksOf(bytes: Uint8Array, size = 1000) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const text = (s: string) => new TextEncoder().encode(s);
const staging = () => (existsSync(join(root, "staging")) ? readdirSync(join(root, "staging")) : []);

async function upload(bytes: Uint8Array, name: string) {
  return checkStagedBlob(await store.stage(chunksOf(bytes), 1024 * 1024), name);
}

/** A minimal one-page PDF. */
const PDF = text(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

describe("the file store", () => {
  it("keeps an allowed file by its hash, whatever its name says", async () => {
    const checked = await upload(PDF, "見積書.txt");
    expect(checked).toMatchObject({ contentType: "application/pdf", originalName: "見積書.txt" });
    if ("refused" in checked) throw new Error("refused");
    expect(checked.sha256).toBe(sha256Hex(PDF));
    expect(store.get(checked.sha256)?.equals(Buffer.from(PDF))).toBe(true);
    expect(store.size(checked.sha256)).toBe(PDF.byteLength);
    expect(staging()).toEqual([]);
  });

  it("takes plain text and CSV by name only when the content is UTF-8 text that is not markup", async () => {
    expect(await upload(text("氏名,メール\n田中,tanaka@example.jp\n"), "users.csv")).toMatchObject({
      contentType: "text/csv",
    });
    expect(await upload(text("notes"), "notes.txt")).toMatchObject({ contentType: "text/plain" });
    // The same text under a name without a text extension has no type we know.
    expect(await upload(text("notes"), "notes.html")).toEqual({ refused: "upload.typeNotAllowed" });
    expect(await upload(text("<script>alert(1)</script>"), "notes.txt")).toEqual({
      refused: "upload.typeNotAllowed",
    });
    expect(await upload(new Uint8Array([0x61, 0x00, 0x62]), "binary.txt")).toEqual({
      refused: "upload.typeNotAllowed",
    });
    expect(await upload(new Uint8Array([0x41, 0xc3, 0x28, 0x41]), "latin1.csv")).toEqual({
      refused: "upload.typeNotAllowed",
    });
  });

  it("refuses HTML, SVG with script, XML and empty files, and leaves nothing behind", async () => {
    const hostile: [string, Uint8Array][] = [
      ["page.html", text("<!doctype html><html><body><script>alert(1)</script></body></html>")],
      ["image.svg", text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
      ["logo.png", text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
      ["data.xml", text('<?xml version="1.0"?><a/>')],
      ["empty.pdf", new Uint8Array()],
    ];
    for (const [name, bytes] of hostile) {
      const checked = await upload(bytes, name);
      expect(checked, name).toEqual({
        refused: bytes.byteLength === 0 ? "upload.empty" : "upload.typeNotAllowed",
      });
      expect(store.has(sha256Hex(bytes)), name).toBe(false);
    }
    expect(staging()).toEqual([]);
  });

  it("takes a polyglot by what its content starts as (an image with HTML appended stays an image)", async () => {
    const png = await pngBytes(8);
    const polyglot = Buffer.concat([png, Buffer.from("<html><script>alert(1)</script></html>")]);
    expect(await upload(polyglot, "photo.html")).toMatchObject({ contentType: "image/png" });
  });

  it("stops reading past the limit, chunk by chunk, and keeps no partial file", async () => {
    const big = new Uint8Array(3000).fill(0x41);
    let read = 0;
    async function* counted() {
      for await (const chunk of chunksOf(big, 500)) {
        read += chunk.byteLength;
        yield chunk;
      }
    }
    await expect(store.stage(counted(), 1200)).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(read).toBeLessThanOrEqual(1500);
    expect(staging()).toEqual([]);
  });

  it("reads a byte range of a blob", async () => {
    const checked = await upload(text("0123456789"), "digits.txt");
    if ("refused" in checked) throw new Error("refused");
    const stream = store.openRead(checked.sha256, { start: 2, end: 5 })!;
    const parts: Buffer[] = [];
    for await (const chunk of stream) parts.push(chunk as Buffer);
    expect(Buffer.concat(parts).toString()).toBe("2345");
  });
});
