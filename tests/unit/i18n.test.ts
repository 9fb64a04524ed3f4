import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import enApp from "~/i18n/locales/en/app.json";
import enEmail from "~/i18n/locales/en/email.json";
import jaApp from "~/i18n/locales/ja/app.json";
import jaEmail from "~/i18n/locales/ja/email.json";

type Tree = { [key: string]: string | Tree };

/** Leaf keys with i18next plural suffixes folded, since Japanese has only the _other form. */
function keys(tree: Tree, prefix = ""): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.add(path.replace(/_(zero|one|two|few|many|other)$/, ""));
    else for (const k of keys(value, path)) out.add(k);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe("translations", () => {
  it.each([
    ["app", enApp, jaApp],
    ["email", enEmail, jaEmail],
  ])("%s: Japanese and English have the same keys", (_ns, en, ja) => {
    expect([...keys(ja as Tree)].sort()).toEqual([...keys(en as Tree)].sort());
  });

  it("every literal key the app uses exists in both languages", () => {
    const known = keys(enApp as Tree);
    const namespaces = new Set(Object.keys(enApp));
    const missing: string[] = [];
    for (const file of sourceFiles("app")) {
      const text = readFileSync(file, "utf8");
      // Keys in t() calls, DomainErrors, zod messages and action results (not capability or event names).
      const pattern =
        /(?:\bt\(|DomainError\(\d+,\s*|messageKey:\s*|notice:\s*|formError:\s*|message:\s*)["'`]([a-z][A-Za-z]*(?:\.[A-Za-z_]+)+)["'`]/g;
      for (const [, key] of text.matchAll(pattern)) {
        if (!namespaces.has(key!.split(".")[0]!) || key!.endsWith(".")) continue;
        if (!known.has(key!)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("email template names in the outbox", () => {
  it("every registered email has a name in both languages (the outbox list shows it, never the code)", async () => {
    const { emailTemplates } = await import("#emails/registry");
    for (const app of [jaApp, enApp]) {
      const names = (app.layout as { emailTemplates: Record<string, string> }).emailTemplates;
      expect(Object.keys(emailTemplates).filter((name) => !names[name])).toEqual([]);
    }
  });
});
