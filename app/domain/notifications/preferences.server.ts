import { and, eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "#db/client.server";
import { notificationPreferences } from "#db/schema";

export type NotificationPreferences = {
  milestoneEmails: boolean;
  reminderEmails: boolean;
  mentionEmails: boolean;
};

/** No row means every email is on. */
export const DEFAULT_PREFERENCES: NotificationPreferences = {
  milestoneEmails: true,
  reminderEmails: true,
  mentionEmails: true,
};

export function getPreferences(db: DbOrTx, userId: string, roomId: string): NotificationPreferences {
  const row = db
    .select()
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.roomId, roomId)))
    .get();
  return row
    ? {
        milestoneEmails: row.milestoneEmails,
        reminderEmails: row.reminderEmails,
        mentionEmails: row.mentionEmails,
      }
    : { ...DEFAULT_PREFERENCES };
}

export function getMyPreferences(userId: string, roomId: string): NotificationPreferences {
  return getPreferences(getDb(), userId, roomId);
}

/** Saves the user's choices for the room (the caller has checked access to it). */
export function savePreferences(userId: string, roomId: string, prefs: NotificationPreferences): void {
  getDb()
    .insert(notificationPreferences)
    .values({ userId, roomId, ...prefs })
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.roomId],
      set: prefs,
    })
    .run();
}
