/**
 * "C are asked for comments when a task is moved to review": one email per consulted person with an
 * address, queued on the caller's transaction (so it exists exactly when the status change does), each in
 * their language. Customers are only asked about shared tasks; the person who moved the task is not.
 */
import { eq } from "drizzle-orm";
import type { Tx } from "#db/client.server";
import { users } from "#db/schema";
import type { SessionUser } from "~/access/users";
import { recordEvent } from "~/domain/events/events.server";
import { guessLocale, roomUrl } from "~/domain/notifications/locale";
import type { Account, Room } from "~/domain/rooms/access.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { env } from "~/utils/env.server";
import type { Visibility } from "~/vocabulary";
import { raciHolders } from "./lookup.server";

export function requestConsultation(
  tx: Tx,
  input: {
    actor: Pick<SessionUser, "id" | "name">;
    room: Pick<Room, "id" | "title">;
    account: Pick<Account, "id" | "timeZone">;
    task: { id: string; title: string; visibility: Visibility };
  },
): string[] {
  const { actor, room, account, task } = input;
  const fallback = guessLocale(account.timeZone);
  const seen = new Set<string>();
  const queued: string[] = [];
  const url = roomUrl(env().APP_URL, room.id, `tasks/${task.id}`);
  for (const person of raciHolders(tx, { type: "task", id: task.id }, "C")) {
    const user = person.userId
      ? tx.select().from(users).where(eq(users.id, person.userId)).get()
      : person.email
        ? tx.select().from(users).where(eq(users.email, person.email.trim().toLowerCase())).get()
        : undefined;
    if (user && !user.active) continue;
    if (user?.id === actor.id) continue;
    const customer = user ? user.kind === "customer" : person.side === "customer";
    if (customer && task.visibility !== "shared") continue;
    const email = (user?.email ?? person.email)?.trim();
    if (!email || seen.has(email.toLowerCase())) continue;
    seen.add(email.toLowerCase());
    enqueueEmail(tx, {
      to: email,
      locale: user?.locale ?? fallback,
      template: "raci_consult",
      props: {
        recipientName: user?.name ?? person.name,
        actorName: actor.name,
        roomTitle: room.title,
        taskTitle: task.title,
        url,
      },
    });
    queued.push(email.toLowerCase());
  }
  if (queued.length)
    recordEvent(tx, {
      actorId: actor.id,
      type: "task.consult_requested",
      accountId: account.id,
      roomId: room.id,
      subjectType: "task",
      subjectId: task.id,
      data: { title: task.title, count: queued.length, visibility: task.visibility },
    });
  return queued;
}
