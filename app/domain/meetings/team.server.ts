import { asc, eq } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { stakeholders } from "#db/schema";

/** The room's team (both sides), for choosing attendees and action item owners. */
export function listTeamForMeetings(roomId: string) {
  return getDb()
    .select({
      id: stakeholders.id,
      name: stakeholders.name,
      side: stakeholders.side,
      title: stakeholders.title,
    })
    .from(stakeholders)
    .where(eq(stakeholders.roomId, roomId))
    .orderBy(asc(stakeholders.side), asc(stakeholders.name))
    .all();
}
