/**
 * Demo data of the post-onboarding review: 北斗ロジスティクス, live since the end of August, has a completed
 * review with findings (one proposal accepted into revision 2 of the standard Japanese template, one still
 * waiting for the admin) and two answers to the customer survey. Rooms already made from the template (サンプル
 * 商事) keep their plans.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "#db/client.server";
import { rooms, surveyRequests, templatePhases, templateTasks, users } from "#db/schema";
import type { StaffUser } from "~/access/users";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { acceptProposal } from "~/domain/reviews/proposals.server";
import {
  addFinding,
  completeReview,
  findReview,
  saveAnswers,
  startReview,
} from "~/domain/reviews/reviews.server";
import { generateToken, hashToken } from "~/utils/tokens.server";

const DAY = 24 * 3600 * 1000;

export function seedDemoReview(tx: Tx, templateId: string) {
  const room = tx.select().from(rooms).where(eq(rooms.title, "活用定着フェーズ")).get();
  const sato = tx.select().from(users).where(eq(users.email, "sato@launchroom.example")).get();
  const admin = tx.select().from(users).where(eq(users.email, "admin@launchroom.example")).get();
  if (!room || !sato || !admin) return;
  // 北斗 was onboarded with the standard template (revision 1), before plans were kept in the portal.
  tx.update(rooms)
    .set({ planTemplateId: templateId, planTemplateRevision: 1 })
    .where(eq(rooms.id, room.id))
    .run();
  const ctx = { ...getRoomAccess(sato, room.id)!, user: sato };
  startReview(ctx);
  saveAnswers(ctx, {
    version: 1,
    positioned: "はい。出荷データ連携の目標は本番稼働から2週間で達成できた。",
    gap: "引き継ぎ:情報セキュリティ審査が必要なことが営業から伝わっておらず、キックオフ後に3週間止まった。",
    materials: "倉庫スタッフ向けの短い動画マニュアルがなかった。",
    fit: "理想の顧客像に近い(中規模、物流、テックタッチ)。",
    surprises: "現場リーダーが自主的に社内勉強会を開いてくれた。",
    handoffMissed: "セキュリティ審査と、情報システム部の承認者。",
  });
  const tasks = tx
    .select({
      id: templateTasks.id,
      phaseId: templateTasks.phaseId,
      due: templateTasks.dueOffsetDays,
      start: templateTasks.startOffsetDays,
    })
    .from(templateTasks)
    .where(eq(templateTasks.templateId, templateId))
    .orderBy(asc(templateTasks.position))
    .all();
  const firstTask = tasks[0]!;
  const firstPhase = tx
    .select({ id: templatePhases.id })
    .from(templatePhases)
    .where(and(eq(templatePhases.templateId, templateId)))
    .orderBy(asc(templatePhases.position))
    .get()!;
  const accepted = addFinding(ctx, {
    category: "handoff",
    cost: "high",
    fixBy: "2026-12-25",
    description:
      "営業からの引き継ぎでセキュリティ審査の有無を確認していなかった。引き継ぎ確認の期限を早め、審査の有無を必ず確認する。",
    proposalKind: "change_task",
    pTaskId: firstTask.id,
    pStart: firstTask.start,
    // Two days earlier, so a security review is known before the kickoff.
    pDue: Math.max(firstTask.start, firstTask.due - 2),
  });
  addFinding(ctx, {
    category: "onboarding",
    cost: "medium",
    fixBy: "2027-01-31",
    description: "現場スタッフ向けの動画マニュアルがあれば、トレーニングの回数を減らせた。",
    proposalKind: "add_task",
    pPhaseId: firstPhase.id,
    pTitle: "現場向け動画マニュアルを共有",
    pSide: "vendor",
    pStart: 7,
    pDue: 14,
  });
  addFinding(ctx, {
    category: "customer",
    cost: "low",
    description: "情報システム部の承認者が途中で異動した。お客様側の体制変更を定例で確認する。",
  });
  acceptProposal({ ...admin, staffRole: "admin" } as StaffUser, accepted, 1);
  // Two answers of the customer's survey (links long used).
  const review = findReview(tx, room.id)!;
  const now = Date.now();
  tx.insert(surveyRequests)
    .values(
      [
        {
          email: "kimura@hokuto-logi.jp",
          satisfaction: 4,
          recommend: 9,
          comment: "立ち上がりが早く助かりました。セキュリティ審査は最初に確認してほしかったです。",
          days: 20,
        },
        {
          email: "ishii@hokuto-logi.jp",
          satisfaction: 5,
          recommend: 10,
          comment: "現場の質問への回答がとても早かったです。",
          days: 18,
        },
      ].map((a) => ({
        reviewId: review.id,
        roomId: room.id,
        email: a.email,
        locale: "ja" as const,
        tokenHash: hashToken(generateToken()),
        expiresAt: new Date(now - (a.days - 14) * DAY),
        answeredAt: new Date(now - a.days * DAY + 3600 * 1000),
        satisfaction: a.satisfaction,
        recommend: a.recommend,
        comment: a.comment,
        sentById: sato.id,
        createdAt: new Date(now - a.days * DAY),
      })),
    )
    .run();
  completeReview(ctx, findReview(tx, room.id)!.version);
}
