import { ESLint } from "eslint";
import { expect, it } from "vitest";

// The "routes stay thin" convention is enforced by ESLint; this proves the rule still bites.
it("forbids routes to import the database client, the tables or drizzle", async () => {
  const eslint = new ESLint();
  const source = [
    'import { getDb } from "#db/client.server";',
    'import { users } from "#db/schema";',
    'import { eq } from "drizzle-orm";',
    'import { ROOM_ROLES } from "~/vocabulary";',
    "export const used = [getDb, users, eq, ROOM_ROLES];",
    "",
  ].join("\n");
  const [route] = await eslint.lintText(source, { filePath: "app/routes/example.tsx" });
  const restricted = route!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.line);
  expect(restricted).toEqual([1, 2, 3]);
  const [domain] = await eslint.lintText(source, { filePath: "app/domain/example/example.server.ts" });
  expect(domain!.messages.filter((m) => m.ruleId === "no-restricted-imports")).toEqual([]);
}, 30_000);

// Convention 14: a deferred transaction that upgrades to a write ignores the busy timeout (SQLITE_BUSY at
// once, a 500); only writeTransaction() opens transactions, and ESLint keeps bare ones from coming back.
it("forbids bare transactions outside writeTransaction()", async () => {
  const eslint = new ESLint();
  const source = [
    'import { getDb, writeTransaction } from "#db/client.server";',
    "const db = getDb();",
    "export const a = getDb().transaction(() => 1);",
    'export const b = db.transaction(() => 2, { behavior: "immediate" });',
    "export const c = db.$client.transaction(() => 3).immediate();",
    "export const d = writeTransaction(db, () => 4);",
    "",
  ].join("\n");
  for (const filePath of ["app/domain/example/example.server.ts", "scripts/example.ts", "db/example.ts"]) {
    const [result] = await eslint.lintText(source, { filePath });
    const lines = result!.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.line);
    expect(lines, filePath).toEqual([3, 4, 5, 5]);
  }
}, 30_000);
