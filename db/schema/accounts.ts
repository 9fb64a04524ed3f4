import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, idColumn, timestamp } from "./columns";
import { users } from "./users";

import { TOUCH_MODELS } from "../../app/vocabulary";

export const accounts = sqliteTable(
  "accounts",
  {
    id: idColumn(),
    name: text().notNull(),
    /** JSON array of lower-case domains customer invites may go to, e.g. ["example.co.jp"]. */
    allowedDomains: text({ mode: "json" }).$type<string[]>().notNull(),
    logoUrl: text(),
    /** An uploaded logo (files.id); preferred over logoUrl. */
    logoFileId: text(),
    crmDealUrl: text(),
    /** Monthly recurring revenue in the currency's minor unit (yen for JPY, cents for USD). */
    mrrMinor: integer().notNull().default(0),
    currency: text().notNull(),
    contractStart: text(),
    renewalDate: text(),
    touchModel: text({ enum: TOUCH_MODELS }).notNull(),
    /** IANA zone in which the account's calendar dates are meant. */
    timeZone: text().notNull().default("Asia/Tokyo"),
    ownerId: text().references(() => users.id),
    csmId: text()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
  },
  (t) => [
    index("accounts_csm_idx").on(t.csmId),
    index("accounts_owner_idx").on(t.ownerId),
    index("accounts_name_idx").on(t.name),
    // The portfolio lists rooms by renewal date, then name.
    index("accounts_renewal_name_idx").on(t.renewalDate, t.name),
  ],
);
