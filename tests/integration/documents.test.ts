import { eq } from "drizzle-orm";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import {
  documentFolders,
  documents,
  documentVersions,
  events,
  fileAccessLog,
  files,
  phases,
  tasks,
} from "#db/schema";
import en from "~/i18n/locales/en/app.json";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import { pngBytes } from "../helpers/files";

// Room documents and attachments through the built app: upload, versions, visibility, downloads with
// their headers and ranges, the access log and its CSV, and hostile uploads through the real routes.

const FILE_MAX_BYTES = 2 * 1024 * 1024;
let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  app = await startTestApp({ databasePath: tdb.path, fileMaxBytes: FILE_MAX_BYTES });
});

afterAll(async () => {
  await app?.close();
  useDatabase(undefined);
  tdb?.dispose();
});

function client(userId: string): Client {
  const c = new Client(app.url);
  signInAs(tdb.db, c, userId);
  c.cookies.set("lang", "en");
  return c;
}

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
const docsPath = () => `/rooms/${w.roomA.id}/documents?index`;
const fileCount = () => tdb.db.select().from(files).all().length;

async function send(
  c: Client,
  path: string,
  fields: Record<string, string>,
  file?: [Uint8Array, string, string],
  field = "file",
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set(field, new File([new Uint8Array(file[0])], file[1], { type: file[2] }));
  return c.request(path, { method: "POST", body: form, headers: { "Accept-Language": "en" } });
}

function fieldErrors(html: string): string[] {
  return [...html.matchAll(/class="field-error"[^>]*>([^<]*)</g)].map((m) =>
    m[1]!.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&amp;", "&"),
  );
}

const docByTitle = (title: string) =>
  tdb.db.select().from(documents).where(eq(documents.title, title)).get()!;
const currentFileId = (documentId: string) =>
  tdb.db
    .select({ fileId: documentVersions.fileId })
    .from(documents)
    .innerJoin(documentVersions, eq(documentVersions.id, documents.currentVersionId))
    .where(eq(documents.id, documentId))
    .get()!.fileId;

function expectSafeDownload(res: Response) {
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
  expect(res.headers.get("content-type")).not.toMatch(/html|svg|xml|javascript/i);
}

describe("documents", () => {
  let sharedFolder: string;
  let internalFolder: string;

  it("staff make a shared and an internal folder; customers see only the shared one", async () => {
    const csm = client(w.csmA.id);
    expect(
      (await csm.post(docsPath(), { intent: "createFolder", name: "Contracts", visibility: "shared" }))
        .status,
    ).toBe(200);
    expect(
      (await csm.post(docsPath(), { intent: "createFolder", name: "Vendor notes", visibility: "internal" }))
        .status,
    ).toBe(200);
    const folders = tdb.db.select().from(documentFolders).where(eq(documentFolders.roomId, w.roomA.id)).all();
    sharedFolder = folders.find((f) => f.name === "Contracts")!.id;
    internalFolder = folders.find((f) => f.name === "Vendor notes")!.id;
    const page = await (await client(w.memberA.id).get(`/rooms/${w.roomA.id}/documents`)).text();
    expect(page).toContain("Contracts");
    expect(page).not.toContain("Vendor notes");
    // A customer may not make folders.
    expect(
      (
        await client(w.customerAdminA.id).post(docsPath(), {
          intent: "createFolder",
          name: "X",
          visibility: "shared",
        })
      ).status,
    ).toBe(403);
  });

  it("a customer uploads into a shared folder; the file downloads with safe headers and the download is logged", async () => {
    const customer = client(w.customerAdminA.id);
    const res = await send(
      customer,
      docsPath(),
      { intent: "upload", folderId: sharedFolder, title: "Signed order" },
      [PDF, "order.pdf", "application/pdf"],
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Signed order");
    const doc = docByTitle("Signed order");
    expect(doc).toMatchObject({
      folderId: sharedFolder,
      visibility: "shared",
      createdById: w.customerAdminA.id,
    });
    const fileId = currentFileId(doc.id);

    const download = await customer.get(`/files/${fileId}`);
    expect(download.status).toBe(200);
    expectSafeDownload(download);
    expect(download.headers.get("content-type")).toBe("application/octet-stream");
    expect(download.headers.get("accept-ranges")).toBe("bytes");
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    const log = tdb.db.select().from(fileAccessLog).where(eq(fileAccessLog.documentId, doc.id)).all();
    expect(log).toEqual([expect.objectContaining({ kind: "download", userId: w.customerAdminA.id, fileId })]);

    // The document page records a view; the CSM sees both on the page, and in the CSV.
    expect((await customer.get(`/rooms/${w.roomA.id}/documents/${doc.id}`)).status).toBe(200);
    const staffPage = await (await client(w.csmA.id).get(`/rooms/${w.roomA.id}/documents/${doc.id}`)).text();
    expect(staffPage).toContain(w.customerAdminA.name);
    expect(staffPage).toContain('data-testid="access-row"');
    const csv = await client(w.csmA.id).get(`/rooms/${w.roomA.id}/documents.csv`);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("Signed order");
    expect(text).toContain(w.customerAdminA.email);
    // Customers see no access list and may not have the CSV.
    expect(await (await customer.get(`/rooms/${w.roomA.id}/documents/${doc.id}`)).text()).not.toContain(
      'data-testid="access-row"',
    );
    expect((await customer.get(`/rooms/${w.roomA.id}/documents.csv`)).status).toBe(403);
  });

  it("serves byte ranges (206, 416) and logs only the first bytes of a download", async () => {
    const doc = docByTitle("Signed order");
    const fileId = currentFileId(doc.id);
    const c = client(w.memberA.id);
    const before = tdb.db.select().from(fileAccessLog).all().length;
    const part = await c.request(`/files/${fileId}`, { headers: { Range: "bytes=5-9" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 5-9/${PDF.length}`);
    expect(Buffer.from(await part.arrayBuffer()).toString()).toBe(PDF.subarray(5, 10).toString());
    const suffix = await c.request(`/files/${fileId}`, { headers: { Range: "bytes=-6" } });
    expect(suffix.status).toBe(206);
    expect(Buffer.from(await suffix.arrayBuffer()).equals(PDF.subarray(PDF.length - 6))).toBe(true);
    const past = await c.request(`/files/${fileId}`, { headers: { Range: `bytes=${PDF.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${PDF.length}`);
    expect(tdb.db.select().from(fileAccessLog).all().length).toBe(before);
  });

  it("keeps versions; the newest is served, the older stay downloadable; a stale version is 409", async () => {
    const doc = docByTitle("Signed order");
    const csm = client(w.csmA.id);
    const v2 = Buffer.concat([PDF, Buffer.from("% v2\n")]);
    const res = await send(
      csm,
      `/rooms/${w.roomA.id}/documents/${doc.id}`,
      { intent: "newVersion", version: String(doc.version), note: "Countersigned" },
      [v2, "order-v2.pdf", "application/pdf"],
    );
    expect(res.status).toBe(200);
    const versions = tdb.db
      .select()
      .from(documentVersions)
      .where(eq(documentVersions.documentId, doc.id))
      .all();
    expect(versions.map((v) => v.number).sort()).toEqual([1, 2]);
    const latest = currentFileId(doc.id);
    expect(Buffer.from(await (await csm.get(`/files/${latest}`)).arrayBuffer()).equals(v2)).toBe(true);
    const stale = await send(
      csm,
      `/rooms/${w.roomA.id}/documents/${doc.id}`,
      { intent: "newVersion", version: String(doc.version) },
      [PDF, "again.pdf", "application/pdf"],
    );
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain(en.documents.errors.stale.replaceAll("'", "&#x27;").slice(0, 30));
  });

  it("internal documents are invisible to customers: not listed, not by id, not by file URL", async () => {
    const csm = client(w.csmA.id);
    expect(
      (
        await send(csm, docsPath(), { intent: "upload", folderId: internalFolder, title: "Margin sheet" }, [
          PDF,
          "margin.pdf",
          "application/pdf",
        ])
      ).status,
    ).toBe(200);
    expect(
      (
        await send(csm, docsPath(), { intent: "upload", visibility: "internal", title: "Risk memo" }, [
          Buffer.from("risk notes\n"),
          "risk.txt",
          "text/plain",
        ])
      ).status,
    ).toBe(200);
    for (const title of ["Margin sheet", "Risk memo"]) {
      const doc = docByTitle(title);
      const fileId = currentFileId(doc.id);
      for (const userId of [w.customerAdminA.id, w.memberA.id, w.viewerA.id, w.customerB.id]) {
        const c = client(userId);
        expect(await (await c.get(`/rooms/${w.roomA.id}/documents`)).text()).not.toContain(title);
        expect((await c.get(`/rooms/${w.roomA.id}/documents/${doc.id}`)).status, title).toBe(404);
        expect((await c.get(`/files/${fileId}`)).status, title).toBe(404);
      }
      // The account's salesperson and the CSM see it.
      expect((await client(w.salesA.id).get(`/files/${fileId}`)).status).toBe(200);
    }
    // A customer cannot make a document internal, nor upload into an internal folder.
    const customer = client(w.customerAdminA.id);
    expect(
      (
        await send(customer, docsPath(), { intent: "upload", visibility: "internal", title: "Mine" }, [
          PDF,
          "m.pdf",
          "application/pdf",
        ])
      ).status,
    ).toBe(200);
    expect(docByTitle("Mine").visibility).toBe("shared");
    expect(
      (
        await send(customer, docsPath(), { intent: "upload", folderId: internalFolder, title: "Sneaky" }, [
          PDF,
          "s.pdf",
          "application/pdf",
        ])
      ).status,
    ).toBe(404);
    // Another tenant's customer and salesperson, and someone signed out: not found.
    const shared = currentFileId(docByTitle("Signed order").id);
    expect((await client(w.customerB.id).get(`/files/${shared}`)).status).toBe(404);
    expect((await client(w.salesB.id).get(`/files/${shared}`)).status).toBe(404);
    expect((await new Client(app.url).get(`/files/${shared}`)).status).toBe(404);
  });

  it("removing a document hides it and stops serving its file; removing an internal folder keeps its documents internal", async () => {
    const csm = client(w.csmA.id);
    const doc = docByTitle("Mine");
    const fileId = currentFileId(doc.id);
    const res = await csm.post(`/rooms/${w.roomA.id}/documents/${doc.id}`, {
      intent: "remove",
      version: String(doc.version),
    });
    expect(res.status).toBe(302);
    expect((await client(w.customerAdminA.id).get(`/files/${fileId}`)).status).toBe(404);
    expect((await csm.get(`/files/${fileId}`)).status).toBe(404);
    const folder = tdb.db.select().from(documentFolders).where(eq(documentFolders.id, internalFolder)).get()!;
    expect(
      (
        await csm.post(docsPath(), {
          intent: "removeFolder",
          folderId: folder.id,
          version: String(folder.version),
        })
      ).status,
    ).toBe(200);
    const margin = docByTitle("Margin sheet");
    expect(margin).toMatchObject({ folderId: null, visibility: "internal" });
    expect((await client(w.memberA.id).get(`/files/${currentFileId(margin.id)}`)).status).toBe(404);
  });

  it("an image document gets a re-encoded inline preview; the original is an attachment download", async () => {
    const csm = client(w.csmA.id);
    const polyglot = Buffer.concat([
      await pngBytes(40),
      Buffer.from("<html><script>alert(document.domain)</script></html>"),
    ]);
    expect(
      (
        await send(csm, docsPath(), { intent: "upload", title: "Diagram" }, [
          polyglot,
          "diagram.html",
          "text/html",
        ])
      ).status,
    ).toBe(200);
    const doc = docByTitle("Diagram");
    const fileId = currentFileId(doc.id);
    const original = await csm.get(`/files/${fileId}`);
    expectSafeDownload(original);
    const preview = await csm.get(`/files/${fileId}?preview=1`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-type")).toBe("image/webp");
    expect(preview.headers.get("x-content-type-options")).toBe("nosniff");
    expect(preview.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    const bytes = Buffer.from(await preview.arrayBuffer());
    expect(bytes.subarray(8, 12).toString()).toBe("WEBP");
    expect(bytes.toString("latin1")).not.toContain("<script");
    // A PDF has no preview.
    expect((await csm.get(`/files/${currentFileId(docByTitle("Signed order").id)}?preview=1`)).status).toBe(
      404,
    );
    const page = await (await csm.get(`/rooms/${w.roomA.id}/documents/${doc.id}`)).text();
    expect(page).toContain(`/files/${fileId}?preview=1`);
  });
});

describe("attachments", () => {
  it("files attached to a task and to a comment follow the task's visibility", async () => {
    const phase =
      tdb.db.select().from(phases).where(eq(phases.roomId, w.roomA.id)).get() ??
      tdb.db.insert(phases).values({ roomId: w.roomA.id, title: "Setup", position: 1 }).returning().get();
    const shared = tdb.db
      .insert(tasks)
      .values({
        roomId: w.roomA.id,
        phaseId: phase.id,
        title: "Send the signed order",
        side: "customer",
        position: 99,
      })
      .returning()
      .get();
    const customer = client(w.memberA.id);
    const path = `/rooms/${w.roomA.id}/tasks/${shared.id}`;
    const res = await send(
      customer,
      path,
      { intent: "attach" },
      [PDF, "evidence.pdf", "application/pdf"],
      "files",
    );
    expect(res.status).toBe(200);
    const page = await (await client(w.csmA.id).get(path)).text();
    expect(page).toContain("evidence.pdf");
    const fileId = tdb.db.select().from(files).where(eq(files.originalName, "evidence.pdf")).get()!.id;
    const dl = await client(w.viewerA.id).get(`/files/${fileId}`);
    expect(dl.status).toBe(200);
    expectSafeDownload(dl);
    expect((await client(w.customerB.id).get(`/files/${fileId}`)).status).toBe(404);

    // A comment with a file; an internal comment's file is not for customers.
    const commented = await send(
      client(w.csmA.id),
      path,
      { intent: "comment", body: "See the attached", internal: "on" },
      [Buffer.from("internal note\n"), "vendor-only.txt", "text/plain"],
      "files",
    );
    expect(commented.status).toBe(200);
    const internalFile = tdb.db.select().from(files).where(eq(files.originalName, "vendor-only.txt")).get()!
      .id;
    expect((await client(w.csmA.id).get(`/files/${internalFile}`)).status).toBe(200);
    expect((await customer.get(`/files/${internalFile}`)).status).toBe(404);
    expect(await (await customer.get(path)).text()).not.toContain("vendor-only.txt");

    // A hostile file with a comment refuses the comment, keeps what was typed.
    const before = fileCount();
    const bad = await send(
      customer,
      path,
      { intent: "comment", body: "Here is my page" },
      [Buffer.from("<html><script>1</script></html>"), "x.html", "text/html"],
      "files",
    );
    expect(bad.status).toBe(400);
    expect(fileCount()).toBe(before);
  });
});

describe("removing a task attachment", () => {
  it("the uploader or staff who manage documents take a file off; others get 403; the file is then gone", async () => {
    const phase = tdb.db.select().from(phases).where(eq(phases.roomId, w.roomA.id)).get()!;
    const task = tdb.db
      .insert(tasks)
      .values({
        roomId: w.roomA.id,
        phaseId: phase.id,
        title: "Share the user list",
        side: "customer",
        position: 98,
      })
      .returning()
      .get();
    const path = `/rooms/${w.roomA.id}/tasks/${task.id}`;
    const attach = async (userId: string, name: string) => {
      expect(
        (await send(client(userId), path, { intent: "attach" }, [PDF, name, "application/pdf"], "files"))
          .status,
      ).toBe(200);
      return tdb.db.select().from(files).where(eq(files.originalName, name)).get()!.id;
    };
    const mine = await attach(w.memberA.id, "members-list.pdf");
    const admins = await attach(w.customerAdminA.id, "admins-list.pdf");
    const remove = (userId: string, fileId: string) =>
      client(userId).post(path, { intent: "removeAttachment", fileId, fileName: "x" });

    // The member sees a Remove button on their own file only.
    const page = await (await client(w.memberA.id).get(path)).text();
    expect(page).toContain(`Remove members-list.pdf`);
    expect(page).not.toContain(`Remove admins-list.pdf`);
    // Another customer's file: 403, still attached; the lowest role and the wrong tenant cannot either.
    expect((await remove(w.memberA.id, admins)).status).toBe(403);
    expect((await remove(w.viewerA.id, mine)).status).toBe(403);
    expect((await remove(w.customerB.id, mine)).status).toBe(404);
    expect((await client(w.memberA.id).get(`/files/${admins}`)).status).toBe(200);

    // The uploader takes theirs off: it can no longer be fetched, and the room's activity says so.
    const done = await remove(w.memberA.id, mine);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("is no longer attached.");
    expect((await client(w.memberA.id).get(`/files/${mine}`)).status).toBe(404);
    expect((await client(w.csmA.id).get(`/files/${mine}`)).status).toBe(404);
    const event = tdb.db.select().from(events).where(eq(events.type, "attachment.removed")).all().at(-1);
    expect(event?.data).toMatchObject({ title: "Share the user list", fileName: "members-list.pdf" });
    // Twice: the file is gone, with a message saying so.
    const again = await remove(w.memberA.id, mine);
    expect(again.status).toBe(404);
    expect(await again.text()).toContain(en.documents.errors.attachmentGone.slice(0, 30));

    // The CSM (documents.manage) may take off anyone's.
    expect((await remove(w.csmA.id, admins)).status).toBe(200);
    expect((await client(w.customerAdminA.id).get(`/files/${admins}`)).status).toBe(404);
  });
});

describe("hostile uploads through the real route", () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>`;
  const cases: [string, Uint8Array, string, string, string][] = [
    [
      "an HTML page",
      Buffer.from("<!doctype html><script>alert(1)</script>"),
      "page.html",
      "text/html",
      en.upload.typeNotAllowed,
    ],
    [
      "HTML named .pdf",
      Buffer.from("<html><script>alert(1)</script></html>"),
      "report.pdf",
      "application/pdf",
      en.upload.typeNotAllowed,
    ],
    [
      "HTML named .txt",
      Buffer.from("<html><script>alert(1)</script></html>"),
      "notes.txt",
      "text/plain",
      en.upload.typeNotAllowed,
    ],
    ["an SVG with script", Buffer.from(svg), "logo.svg", "image/svg+xml", en.upload.typeNotAllowed],
    ["an SVG named .png", Buffer.from(svg), "logo.png", "image/png", en.upload.typeNotAllowed],
    ["zero bytes", new Uint8Array(0), "empty.pdf", "application/pdf", en.upload.empty],
  ];
  it.each(cases)(
    "%s is refused on the field, the title typed is kept, nothing stored",
    async (_l, bytes, name, type, message) => {
      const before = fileCount();
      const res = await send(
        client(w.customerAdminA.id),
        docsPath(),
        { intent: "upload", title: "Kept title" },
        [bytes, name, type],
      );
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(fieldErrors(html)).toEqual([message]);
      expect(html).toContain('value="Kept title"');
      expect(fileCount()).toBe(before);
    },
  );

  it("a file over FILE_MAX_BYTES is refused (Content-Length at the edge, and while streaming in the app)", async () => {
    const before = fileCount();
    const big = Buffer.alloc(FILE_MAX_BYTES + 10, 0x41);
    const res = await send(client(w.csmA.id), docsPath(), { intent: "upload" }, [
      big,
      "big.txt",
      "text/plain",
    ]);
    expect(res.status).toBe(413);
    expect(fileCount()).toBe(before);
  });

  it("cuts a chunked upload without a length past the limit while it streams (413), and stores nothing", async () => {
    const before = fileCount();
    const c = client(w.csmA.id);
    const boundary = "----launchroomdocs";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.txt"\r\nContent-Type: text/plain\r\n\r\n`,
    );
    const answer = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      let answered = false;
      let sent = 0;
      const req = httpRequest(new URL(`/rooms/${w.roomA.id}/documents?index`, app.url), {
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
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      req.write(head);
      const pump = () => {
        while (!answered && sent < 40 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(FILE_MAX_BYTES + 16 * 1024 * 1024);
    expect(fileCount()).toBe(before);
  });

  it("a body cut off mid-file stores nothing", async () => {
    const before = fileCount();
    const c = client(w.csmA.id);
    const boundary = "----launchroomcut";
    await new Promise<void>((resolve) => {
      const req = httpRequest(new URL(`/rooms/${w.roomA.id}/documents?index`, app.url), {
        method: "POST",
        headers: {
          Origin: app.url,
          Cookie: c.cookieHeader(),
          "Content-Type": `multipart/form-data; boundary=${boundary}`,
        },
      });
      req.on("error", () => resolve());
      req.on("response", (res) => (res.resume(), res.on("end", () => resolve())));
      req.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.txt"\r\n\r\n`,
      );
      req.write(Buffer.alloc(100 * 1024, 0x41));
      setTimeout(() => (req.destroy(), resolve()), 300);
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(fileCount()).toBe(before);
  });
});
