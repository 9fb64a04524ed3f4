/**
 * The room's document access as CSV (the plan's CSV helper: UTF-8 with BOM, CRLF, formula-like cells
 * neutralised): one line per document and person with views, downloads, first and last access (ISO, UTC).
 */
import type { TFunction } from "i18next";
import { formatCsv } from "~/domain/plan/csv-schema";
import type { RoomContext } from "~/domain/plan/plan.server";
import { roomDocumentAccess } from "./documents.server";

export function exportDocumentAccessCsv(ctx: Pick<RoomContext, "room" | "role">, t: TFunction): string {
  const columns = [
    t("documents.csv.document"),
    t("documents.csv.person"),
    t("documents.csv.email"),
    t("documents.csv.views"),
    t("documents.csv.downloads"),
    t("documents.csv.first"),
    t("documents.csv.last"),
  ] as const;
  const [document, person, email, views, downloads, first, last] = columns;
  const rows = roomDocumentAccess(ctx).map((r) => ({
    [document]: r.removed ? `${r.document} (${t("documents.csv.removed")})` : r.document,
    [person]: r.name,
    [email]: r.email,
    [views]: String(r.views),
    [downloads]: String(r.downloads),
    [first]: r.firstAt.toISOString(),
    [last]: r.lastAt.toISOString(),
  }));
  return formatCsv(columns as readonly string[], rows);
}
