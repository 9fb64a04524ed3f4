import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** The Nu Html Checker from the npm package vnu-jar, run by the machine's own Java (never a downloaded one). */
const JAR = resolve("node_modules/vnu-jar/build/dist/vnu.jar");

export type VnuMessage = {
  type: string;
  subType?: string;
  message: string;
  extract?: string;
  lastLine?: number;
  url: string;
};

/**
 * Remix streams its hydration `<script>`s after `</html>` (React's streaming renderer appends them to the
 * finished document). That is the framework's output, not our markup, so only the document up to and
 * including `</html>` is validated; a test that wants the whole response must look at it itself.
 */
export function documentOnly(html: string): string {
  const end = html.indexOf("</html>");
  return end < 0 ? html : html.slice(0, end + "</html>".length);
}

/**
 * Validates every document in one JVM (starting Java is the slow part) and returns the errors per name.
 * Names become file names, so keep them to [a-z0-9-].
 */
export async function validateHtml(documents: Record<string, string>): Promise<Record<string, VnuMessage[]>> {
  const dir = mkdtempSync(join(tmpdir(), "launchroom-vnu-"));
  try {
    const files = Object.entries(documents).map(([name, html]) => {
      const file = join(dir, `${name}.html`);
      writeFileSync(file, html);
      return file;
    });
    const stdout = await new Promise<string>((done, fail) =>
      execFile(
        "java",
        ["-Xss4m", "-jar", JAR, "--format", "json", "--stdout", "--errors-only", ...files],
        { maxBuffer: 64 * 1024 * 1024 },
        // vnu exits 1 when it found errors; its JSON report is what matters.
        (error, out, err) => (out ? done(out) : fail(error ?? new Error(err))),
      ),
    );
    const { messages } = JSON.parse(stdout) as { messages: VnuMessage[] };
    const byName: Record<string, VnuMessage[]> = Object.fromEntries(
      Object.keys(documents).map((n) => [n, []]),
    );
    for (const m of messages) {
      if (m.type !== "error" && m.type !== "non-document-error") continue;
      const name = Object.keys(documents).find(
        (n) => m.url === pathToFileURL(join(dir, `${n}.html`)).href || m.url?.endsWith(`/${n}.html`),
      );
      (byName[name ?? "?"] ??= []).push(m);
    }
    return byName;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
