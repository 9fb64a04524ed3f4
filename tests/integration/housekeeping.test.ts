import { describe, expect, it } from "vitest";
import { sessions, signInTokens } from "#db/schema";
import { makeStaff } from "#db/factories";
import { RateLimiter } from "~/auth/rate-limit.server";
import {
  createSession,
  deleteExpiredCredentials,
  SESSION_IDLE_MS,
  validateSessionToken,
} from "~/auth/session.server";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

describe("expired credentials", () => {
  it("deletes expired sessions and stale sign-in links, and keeps live ones", () => {
    const db = t.db();
    const user = makeStaff(db);
    const now = new Date("2026-11-23T09:00:00Z");
    const old = new Date(now.getTime() - SESSION_IDLE_MS - 1000);
    const live = createSession(db, user.id, now);
    createSession(db, user.id, old);
    const link = (expiresAt: Date, usedAt: Date | null) =>
      db
        .insert(signInTokens)
        .values({ userId: user.id, tokenHash: `${Math.random()}`, expiresAt, usedAt })
        .run();
    link(new Date(now.getTime() + 5 * 60_000), null);
    link(new Date(now.getTime() - 2 * 86_400_000), null);
    link(new Date(now.getTime() + 5 * 60_000), new Date(now.getTime() - 2 * 86_400_000));
    expect(deleteExpiredCredentials(now)).toEqual({ sessions: 1, signInTokens: 2 });
    expect(db.select().from(sessions).all()).toHaveLength(1);
    expect(db.select().from(signInTokens).all()).toHaveLength(1);
    expect(validateSessionToken(live, now)?.user.id).toBe(user.id);
  });
});

describe("rate limiter", () => {
  it("allows the limit within a window, refuses the next, and forgets after the window", () => {
    const limiter = new RateLimiter(3, 1000);
    expect([1, 2, 3].map(() => limiter.take("a", 0))).toEqual([true, true, true]);
    expect(limiter.take("a", 500)).toBe(false);
    expect(limiter.take("b", 500)).toBe(true);
    expect(limiter.take("a", 1000)).toBe(true);
  });
});
