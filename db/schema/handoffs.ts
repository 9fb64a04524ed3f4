import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts";
import { createdAt, idColumn, timestamp } from "./columns";
import { HANDOFF_STATUSES, type TeamRole } from "../../app/vocabulary";
import { users } from "./users";

/** One of the customer's people as sales knew them; they become the room's team (stakeholders). */
export type HandoffPerson = { name: string; email?: string; title?: string; teamRole?: TeamRole };

/** What sales hands to customer success for an account (staff only: customers never see it). */
export const handoffs = sqliteTable(
  "handoffs",
  {
    id: idColumn(),
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    status: text({ enum: HANDOFF_STATUSES }).notNull().default("draft"),
    /** Products and plan bought. */
    productsBought: text(),
    /** Why they bought and the problems to solve. */
    whyBought: text(),
    /** Success metrics agreed in the sale. */
    successMetrics: text(),
    people: text({ mode: "json" })
      .$type<HandoffPerson[]>()
      .notNull()
      .$defaultFn(() => []),
    contractStart: text(),
    contractEnd: text(),
    constraints: text(),
    promises: text(),
    risks: text(),
    competitors: text(),
    crmDealUrl: text(),
    /** Free notes as validated Tiptap JSON. */
    notes: text({ mode: "json" }).$type<unknown>(),
    createdById: text().references(() => users.id),
    submittedAt: timestamp("submitted_at"),
    submittedById: text().references(() => users.id),
    acknowledgedAt: timestamp("acknowledged_at"),
    acknowledgedById: text().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
    version: integer().notNull().default(1),
  },
  (t) => [uniqueIndex("handoffs_account_unique").on(t.accountId), index("handoffs_status_idx").on(t.status)],
);

/** The thread on a handoff: the CSM's questions and sales' answers. */
export const handoffMessages = sqliteTable(
  "handoff_messages",
  {
    id: idColumn(),
    handoffId: text()
      .notNull()
      .references(() => handoffs.id, { onDelete: "cascade" }),
    authorId: text()
      .notNull()
      .references(() => users.id),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("handoff_messages_handoff_idx").on(t.handoffId, t.createdAt)],
);
