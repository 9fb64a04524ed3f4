import { eq } from "drizzle-orm";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { files, users, workspaceSettings } from "#db/schema";
import en from "~/i18n/locales/en/app.json";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import { jpegBytes, pngBytes } from "../helpers/files";

// Hostile files through the real upload routes of the built app: nothing is stored or served as
// something that can run script, and every refusal says why.

const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
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
  useDatabase(undefined);
  tdb?.dispose();
});

const fileCount = () => tdb.db.select().from(files).all().length;
const avatarOf = (userId: string) =>
  tdb.db.select().from(users).where(eq(users.id, userId)).get()!.avatarFileId;

function client(userId: string): Client {
  const c = new Client(app.url);
  signInAs(tdb.db, c, userId);
  c.cookies.set("lang", "en");
  return c;
}

async function upload(
  c: Client,
  path: string,
  intent: string,
  bytes: Uint8Array,
  name: string,
  claimedType: string,
) {
  const form = new FormData();
  form.set("intent", intent);
  form.set("file", new File([new Uint8Array(bytes)], name, { type: claimedType }));
  return c.request(path, { method: "POST", body: form, headers: { "Accept-Language": "en" } });
}

/** The text of the page's field error(s), unescaped enough to compare with the message. */
function fieldErrors(html: string): string[] {
  return [...html.matchAll(/class="field-error"[^>]*>([^<]*)</g)].map((m) =>
    m[1]!.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&amp;", "&"),
  );
}

describe("refused uploads", () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>`;
  const cases: [string, Uint8Array, string, string, number, string][] = [
    [
      "an HTML page named .png",
      Buffer.from("<!doctype html><script>alert(1)</script>"),
      "logo.png",
      "image/png",
      400,
      en.brand.fileNotImage,
    ],
    ["an SVG with a script", Buffer.from(svg), "logo.svg", "image/svg+xml", 400, en.brand.fileNotImage],
    ["an SVG claimed to be a PNG", Buffer.from(svg), "logo.png", "image/png", 400, en.brand.fileNotImage],
    [
      "a .png that is really text",
      Buffer.from("just some text, not pixels\n".repeat(20)),
      "photo.png",
      "image/png",
      400,
      en.brand.fileNotImage,
    ],
    ["zero bytes", new Uint8Array(0), "empty.png", "image/png", 400, en.brand.fileEmpty],
    [
      "a PNG signature with garbage after it",
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from("IHDR garbage <script>"),
      ]),
      "broken.png",
      "image/png",
      400,
      en.brand.fileNotImage,
    ],
  ];
  it.each(cases)(
    "%s is refused with a message and nothing is stored",
    async (_label, bytes, name, type, status, message) => {
      const c = client(w.memberA.id);
      const before = fileCount();
      const res = await upload(c, "/profile", "photo", bytes, name, type);
      expect(res.status).toBe(status);
      expect(fieldErrors(await res.text())).toEqual([message]);
      expect(fileCount()).toBe(before);
      expect(avatarOf(w.memberA.id)).toBeNull();
    },
  );

  it("refuses a truncated PNG (the right signature, pixels that do not decode)", async () => {
    const c = client(w.memberA.id);
    const before = fileCount();
    const whole = await pngBytes(200, "#123456");
    const res = await upload(
      c,
      "/profile",
      "photo",
      whole.subarray(0, Math.floor(whole.length / 2)),
      "cut.png",
      "image/png",
    );
    expect(res.status).toBe(400);
    expect(fieldErrors(await res.text())).toEqual([en.brand.fileUnreadable]);
    expect(fileCount()).toBe(before);
  });

  it("refuses a file over the image limit (below the edge's) with 413 and a message", async () => {
    const c = client(w.admin.id);
    const before = fileCount();
    const big = Buffer.concat([await pngBytes(), Buffer.alloc(3 * 1024 * 1024, 7)]);
    const res = await upload(c, "/admin/settings", "logo", big, "big.png", "image/png");
    expect(res.status).toBe(413);
    expect(fieldErrors(await res.text())).toEqual([en.brand.fileTooLarge]);
    expect(fileCount()).toBe(before);
  });

  it("cuts a chunked upload past UPLOAD_MAX_BYTES while it streams (413), and stores nothing", async () => {
    const before = fileCount();
    const c = client(w.csmA.id);
    const boundary = "----launchroomtest";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nphoto\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const answer = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      let answered = false;
      let sent = 0;
      const req = httpRequest(new URL("/profile", app.url), {
        method: "POST",
        headers: {
          Origin: app.url,
          Cookie: c.cookieHeader(),
          "Content-Type": `multipart/form-data; boundary=${boundary}`,
        },
      });
      req.on("response", (res) => {
        answered = true;
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, sent }));
      });
      req.on("error", (error) => (answered ? undefined : reject(error)));
      const chunk = Buffer.alloc(64 * 1024, 1);
      req.write(head);
      const pump = () => {
        while (!answered && sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(UPLOAD_MAX_BYTES + 16 * 1024 * 1024);
    expect(fileCount()).toBe(before);
  });
});

describe("accepted uploads", () => {
  it("stores a PNG/HTML polyglot as pixels only, served as a sandboxed PNG", async () => {
    const c = client(w.memberA.id);
    const payload = "<html><body><script>alert(document.domain)</script></body></html>";
    const polyglot = Buffer.concat([await pngBytes(32), Buffer.from(payload)]);
    const res = await upload(c, "/profile", "photo", polyglot, "me.html", "text/html");
    expect(res.status).toBe(200);
    const fileId = avatarOf(w.memberA.id)!;
    const row = tdb.db.select().from(files).where(eq(files.id, fileId)).get()!;
    expect(row).toMatchObject({ contentType: "image/png", purpose: "avatar", createdById: w.memberA.id });

    const served = await c.get(`/files/${fileId}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(served.headers.get("content-disposition")).toMatch(
      /^inline; filename="me\.html"; filename\*=UTF-8''me\.html$/,
    );
    expect(served.headers.get("etag")).toBe(`"${row.sha256}"`);
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.includes(Buffer.from("<script"))).toBe(false);
    expect(bytes.includes(Buffer.from("<html"))).toBe(false);
    expect(bytes.byteLength).toBe(row.byteSize);

    // Revalidation by the hash.
    const again = await c.request(`/files/${fileId}`, { headers: { "If-None-Match": `"${row.sha256}"` } });
    expect(again.status).toBe(304);
  });

  it("takes a JPEG named .png by its content, as a JPEG, and fits it inside 512 × 512", async () => {
    const c = client(w.csmA.id);
    const res = await upload(c, "/profile", "photo", await jpegBytes(1200), "photo.png", "image/png");
    expect(res.status).toBe(200);
    const row = tdb.db
      .select()
      .from(files)
      .where(eq(files.id, avatarOf(w.csmA.id)!))
      .get()!;
    expect(row.contentType).toBe("image/jpeg");
    const served = await c.get(`/files/${row.id}`);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    const { default: sharp } = await import("sharp");
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(512);
  });

  it("serves the workspace logo to anyone (the sign-in page), other files only to who may see them", async () => {
    const admin = client(w.admin.id);
    const res = await upload(
      admin,
      "/admin/settings",
      "logo",
      await pngBytes(64, "#222222"),
      "logo.png",
      "image/png",
    );
    expect(res.status).toBe(200);
    const logoId = tdb.db.select().from(workspaceSettings).get()!.logoFileId!;
    const signIn = await (await new Client(app.url).get("/sign-in")).text();
    expect(signIn).toContain(`/files/${logoId}`);
    const anon = await new Client(app.url).get(`/files/${logoId}`);
    expect(anon.status).toBe(200);
    expect(anon.headers.get("cache-control")).toBe("public, max-age=3600");

    // Member A's photo: not for someone signed out, nor for a customer of another account.
    const photo = avatarOf(w.memberA.id)!;
    expect((await new Client(app.url).get(`/files/${photo}`)).status).toBe(404);
    expect((await client(w.customerB.id).get(`/files/${photo}`)).status).toBe(404);
    expect((await client(w.viewerA.id).get(`/files/${photo}`)).status).toBe(200);
    expect((await client(w.salesA.id).get(`/files/${photo}`)).status).toBe(200);

    // Removing the logo takes it off the public list.
    const removed = await admin.post("/admin/settings", { intent: "removeLogo" });
    expect(removed.status).toBe(200);
    expect((await new Client(app.url).get(`/files/${logoId}`)).status).toBe(404);
  });
});

describe("brand colour", () => {
  it("refuses a colour white text fails AA on, shows the ratio, and changes nothing", async () => {
    const admin = client(w.admin.id);
    expect(
      (
        await admin.post("/admin/settings", {
          intent: "save",
          companyName: "Quokka Vendor",
          brandColor: "#0b5394",
        })
      ).status,
    ).toBe(200);
    const before = tdb.db.select().from(workspaceSettings).get();
    const res = await admin.post("/admin/settings", {
      intent: "save",
      companyName: "Changed Name",
      brandColor: "#ffcc00",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldErrors(html)).toEqual([en.settings.colorContrast]);
    // The computed ratio of white on #ffcc00 (1.51:1), and what was typed kept.
    expect(html).toContain("1.51:1");
    expect(html).toContain('value="Changed Name"');
    expect(tdb.db.select().from(workspaceSettings).get()).toEqual(before);

    // The saved colour reaches every page as the theme's brand variables.
    const page = await (await new Client(app.url).get("/sign-in")).text();
    expect(page).toContain("--color-brand-600:#0b5394");
    expect(page).toContain("Quokka Vendor");
  });
});
