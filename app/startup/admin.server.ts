/**
 * What `npm run admin` does: a real installation gets its first admin from the command line (there is
 * no demo admin in production), and an admin who cannot sign in gets a fresh link. Both print a one-time
 * link issued like the emailed magic link: random, hashed at rest, single use, redeemed by POST.
 */
import { getDb, writeTransaction } from "#db/client.server";
import { users } from "#db/schema";
import type { Locale } from "~/vocabulary";
import { issueSignInToken, magicLinkUrl } from "~/auth/sign-in.server";
import { recordEvent } from "~/domain/events/events.server";
import { findUserByEmail } from "~/domain/users/users.server";

/** Longer than an emailed link: the operator may hand it to the admin by another channel. */
export const ADMIN_LINK_TTL_MINUTES = 24 * 60;

export type AdminLink = { userId: string; url: string; expiresAt: Date };
export type AdminCommandResult =
  ({ ok: true } & AdminLink) | { ok: false; problem: "exists" | "unknown" | "not_admin" | "inactive" };

function link(tx: Parameters<typeof issueSignInToken>[0], userId: string, now: Date): AdminLink {
  const token = issueSignInToken(tx, userId, { ttlMinutes: ADMIN_LINK_TTL_MINUTES, now });
  recordEvent(
    tx,
    {
      actorId: null,
      type: "auth.link_requested",
      subjectType: "user",
      subjectId: userId,
      data: { via: "admin_command" },
    },
    now,
  );
  return {
    userId,
    url: magicLinkUrl(token),
    expiresAt: new Date(now.getTime() + ADMIN_LINK_TTL_MINUTES * 60_000),
  };
}

/** Creates an admin without a password and returns their sign-in link; refuses an email already in use. */
export function createAdmin(
  input: { email: string; name: string; locale: Locale | null },
  now = new Date(),
): AdminCommandResult {
  return writeTransaction(getDb(), (tx) => {
    if (findUserByEmail(input.email, tx)) return { ok: false, problem: "exists" } as const;
    const user = tx
      .insert(users)
      .values({
        name: input.name,
        email: input.email,
        kind: "staff",
        staffRole: "admin",
        locale: input.locale,
      })
      .returning({ id: users.id })
      .get();
    recordEvent(
      tx,
      {
        actorId: null,
        type: "user.created",
        subjectType: "user",
        subjectId: user.id,
        data: { staffRole: "admin", via: "admin_command" },
      },
      now,
    );
    return { ok: true, ...link(tx, user.id, now) } as const;
  });
}

/** A fresh sign-in link for an existing, active admin (recovery). */
export function adminSignInLink(email: string, now = new Date()): AdminCommandResult {
  return writeTransaction(getDb(), (tx) => {
    const user = findUserByEmail(email, tx);
    if (!user) return { ok: false, problem: "unknown" } as const;
    if (user.kind !== "staff" || user.staffRole !== "admin")
      return { ok: false, problem: "not_admin" } as const;
    if (!user.active) return { ok: false, problem: "inactive" } as const;
    return { ok: true, ...link(tx, user.id, now) } as const;
  });
}
