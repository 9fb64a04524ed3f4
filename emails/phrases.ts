import { loadDefaultJapaneseParser } from "budoux";

/**
 * Japanese phrase boundaries for places without `word-break: auto-phrase` (email clients, browsers
 * before Chromium 119): BudouX's model splits text into phrases; the caller shows each boundary as a
 * line-break opportunity (<wbr>) and forbids breaks elsewhere (`word-break: keep-all`). Server only: the
 * model stays out of the browser bundle, where app/tailwind.css uses auto-phrase instead.
 */
const parser = loadDefaultJapaneseParser();

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆〇、。「」『』（）・]/u;

/** The text cut where a line may break: between phrases, and only where Japanese text meets. */
export function phrases(text: string): string[] {
  if (!CJK.test(text)) return [text];
  const chunks = parser.parse(text);
  const out: string[] = [];
  for (const chunk of chunks) {
    const previous = out.at(-1);
    // A boundary inside Latin text or numbers ("2026", "SSO") is no place to break: join it back.
    if (previous !== undefined && !(CJK.test(previous.at(-1) ?? "") || CJK.test(chunk[0] ?? ""))) {
      out[out.length - 1] = previous + chunk;
    } else {
      out.push(chunk);
    }
  }
  return out;
}

/** The style that goes with <wbr>-separated phrases: no breaks but the marked ones (and spaces). */
export const PHRASE_STYLE = { wordBreak: "keep-all", overflowWrap: "anywhere" } as const;
