import { saveReportIntro, saveReportSchedule } from "~/domain/reports/reports.server";

/**
 * The demo's weekly report: サンプル商事's room sends it every Monday at 09:00 Tokyo time, with an intro
 * ready for the next one. Nothing is sent while seeding: the CSM previews and sends it from the room's
 * "週次レポート" tab (or the schedule does, on Monday).
 */
export function seedDemoReports(roomId: string): void {
  saveReportSchedule(roomId, { enabled: true, weekday: 1, timeOfDay: "09:00" });
  saveReportIntro(
    roomId,
    "いつもお世話になっております。今週の進捗をお送りします。\nご不明な点があれば、お気軽にお声がけください。",
  );
}
