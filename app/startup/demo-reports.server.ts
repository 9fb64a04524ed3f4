import { guessLocale } from "~/domain/notifications/locale";
import { saveReportIntro, saveReportSchedule, sendReportNow } from "~/domain/reports/reports.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import type { users } from "#db/schema";

const INTROS = {
  ja: {
    sent: "キックオフにご参加いただき、ありがとうございました。今週の進捗をお送りします。",
    next: "いつもお世話になっております。今週の進捗をお送りします。\nご不明な点があれば、お気軽にお声がけください。",
  },
  en: {
    sent: "Thank you for joining the kickoff. Here is this week's progress.",
    next: "Here is this week's progress.\nAny questions, just reply to this email.",
  },
} as const;

/**
 * The demo's weekly report, per room: one report already sent (so its printable page is there to open)
 * and a report every Monday at 09:00 in the account's zone, with an intro ready for the next one, in the
 * account's language.
 */
export function seedDemoReports(plan: { roomId: string; csm: typeof users.$inferSelect }): void {
  const access = getRoomAccess(plan.csm, plan.roomId);
  if (!access) return;
  const intro = INTROS[guessLocale(access.account.timeZone)];
  sendReportNow(plan.csm.id, access.room, access.account, intro.sent);
  saveReportSchedule(plan.roomId, { enabled: true, weekday: 1, timeOfDay: "09:00" });
  saveReportIntro(plan.roomId, intro.next);
}
