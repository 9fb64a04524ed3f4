/**
 * Demo meetings: in the Japanese demo room a held kickoff with notes, decisions and action items (one made a
 * task), and an upcoming 定例 that carries the open item over; one meeting in Acme's room. Through the
 * domain commands, as a CSM would.
 */
import { eq } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { stakeholders } from "#db/schema";
import type { SessionUser } from "~/access/users";
import {
  addActionItem,
  addDecision,
  makeTaskFromActionItem,
  saveNotes,
  scheduleMeeting,
  setActionItemDone,
} from "~/domain/meetings/meetings.server";
import { builtInAgenda } from "~/domain/meetings/agendas";
import { addDays, todayIn } from "~/domain/plan/dates";
import type { RichTextDoc } from "~/domain/richtext/richtext";
import { getRoomAccess } from "~/domain/rooms/access.server";

const para = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

export function seedDemoMeetings(plans: { csm: SessionUser; roomId: string }[]): void {
  const [sample, acme] = plans;
  if (sample) seedSampleRoom(sample);
  if (acme) seedAcmeRoom(acme);
}

function ctxOf(plan: { csm: SessionUser; roomId: string }) {
  return { ...getRoomAccess(plan.csm, plan.roomId)!, user: plan.csm };
}

function team(roomId: string) {
  return getDb().select().from(stakeholders).where(eq(stakeholders.roomId, roomId)).all();
}

function seedSampleRoom(plan: { csm: SessionUser; roomId: string }) {
  const ctx = ctxOf(plan);
  const today = todayIn(ctx.account.timeZone);
  const people = team(plan.roomId);
  const customer = people.find((p) => p.side === "customer");
  const vendor = people.find((p) => p.side === "vendor");
  const kickoff = scheduleMeeting(ctx, {
    type: "kickoff",
    date: addDays(today, -14),
    time: "10:00",
    durationMinutes: 60,
    videoUrl: "https://meet.example.com/sample-kickoff",
    attendeeIds: people.map((p) => p.id),
  });
  // The notes follow the agenda: each heading gets what was said.
  const agenda = builtInAgenda("kickoff", "ja");
  const said = [
    "双方の担当者と役割を確認しました。",
    "営業部門の案件管理を一元化するため、Standard プランをご購入いただきました。",
    "KPI: 3 か月後に週次アクティブ率 70%、案件登録の入力時間を半減。",
    "管理者トレーニング → パイロット部門 → 全社展開の 3 段階で進めます。",
    "9 月末の全社展開を目標とします。",
    "SSO の設定手順について追加資料をお送りします。",
  ];
  let i = 0;
  const shared = {
    type: "doc",
    content: (agenda.content ?? []).map((node) => (node.type === "paragraph" ? para(said[i++] ?? "") : node)),
  } as RichTextDoc;
  const internal = {
    type: "doc",
    content: [para("先方の情報システム部門は SSO に慎重。早めにセキュリティ資料を渡すこと。")],
  } as RichTextDoc;
  saveNotes(ctx, kickoff, { shared, internal, notesVersion: 1 });
  addDecision(ctx, kickoff, "パイロット部門は営業第一部とする");
  addDecision(ctx, kickoff, "定例会は隔週木曜 10:00 に実施する");
  const ssoItem = addActionItem(ctx, kickoff, {
    text: "SSO 設定用のメタデータを共有する",
    ownerId: customer?.id,
    dueDate: addDays(today, 7),
  });
  makeTaskFromActionItem(ctx, ssoItem);
  addActionItem(ctx, kickoff, {
    text: "パイロット部門の利用者リストを提出する",
    ownerId: customer?.id,
    dueDate: addDays(today, 3),
  });
  const done = addActionItem(ctx, kickoff, {
    text: "管理者トレーニングの日程を調整する",
    ownerId: vendor?.id,
  });
  setActionItemDone(ctx, done, true);
  scheduleMeeting(ctx, {
    type: "regular",
    date: addDays(today, 3),
    time: "10:00",
    durationMinutes: 30,
    videoUrl: "https://meet.example.com/sample-regular",
    attendeeIds: people.map((p) => p.id),
  });
}

function seedAcmeRoom(plan: { csm: SessionUser; roomId: string }) {
  const ctx = ctxOf(plan);
  const today = todayIn(ctx.account.timeZone);
  scheduleMeeting(ctx, {
    type: "planning",
    date: addDays(today, 6),
    time: "09:00",
    durationMinutes: 45,
    location: "Acme HQ, room 4B",
    attendeeIds: team(plan.roomId).map((p) => p.id),
  });
}
