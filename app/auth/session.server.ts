import { eq, lt, or, sql } from "drizzle-orm";
import { timingSafeEqual } from "node:crypto";
import { getDb, prepared, type DbOrTx } from "#db/client.server";
import { sessions, signInTokens, users } from "#db/schema";
import type { SessionUser } from "~/access/users";
import { env } from "~/utils/env.server";
import { generateToken, hashToken } from "./tokens.server";

// Sessions after the Lucia guide: the cookie holds `<id>.<secret>`, the database only the id and the
// SHA-256 of the secret. Sliding expiry (a week of inactivity) inside an absolute lifetime of 30 days.
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 7 * DAY;
export const SESSION_ABSOLUTE_MS = 30 * DAY;

export type ValidSession = { sessionId: string; user: SessionUser };

export function sessionCookieName(): string {
  return isHttps() ? "__Host-launchroom_session" : "launchroom_session";
}

function isHttps(): boolean {
  return env().APP_URL.startsWith("https:");
}

/** Creates a session for the user; call it inside the transaction that signs them in. */
export function createSession(tx: DbOrTx, userId: string, now = new Date()): string {
  const id = generateToken();
  const secret = generateToken();
  tx.insert(sessions)
    .values({
      id,
      userId,
      secretHash: hashToken(secret),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
    })
    .run();
  return `${id}.${secret}`;
}

export function validateSessionToken(token: string, now = new Date()): ValidSession | null {
  const [id, secret] = token.split(".");
  if (!id || !secret) return null;
  const db = getDb();
  const row = prepared("session.withUser", (db) =>
    db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id });
  if (!row) return null;
  const given = Buffer.from(hashToken(secret));
  const stored = Buffer.from(row.session.secretHash);
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return null;
  const absoluteEnd = row.session.createdAt.getTime() + SESSION_ABSOLUTE_MS;
  if (row.session.expiresAt.getTime() <= now.getTime() || absoluteEnd <= now.getTime() || !row.user.active) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return null;
  }
  // Extend at most once per half idle period to keep writes off most requests.
  if (row.session.expiresAt.getTime() - now.getTime() < SESSION_IDLE_MS / 2) {
    const expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, absoluteEnd));
    db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)).run();
  }
  return { sessionId: id, user: row.user };
}

export function invalidateSession(sessionId: string): void {
  getDb().delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateUserSessions(tx: DbOrTx, userId: string): void {
  tx.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Sessions past their expiry, and sign-in links past theirs or used more than a day ago. */
export function deleteExpiredCredentials(now = new Date()): { sessions: number; signInTokens: number } {
  const db = getDb();
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  return {
    sessions: db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes,
    signInTokens: db
      .delete(signInTokens)
      .where(or(lt(signInTokens.expiresAt, dayAgo), lt(signInTokens.usedAt, dayAgo)))
      .run().changes,
  };
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const name = sessionCookieName();
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export function sessionCookie(token: string): string {
  return serializeCookie(sessionCookieName(), token, SESSION_ABSOLUTE_MS / 1000);
}

export function clearSessionCookie(): string {
  return serializeCookie(sessionCookieName(), "", 0);
}

function serializeCookie(name: string, value: string, maxAgeSeconds: number): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (isHttps()) parts.push("Secure");
  return parts.join("; ");
}
