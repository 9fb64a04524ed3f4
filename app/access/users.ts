/**
 * Who is acting: the signed-in user as the guards hand it to routes and routes hand it to the domain.
 * Types only, so the browser and every layer may import them.
 */
import type { users } from "#db/schema";

export type SessionUser = typeof users.$inferSelect;

export type StaffUser = SessionUser & { kind: "staff"; staffRole: NonNullable<SessionUser["staffRole"]> };
