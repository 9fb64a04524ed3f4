import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, idColumn, timestamp } from "./columns";
import { LOCALES, OUTBOX_STATUSES, OUTBOX_TRANSPORTS } from "../../app/vocabulary";

export const outbox = sqliteTable(
  "outbox",
  {
    id: idColumn(),
    /** Stable Message-ID, so a retry after an unclear failure is recognisable as the same message. */
    messageId: text().notNull(),
    toEmail: text().notNull(),
    locale: text({ enum: LOCALES }).notNull(),
    /** Name of the template in emails/. */
    template: text().notNull(),
    /** Template props, encrypted (they can hold sign-in links): see app/utils/seal.server.ts. */
    sealedProps: text().notNull(),
    status: text({ enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    nextAttemptAt: timestamp("next_attempt_at").notNull(),
    /** Relay's lease: a row being sent is not picked up again before this time. */
    lockedUntil: timestamp("locked_until"),
    transport: text({ enum: OUTBOX_TRANSPORTS }),
    subject: text(),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at"),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt), index("outbox_created_idx").on(t.createdAt)],
);
