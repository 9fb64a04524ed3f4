/**
 * A strict RFC 4180 reader for tests: records end with CRLF (the last one too), a field is either plain
 * (no `"`, `,`, CR or LF) or quoted with `""` for a quote inside; anything else throws with its offset.
 * Every record must have as many fields as the header. Lenient parsers (papaparse, spreadsheets) accept
 * files this refuses, which is why the exports are checked against this one.
 */
export function parseRfc4180(text: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`RFC 4180: ${why} at offset ${i}: ${JSON.stringify(text.slice(i, i + 20))}`);
  };
  while (i < text.length) {
    const record: string[] = [];
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) fail("unterminated quoted field");
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
            } else {
              i++;
              break;
            }
          } else field += text[i++];
        }
      } else {
        while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
          if (text[i] === '"') fail("quote inside an unquoted field");
          field += text[i++];
        }
      }
      record.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text.startsWith("\r\n", i)) {
        i += 2;
        break;
      }
      fail(i >= text.length ? "last record without CRLF" : "bare CR or LF, or text after a closing quote");
    }
    if (records.length && record.length !== records[0]!.length) fail("record with another field count");
    records.push(record);
  }
  return records;
}
