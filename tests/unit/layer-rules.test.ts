import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { cruise, type ICruiseResult, type IViolation } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The layer rules live in .dependency-cruiser.cjs and `npm test` checks the real tree with them. Here
// each rule meets a small tree that breaks it once, so a rule that stops firing fails this test.

/** One bad import per rule, each to a file that imports nothing (a type-only import where marked). */
const BAD: [rule: string, from: string, to: string, typeOnly?: boolean][] = [
  ["vocabulary-imports-nothing", "app/vocabulary.ts", "app/utils/leaf.ts"],
  ["access-only-vocabulary", "app/access/capabilities.ts", "app/utils/leaf.ts"],
  ["access-types-from-schema", "app/access/users.ts", "app/domain/rooms/other.server.ts", true],
  ["db-only-vocabulary", "db/schema/rooms.ts", "app/domain/other/leaf.ts"],
  ["domain-not-upward", "app/domain/rooms/rooms.server.ts", "app/auth/leaf.server.ts"],
  ["auth-not-upward", "app/auth/session.server.ts", "app/web/leaf.server.ts"],
  ["web-not-upward", "app/web/guards.server.ts", "app/routes/leaf.tsx"],
  ["routes-no-db", "app/routes/page.tsx", "db/client.server.ts"],
  ["components-no-server", "app/components/Widget.tsx", "app/domain/rooms/other.server.ts"],
  ["shared-helpers-not-upward", "app/utils/helper.ts", "app/domain/other/leaf.ts"],
  ["emails-standalone", "emails/invite.tsx", "app/domain/other/leaf.ts"],
  ["no-circular", "app/domain/plan/a.ts", "app/domain/plan/b.ts"],
];

/** Imports every layer may make: none of them may show up as a violation. */
const GOOD: [from: string, to: string, typeOnly?: boolean][] = [
  ["app/routes/good.tsx", "app/domain/rooms/pure.ts"],
  ["app/routes/good.tsx", "app/web/guards.server.ts"],
  ["app/routes/good.tsx", "app/vocabulary.ts"],
  ["app/web/guards.server.ts", "app/auth/session.server.ts"],
  ["app/auth/session.server.ts", "app/domain/rooms/pure.ts"],
  ["app/domain/rooms/pure.ts", "app/access/capabilities.ts"],
  ["app/domain/rooms/pure.ts", "db/schema/rooms.ts"],
  ["app/components/Good.tsx", "app/domain/rooms/other.server.ts", true],
  ["app/components/Good.tsx", "app/access/capabilities.ts"],
  ["app/access/capabilities.ts", "app/vocabulary.ts"],
  ["app/access/users.ts", "db/schema/rooms.ts", true],
  ["db/schema/rooms.ts", "app/vocabulary.ts"],
  ["emails/invite.tsx", "app/vocabulary.ts"],
];

let root: string;
let violations: IViolation[];

function specifier(from: string, to: string): string {
  const rel = join(
    ...dirname(from)
      .split("/")
      .map(() => ".."),
    to,
  ).replace(/\.tsx?$/, "");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "layer-rules-"));
  const imports = new Map<string, string[]>();
  const add = (from: string, to: string, typeOnly = false) => {
    const name = `m${imports.get(from)?.length ?? 0}`;
    const line = typeOnly
      ? `import type { Thing as ${name} } from "${specifier(from, to)}";\nexport type T${name} = ${name};`
      : `import { thing as ${name} } from "${specifier(from, to)}";\nexport const v${name} = ${name};`;
    imports.set(from, [...(imports.get(from) ?? []), line]);
    if (!imports.has(to)) imports.set(to, []);
  };
  for (const [, from, to, typeOnly] of BAD) add(from, to, typeOnly);
  add("app/domain/plan/b.ts", "app/domain/plan/a.ts");
  for (const [from, to, typeOnly] of GOOD) add(from, to, typeOnly);
  for (const [file, lines] of imports) {
    mkdirSync(join(root, dirname(file)), { recursive: true });
    const exports = "export const thing = 1;\nexport type Thing = number;\n";
    writeFileSync(join(root, file), `${lines.join("\n")}\n${exports}`);
  }
  const options = await extractDepcruiseOptions(resolve(".dependency-cruiser.cjs"));
  delete options.tsConfig;
  const result = await cruise(["app", "db", "emails"], { ...options, baseDir: root, validate: true });
  violations = (result.output as ICruiseResult).summary.violations;
}, 30_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("layer rules", () => {
  it.each(BAD)("%s fires on %s → %s", (rule, from, to) => {
    const hits = violations.filter((v) => v.rule.name === rule);
    expect(hits.map((v) => `${v.from} → ${v.to}`)).toContain(`${from} → ${to}`);
  });

  it("lets every allowed import through", () => {
    const unexpected = violations.filter(
      (v) =>
        !BAD.some(([rule, from, to]) => v.rule.name === rule && v.from === from && v.to === to) &&
        !(v.rule.name === "no-circular" && v.from.startsWith("app/domain/plan/")),
    );
    expect(unexpected.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });
});
