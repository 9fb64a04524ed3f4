import { count, desc, eq, getTableColumns } from "drizzle-orm";
import { getDb, preparedSql, type DbOrTx } from "#db/client.server";
import { newId } from "#db/ids";
import { outbox } from "#db/schema/outbox";
import {
  emailTemplates,
  isEmailTemplateName,
  type EmailBrand,
  type EmailLocale,
  type EmailTemplateName,
  type EmailTemplates,
} from "#emails/registry";
import { env } from "~/utils/env.server";
import { seal, unseal } from "~/utils/seal.server";
import { renderEmail, type RenderedEmail } from "./render.server";

export type OutboxStatus = (typeof outbox.$inferSelect)["status"];

/** An outbox row as shown to admins: everything except the sealed props. */
export type OutboxListItem = Omit<typeof outbox.$inferSelect, "sealedProps">;

export interface OutboxMessage extends OutboxListItem {
  /** null when the stored props can no longer be read (e.g. APP_SECRET changed); see renderError. */
  rendered: RenderedEmail | null;
  renderError: string | null;
}

const { sealedProps: _sealedProps, ...listColumns } = getTableColumns(outbox);

// Raw statement: alert passes queue thousands of emails in one go.
const ENQUEUE_SQL = {
  insert: `INSERT INTO outbox (id, message_id, to_email, locale, template, sealed_props, status, attempts,
             next_attempt_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
};

/**
 * Writes the email as a pending outbox row on the caller's handle, so it commits or rolls back with the
 * change that caused it. Synchronous on purpose: better-sqlite3 transactions cannot span an await.
 * Props are validated here (a bad call fails the caller's transaction) and stored sealed, because they
 * hold single-use links.
 */
export function enqueueEmail<T extends EmailTemplateName>(
  tx: DbOrTx,
  msg: { to: string; locale: EmailLocale; template: T; props: EmailTemplates[T] },
): { id: string } {
  const to = msg.to.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(to)) throw new Error("enqueueEmail: recipient is not an email address");
  const props = emailTemplates[msg.template].schema.parse(msg.props);
  const id = newId();
  const now = Date.now();
  // Fixed at enqueue so every retry carries the same Message-ID and receivers can spot duplicates.
  const messageId = `<${id}@${messageIdDomain()}>`;
  preparedSql("outbox", ENQUEUE_SQL, tx).insert.run(
    id,
    messageId,
    to,
    msg.locale,
    msg.template,
    seal(props),
    now,
    now,
  );
  return { id };
}

function messageIdDomain(): string {
  // URL.hostname keeps the brackets of an IPv6 literal, which are not allowed in a Message-ID.
  return new URL(env().APP_URL).hostname.replace(/^\[|\]$/g, "") || "localhost";
}

export function listOutbox(opts: { limit: number; offset: number; status?: OutboxStatus }): {
  rows: OutboxListItem[];
  total: number;
} {
  const db = getDb();
  const where = opts.status ? eq(outbox.status, opts.status) : undefined;
  const rows = db
    .select(listColumns)
    .from(outbox)
    .where(where)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(opts.limit)
    .offset(opts.offset)
    .all();
  const total = db.select({ n: count() }).from(outbox).where(where).get()?.n ?? 0;
  return { rows, total };
}

/** The row with its email rendered again from the sealed props, for the admin outbox page. */
export async function readOutboxMessage(id: string, brand?: EmailBrand): Promise<OutboxMessage | null> {
  const row = getDb().select().from(outbox).where(eq(outbox.id, id)).get();
  if (!row) return null;
  const { sealedProps: _sealed, ...item } = row;
  try {
    return { ...item, rendered: await renderStoredEmail(row, brand), renderError: null };
  } catch (error) {
    return { ...item, rendered: null, renderError: error instanceof Error ? error.message : String(error) };
  }
}

/** Renders an outbox row; throws when the template is unknown or the props cannot be unsealed. */
export async function renderStoredEmail(
  row: {
    template: string;
    locale: EmailLocale;
    sealedProps: string;
  },
  brand?: EmailBrand,
): Promise<RenderedEmail> {
  if (!isEmailTemplateName(row.template)) throw new Error(`Unknown email template "${row.template}"`);
  const template = row.template;
  const props = emailTemplates[template].schema.parse(unseal(row.sealedProps));
  return renderEmail(template, row.locale, props, brand);
}
