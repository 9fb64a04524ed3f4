import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, it } from "vitest";

// drizzle-kit generate against a copy of the committed migrations: any new file means db/schema changed
// without a migration. drizzle-kit wants paths relative to the working directory, hence tests/.tmp.
it("the committed migrations match db/schema", () => {
  mkdirSync("tests/.tmp", { recursive: true });
  const dir = relative(process.cwd(), mkdtempSync(join("tests/.tmp", "drift-")));
  try {
    const out = join(dir, "migrations");
    cpSync("db/migrations", out, { recursive: true });
    const config = join(dir, "drizzle.config.json");
    writeFileSync(
      config,
      JSON.stringify({
        dialect: "sqlite",
        schema: "./db/schema/index.ts",
        out: `./${out}`,
        casing: "snake_case",
      }),
    );
    const before = readdirSync(out).sort();
    const output = execFileSync("npx", ["drizzle-kit", "generate", "--config", config, "--name", "drift"], {
      encoding: "utf8",
      stdio: "pipe",
    });
    expect(readdirSync(out).sort()).toEqual(before);
    expect(output).toContain("No schema changes");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
