/**
 * Certificates of completion (issue 12): a person who completed every module a learning path put in the
 * room's curriculum for them may print a certificate for that path. The completion date is the day (in the
 * account's time zone) of their last module completion. A customer sees only their own; vendor staff of
 * the room any room customer's; anything not (yet) earned is not found.
 */
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type DbOrTx } from "#db/client.server";
import { learningPaths, trainingProgress, users } from "#db/schema";
import { can } from "~/access/capabilities";
import { guessLocale } from "~/domain/notifications/locale";
import { todayIn, type IsoDate } from "~/domain/plan/dates";
import { getBrand } from "~/domain/workspace/brand.server";
import { DomainError } from "~/utils/errors";
import type { Locale } from "~/vocabulary";
import { assigneesOf, listItems, roomCustomers, type TrainingContext } from "./curriculum.server";

export type EarnedPath = { pathId: string; title: string; completedOn: IsoDate; modules: number };

/** The paths each of `userIds` completed in the room: every item of the path assigned to them is done. */
export function earnedPaths(
  db: DbOrTx,
  ctx: Pick<TrainingContext, "room" | "account">,
  userIds: string[],
): Map<string, EarnedPath[]> {
  const out = new Map<string, EarnedPath[]>(userIds.map((id) => [id, []]));
  const items = listItems(db, ctx.room.id).filter((r) => r.item.pathId);
  if (items.length === 0 || userIds.length === 0) return out;
  const customers = roomCustomers(db, ctx.room.id);
  const progress = db
    .select()
    .from(trainingProgress)
    .where(
      and(
        inArray(
          trainingProgress.itemId,
          items.map((r) => r.item.id),
        ),
        inArray(trainingProgress.userId, userIds),
      ),
    )
    .all();
  const pathIds = [...new Set(items.map((r) => r.item.pathId!))];
  const titles = new Map(
    db
      .select({ id: learningPaths.id, title: learningPaths.title })
      .from(learningPaths)
      .where(inArray(learningPaths.id, pathIds))
      .all()
      .map((p) => [p.id, p.title]),
  );
  for (const userId of userIds) {
    for (const pathId of pathIds) {
      const mine = items.filter(
        (r) => r.item.pathId === pathId && assigneesOf(r.item, customers).includes(userId),
      );
      if (mine.length === 0) continue;
      const done = mine.map((r) =>
        progress.find((p) => p.itemId === r.item.id && p.userId === userId && p.status === "completed"),
      );
      if (done.some((p) => !p?.completedAt)) continue;
      const last = new Date(Math.max(...done.map((p) => p!.completedAt!.getTime())));
      out.get(userId)!.push({
        pathId,
        title: titles.get(pathId) ?? "",
        completedOn: todayIn(ctx.account.timeZone, last),
        modules: mine.length,
      });
    }
  }
  return out;
}

/** The certificate of `userId` for `pathId` in the room, as the reader may see it; 404 when not earned. */
export function getCertificate(ctx: TrainingContext, pathId: string, userId: string) {
  const db = getDb();
  const staffView = can(ctx.role, "room.viewInternal");
  if (!staffView && userId !== ctx.user.id) throw new DomainError(404, "trainingMore.certificate.notFound");
  const person = db.select().from(users).where(eq(users.id, userId)).get();
  if (!person || !roomCustomers(db, ctx.room.id).some((c) => c.userId === userId))
    throw new DomainError(404, "trainingMore.certificate.notFound");
  const earned = earnedPaths(db, ctx, [userId])
    .get(userId)!
    .find((p) => p.pathId === pathId);
  if (!earned) throw new DomainError(404, "trainingMore.certificate.notFound");
  const locale: Locale = person.locale ?? guessLocale(ctx.account.timeZone);
  return {
    personName: person.name,
    pathTitle: earned.title,
    modules: earned.modules,
    completedOn: earned.completedOn,
    roomTitle: ctx.room.title,
    accountName: ctx.account.name,
    companyName: getBrand().companyName,
    locale,
  };
}

/** Every certificate earned in the room, by person (the progress page's list for staff). */
export function roomCertificates(ctx: TrainingContext) {
  const db = getDb();
  const customers = roomCustomers(db, ctx.room.id);
  const earned = earnedPaths(
    db,
    ctx,
    customers.map((c) => c.userId),
  );
  return customers.flatMap((c) =>
    (earned.get(c.userId) ?? []).map((p) => ({ userId: c.userId, name: c.name, ...p })),
  );
}
