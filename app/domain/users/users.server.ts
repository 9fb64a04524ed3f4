import { and, asc, count, eq } from "drizzle-orm";
import { getDb, type DbOrTx, writeTransaction } from "#db/client.server";
import { memberships, sessions, users, type Locale, type StaffRole } from "#db/schema";
import type { StaffUser } from "~/access/users";
import { staffCan } from "~/access/capabilities";
import { recordEvent } from "~/domain/events/events.server";
import { DomainError } from "~/utils/errors";

export type User = typeof users.$inferSelect;

export function findUserByEmail(email: string, tx: DbOrTx = getDb()): User | undefined {
  return tx.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

/** False only for a database nobody has been created in yet (no demo, no first admin). */
export function hasAnyUser(): boolean {
  return getDb().select({ id: users.id }).from(users).limit(1).get() !== undefined;
}

export function listStaff() {
  return getDb()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      staffRole: users.staffRole,
      active: users.active,
      hasPassword: users.passwordHash,
    })
    .from(users)
    .where(eq(users.kind, "staff"))
    .orderBy(asc(users.name))
    .all()
    .map(({ hasPassword, ...u }) => ({ ...u, hasPassword: !!hasPassword }));
}

function requireAdmin(actor: StaffUser) {
  if (!staffCan(actor.staffRole, "staff.manage")) throw new DomainError(403, "errors.forbidden");
}

/**
 * Creates a staff user. The caller hashes the password (app/auth), before any transaction: hashing
 * awaits, and better-sqlite3 transactions must not.
 */
export function createStaffUser(
  actor: StaffUser,
  input: { name: string; email: string; staffRole: StaffRole; passwordHash: string | null },
): string {
  requireAdmin(actor);
  const { passwordHash } = input;
  return writeTransaction(getDb(), (tx) => {
    if (findUserByEmail(input.email, tx)) throw new DomainError(400, "validation.emailTaken", {}, "email");
    const user = tx
      .insert(users)
      .values({
        name: input.name,
        email: input.email,
        kind: "staff",
        staffRole: input.staffRole,
        passwordHash,
      })
      .returning({ id: users.id })
      .get();
    recordEvent(tx, {
      actorId: actor.id,
      type: "user.created",
      subjectType: "user",
      subjectId: user.id,
      data: { staffRole: input.staffRole },
    });
    return user.id;
  });
}

function loadStaffTarget(tx: DbOrTx, userId: string): User {
  const target = tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.kind, "staff")))
    .get();
  if (!target) throw new DomainError(404, "errors.userNotFound");
  return target;
}

function activeAdmins(tx: DbOrTx): number {
  return (
    tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.kind, "staff"), eq(users.staffRole, "admin"), eq(users.active, true)))
      .get()?.n ?? 0
  );
}

export function changeStaffRole(actor: StaffUser, userId: string, staffRole: StaffRole): void {
  requireAdmin(actor);
  writeTransaction(getDb(), (tx) => {
    const target = loadStaffTarget(tx, userId);
    if (target.staffRole === staffRole) return;
    if (target.staffRole === "admin" && activeAdmins(tx) <= 1) throw new DomainError(400, "errors.lastAdmin");
    tx.update(users).set({ staffRole }).where(eq(users.id, userId)).run();
    // A changed role must not ride on sessions issued under the old one.
    invalidateUserSessions(tx, userId);
    recordEvent(tx, {
      actorId: actor.id,
      type: "user.role_changed",
      subjectType: "user",
      subjectId: userId,
      data: { from: target.staffRole, to: staffRole },
    });
  });
}

/** Deactivation signs the user out everywhere at once; their next request is anonymous. */
export function setStaffActive(actor: StaffUser, userId: string, active: boolean): void {
  requireAdmin(actor);
  if (userId === actor.id && !active) throw new DomainError(400, "errors.cannotDeactivateSelf");
  writeTransaction(getDb(), (tx) => {
    const target = loadStaffTarget(tx, userId);
    if (target.active === active) return;
    if (!active && target.staffRole === "admin" && activeAdmins(tx) <= 1)
      throw new DomainError(400, "errors.lastAdmin");
    tx.update(users)
      .set({ active, deactivatedAt: active ? null : new Date() })
      .where(eq(users.id, userId))
      .run();
    if (!active) invalidateUserSessions(tx, userId);
    recordEvent(tx, {
      actorId: actor.id,
      type: active ? "user.reactivated" : "user.deactivated",
      subjectType: "user",
      subjectId: userId,
    });
  });
}

export function setUserLocale(userId: string, locale: Locale): void {
  getDb().update(users).set({ locale }).where(eq(users.id, userId)).run();
}

/**
 * Ends every session of the user, in the caller's transaction: a changed role, a deactivation or a lost
 * last membership must not ride on sessions issued before it.
 */
export function invalidateUserSessions(tx: DbOrTx, userId: string): void {
  tx.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** A customer without any room has nothing left to see: end their sessions with the last membership. */
export function invalidateUserSessionsIfOrphaned(tx: DbOrTx, userId: string): void {
  const user = tx.select({ kind: users.kind }).from(users).where(eq(users.id, userId)).get();
  if (user?.kind !== "customer") return;
  const left =
    tx.select({ n: count() }).from(memberships).where(eq(memberships.userId, userId)).get()?.n ?? 0;
  if (left === 0) invalidateUserSessions(tx, userId);
}
