import { eq } from "drizzle-orm";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { makeStaff } from "#db/factories";
import { stakeholders } from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";

// The HTTP edge in front of Remix (server/app.ts, server/remix-handler.ts): body limits while the body
// streams, malformed UTF-8, caching of signed-in pages, compression, and the client address.

const UPLOAD_MAX_BYTES = 3 * 1024 * 1024;
const MB = 1024 * 1024;

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  app = await startTestApp({ databasePath: tdb.path, uploadMaxBytes: UPLOAD_MAX_BYTES });
});

afterAll(async () => {
  await app?.close();
  tdb?.dispose();
});

type RawResponse = { status: number; headers: IncomingHttpHeaders; body: Buffer; sent: number };

/**
 * One request over node:http. Without a Content-Length header the body goes out chunked, `total` bytes of
 * `chunk` repeated, with backpressure, and stops as soon as the answer arrives: `sent` says how much of
 * the body was written by then.
 */
function raw(
  path: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    chunk?: Buffer;
    total?: number;
    localAddress?: string;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let answered = false;
    let sent = 0;
    const req = httpRequest(new URL(path, app.url), {
      method: opts.method ?? "POST",
      headers: { Origin: app.url, ...opts.headers },
      localAddress: opts.localAddress,
    });
    req.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), sent }),
      );
      res.on("error", reject);
    });
    // Writing after the server closed the connection fails; the answer is what counts.
    req.on("error", (error) => (answered ? undefined : reject(new Error(`${path} sent=${sent} ${error}`))));
    if (opts.chunk) {
      const pump = () => {
        while (!answered && sent < opts.total!) {
          sent += opts.chunk!.length;
          if (!req.write(opts.chunk)) return void req.once("drain", pump);
        }
        if (!answered) req.end();
      };
      pump();
    } else if (opts.body !== undefined) {
      req.end(opts.body);
    } else if (opts.headers?.["Content-Length"]) {
      req.flushHeaders();
    } else {
      req.end();
    }
  });
}

async function healthy(): Promise<boolean> {
  return (await fetch(`${app.url}/healthz`)).ok;
}

function multipart(
  boundary: string,
  parts: { name: string; filename?: string; body: string | Buffer }[],
): Buffer {
  return Buffer.concat([
    ...parts.flatMap((p) => [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ""}\r\n\r\n`,
      ),
      Buffer.from(p.body),
      Buffer.from("\r\n"),
    ]),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

describe("field count", () => {
  it("refuses a form with more fields than any form has, before parsing it, in the user's language", async () => {
    const body = `intent=link&email=a@b.c${"&x=1".repeat(60_000)}`;
    const started = Date.now();
    const en = await raw("/sign-in", { headers: { ...FORM, "Accept-Language": "en" }, body });
    expect(en.status).toBe(413);
    expect(en.body.toString()).toContain("too many fields");
    // Well under the 17 s the quadratic parse took; generous for a loaded machine.
    expect(Date.now() - started).toBeLessThan(3000);
    const ja = await raw("/sign-in", { headers: { ...FORM, Cookie: "launchroom_lang=ja" }, body });
    expect(ja.status).toBe(413);
    expect(ja.body.toString()).toContain("項目が多すぎます");
    const none = await raw("/sign-in", { headers: FORM, body });
    expect(none.body.toString()).toContain("too many fields");
    expect(await healthy()).toBe(true);
  });

  it("refuses a multipart body with more parts than any form has", async () => {
    const boundary = "----edge-parts";
    const body = multipart(
      boundary,
      Array.from({ length: 2000 }, (_, i) => ({ name: `f${i}`, body: "1" })),
    );
    const response = await raw("/sign-in", {
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(response.status).toBe(413);
  });

  it("lets an ordinary form through", async () => {
    const response = await raw("/sign-in", {
      headers: FORM,
      body: new URLSearchParams({ intent: "link", email: "nobody@example.com" }).toString(),
      localAddress: "127.0.0.5",
    });
    expect(response.status).toBe(200);
  });
});

describe("body size", () => {
  it("stops reading a chunked form body past 1 MB and answers 413 at once, staying responsive", async () => {
    const rssBefore = process.memoryUsage().rss;
    const upload = raw("/sign-in", {
      headers: { ...FORM, "Accept-Language": "en" },
      chunk: Buffer.alloc(64 * 1024, "x"),
      total: 100 * MB,
    });
    expect(await healthy()).toBe(true);
    const response = await upload;
    expect(response.status).toBe(413);
    expect(response.body.toString()).toContain("1024 KB");
    // What the sockets buffered on the way, not the 100 MB offered.
    expect(response.sent).toBeLessThan(16 * MB);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * MB);
    expect(await healthy()).toBe(true);
  });

  it("refuses a declared Content-Length over the limit without waiting for the body", async () => {
    const response = await raw("/sign-in", {
      headers: { ...FORM, "Content-Length": String(10 * MB) },
    });
    expect(response.status).toBe(413);
  });

  it("gives upload routes UPLOAD_MAX_BYTES and every other route the form limit", async () => {
    const client = new Client(app.url);
    signInAs(tdb.db, client, w.csmA.id);
    const boundary = "----edge-upload";
    const type = {
      "Content-Type": `multipart/form-data; boundary=${boundary}`,
      Cookie: client.cookieHeader(),
    };
    const twoMb = multipart(boundary, [
      { name: "file", filename: "plan.csv", body: Buffer.alloc(2 * MB, "a") },
    ]);

    // 2 MB passes the edge on the import route: the route itself answers (its CSV limit is 1 MB).
    const imported = await raw(`/rooms/${w.roomA.id}/plan/import`, { headers: type, body: twoMb });
    expect(imported.headers["content-type"]).toContain("text/html");
    // The same body anywhere else is over the form limit.
    const elsewhere = await raw(`/rooms/${w.roomA.id}/team`, { headers: type, body: twoMb });
    expect(elsewhere.status).toBe(413);
    expect(elsewhere.headers["content-type"]).toContain("text/plain");

    // A chunked upload past UPLOAD_MAX_BYTES is cut off while it streams.
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n`,
    );
    const huge = await raw("/templates/any-template/import", {
      headers: type,
      chunk: Buffer.concat([head, Buffer.alloc(64 * 1024 - head.length, "a")]),
      total: 100 * MB,
    });
    expect(huge.status).toBe(413);
    expect(huge.sent).toBeLessThan(UPLOAD_MAX_BYTES + 16 * MB);
    expect(await healthy()).toBe(true);
  });
});

describe("malformed UTF-8 in a form", () => {
  const names = () =>
    tdb.db
      .select({ name: stakeholders.name })
      .from(stakeholders)
      .where(eq(stakeholders.roomId, w.roomA.id))
      .all()
      .map((s) => s.name);

  it("is refused with 400 in keys and values, and nothing is stored", async () => {
    const client = new Client(app.url);
    signInAs(tdb.db, client, w.csmA.id);
    const headers = { ...FORM, Cookie: client.cookieHeader(), "Accept-Language": "en" };
    const before = names();
    for (const body of [
      "intent=add&side=customer&name=%C3%28%FF",
      "intent=add&side=customer&name=ok&%FF=1",
      Buffer.concat([Buffer.from("intent=add&side=customer&name="), Buffer.from([0xc3, 0x28])]),
    ]) {
      const response = await raw(`/rooms/${w.roomA.id}/team`, { headers, body });
      expect(response.status).toBe(400);
      expect(response.body.toString()).toContain("UTF-8");
    }
    expect(names()).toEqual(before);
    expect(names().some((n) => n.includes("\uFFFD"))).toBe(false);

    // Valid Japanese, "+" for spaces and a stray "%" still arrive as sent.
    const ok = await raw(`/rooms/${w.roomA.id}/team`, {
      headers,
      body: `intent=add&side=customer&name=${encodeURIComponent("佐藤 花子")}+100%`,
    });
    expect(ok.status).toBe(200);
    expect(names()).toContain("佐藤 花子 100%");
  });
});

describe("caching", () => {
  it("keeps signed-in pages and data, and answers that start or end a session, out of caches", async () => {
    const client = new Client(app.url);
    signInAs(tdb.db, client, w.admin.id);
    for (const path of ["/admin/outbox", "/portfolio", "/portfolio.data"]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe("private, no-store");
    }

    const password = "correct horse battery staple";
    const staff = makeStaff(tdb.db, {
      email: "cache@vendor.example",
      passwordHash: await hashPassword(password),
    });
    const visitor = new Client(app.url);
    const anonymous = await visitor.get("/sign-in");
    expect(anonymous.headers.get("cache-control")).toBeNull();
    const signIn = await visitor.post("/sign-in", { intent: "password", email: staff.email, password });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("set-cookie")).toContain("launchroom_session=");
    expect(signIn.headers.get("cache-control")).toBe("private, no-store");
    const signOut = await visitor.request("/sign-out", { method: "POST" });
    expect(signOut.headers.get("cache-control")).toBe("private, no-store");

    const html = await (await fetch(`${app.url}/sign-in`)).text();
    const asset = /\/assets\/[\w-]+\.js/.exec(html)![0];
    expect((await fetch(`${app.url}${asset}`)).headers.get("cache-control")).toContain("immutable");
  });
});

describe("compression", () => {
  it("compresses a document as one stream, not once per 2 KB chunk", async () => {
    const client = new Client(app.url);
    signInAs(tdb.db, client, w.admin.id);
    const response = await raw("/portfolio", {
      method: "GET",
      headers: { "Accept-Encoding": "gzip", Cookie: client.cookieHeader() },
    });
    expect(response.headers["content-encoding"]).toBe("gzip");
    // Each flush ends a gzip block with the empty stored block 00 00 ff ff.
    let flushes = 0;
    const marker = Buffer.from([0, 0, 0xff, 0xff]);
    for (let i = response.body.indexOf(marker); i !== -1; i = response.body.indexOf(marker, i + 1))
      flushes += 1;
    expect(flushes).toBeLessThanOrEqual(1);

    const br = await raw("/sign-in", { method: "GET", headers: { "Accept-Encoding": "br, gzip" } });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).toString()).toContain("</html>");
  });
});

describe("render abort timer", () => {
  it("is cleared once the page is out, so no timer outlives a request", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    await (await fetch(`${app.url}/sign-in`)).text();
    const before = timers();
    for (let i = 0; i < 20; i++) await (await fetch(`${app.url}/sign-in`)).text();
    expect(timers() - before).toBeLessThan(5);
  });
});

describe("client address for rate limits", () => {
  it("comes from the socket, never from X-Forwarded-For, while TRUST_PROXY is off", async () => {
    const attempt = (i: number) =>
      raw("/sign-in", {
        headers: { ...FORM, "X-Forwarded-For": `203.0.113.${i}` },
        body: new URLSearchParams({ intent: "link", email: `spoof${i}@example.com` }).toString(),
        localAddress: "127.0.0.9",
      });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await attempt(i)).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});
