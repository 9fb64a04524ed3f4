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
