import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { outbox } from "#db/schema/outbox";
import { enqueueEmail, listOutbox, readOutboxMessage } from "~/mail/outbox.server";
import { MAX_ATTEMPTS, createRelay, type RelayLog } from "~/mail/relay.server";
import { renderEmail } from "~/mail/render.server";
import { createMailTransport } from "~/mail/transport.server";
import type { EmailTemplates } from "#emails/registry";
import { useTestDatabase } from "../helpers/db";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";

const { db, path } = useTestDatabase();

const FROM = "Launchroom <no-reply@launchroom.test>";
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

const sinks: SmtpSink[] = [];
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

async function sink(opts: Parameters<typeof startSmtpSink>[0] = {}): Promise<SmtpSink> {
  const s = await startSmtpSink(opts);
  sinks.push(s);
  return s;
}

/** A port nothing listens on (yet): bound once by the OS, then released. */
async function reservePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address !== "object") throw new Error("no port");
  return address.port;
}

function clock() {
  let current = new Date();
  return {
    now: () => current,
    set: (d: Date) => (current = d),
    advance: (ms: number) => (current = new Date(current.getTime() + ms)),
  };
}

function captureLog() {
  const entries: { level: string; obj: object; msg: string }[] = [];
  const log: RelayLog = {
    info: (obj, msg) => entries.push({ level: "info", obj, msg }),
    warn: (obj, msg) => entries.push({ level: "warn", obj, msg }),
    error: (obj, msg) => entries.push({ level: "error", obj, msg }),
  };
  return { log, entries, text: () => JSON.stringify(entries) };
}

function token(): string {
  return `tok${randomBytes(12).toString("hex")}`;
}

function magicLink(to: string, url = `http://localhost:3000/auth/link?token=${token()}`) {
  return {
    to,
    locale: "en" as const,
    template: "magic_link" as const,
    props: { name: "Ann", url, expiresInMinutes: 15 },
  };
}

const invitationProps = (url: string): EmailTemplates["invitation"] => ({
  inviterName: "佐藤 花子",
  accountName: "Acme Corp",
  roomTitle: "Rollout 2025",
  role: "customer_admin",
  url,
  expiresAt: "2025-04-08T09:00:00.000Z",
});

function rows() {
  return db().select().from(outbox).all();
}

describe("enqueueEmail", () => {
  it("writes the row in the caller's transaction and rolls back with it", () => {
    expect(() =>
      db().transaction((tx) => {
        const { id } = enqueueEmail(tx, magicLink("rollback@example.com"));
        // Visible inside the transaction, so the rollback below is what removes it.
        expect(
          tx
            .select()
            .from(outbox)
            .all()
            .map((r) => r.id),
        ).toEqual([id]);
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(rows()).toHaveLength(0);

    const { id } = db().transaction((tx) => enqueueEmail(tx, magicLink("commit@example.com")));
    const [row] = rows();
    expect(row).toMatchObject({
      id,
      status: "pending",
      attempts: 0,
      lockedUntil: null,
      toEmail: "commit@example.com",
    });
    expect(row.messageId).toBe(`<${id}@localhost>`);
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("rejects props that do not fit the template, failing the caller's transaction", () => {
    expect(() =>
      db().transaction((tx) =>
        enqueueEmail(tx, magicLink("bad@example.com", "javascript:alert(document.cookie)")),
      ),
    ).toThrow();
    expect(rows()).toHaveLength(0);
  });
});

describe("outbox relay over SMTP", () => {
  it("retries through connection refused and 451, then delivers every message exactly once", async () => {
    const port = await reservePort();
    const transport = createMailTransport(`smtp://127.0.0.1:${port}?tls=off`);
    const tokens = [token(), token(), token()];
    db().transaction((tx) => {
      for (const [i, t] of tokens.entries()) {
        enqueueEmail(tx, magicLink(`user${i}@example.com`, `http://localhost:3000/auth/link?token=${t}`));
      }
    });
    const time = clock();
    const { log, text: logText } = captureLog();
    const relay = createRelay({ transport, from: FROM, intervalMs: 1000, now: time.now, log });

    // 1: nothing listens on the port.
    expect(await relay.runOnce()).toEqual({ sent: 0, retried: 3, failed: 0 });
    for (const row of rows()) {
      expect(row).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null });
      expect(row.lastError).toMatch(/ECONNREFUSED/);
      expect(row.nextAttemptAt.getTime()).toBe(time.now().getTime() + 30_000);
    }
    // Not due before the backoff has passed.
    time.advance(29_000);
    expect(await relay.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });

    // 2: the server is up but answers 451.
    const smtp = await sink({ port, mode: "tempfail" });
    time.advance(1_000);
    expect(await relay.runOnce()).toEqual({ sent: 0, retried: 3, failed: 0 });
    expect(smtp.refused).toHaveLength(3);
    for (const row of rows()) {
      expect(row).toMatchObject({ status: "pending", attempts: 2 });
      expect(row.lastError).toMatch(/451/);
      expect(row.nextAttemptAt.getTime()).toBe(time.now().getTime() + 60_000);
    }

    // 3: accepted.
    smtp.setMode("accept");
    time.advance(60_000);
    expect(await relay.runOnce()).toEqual({ sent: 3, retried: 0, failed: 0 });
    // Nothing left to do: a further pass sends nothing again.
    time.advance(3_600_000);
    expect(await relay.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });

    const stored = rows();
    for (const row of stored) {
      expect(row).toMatchObject({ status: "sent", attempts: 3, transport: "smtp", lockedUntil: null });
      expect(row.subject).toBe("Your Launchroom sign-in link");
      expect(row.sentAt).toBeInstanceOf(Date);
      expect(row.lastError).toMatch(/451/);
    }
    expect(smtp.messages).toHaveLength(3);
    expect(smtp.messages.map((m) => m.messageId).sort()).toEqual(stored.map((r) => r.messageId).sort());
    for (const row of stored) {
      const [message] = smtp.messages.filter((m) => m.messageId === row.messageId);
      expect(message.to).toEqual([row.toEmail]);
      expect(message.subject).toBe(row.subject);
    }
    // Each link reached its own recipient, in the HTML and the text part.
    for (const [i, t] of tokens.entries()) {
      const message = await smtp.waitFor((m) => m.to.includes(`user${i}@example.com`), 1000);
      expect(message.html).toContain(t);
      expect(message.text).toContain(t);
    }
    // Links and tokens stay out of errors and logs.
    const errorsAndLogs = JSON.stringify(stored.map((r) => r.lastError)) + logText();
    for (const t of tokens) expect(errorsAndLogs).not.toContain(t);
    expect(errorsAndLogs).not.toContain("http://");
  });

  it("fails a message on 550 and does not retry it", async () => {
    const smtp = await sink({ mode: "reject" });
    const { id } = db().transaction((tx) => enqueueEmail(tx, magicLink("nobody@example.com")));
    const time = clock();
    const relay = createRelay({
      transport: createMailTransport(smtp.url),
      from: FROM,
      intervalMs: 1000,
      now: time.now,
      log: captureLog().log,
    });

    expect(await relay.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const [row] = rows();
    expect(row).toMatchObject({ id, status: "failed", attempts: 1, lockedUntil: null, sentAt: null });
    expect(row.lastError).toMatch(/550/);

    time.advance(24 * 3_600_000);
    expect(await relay.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.refused).toHaveLength(1);
    expect(smtp.messages).toHaveLength(0);
    expect(rows()[0].status).toBe("failed");
  });

  it("backs off 30 s doubling up to 1 h and gives up after 15 attempts, without leaking the SMTP password", async () => {
    const port = await reservePort();
    const transport = createMailTransport(`smtp://mailer:hunter2-pw@127.0.0.1:${port}?tls=off`);
    db().transaction((tx) => enqueueEmail(tx, magicLink("retry@example.com")));
    const time = clock();
    const { log, text: logText } = captureLog();
    const relay = createRelay({ transport, from: FROM, intervalMs: 1000, now: time.now, log });

    const delays: number[] = [];
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await relay.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
      const [row] = rows();
      expect(row.attempts).toBe(attempt);
      delays.push((row.nextAttemptAt.getTime() - time.now().getTime()) / 1000);
      time.set(row.nextAttemptAt);
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600, 3600, 3600, 3600]);

    expect(await relay.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const [row] = rows();
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    expect(row.lastError! + logText()).not.toMatch(/hunter2|mailer:/);
  });

  it("masks URLs in errors and fails rows that cannot be rendered without retrying them", async () => {
    const secret = token();
    const url = `http://localhost:3000/auth/link?token=${secret}`;
    const { id } = db().transaction((tx) => enqueueEmail(tx, magicLink("mask@example.com", url)));
    // A transport whose error text quotes both the server URL with its password and the message's link.
    const leaky = {
      sendMail: async () => {
        throw Object.assign(
          new Error(`cannot deliver via smtp://mailer:hunter2-pw@mx.example.com:587 (${url})`),
          {
            code: "ECONNECTION",
          },
        );
      },
    } as unknown as Parameters<typeof createRelay>[0]["transport"];
    const { log, text: logText } = captureLog();
    const relay = createRelay({ transport: leaky, from: FROM, intervalMs: 1000, log });
    expect(await relay.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const row = rows().find((r) => r.id === id)!;
    expect(row.lastError).toContain("ECONNECTION");
    expect(row.lastError).toContain("[url]");
    expect(row.lastError! + logText()).not.toMatch(new RegExp(`hunter2|${secret}`));

    // A row whose template no longer exists fails at once instead of being retried for hours.
    db()
      .update(outbox)
      .set({ template: "retired_template", nextAttemptAt: new Date(0) })
      .run();
    expect(await relay.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(rows()[0]).toMatchObject({ status: "failed" });
    expect(rows()[0].lastError).toMatch(/render: Unknown email template/);
  });

  it("two relays passing at the same time deliver each message once", async () => {
    const smtp = await sink();
    const ids = db().transaction((tx) =>
      Array.from({ length: 6 }, (_, i) => enqueueEmail(tx, magicLink(`pair${i}@example.com`)).id),
    );
    const time = clock();
    const make = () =>
      createRelay({
        transport: createMailTransport(smtp.url),
        from: FROM,
        intervalMs: 1000,
        now: time.now,
        log: captureLog().log,
      });
    const [a, b] = await Promise.all([make().runOnce(), make().runOnce()]);

    // Both relays did work, so they really competed for the same rows.
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    expect(a.sent + b.sent).toBe(6);
    expect(smtp.messages).toHaveLength(6);
    const received = smtp.messages.map((m) => m.messageId);
    expect(new Set(received).size).toBe(6);
    expect(received.sort()).toEqual(ids.map((id) => `<${id}@localhost>`).sort());
    for (const row of rows()) expect(row).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("start() relays on an unref'd timer and stop() waits for the pass in flight", async () => {
    const smtp = await sink();
    const setIntervalSpy = vi.spyOn(globalThis, "setInterval");
    const relay = createRelay({
      transport: createMailTransport(smtp.url),
      from: FROM,
      intervalMs: 50,
      log: captureLog().log,
    });
    try {
      relay.start();
      const timer = setIntervalSpy.mock.results[0]?.value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);

      const { id } = db().transaction((tx) => enqueueEmail(tx, magicLink("timer@example.com")));
      await smtp.waitFor((m) => m.messageId === `<${id}@localhost>`, 5000);
      await relay.stop();
      await vi.waitFor(() => expect(rows()[0].status).toBe("sent"));

      // stop() returns only once a pass already underway has finished writing its outcome.
      const second = db().transaction((tx) => enqueueEmail(tx, magicLink("inflight@example.com")));
      const pass = relay.runOnce();
      await relay.stop();
      expect(rows().find((r) => r.id === second.id)?.status).toBe("sent");
      expect(await pass).toEqual({ sent: 1, retried: 0, failed: 0 });

      // No timer left: a new message stays pending.
      db().transaction((tx) => enqueueEmail(tx, magicLink("after-stop@example.com")));
      await new Promise((r) => setTimeout(r, 200));
      expect(rows().filter((r) => r.status === "pending")).toHaveLength(1);
    } finally {
      setIntervalSpy.mockRestore();
      await relay.stop();
    }
  });
});

describe("local mailbox (no SMTP configured)", () => {
  it("marks messages sent with transport local and lets admins read them rendered", async () => {
    const url = `http://localhost:3000/invite?token=${token()}`;
    const { id } = db().transaction((tx) =>
      enqueueEmail(tx, {
        to: "guest@example.com",
        locale: "ja",
        template: "invitation",
        props: invitationProps(url),
      }),
    );
    db().transaction((tx) => enqueueEmail(tx, magicLink("other@example.com")));
    const relay = createRelay({ transport: null, from: FROM, intervalMs: 1000, log: captureLog().log });

    expect(await relay.runOnce()).toEqual({ sent: 2, retried: 0, failed: 0 });
    const row = rows().find((r) => r.id === id)!;
    expect(row).toMatchObject({ status: "sent", transport: "local", attempts: 1, lockedUntil: null });
    expect(row.subject).toBe("佐藤 花子さんから「Rollout 2025」への招待が届いています");

    const message = await readOutboxMessage(id);
    expect(message).not.toBeNull();
    expect(message!.renderError).toBeNull();
    expect(message!.rendered!.subject).toBe(row.subject);
    expect(message!.rendered!.html).toContain(`href="${url}"`);
    expect(message!.rendered!.text).toContain(url);
    expect(message).not.toHaveProperty("sealedProps");
    expect(await readOutboxMessage("missing")).toBeNull();

    const list = listOutbox({ limit: 1, offset: 0, status: "sent" });
    expect(list.total).toBe(2);
    expect(list.rows).toHaveLength(1);
    expect(list.rows[0]).not.toHaveProperty("sealedProps");
    expect(listOutbox({ limit: 10, offset: 0, status: "pending" })).toEqual({ rows: [], total: 0 });
  });
});

describe("data at rest", () => {
  it("never writes the link or its token to the SQLite files in clear", async () => {
    const secret = token();
    const url = `http://localhost:3000/auth/link?token=${secret}`;
    const marker = `marker-${token()}@example.com`;
    db().transaction((tx) => enqueueEmail(tx, magicLink(marker, url)));
    db().transaction((tx) =>
      enqueueEmail(tx, {
        to: "x@example.com",
        locale: "en",
        template: "invitation",
        props: invitationProps(url),
      }),
    );
    await createRelay({ transport: null, from: FROM, intervalMs: 1000, log: captureLog().log }).runOnce();
    expect((await readOutboxMessage(rows()[0].id))!.rendered!.text).toContain(secret);

    const files = [path(), `${path()}-wal`].filter(existsSync);
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    // The search works on these bytes: the recipient, stored in clear, is found.
    expect(bytes.includes(marker)).toBe(true);
    expect(bytes.includes(secret)).toBe(false);
    expect(bytes.includes("/auth/link")).toBe(false);
  });
});

describe("rendering per locale", () => {
  it("renders the invitation in Japanese and in English, subject included", async () => {
    const url = "http://localhost:3000/invite?token=abc123";
    const props = { ...invitationProps(url), inviterName: "Hanako Sato" };
    const ja = await renderEmail("invitation", "ja", props);
    const en = await renderEmail("invitation", "en", props);

    expect(ja.subject).toBe("Hanako Satoさんから「Rollout 2025」への招待が届いています");
    expect(ja.html).toContain('lang="ja"');
    expect(ja.html).toContain("あなたを招待しました");
    expect(ja.html).toContain("お客様側管理者");
    // 09:00 UTC is 18:00 in Tokyo.
    expect(ja.text).toContain("2025年4月8日(火) 18:00 JST");
    expect(ja.text).toContain("一度だけ");
    expect(ja.text).toContain("確認画面");
    expect(ja.html).not.toContain("has invited you");

    expect(en.subject).toBe("Hanako Sato invited you to “Rollout 2025”");
    expect(JAPANESE.test(en.subject)).toBe(false);
    expect(JAPANESE.test(en.html)).toBe(false);
    expect(en.html).toContain('lang="en"');
    expect(en.html).toContain("Customer admin");
    expect(en.text).toContain("April 8, 2025 at 09:00 UTC");
    expect(en.text).toContain("can be used only once");
    expect(en.text).toContain("confirmation page");

    for (const r of [ja, en]) {
      expect(r.html).toContain(`href="${url}"`);
      // The raw URL as text, besides the button.
      expect(r.text.split(url).length - 1).toBeGreaterThanOrEqual(2);
    }
  });

  it("renders the sign-in link with the expiry in minutes in both languages", async () => {
    const props = {
      name: "山田 太郎",
      url: "http://localhost:3000/auth/link?token=abc",
      expiresInMinutes: 15,
    };
    const ja = await renderEmail("magic_link", "ja", props);
    const en = await renderEmail("magic_link", "en", { ...props, name: "Taro", expiresInMinutes: 1 });
    expect(ja.subject).toBe("Launchroom へのログインリンク");
    expect(ja.text).toContain("山田 太郎 様");
    expect(ja.text).toContain("有効期限は 15 分");
    expect(en.subject).toBe("Your Launchroom sign-in link");
    expect(en.text).toContain("expires in 1 minute and");
    expect(JAPANESE.test(en.html)).toBe(false);
  });
});
