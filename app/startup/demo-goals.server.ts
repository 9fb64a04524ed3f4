/**
 * The demo's success plans: the standard templates gave each room its suggested goals; here they get
 * owners and check-ins through the domain, as a CSM would record them. サンプル商事 has one goal on
 * track and one at risk (a third without check-ins yet); Acme keeps one goal, on its way.
 */
import { eq } from "drizzle-orm";
import type { Tx } from "#db/client.server";
import { stakeholders } from "#db/schema";
import type { SessionUser } from "~/access/users";
import { addCheckin, listGoals, removeGoal, updateGoal } from "~/domain/goals/goals.server";
import { addDays, todayIn } from "~/domain/plan/dates";
import { getRoomAccess } from "~/domain/rooms/access.server";

type Plan = { csm: SessionUser; roomId: string };

/** [days after kickoff, value, comment] */
type Series = [number, number, string | null][];

const SERIES: Record<"ja" | "en", (Series | null)[]> = {
  ja: [
    [
      [7, 12, "管理部門から利用開始"],
      [14, 28, null],
      [21, 41, "営業部にも展開"],
    ],
    [
      [10, 8, null],
      [20, 15, "旧システムのデータ形式の確認に時間がかかっています"],
    ],
    null,
  ],
  en: [
    [
      [14, 22, "Analysts onboarded"],
      [30, 47, null],
    ],
  ],
};

export function seedDemoGoals(tx: Tx, plans: Plan[]) {
  for (const plan of plans) {
    const access = getRoomAccess(plan.csm, plan.roomId);
    if (!access) continue;
    const ctx = { ...access, user: plan.csm };
    const kickoff = ctx.room.kickoffDate;
    if (!kickoff) continue;
    const lang = ctx.account.timeZone === "Asia/Tokyo" ? "ja" : "en";
    const today = todayIn(ctx.account.timeZone);
    const people = tx.select().from(stakeholders).where(eq(stakeholders.roomId, ctx.room.id)).all();
    const owner = people.find((p) => p.side === "customer" && p.teamRole !== "sponsor") ?? people[0];
    const { goals } = listGoals(ctx);
    goals.forEach((goal, index) => {
      const series = SERIES[lang][index];
      if (series === undefined) {
        removeGoal(ctx, goal.id, goal.version);
        return;
      }
      if (owner) {
        updateGoal(ctx, goal.id, {
          statement: goal.statement,
          kpi: goal.kpi,
          unit: goal.unit,
          baseline: goal.baseline,
          target: goal.target,
          dueDate: goal.dueDate,
          ownerId: owner.id,
          milestoneIds: [],
          version: goal.version,
        });
      }
      for (const [day, value, comment] of series ?? []) {
        const date = addDays(kickoff, day);
        addCheckin(ctx, {
          goalId: goal.id,
          value,
          date: date > today ? today : date,
          comment: comment ?? undefined,
        });
      }
    });
  }
}
