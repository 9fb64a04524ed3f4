import { createHash, randomBytes } from "node:crypto";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import type { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { env } from "~/utils/env.server";

/**
 * Where file contents live, named by their SHA-256. Callers only put, get and ask; a disk folder today,
 * an S3-compatible bucket could implement the same three calls later without touching them.
 */
export interface BlobStore {
  put(sha256: string, bytes: Uint8Array): void;
  get(sha256: string): Buffer | null;
  has(sha256: string): boolean;
  /**
   * Streams bytes into a staging file while hashing and counting them; past `maxBytes` it stops reading,
   * removes what it wrote and throws BlobTooLargeError. The staged blob is checked by the caller (its
   * type, from `localPath`) and then kept (`keep`, which names it by its hash) or dropped (`discard`).
   */
  stage(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedBlob>;
  /** Size in bytes, or null when the blob is missing. */
  size(sha256: string): number | null;
  /** A stream of the blob's bytes, optionally of one inclusive byte range (for HTTP Range requests). */
  openRead(sha256: string, range?: { start: number; end: number }): Readable | null;
}

export interface StagedBlob {
  sha256: string;
  byteSize: number;
  /** A local file with the bytes, for type detection before keeping it. Gone after keep or discard. */
  localPath: string;
  keep(): void;
  discard(): void;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`blob larger than ${maxBytes} bytes`);
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Blobs on local disk under `<root>/ab/<sha256>` (two hex digits of fan-out keep folders small). Writes go
 * to a temporary name first and are renamed into place, so a half-written blob never carries a hash name.
 * Content-addressed: the same bytes are stored once, and a blob is never changed after it is written.
 */
export class DiskBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  path(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error("not a SHA-256 hex digest");
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  put(sha256: string, bytes: Uint8Array): void {
    if (sha256Hex(bytes) !== sha256) throw new Error("content does not match its hash");
    const target = this.path(sha256);
    if (existsSync(target)) return;
    mkdirSync(dirname(target), { recursive: true });
    const partial = `${target}.${randomBytes(6).toString("hex")}.partial`;
    writeFileSync(partial, bytes, { mode: 0o640 });
    renameSync(partial, target);
  }

  get(sha256: string): Buffer | null {
    const target = this.path(sha256);
    return existsSync(target) ? readFileSync(target) : null;
  }

  has(sha256: string): boolean {
    return existsSync(this.path(sha256));
  }

  async stage(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedBlob> {
    const stagingDir = join(this.root, "staging");
    mkdirSync(stagingDir, { recursive: true });
    const localPath = join(stagingDir, `${randomBytes(12).toString("hex")}.partial`);
    const hash = createHash("sha256");
    const out = createWriteStream(localPath, { mode: 0o640 });
    let byteSize = 0;
    try {
      for await (const chunk of chunks) {
        byteSize += chunk.byteLength;
        if (byteSize > maxBytes) throw new BlobTooLargeError(maxBytes);
        hash.update(chunk);
        if (!out.write(chunk)) await new Promise<void>((done) => out.once("drain", () => done()));
      }
      out.end();
      await finished(out);
    } catch (error) {
      // A write still pending when the read stops fails after destroy: without a listener that failure
      // would be an uncaught exception that takes the server down.
      out.on("error", () => undefined);
      out.destroy();
      rmSync(localPath, { force: true });
      throw error;
    }
    const sha256 = hash.digest("hex");
    return {
      sha256,
      byteSize,
      localPath,
      keep: () => {
        const target = this.path(sha256);
        if (existsSync(target)) return rmSync(localPath, { force: true });
        mkdirSync(dirname(target), { recursive: true });
        renameSync(localPath, target);
      },
      discard: () => rmSync(localPath, { force: true }),
    };
  }

  size(sha256: string): number | null {
    const target = this.path(sha256);
    return existsSync(target) ? statSync(target).size : null;
  }

  openRead(sha256: string, range?: { start: number; end: number }): Readable | null {
    const target = this.path(sha256);
    return existsSync(target) ? createReadStream(target, range) : null;
  }
}

/** The files folder beside the database: `<data dir>/files` (backed up with it by `npm run backup`). */
export function filesDirectory(databasePath = env().DATABASE_PATH): string {
  if (databasePath === ":memory:") return join(tmpdir(), "launchroom-memory-files");
  return resolve(dirname(databasePath), "files");
}

let store: { root: string; store: BlobStore } | undefined;

/** The store of this installation (follows DATABASE_PATH, which tests change between files). */
export function blobStore(): BlobStore {
  const root = filesDirectory();
  if (store?.root !== root) store = { root, store: new DiskBlobStore(root) };
  return store.store;
}
