import { eq } from "drizzle-orm";
import { getDb, writeTransaction } from "#db/client.server";
import { accounts } from "#db/schema";
import type { StaffUser } from "~/access/users";
import { recordEvent } from "~/domain/events/events.server";
import { storeImageUpload } from "~/domain/files/files.server";
import { notFound } from "~/utils/errors";

/** Where an account's logo is shown from: the uploaded file first, then a logo URL given at creation. */
export function accountLogoUrl(account: {
  logoFileId: string | null;
  logoUrl: string | null;
}): string | null {
  return account.logoFileId ? `/files/${account.logoFileId}` : account.logoUrl;
}

/** The account as its logo page shows it, or 404. */
export function getAccountLogo(accountId: string) {
  const row = getDb()
    .select({
      id: accounts.id,
      name: accounts.name,
      logoFileId: accounts.logoFileId,
      logoUrl: accounts.logoUrl,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .get();
  if (!row) throw notFound();
  return { id: row.id, name: row.name, logoUrl: accountLogoUrl(row), uploaded: !!row.logoFileId };
}

function setLogo(staff: StaffUser, accountId: string, logoFileId: string | null) {
  writeTransaction(getDb(), (tx) => {
    const found = tx.update(accounts).set({ logoFileId }).where(eq(accounts.id, accountId)).run();
    if (found.changes === 0) throw notFound();
    recordEvent(tx, {
      actorId: staff.id,
      accountId,
      type: "account.logo_changed",
      subjectType: "account",
      subjectId: accountId,
      data: { removed: logoFileId === null },
    });
  });
}

export async function uploadAccountLogo(
  staff: StaffUser,
  accountId: string,
  upload: { bytes: Uint8Array; name: string },
): Promise<void> {
  getAccountLogo(accountId);
  const file = await storeImageUpload({
    bytes: upload.bytes,
    originalName: upload.name,
    purpose: "account-logo",
    actorId: staff.id,
  });
  setLogo(staff, accountId, file.id);
}

/** Removes the uploaded logo and the logo URL, so the initials show. */
export function removeAccountLogo(staff: StaffUser, accountId: string): void {
  writeTransaction(getDb(), (tx) => {
    tx.update(accounts).set({ logoUrl: null }).where(eq(accounts.id, accountId)).run();
    setLogo(staff, accountId, null);
  });
}
