/**
 * Fixed-window counters in memory. One server process serves the app (see docs/decisions), so memory is
 * the right place; a restart resets the counters, which only errs towards letting a user retry.
 */
export class RateLimiter {
  private hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt; false when the key is over its limit in the current window. */
  take(key: string, now = Date.now()): boolean {
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.hits.size > 50_000) this.prune(now);
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return true;
    }
    entry.count += 1;
    return entry.count <= this.limit;
  }

  /** Drops one key's count, e.g. once its owner has proved who they are. */
  forget(key: string): void {
    this.hits.delete(key);
  }

  reset(): void {
    this.hits.clear();
  }

  private prune(now: number): void {
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
  }
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/**
 * Password guessing: per email address and per client IP. Only password attempts count here, and only
 * password sign-in is paused: otherwise anyone who knows an address could lock its owner out.
 */
export const passwordLimits = {
  perEmail: new RateLimiter(5, FIFTEEN_MINUTES),
  perIp: new RateLimiter(30, FIFTEEN_MINUTES),
};

/**
 * Emailed sign-in links have their own limit (against mail floods), untouched by wrong passwords: a link
 * proves the person owns the mailbox, so it stays the way in while password sign-in is paused.
 */
export const linkLimits = {
  perEmail: new RateLimiter(5, FIFTEEN_MINUTES),
  perIp: new RateLimiter(30, FIFTEEN_MINUTES),
};

/** Both counters are charged, so a caller cannot spread guesses over many emails or many IPs. */
function allow(limits: typeof passwordLimits, email: string, ip: string): boolean {
  const byEmail = limits.perEmail.take(email.toLowerCase());
  const byIp = limits.perIp.take(ip);
  return byEmail && byIp;
}

export const allowPasswordAttempt = (email: string, ip: string) => allow(passwordLimits, email, ip);

/**
 * A correct password clears that address's count: the limit is against guessing, and a staff member who
 * signs in several times a morning (new tabs, new devices) is not guessing. The per-IP count stays.
 */
export const forgivePasswordAttempts = (email: string) => passwordLimits.perEmail.forget(email.toLowerCase());
export const allowLinkRequest = (email: string, ip: string) => allow(linkLimits, email, ip);

/**
 * Active-time heartbeats per person (issue 12): one every 15 s per subject, a few tabs and subjects at
 * once, stays far below; a script hammering the endpoint gets 429. The time it can add is bounded by
 * wall-clock time anyway (app/domain/engagement/rules.ts creditFor).
 */
export const heartbeatLimiter = new RateLimiter(60, 60_000);
