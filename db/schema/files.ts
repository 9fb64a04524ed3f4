import { index, sqliteTable, text, integer } from "drizzle-orm/sqlite-core";
import { createdAt, idColumn, timestamp } from "./columns";
import { users } from "./users";

/**
 * An uploaded file: the bytes live in the file store under the data folder, named by their SHA-256;
 * this row holds what was checked about them. Several rows may share one stored blob.
 */
export const files = sqliteTable(
  "files",
  {
    id: idColumn(),
    /** Hex SHA-256 of the content: the blob's name in the store. */
    sha256: text().notNull(),
    /** The type detected from the content (never the one the browser claimed). */
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    /** The name it was uploaded with, for the download's filename. */
    originalName: text().notNull(),
    /** What it is for, e.g. "workspace-logo", "account-logo", "avatar". */
    purpose: text().notNull(),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("files_sha256_idx").on(t.sha256)],
);

/** The vendor's own brand, one row (id "workspace"): used on sign-in, the header, rooms and emails. */
export const workspaceSettings = sqliteTable("workspace_settings", {
  id: text().primaryKey(),
  companyName: text(),
  logoFileId: text().references(() => files.id, { onDelete: "set null" }),
  /** #rrggbb; refused when white text on it would fail contrast. */
  brandColor: text(),
  /** Display name on the From: line of every email. */
  emailSenderName: text(),
  updatedAt: timestamp("updated_at"),
});
