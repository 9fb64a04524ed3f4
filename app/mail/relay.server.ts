import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import { getDb, writeTransaction } from "#db/client.server";
import { outbox } from "#db/schema/outbox";
import { renderStoredEmail } from "./outbox.server";
import type { RenderedEmail } from "./render.server";
import type { MailTransport } from "./transport.server";

export type MailBrand = { companyName: string; logoUrl: string | null; emailSenderName: string };

/** The address of MAIL_FROM ("Name <a@b>" or "a@b"); the display name comes from the brand. */
export function fromAddress(mailFrom: string): string {
  const angle = /<([^<>]+)>\s*$/.exec(mailFrom);
  return (angle?.[1] ?? mailFrom).trim();
}

/** How long a claimed row stays invisible to other relays; the SMTP timeouts keep a send well below it. */
export const LEASE_MS = 60_000;
export const BASE_BACKOFF_MS = 30_000;
export const MAX_BACKOFF_MS = 60 * 60_000;
/** After this many failed attempts a message is given up on (about 9 hours of retrying). */
export const MAX_ATTEMPTS = 15;

export interface RelayLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RelayPassResult {
  sent: number;
  retried: number;
  failed: number;
}

export interface Relay {
  /** Runs a pass every intervalMs; the timer does not keep the process alive. */
  start(): void;
  /** Stops the timer and waits for any pass still in flight. */
  stop(): Promise<void>;
  runOnce(): Promise<RelayPassResult>;
}

type OutboxRow = typeof outbox.$inferSelect;
type Outcome = "sent" | "retried" | "failed";

/** Delay before the next attempt once `attempts` attempts have failed: 30 s, 60 s, 2 min … capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

const defaultLog: RelayLog = {
  info: () => {},
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};

export function createRelay(opts: {
  transport: MailTransport | null;
  from: string;
  /** The vendor's brand at send time: company name and logo in the layout, sender name on From:. */
  brand?: () => MailBrand;
  intervalMs: number;
  now?: () => Date;
  log?: RelayLog;
  batchSize?: number;
}): Relay {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? defaultLog;
  const batchSize = opts.batchSize ?? 10;
  const inFlight = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | undefined;
  let timerPass: Promise<unknown> | undefined;

  /**
   * Takes one due row and leases it, in a write (IMMEDIATE) transaction so no other relay — in this
   * process or another one on the same file — can read it as due in between. Rows are claimed one at a
   * time so each lease only has to cover a single send.
   */
  function claimNext(): OutboxRow | undefined {
    const at = now();
    return writeTransaction(getDb(), (tx) => {
      const row = tx
        .select()
        .from(outbox)
        .where(
          and(
            eq(outbox.status, "pending"),
            lte(outbox.nextAttemptAt, at),
            or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, at)),
          ),
        )
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.createdAt))
        .limit(1)
        .get();
      if (!row) return undefined;
      tx.update(outbox)
        .set({ lockedUntil: new Date(at.getTime() + LEASE_MS) })
        .where(eq(outbox.id, row.id))
        .run();
      return row;
    });
  }

  async function deliver(row: OutboxRow): Promise<Outcome> {
    let email: RenderedEmail;
    let brand: MailBrand | undefined;
    try {
      brand = opts.brand?.();
      email = await renderStoredEmail(row, brand);
    } catch (error) {
      // Unknown template, unreadable props or a template bug: the same row would fail the same way again.
      return markFailed(row, `render: ${describeError(error)}`);
    }

    if (!opts.transport) {
      markSent(row, email.subject, "local");
      log.info(
        { outboxId: row.id, template: row.template, transport: "local" },
        "email kept in local mailbox",
      );
      return "sent";
    }

    try {
      await opts.transport.sendMail({
        from: brand ? { name: brand.emailSenderName, address: fromAddress(opts.from) } : opts.from,
        to: row.toEmail,
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId: row.messageId,
        // Built from the sealed props, so a retry carries exactly what the first attempt did.
        attachments: email.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
        // RFC 3834: keeps vacation responders from answering a no-reply sender.
        headers: { "Auto-Submitted": "auto-generated" },
      });
    } catch (error) {
      const lastError = describeError(error);
      if (isPermanentSmtpError(error)) return markFailed(row, lastError);
      return markRetry(row, lastError);
    }
    markSent(row, email.subject, "smtp");
    log.info({ outboxId: row.id, template: row.template, attempts: row.attempts + 1 }, "email sent");
    return "sent";
  }

  function markSent(row: OutboxRow, subject: string, transport: "smtp" | "local") {
    getDb()
      .update(outbox)
      .set({
        status: "sent",
        sentAt: now(),
        transport,
        subject,
        attempts: sql`${outbox.attempts} + 1`,
        lockedUntil: null,
      })
      .where(eq(outbox.id, row.id))
      .run();
  }

  function markFailed(row: OutboxRow, lastError: string): Outcome {
    getDb()
      .update(outbox)
      .set({ status: "failed", lastError, attempts: sql`${outbox.attempts} + 1`, lockedUntil: null })
      .where(eq(outbox.id, row.id))
      .run();
    log.error(
      { outboxId: row.id, template: row.template, attempts: row.attempts + 1, error: lastError },
      "email failed permanently",
    );
    return "failed";
  }

  function markRetry(row: OutboxRow, lastError: string): Outcome {
    const attempts = row.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) return markFailed(row, `gave up after ${attempts} attempts: ${lastError}`);
    const nextAttemptAt = new Date(now().getTime() + backoffMs(attempts));
    getDb()
      .update(outbox)
      .set({ attempts, lastError, nextAttemptAt, lockedUntil: null })
      .where(eq(outbox.id, row.id))
      .run();
    log.warn(
      { outboxId: row.id, template: row.template, attempts, nextAttemptAt, error: lastError },
      "email send failed, will retry",
    );
    return "retried";
  }

  async function pass(): Promise<RelayPassResult> {
    const result: RelayPassResult = { sent: 0, retried: 0, failed: 0 };
    for (let i = 0; i < batchSize; i++) {
      const row = claimNext();
      if (!row) break;
      result[await deliver(row)]++;
    }
    return result;
  }

  function runOnce(): Promise<RelayPassResult> {
    const p = pass();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(() => {
        // A slow pass is not overlapped by the next tick of the same relay.
        if (timerPass) return;
        timerPass = runOnce()
          .catch((error: unknown) => log.error({ error: describeError(error) }, "outbox relay pass failed"))
          .finally(() => {
            timerPass = undefined;
          });
      }, opts.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await Promise.allSettled([...inFlight]);
    },
    runOnce,
  };
}

interface SmtpErrorFields {
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  command?: unknown;
  response?: unknown;
  message?: unknown;
}

/**
 * 5xx replies are permanent (RFC 5321), except 503 "bad sequence of commands", which says the session
 * was in the wrong state rather than that the message was refused. No reply code at all (refused
 * connection, timeout, TLS trouble) is transient.
 */
function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as SmtpErrorFields | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600 && code !== 503;
}

/**
 * A short description for lastError and logs, built from the error's structured fields. URLs are
 * masked: they could be the SMTP URL with its password or a sign-in link from the message.
 */
function describeError(error: unknown): string {
  const e = (
    typeof error === "object" && error !== null ? error : { message: String(error) }
  ) as SmtpErrorFields;
  const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  const head = [
    str(e.code),
    str(e.originalCode) && str(e.originalCode) !== str(e.code) ? str(e.originalCode) : undefined,
    typeof e.responseCode === "number" ? String(e.responseCode) : undefined,
    str(e.command) ? `at ${str(e.command)}` : undefined,
  ]
    .filter(Boolean)
    .join(" ");
  const detail = (str(e.response) ?? str(e.message) ?? "unknown error")
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, "[url]")
    .replace(/\s+/g, " ")
    .trim();
  const text = head ? `${head}: ${detail}` : detail;
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
