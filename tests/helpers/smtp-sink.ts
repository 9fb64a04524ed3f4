import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer, type SMTPServerError } from "smtp-server";

/**
 * What the sink answers at the end of DATA:
 * - "accept": 250, the message is parsed and kept in `messages`;
 * - "tempfail": 451 (transient, the client should retry);
 * - "reject": 550 (permanent).
 */
export type SmtpSinkMode = "accept" | "tempfail" | "reject";

export interface ReceivedEmail {
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** The To: header as text. */
  toHeader: string;
  subject: string;
  html: string;
  text: string;
  /** Message-ID header, angle brackets included. */
  messageId: string;
  headers: Map<string, unknown>;
  /** Attached files as parsed: content type (with its parameters), file name and content. */
  attachments: { filename: string; contentType: string; contentTypeHeader: string; content: Buffer }[];
  receivedAt: Date;
}

export interface RefusedEmail {
  responseCode: 451 | 550;
  to: string[];
  messageId: string;
}

export interface SmtpSink {
  host: string;
  port: number;
  /** For createMailTransport / SMTP_URL: plain SMTP, no TLS attempted. */
  url: string;
  /** Accepted messages, oldest first. */
  messages: ReceivedEmail[];
  /** Messages answered with 451 or 550. */
  refused: RefusedEmail[];
  readonly mode: SmtpSinkMode;
  setMode(mode: SmtpSinkMode): void;
  /** Resolves with the first accepted message (already received or arriving later) matching predicate. */
  waitFor(predicate: (message: ReceivedEmail) => boolean, timeoutMs?: number): Promise<ReceivedEmail>;
  /** Forgets received and refused messages. */
  clear(): void;
  close(): Promise<void>;
}

const REPLIES = {
  tempfail: { responseCode: 451, message: "Requested action aborted: try again later" },
  reject: { responseCode: 550, message: "Requested action not taken: mailbox unavailable" },
} as const;

/**
 * A real SMTP server on 127.0.0.1 for tests: no TLS, any (or no) credentials accepted, behaviour
 * switchable while it runs. Port 0 picks a free port.
 */
export async function startSmtpSink(opts: { port?: number; mode?: SmtpSinkMode } = {}): Promise<SmtpSink> {
  const host = "127.0.0.1";
  let mode: SmtpSinkMode = opts.mode ?? "accept";
  const messages: ReceivedEmail[] = [];
  const refused: RefusedEmail[] = [];
  const waiters = new Set<{
    predicate: (m: ReceivedEmail) => boolean;
    resolve: (m: ReceivedEmail) => void;
  }>();

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    disableReverseLookup: true,
    logger: false,
    // Tests close the sink between cases; do not wait 30 s for idle clients.
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? "anonymous" });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = session.envelope.rcptTo.map((a) => a.address);
          const messageId = parsed.messageId ?? "";
          // Read at the end of DATA, so a mode switched mid-transfer applies to this message.
          const current = mode;
          if (current !== "accept") {
            const reply = REPLIES[current];
            refused.push({ responseCode: reply.responseCode, to, messageId });
            const error: SMTPServerError = new Error(reply.message);
            error.responseCode = reply.responseCode;
            callback(error);
            return;
          }
          const mailFrom = session.envelope.mailFrom;
          const message: ReceivedEmail = {
            from: mailFrom ? mailFrom.address : "",
            to,
            toHeader: addressText(parsed.to),
            subject: parsed.subject ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            text: parsed.text ?? "",
            messageId,
            headers: parsed.headers as Map<string, unknown>,
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename ?? "",
              contentType: a.contentType,
              contentTypeHeader: headerText(a.headers.get("content-type")),
              content: a.content,
            })),
            receivedAt: new Date(),
          };
          messages.push(message);
          callback();
          for (const waiter of waiters) {
            if (waiter.predicate(message)) {
              waiters.delete(waiter);
              waiter.resolve(message);
            }
          }
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", onError);
      const address = server.server.address();
      if (address && typeof address === "object") resolve(address.port);
      else reject(new Error("smtp sink: no port"));
    });
  });
  // A client dropping its connection must not crash the test process.
  server.on("error", () => {});

  return {
    host,
    port,
    url: `smtp://${host}:${port}?tls=off`,
    messages,
    refused,
    get mode() {
      return mode;
    },
    setMode(next) {
      mode = next;
    },
    waitFor(predicate, timeoutMs = 5_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<ReceivedEmail>((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (m: ReceivedEmail) => {
            clearTimeout(timeout);
            resolve(m);
          },
        };
        const timeout = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(`smtp sink: no matching message within ${timeoutMs} ms (${messages.length} received)`),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    clear() {
      messages.length = 0;
      refused.length = 0;
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return "";
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(", ");
}

/** A parsed header (mailparser gives structured ones as { value, params }) back as one line of text. */
function headerText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "value" in value) {
    const { value: main, params } = value as { value: string; params?: Record<string, string> };
    return [main, ...Object.entries(params ?? {}).map(([k, v]) => `${k}=${v}`)].join("; ");
  }
  return "";
}
