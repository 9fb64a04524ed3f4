import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb, type DbOrTx, writeTransaction } from "#db/client.server";
import { signInTokens, users, type Locale } from "#db/schema";
import { recordEvent } from "~/domain/events/events.server";
import { acceptInvitation } from "~/domain/invitations/invitations.server";
import { findUserByEmail } from "~/domain/users/users.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { DomainError } from "~/utils/errors";
import { env } from "~/utils/env.server";
import { burnPasswordCheck, verifyPassword } from "./password.server";
import { allowLinkRequest, allowPasswordAttempt, forgivePasswordAttempts } from "./rate-limit.server";
import { createSession } from "./session.server";
import { generateToken, hashToken } from "~/utils/tokens.server";

export const MAGIC_LINK_TTL_MINUTES = 10;

export type SignedIn = { sessionToken: string; userId: string };

/** Email + password for staff. Unknown email and wrong password answer alike, in about the same time. */
export async function signInWithPassword(input: {
  email: string;
  password: string;
  ip: string;
}): Promise<SignedIn> {
  if (!allowPasswordAttempt(input.email, input.ip)) throw new DomainError(429, "auth.passwordRateLimited");
  const user = findUserByEmail(input.email);
  if (!user?.passwordHash || !user.active) {
    await burnPasswordCheck(input.password);
    throw new DomainError(400, "auth.invalidCredentials");
  }
  if (!(await verifyPassword(input.password, user.passwordHash)))
    throw new DomainError(400, "auth.invalidCredentials");
  forgivePasswordAttempts(input.email);
  return writeTransaction(getDb(), (tx) => {
    const sessionToken = createSession(tx, user.id);
    recordEvent(tx, {
      actorId: user.id,
      type: "auth.signed_in",
      subjectType: "user",
      subjectId: user.id,
      data: { method: "password" },
    });
    return { sessionToken, userId: user.id };
  });
}

/**
 * Emails a single-use sign-in link when the address belongs to an active user. The caller shows the same
 * confirmation either way, so the form does not reveal who has an account.
 */
export function requestMagicLink(input: {
  email: string;
  ip: string;
  locale: Locale;
  redirectTo?: string;
}): void {
  if (!allowLinkRequest(input.email, input.ip)) throw new DomainError(429, "auth.rateLimited");
  const user = findUserByEmail(input.email);
  if (!user?.active) return;
  writeTransaction(getDb(), (tx) => {
    const token = issueSignInToken(tx, user.id, {
      ttlMinutes: MAGIC_LINK_TTL_MINUTES,
      redirectTo: input.redirectTo,
    });
    enqueueEmail(tx, {
      to: user.email,
      locale: user.locale ?? input.locale,
      template: "magic_link",
      props: { name: user.name, url: magicLinkUrl(token), expiresInMinutes: MAGIC_LINK_TTL_MINUTES },
    });
    recordEvent(tx, {
      actorId: user.id,
      type: "auth.link_requested",
      subjectType: "user",
      subjectId: user.id,
    });
  });
}

/**
 * Stores a new single-use sign-in link for `userId` and returns its token, the only copy: the database
 * keeps its hash. The emailed magic link and `npm run admin` both issue links here; /auth/link redeems.
 */
export function issueSignInToken(
  tx: DbOrTx,
  userId: string,
  opts: { ttlMinutes: number; redirectTo?: string | null; now?: Date },
): string {
  const token = generateToken();
  const now = opts.now ?? new Date();
  tx.insert(signInTokens)
    .values({
      userId,
      tokenHash: hashToken(token),
      redirectTo: opts.redirectTo ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + opts.ttlMinutes * 60_000),
    })
    .run();
  return token;
}

export function magicLinkUrl(token: string): string {
  return new URL(`/auth/link?token=${encodeURIComponent(token)}`, env().APP_URL).toString();
}

/** For the confirmation page (GET): tells whether a link is still usable without consuming it. */
export function peekMagicLink(token: string, now = new Date()): { email: string } | null {
  return (
    getDb()
      .select({ email: users.email })
      .from(signInTokens)
      .innerJoin(users, eq(users.id, signInTokens.userId))
      .where(
        and(
          eq(signInTokens.tokenHash, hashToken(token)),
          isNull(signInTokens.usedAt),
          gt(signInTokens.expiresAt, now),
          eq(users.active, true),
        ),
      )
      .get() ?? null
  );
}

/**
 * Consumes a link (POST only). The conditional update is the single-use guarantee: of any number of
 * concurrent redemptions, exactly one sees its row change.
 */
export function redeemMagicLink(token: string, now = new Date()): SignedIn & { redirectTo: string | null } {
  return writeTransaction(getDb(), (tx) => {
    const row = tx
      .select({
        id: signInTokens.id,
        userId: signInTokens.userId,
        redirectTo: signInTokens.redirectTo,
        active: users.active,
      })
      .from(signInTokens)
      .innerJoin(users, eq(users.id, signInTokens.userId))
      .where(eq(signInTokens.tokenHash, hashToken(token)))
      .get();
    if (!row || !row.active) throw new DomainError(400, "auth.linkInvalid");
    const claimed = tx
      .update(signInTokens)
      .set({ usedAt: now })
      .where(and(eq(signInTokens.id, row.id), isNull(signInTokens.usedAt), gt(signInTokens.expiresAt, now)))
      .run();
    if (claimed.changes !== 1) throw new DomainError(400, "auth.linkInvalid");
    const sessionToken = createSession(tx, row.userId, now);
    recordEvent(tx, {
      actorId: row.userId,
      type: "auth.signed_in",
      subjectType: "user",
      subjectId: row.userId,
      data: { method: "magic_link" },
    });
    return { sessionToken, userId: row.userId, redirectTo: row.redirectTo };
  });
}

/**
 * Accepting an invitation signs the invitee in: the invitation is consumed, the user and membership
 * created and the session issued in one transaction (POST only).
 */
export function signInWithInvitation(
  token: string,
  opts: { name?: string } = {},
  now = new Date(),
): SignedIn & { roomId: string } {
  return writeTransaction(getDb(), (tx) => {
    const accepted = acceptInvitation(tx, token, opts, now);
    return { ...accepted, sessionToken: createSession(tx, accepted.userId, now) };
  });
}
