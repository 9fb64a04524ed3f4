/**
 * Initials for people and organisations, for where there is no photo or logo. Japanese company names
 * mostly start with a legal form (株式会社サンプル商事, （株）サンプル): taking the first character would
 * show 株 for every one of them, so legal forms are skipped wherever they stand.
 */
const LEGAL_FORMS = [
  "株式会社",
  "有限会社",
  "合同会社",
  "合資会社",
  "合名会社",
  "一般社団法人",
  "一般財団法人",
  "公益社団法人",
  "公益財団法人",
  "特定非営利活動法人",
  "（株）",
  "(株)",
  "㈱",
  "（有）",
  "(有)",
  "㈲",
];
const LATIN_LEGAL_FORMS =
  /\b(inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|kk|k\.k|co|corp|corporation|company|sa|sas|bv|nv|pte|pty|oy|ab|as|srl|spa)\b\.?/giu;

function firstGrapheme(text: string): string {
  const [first] = text;
  return first ?? "";
}

/** Up to two letters for a company: "Acme Analytics, Inc." → "AA", "株式会社サンプル商事" → "サ". */
export function organizationInitials(name: string): string {
  let rest = name;
  for (const form of LEGAL_FORMS) rest = rest.split(form).join(" ");
  rest = rest.replace(LATIN_LEGAL_FORMS, " ").replace(/[,.&・]/gu, " ");
  return initialsOfWords(rest) || firstGrapheme(name.trim()).toUpperCase();
}

/** Up to two letters for a person: "Jordan Lee" → "JL", "田中 一郎" → "田". */
export function personInitials(name: string): string {
  return initialsOfWords(name) || "?";
}

function initialsOfWords(text: string): string {
  const words = text
    .trim()
    .split(/[\s\u3000]+/u)
    .filter(Boolean);
  if (words.length === 0) return "";
  const first = firstGrapheme(words[0]!);
  // Names in CJK scripts show their first character alone (family name first, one glyph is enough).
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(first)) return first;
  const second = words.length > 1 ? firstGrapheme(words[words.length - 1]!) : "";
  return (first + second).toUpperCase();
}
