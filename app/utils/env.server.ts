import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { dirname, resolve } from "node:path";
import { z } from "zod";

const optionalUrl = (what: string, example: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || URL.canParse(v), `${what} must be a URL such as ${example}`);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce
    .number({ message: "PORT must be a number" })
    .int()
    .min(0, "PORT must be between 0 and 65535")
    .max(65535, "PORT must be between 0 and 65535")
    .default(3000),
  DATABASE_PATH: z.string().trim().min(1).default("data/launchroom.db"),
  APP_URL: optionalUrl("APP_URL", "https://launchroom.example.com"),
  SMTP_URL: optionalUrl("SMTP_URL", "smtp://user:pass@smtp.example.com:587").refine(
    (v) => v === undefined || /^smtps?:$/.test(new URL(v).protocol),
    "SMTP_URL must start with smtp:// or smtps://",
  ),
  MAIL_FROM: z.string().trim().default("Launchroom <no-reply@launchroom.local>"),
  APP_SECRET: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.length >= 32, "APP_SECRET must be at least 32 characters"),
  /** Demo mode (`npm start`, `server.ts --demo`): seeds an empty database and may keep a generated secret. */
  DEMO: z
    .enum(["", "0", "1", "false", "true"], { message: "DEMO must be 1 or 0" })
    .optional()
    .transform((v) => v === "1" || v === "true"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Seconds between two relay passes over the outbox. */
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).default(2000),
  /** How often the notification jobs (mention emails, reminder digests) run. */
  NOTIFY_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /** How long a person's mentions in a room wait for the burst to go quiet before one email goes out. */
  MENTION_QUIET_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(2 * 60_000),
  /** How often the health job looks for rooms to recompute (the daily pass rides on it). */
  HEALTH_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  /** Largest body of a file upload (form bodies are capped at 1 MB). */
  UPLOAD_MAX_BYTES: z.coerce
    .number({ message: "UPLOAD_MAX_BYTES must be a number of bytes" })
    .int()
    .min(1024, "UPLOAD_MAX_BYTES must be at least 1024")
    .default(5 * 1024 * 1024),
  /**
   * Largest document, video or attachment (issue 12), enforced while the file streams to disk; the edge
   * lets the file-upload routes' bodies run to this plus 1 MB for the form around the file.
   */
  FILE_MAX_BYTES: z.coerce
    .number({ message: "FILE_MAX_BYTES must be a number of bytes" })
    .int()
    .min(1024, "FILE_MAX_BYTES must be at least 1024")
    .default(50 * 1024 * 1024),
  /** express's `trust proxy`: false, true, a hop count, or addresses, CIDR ranges and loopback/linklocal/uniquelocal. */
  TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((v) => (!v || v === "false" ? false : v === "true" ? true : /^\d+$/.test(v) ? Number(v) : v))
    .refine(
      (v) => typeof v !== "string" || v.split(",").every(isProxyAddress),
      "TRUST_PROXY must be false, true, a number of proxies, or addresses such as loopback, 10.0.0.0/8",
    ),
});

export type Env = z.infer<typeof EnvSchema> & { APP_SECRET: string; APP_URL: string };

function isProxyAddress(entry: string): boolean {
  const [address = "", bits] = entry.trim().split("/");
  return (
    ["loopback", "linklocal", "uniquelocal"].includes(address) ||
    (isIP(address) > 0 && (bits === undefined || /^\d+$/.test(bits)))
  );
}

let cached: Env | undefined;

/** Thrown at start when the environment is unusable; the message says which variable and how to fix it. */
export class ConfigError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}\nSee "Configuration" in README.md.`);
  }
  const env = parsed.data;
  if (!env.APP_SECRET && env.NODE_ENV === "production" && !env.DEMO) throw new ConfigError(MISSING_SECRET);
  return {
    ...env,
    APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}`,
    APP_SECRET: env.APP_SECRET ?? localSecret(env.DATABASE_PATH),
  };
}

// A secret kept in a file beside the database would travel with every copy of the data folder.
const MISSING_SECRET = [
  "APP_SECRET is required in production: it encrypts queued email, which holds sign-in links.",
  "  Generate one with `openssl rand -base64 48`, set it in the environment of the server, `npm run jobs`",
  '  and `npm run admin`, and keep it stable. See "Production" in README.md.',
  "  (The demo, `npm start`, keeps a generated secret in .app-secret beside the database instead.)",
].join("\n");

/**
 * Without APP_SECRET outside production (the demo, development, tests), a random secret is kept next to
 * the database so no configuration is needed and sealed outbox rows stay readable across restarts.
 */
function localSecret(databasePath: string): string {
  const file = databasePath === ":memory:" ? null : resolve(dirname(databasePath), ".app-secret");
  if (!file) return randomBytes(32).toString("base64url");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** For command-line entry points: the configuration, or its message on stderr and exit code 1. */
export function loadEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
