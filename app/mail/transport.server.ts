import nodemailer, { type Transporter } from "nodemailer";

export type MailTransport = Transporter;

/**
 * The SMTP transporter for SMTP_URL, or null when no SMTP server is configured: the relay then renders
 * each message and marks it sent with transport "local", and admins read it on the outbox page.
 *
 * URL forms:
 * - `smtps://user:pass@host:465` — TLS from the first byte (default port 465).
 * - `smtp://user:pass@host:587` — plain connection upgraded with STARTTLS when the server offers it
 *   (default port 587).
 * - `smtp://127.0.0.1:2525?tls=off` — never attempt TLS (`secure: false, ignoreTLS: true`), for a local
 *   test sink or dev relay that has no certificate. Only honoured when the URL asks for it, so a real
 *   server is never talked to in clear text by accident.
 *
 * Error messages here never include the URL: it carries the SMTP password.
 */
export function createMailTransport(smtpUrl: string | undefined): MailTransport | null {
  if (!smtpUrl?.trim()) return null;
  let url: URL;
  try {
    url = new URL(smtpUrl.trim());
  } catch {
    throw new Error("SMTP_URL is not a valid URL");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
    throw new Error("SMTP_URL must start with smtp:// or smtps://");
  }
  const implicitTls = url.protocol === "smtps:";
  for (const key of url.searchParams.keys()) {
    if (key !== "tls")
      throw new Error(`SMTP_URL: unsupported query parameter "${key}" (only tls=off is known)`);
  }
  const tlsParam = url.searchParams.get("tls");
  if (tlsParam !== null && tlsParam !== "off") {
    throw new Error(`SMTP_URL: unsupported tls=${tlsParam} (only tls=off is known)`);
  }
  const tlsOff = tlsParam === "off";
  if (tlsOff && implicitTls) throw new Error("SMTP_URL: tls=off contradicts smtps://");

  const auth = url.username
    ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
    : undefined;

  return nodemailer.createTransport({
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : implicitTls ? 465 : 587,
    secure: implicitTls,
    ignoreTLS: tlsOff,
    auth,
    // Well below the relay's 60 s lease, so a stuck server cannot outlive the claim on a row.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // Messages are built from our own rendered HTML; nothing in them may make nodemailer read files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });
}
