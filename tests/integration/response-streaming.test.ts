import compression from "compression";
import express from "express";
import type { AddressInfo } from "node:net";
import { request as httpRequest } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendResponse } from "../../server/remix-handler";

// The adapter's writer behind the real compression middleware: a long body written under backpressure
// comes out whole, and waiting for "drain" leaves no listener behind on compression's gzip stream (it
// used to add one per wait: MaxListenersExceededWarning on long pages).

const CHUNKS = 400;
const chunk = (i: number) => `${String(i).padStart(6, "0")} ${"いろはにほへと".repeat(300)}\n`;

let server: ReturnType<express.Express["listen"]>;
let port = 0;

beforeAll(async () => {
  const app = express();
  app.use(compression());
  app.get("/long", (_req, res) => {
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i === CHUNKS) controller.close();
        else controller.enqueue(new TextEncoder().encode(chunk(i++)));
      },
    });
    void sendResponse(
      res,
      new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8" } }),
      false,
    );
  });
  await new Promise<void>((ready) => {
    server = app.listen(0, "127.0.0.1", ready);
  });
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

function getGzipped(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { port, host: "127.0.0.1", path: "/long", headers: { "Accept-Encoding": "gzip" } },
      (res) => {
        expect(res.headers["content-encoding"]).toBe("gzip");
        const parts: Buffer[] = [];
        // Read slowly, so the server's writes meet backpressure and wait for "drain" many times.
        res.on("data", (part: Buffer) => {
          parts.push(part);
          res.pause();
          setTimeout(() => res.resume(), 1);
        });
        res.on("end", () => resolve(Buffer.concat(parts)));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("streaming a response through compression", () => {
  it("sends the whole body and leaves no drain or close listener behind", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const body = gunzipSync(await getGzipped()).toString("utf8");
      expect(body).toBe(Array.from({ length: CHUNKS }, (_, i) => chunk(i)).join(""));
      // Warnings are emitted on the next tick.
      await new Promise((next) => setTimeout(next, 10));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
  });
});
