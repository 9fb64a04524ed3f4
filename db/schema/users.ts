import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, idColumn, timestamp } from "./columns";

import { LOCALES, STAFF_ROLES, USER_KINDS } from "../../app/vocabulary";

export const users = sqliteTable(
  "users",
  {
    id: idColumn(),
    /** Always stored lower-cased; unique across staff and customers. */
    email: text().notNull(),
    name: text().notNull(),
    kind: text({ enum: USER_KINDS }).notNull(),
    /** Only for staff users. */
    staffRole: text({ enum: STAFF_ROLES }),
    /** scrypt hash; null for customers (magic link only) and for staff who have not set one. */
    passwordHash: text(),
    locale: text({ enum: LOCALES }),
    /** Contact card shown to customers (staff): job title, phone and an optional booking link. */
    jobTitle: text(),
    phone: text(),
    bookingUrl: text(),
    /** A stored image (files.id); initials are shown when there is none. */
    avatarFileId: text(),
    active: integer({ mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    deactivatedAt: timestamp("deactivated_at"),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email), index("users_kind_idx").on(t.kind)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** SHA-256 of the session secret; the secret itself only ever lives in the cookie. */
    secretHash: text().notNull(),
    createdAt: createdAt(),
    /** Sliding expiry: moved forward when the session is used, never past the absolute lifetime. */
    expiresAt: timestamp("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const signInTokens = sqliteTable(
  "sign_in_tokens",
  {
    id: idColumn(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** SHA-256 of the token sent by email. */
    tokenHash: text().notNull(),
    /** Where to go after signing in (a path inside the app). */
    redirectTo: text(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at").notNull(),
    usedAt: timestamp("used_at"),
  },
  (t) => [
    uniqueIndex("sign_in_tokens_hash_unique").on(t.tokenHash),
    index("sign_in_tokens_user_idx").on(t.userId),
    index("sign_in_tokens_unused_idx")
      .on(t.expiresAt)
      .where(sql`used_at is null`),
  ],
);
