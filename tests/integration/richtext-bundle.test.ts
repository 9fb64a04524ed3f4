import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Reading pages ship no editor: the route modules the browser loads (Remix's build manifest, which drives
// the modulepreload links and route loading) must not include the Tiptap editor chunk or ProseMirror code,
// and the editing pages must load it only on demand (a dynamic import). Needs `npx remix vite:build`.

const assets = join(process.cwd(), "build/client/assets");
type RemixManifest = { routes: Record<string, { module: string; imports?: string[] }> };

function manifest(): RemixManifest {
  const file = readdirSync(assets).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error("No build: run `npx remix vite:build` first.");
  const source = readFileSync(join(assets, file), "utf8");
  return JSON.parse(source.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as RemixManifest;
}

const read = (url: string) => readFileSync(join(assets, url.replace(/^\/assets\//, "")), "utf8");
/** Code only the editor has: ProseMirror's view and Tiptap's Editor class. */
const isEditorCode = (code: string) => /ProseMirror/.test(code);

describe("rich text bundles", () => {
  const m = manifest();
  const editorChunk = readdirSync(assets).find((f) => /^RichTextEditor-.*\.js$/.test(f));

  it("has an editor chunk of its own, and it is the editor", () => {
    expect(editorChunk).toBeDefined();
    expect(isEditorCode(readFileSync(join(assets, editorChunk!), "utf8"))).toBe(true);
  });

  it.each(Object.keys(m.routes))("%s loads no editor code up front", (id) => {
    const route = m.routes[id]!;
    for (const url of [route.module, ...(route.imports ?? [])]) {
      expect(url).not.toContain("RichTextEditor");
      expect(isEditorCode(read(url)), `${id}: ${url}`).toBe(false);
    }
  });

  it("the editing pages import the editor lazily", () => {
    for (const id of ["routes/rooms.$roomId.welcome", "routes/templates.$templateId_.welcome"]) {
      const route = m.routes[id]!;
      const code = [route.module, ...(route.imports ?? [])].map(read).join("\n");
      expect(code, id).toMatch(/import\(["'][^"']*RichTextEditor-[^"']+\.js["']\)|RichTextEditor-[\w-]+\.js/);
    }
    expect(m.routes["routes/rooms.$roomId._index"]!.imports?.some((u) => u.includes("WelcomeNote"))).toBe(
      true,
    );
  });
});
