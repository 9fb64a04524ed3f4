import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts";
import { createdAt, idColumn, timestamp } from "./columns";
import { LOCALES, ROOM_ROLES, ROOM_STAGES, ROOM_STATUSES } from "../../app/vocabulary";
import { users } from "./users";

export const rooms = sqliteTable(
  "rooms",
  {
    id: idColumn(),
    accountId: text()
      .notNull()
      .references(() => accounts.id),
    title: text().notNull(),
    stage: text({ enum: ROOM_STAGES }).notNull().default("onboarding"),
    status: text({ enum: ROOM_STATUSES }).notNull().default("active"),
    kickoffDate: text(),
    targetGoLiveDate: text(),
    /** The template the plan was created from (no foreign key: deleting a template keeps the room's plan). */
    planTemplateId: text(),
    /** The template's revision the plan was made from; later revisions never touch this room's plan. */
    planTemplateRevision: integer(),
    /** The CSM's welcome note as validated Tiptap JSON; null shows the template's default. */
    welcomeNote: text({ mode: "json" }).$type<unknown>(),
    welcomeNoteUpdatedAt: timestamp("welcome_note_updated_at"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
  },
  (t) => [index("rooms_account_idx").on(t.accountId)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text({ enum: ROOM_ROLES }).notNull(),
    createdAt: createdAt(),
    /** Last time the member opened the room (written at most every few minutes): customer presence. */
    lastSeenAt: timestamp("last_seen_at"),
  },
  (t) => [
    uniqueIndex("memberships_room_user_unique").on(t.roomId, t.userId),
    index("memberships_user_idx").on(t.userId),
  ],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: idColumn(),
    roomId: text()
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: text({ enum: ROOM_ROLES }).notNull(),
    /** SHA-256 of the token in the emailed link. */
    tokenHash: text().notNull(),
    invitedById: text()
      .notNull()
      .references(() => users.id),
    locale: text({ enum: LOCALES }).notNull(),
    /** Staff confirmed an address outside the account's allowed domains. */
    domainException: integer({ mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at").notNull(),
    acceptedAt: timestamp("accepted_at"),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [
    uniqueIndex("invitations_token_unique").on(t.tokenHash),
    index("invitations_room_idx").on(t.roomId),
  ],
);
