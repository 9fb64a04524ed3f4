import { saveReportIntro, saveReportSchedule, sendReportNow } from "~/domain/reports/reports.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import type { users } from "#db/schema";

/**
 * The demo's weekly report: サンプル商事's room has one report already sent (so its printable page is there
 * to open) and sends it every Monday at 09:00 Tokyo time, with an intro ready for the next one.
 */
export function seedDemoReports(plan: { roomId: string; csm: typeof users.$inferSelect }): void {
  const access = getRoomAccess(plan.csm, plan.roomId);
  if (!access) return;
  sendReportNow(
    plan.csm.id,
    access.room,
    access.account,
    "キックオフにご参加いただき、ありがとうございました。今週の進捗をお送りします。",
  );
  saveReportSchedule(plan.roomId, { enabled: true, weekday: 1, timeOfDay: "09:00" });
  saveReportIntro(
    plan.roomId,
    "いつもお世話になっております。今週の進捗をお送りします。\nご不明な点があれば、お気軽にお声がけください。",
  );
}
