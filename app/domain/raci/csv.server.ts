/**
 * The RACI as CSV (UTF-8 with BOM, CRLF, formula-like cells quoted: the plan's CSV helper): one line per
 * row as the viewer may see it (customers: shared rows only), one column per person, then the row's
 * problems in words. Headers and words in the viewer's language.
 */
import type { TFunction } from "i18next";
import { formatCsv } from "~/domain/plan/csv-schema";
import type { RoomContext } from "~/domain/plan/plan.server";
import { getRaciMatrix } from "./raci.server";

export function exportRaciCsv(
  ctx: Pick<RoomContext, "room" | "role">,
  t: TFunction,
  sides: { vendor: string; customer: string },
): string {
  const matrix = getRaciMatrix(ctx);
  const people = [
    ...matrix.columns.vendor.map((c) => ({ ...c, group: sides.vendor })),
    ...matrix.columns.customer.map((c) => ({ ...c, group: sides.customer })),
  ];
  const kind = t("raci.csv.kind");
  const item = t("raci.csv.item");
  const check = t("raci.csv.check");
  // Headers are the keys too: two people of the same name get a number.
  const used = new Set<string>([kind, item, check]);
  const header = new Map<string, string>();
  for (const p of people) {
    let h = `${p.name} (${p.group})`;
    for (let n = 2; used.has(h); n++) h = `${p.name} (${p.group}) #${n}`;
    used.add(h);
    header.set(p.id, h);
  }
  const columns = [kind, item, ...people.map((p) => header.get(p.id)!), check];
  const rows = matrix.groups.flatMap((g) =>
    g.rows.map((r) => {
      const line: Record<string, string> = {
        [kind]: t(`raci.kind.${r.type}`),
        [item]: r.title,
        [check]: r.problems.map((p) => t(`raci.problems.${p}`)).join(" / "),
      };
      for (const p of people) line[header.get(p.id)!] = r.cells[p.id] ?? "";
      return line;
    }),
  );
  return formatCsv(columns, rows);
}
