/**
 * `npm run admin -- <command>`: administration from the command line, against DATABASE_PATH (created and
 * migrated if new), with the server's environment (APP_URL for the link, APP_SECRET in production).
 *
 *   create --email you@example.com [--name "…"] [--locale ja|en]
 *       creates an admin (no password) and prints a one-time sign-in link valid 24 hours
 *   link --email you@example.com
 *       prints a fresh one-time link for an existing admin (lost access, expired link)
 *
 * Exit codes: 0 done, 1 refused (email taken, no such admin, configuration), 2 wrong usage.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDatabase } from "#db/client.server";
import { LOCALES } from "~/vocabulary";
import { adminSignInLink, createAdmin, type AdminCommandResult } from "~/startup/admin.server";
import { fields } from "~/utils/forms";
import { loadEnvOrExit } from "~/utils/env.server";

const USAGE = `usage:
  npm run admin -- create --email you@example.com [--name "Your Name"] [--locale ja|en]
  npm run admin -- link --email you@example.com
`;

function fail(message: string, code: 1 | 2): never {
  process.stderr.write(`${message}\n`);
  closeDatabase();
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    options: { email: { type: "string" }, name: { type: "string" }, locale: { type: "string" } },
    allowPositionals: true,
  });
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
}
const { positionals, values } = parsed;
const command = positionals[0];
if (positionals.length !== 1 || (command !== "create" && command !== "link")) fail(USAGE, 2);
if (command === "link" && (values.name !== undefined || values.locale !== undefined))
  fail(`--name and --locale only go with create.\n${USAGE}`, 2);

// The same rules as the staff form in the app.
const email = fields.email().safeParse(values.email ?? "");
if (!email.success) fail(`--email: give a valid email address, e.g. --email you@example.com\n${USAGE}`, 2);
const name = fields.requiredText(100).safeParse(values.name ?? email.data.split("@")[0]);
if (!name.success) fail(`--name: at most 100 characters\n${USAGE}`, 2);
const locale = z.enum(LOCALES).optional().safeParse(values.locale);
if (!locale.success) fail(`--locale: ${LOCALES.join(" or ")}\n${USAGE}`, 2);

const config = loadEnvOrExit();

const result: AdminCommandResult =
  command === "create"
    ? createAdmin({ email: email.data, name: name.data, locale: locale.data ?? null })
    : adminSignInLink(email.data);

if (!result.ok) {
  const again = `npm run admin -- link --email ${email.data}`;
  fail(
    {
      exists: `A user with ${email.data} already exists; nothing was created. For an admin's sign-in link: ${again}`,
      unknown: `No user has the email ${email.data}. Create an admin with: npm run admin -- create --email ${email.data}`,
      not_admin: `${email.data} is not an admin. Staff and customers ask for a sign-in link on the sign-in page.`,
      inactive: `${email.data} is deactivated; another admin can reactivate them under Staff users.`,
    }[result.problem],
    1,
  );
}

if (!process.env.APP_URL?.trim())
  process.stderr.write(`APP_URL is not set: the link below points to ${config.APP_URL}.\n`);
process.stdout.write(
  [
    command === "create" ? `Created admin ${email.data} (${name.data}).` : `Sign-in link for ${email.data}.`,
    `Open this one-time link within 24 hours (until ${result.expiresAt.toISOString()}) and confirm to sign in:`,
    "",
    `  ${result.url}`,
    "",
    `It works once. For a new one: npm run admin -- link --email ${email.data}`,
    "",
  ].join("\n"),
);
closeDatabase();
