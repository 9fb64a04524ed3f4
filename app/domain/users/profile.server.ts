import { eq } from "drizzle-orm";
import { getDb, writeTransaction } from "#db/client.server";
import { users } from "#db/schema";
import type { SessionUser } from "~/access/users";
import { recordEvent } from "~/domain/events/events.server";
import { storeImageUpload } from "~/domain/files/files.server";
import type { Locale } from "~/vocabulary";

export type ProfileInput = {
  name: string;
  jobTitle: string | null;
  phone: string | null;
  /** https only (checked by the form's schema). */
  bookingUrl: string | null;
  locale: Locale;
};

/** The profile as its owner edits it, with the photo's address. */
export function getProfile(userId: string) {
  const row = getDb()
    .select({
      name: users.name,
      email: users.email,
      kind: users.kind,
      jobTitle: users.jobTitle,
      phone: users.phone,
      bookingUrl: users.bookingUrl,
      avatarFileId: users.avatarFileId,
      locale: users.locale,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!row) return null;
  const { avatarFileId, ...rest } = row;
  return { ...rest, photoUrl: avatarFileId ? `/files/${avatarFileId}` : null };
}

function setUser(user: SessionUser, values: Partial<typeof users.$inferInsert>, what: string): void {
  writeTransaction(getDb(), (tx) => {
    tx.update(users).set(values).where(eq(users.id, user.id)).run();
    recordEvent(tx, {
      actorId: user.id,
      type: "user.profile_updated",
      subjectType: "user",
      subjectId: user.id,
      data: { what },
    });
  });
}

/** Name, job title, phone, booking link and language of the signed-in user (nobody edits another's here). */
export function updateProfile(user: SessionUser, input: ProfileInput): void {
  setUser(user, input, "details");
}

export async function uploadAvatar(user: SessionUser, upload: { bytes: Uint8Array; name: string }) {
  const file = await storeImageUpload({
    bytes: upload.bytes,
    originalName: upload.name,
    purpose: "avatar",
    actorId: user.id,
  });
  setUser(user, { avatarFileId: file.id }, "photo");
}

export function removeAvatar(user: SessionUser): void {
  setUser(user, { avatarFileId: null }, "photoRemoved");
}
