import type { RoleRaci, TemplateDefinition } from "./definition";
import { STANDARD_WELCOME_EN, STANDARD_WELCOME_JA } from "./standard-welcome";

// The two demo templates: the standard onboarding steps experienced CS teams follow, in time order,
// as offsets in calendar days from the kickoff.

const STANDARD_JA: TemplateDefinition = {
  name: "標準オンボーディング（90日）",
  description: "キックオフからファーストバリュー、振り返りまでの標準的な導入プラン。",
  locale: "ja",
  welcomeNote: { ja: STANDARD_WELCOME_JA, en: STANDARD_WELCOME_EN },
  phases: [
    {
      title: "キックオフと計画",
      tasks: [
        {
          key: "handoff",
          title: "営業からの引き継ぎ内容を確認",
          side: "vendor",
          defaultRole: "csm",
          start: -5,
          due: -1,
          visibility: "internal",
        },
        {
          key: "kickoff",
          title: "キックオフミーティング",
          description: "双方の役割、導入目的、KPI、スケジュールを確認します。",
          side: "joint",
          defaultRole: "csm",
          start: 0,
          due: 0,
          dependsOn: ["handoff"],
        },
        {
          key: "goals",
          title: "ゴールとKPIの合意",
          side: "customer",
          defaultRole: "sponsor",
          start: 1,
          due: 7,
          dependsOn: ["kickoff"],
        },
        {
          key: "planning",
          title: "計画ミーティング（活用イメージのすり合わせ）",
          side: "joint",
          defaultRole: "project_lead",
          start: 3,
          due: 10,
          dependsOn: ["kickoff"],
        },
      ],
    },
    {
      title: "環境準備",
      tasks: [
        {
          key: "accounts",
          title: "ユーザーアカウントと権限の設定",
          side: "customer",
          defaultRole: "it_admin",
          start: 7,
          due: 14,
          dependsOn: ["kickoff"],
        },
        {
          key: "sso",
          title: "SSO設定",
          side: "joint",
          defaultRole: "it_admin",
          start: 10,
          due: 21,
          dependsOn: ["accounts"],
        },
        {
          key: "import",
          title: "既存データの移行",
          side: "customer",
          defaultRole: "project_lead",
          start: 14,
          due: 35,
          dependsOn: ["accounts"],
        },
        {
          key: "integration",
          title: "既存システムとの連携設定",
          side: "joint",
          defaultRole: "it_admin",
          start: 21,
          due: 45,
          dependsOn: ["sso"],
        },
      ],
    },
    {
      title: "トレーニングと本番稼働",
      tasks: [
        {
          key: "train-admins",
          title: "管理者トレーニング",
          side: "vendor",
          defaultRole: "csm",
          start: 28,
          due: 35,
          dependsOn: ["accounts"],
        },
        {
          key: "train-users",
          title: "利用者向けトレーニング（社内トレーナー育成）",
          side: "joint",
          defaultRole: "project_lead",
          start: 35,
          due: 49,
          dependsOn: ["train-admins"],
        },
        {
          key: "golive",
          title: "本番稼働",
          side: "joint",
          defaultRole: "project_lead",
          start: 50,
          due: 56,
          dependsOn: ["import", "integration", "train-users"],
        },
        {
          key: "progress",
          title: "定例進捗ミーティング（隔週）",
          side: "joint",
          defaultRole: "csm",
          start: 14,
          due: 84,
        },
      ],
    },
    {
      title: "ファーストバリューと振り返り",
      tasks: [
        {
          key: "first-value",
          title: "ファーストバリューの確認（最初の成果の測定）",
          side: "joint",
          defaultRole: "sponsor",
          start: 56,
          due: 70,
          dependsOn: ["golive"],
        },
        {
          key: "review",
          title: "オンボーディング振り返り",
          description: "目標達成の見通し、ギャップ、不足した資料やトレーニングを確認します。",
          side: "vendor",
          defaultRole: "csm",
          start: 80,
          due: 90,
          visibility: "internal",
          dependsOn: ["first-value"],
        },
      ],
    },
  ],
  milestones: [
    { title: "キックオフ完了", offset: 0, tasks: ["kickoff"], autoComplete: true },
    { title: "環境準備完了", offset: 45, tasks: ["accounts", "sso", "import", "integration"] },
    { title: "本番稼働", offset: 56, tasks: ["golive"] },
    { title: "ファーストバリュー達成", offset: 70, tasks: ["first-value"], firstValue: true },
  ],
  // The success plan every room starts from; the CSM agrees the figures with the customer at kickoff.
  goals: [
    {
      statement: "現場のメンバーが毎週ログインして使っている状態にする",
      kpi: "週間アクティブユーザー率",
      unit: "%",
      baseline: 0,
      target: 80,
      due: 60,
    },
    {
      statement: "既存データの移行を完了する",
      kpi: "移行済みデータの割合",
      unit: "%",
      baseline: 0,
      target: 100,
      due: 45,
    },
    {
      statement: "問い合わせ1件あたりの対応時間を短縮する",
      kpi: "平均対応時間",
      unit: "分",
      baseline: 30,
      target: 20,
      due: 90,
    },
  ],
  firstGoalMarksFirstValue: true,
};

const STANDARD_EN: TemplateDefinition = {
  name: "Standard onboarding (90 days)",
  description: "The standard plan from kickoff to first value and the onboarding review.",
  locale: "en",
  welcomeNote: { ja: STANDARD_WELCOME_JA, en: STANDARD_WELCOME_EN },
  phases: [
    {
      title: "Kickoff and planning",
      tasks: [
        {
          key: "handoff",
          title: "Review the sales handoff",
          side: "vendor",
          defaultRole: "csm",
          start: -5,
          due: -1,
          visibility: "internal",
        },
        {
          key: "kickoff",
          title: "Kickoff meeting",
          description: "Introductions and roles, why you bought, the KPIs, the schedule.",
          side: "joint",
          defaultRole: "csm",
          start: 0,
          due: 0,
          dependsOn: ["handoff"],
        },
        {
          key: "goals",
          title: "Agree goals and KPIs",
          side: "customer",
          defaultRole: "sponsor",
          start: 1,
          due: 7,
          dependsOn: ["kickoff"],
        },
        {
          key: "planning",
          title: "Planning meeting: how you will use the product",
          side: "joint",
          defaultRole: "project_lead",
          start: 3,
          due: 10,
          dependsOn: ["kickoff"],
        },
      ],
    },
    {
      title: "Setup",
      tasks: [
        {
          key: "accounts",
          title: "Set up user accounts and permissions",
          side: "customer",
          defaultRole: "it_admin",
          start: 7,
          due: 14,
          dependsOn: ["kickoff"],
        },
        {
          key: "sso",
          title: "Configure SSO",
          side: "joint",
          defaultRole: "it_admin",
          start: 10,
          due: 21,
          dependsOn: ["accounts"],
        },
        {
          key: "import",
          title: "Import existing data",
          side: "customer",
          defaultRole: "project_lead",
          start: 14,
          due: 35,
          dependsOn: ["accounts"],
        },
        {
          key: "integration",
          title: "Integrate with your other tools",
          side: "joint",
          defaultRole: "it_admin",
          start: 21,
          due: 45,
          dependsOn: ["sso"],
        },
      ],
    },
    {
      title: "Training and go-live",
      tasks: [
        {
          key: "train-admins",
          title: "Admin training",
          side: "vendor",
          defaultRole: "csm",
          start: 28,
          due: 35,
          dependsOn: ["accounts"],
        },
        {
          key: "train-users",
          title: "End-user training (train the trainers)",
          side: "joint",
          defaultRole: "project_lead",
          start: 35,
          due: 49,
          dependsOn: ["train-admins"],
        },
        {
          key: "golive",
          title: "Go live",
          side: "joint",
          defaultRole: "project_lead",
          start: 50,
          due: 56,
          dependsOn: ["import", "integration", "train-users"],
        },
        {
          key: "progress",
          title: "Progress meetings (every two weeks)",
          side: "joint",
          defaultRole: "csm",
          start: 14,
          due: 84,
        },
      ],
    },
    {
      title: "First value and review",
      tasks: [
        {
          key: "first-value",
          title: "First-value checkpoint: measure the first result",
          side: "joint",
          defaultRole: "sponsor",
          start: 56,
          due: 70,
          dependsOn: ["golive"],
        },
        {
          key: "review",
          title: "Post-onboarding review",
          description:
            "Was the customer set up to reach their goals? Where did gaps appear? What was missing?",
          side: "vendor",
          defaultRole: "csm",
          start: 80,
          due: 90,
          visibility: "internal",
          dependsOn: ["first-value"],
        },
      ],
    },
  ],
  milestones: [
    { title: "Kickoff done", offset: 0, tasks: ["kickoff"], autoComplete: true },
    { title: "Setup complete", offset: 45, tasks: ["accounts", "sso", "import", "integration"] },
    { title: "Live", offset: 56, tasks: ["golive"] },
    { title: "First value reached", offset: 70, tasks: ["first-value"], firstValue: true },
  ],
  goals: [
    {
      statement: "The team uses the product every week",
      kpi: "Weekly active users",
      unit: "%",
      baseline: 0,
      target: 80,
      due: 60,
    },
    {
      statement: "All existing data is migrated",
      kpi: "Share of records migrated",
      unit: "%",
      baseline: 0,
      target: 100,
      due: 45,
    },
    {
      statement: "Requests are handled faster",
      kpi: "Average handling time",
      unit: "min",
      baseline: 30,
      target: 20,
      due: 90,
    },
  ],
  firstGoalMarksFirstValue: true,
};

/*
 * The default RACI by team role, the same in both languages: the customer's sponsor is accountable for
 * phases and milestones, the project lead and the CSM do the work, the end users' lead is consulted and
 * executives are kept informed. Deliverables: customer ones are done by the project lead, vendor ones are
 * the CSM's (accountable) with the implementation consultant doing them.
 */
const PHASE_RACI: RoleRaci = {
  sponsor: "A",
  project_lead: "R",
  csm: "R",
  it_admin: "C",
  end_user_lead: "C",
  executive: "I",
};
const MILESTONE_RACI: RoleRaci = {
  sponsor: "A",
  project_lead: "R",
  csm: "R",
  it_admin: "C",
  end_user_lead: "C",
  executive: "I",
  account_executive: "I",
};
const DELIVERABLES: Record<string, RoleRaci> = {
  goals: { sponsor: "A", project_lead: "R", csm: "C", end_user_lead: "C", executive: "I" },
  integration: { sponsor: "A", it_admin: "R", csm: "R", implementation_consultant: "R", project_lead: "C" },
  "train-admins": {
    csm: "A",
    implementation_consultant: "R",
    it_admin: "C",
    project_lead: "C",
    end_user_lead: "I",
  },
  "first-value": { sponsor: "A", project_lead: "R", csm: "R", end_user_lead: "C", executive: "I" },
};

function withRaci(def: TemplateDefinition): TemplateDefinition {
  return {
    ...def,
    phases: def.phases.map((phase) => ({
      ...phase,
      raci: PHASE_RACI,
      tasks: phase.tasks.map((task) =>
        DELIVERABLES[task.key] ? { ...task, deliverable: true, raci: DELIVERABLES[task.key] } : task,
      ),
    })),
    milestones: def.milestones.map((m) => ({ ...m, raci: MILESTONE_RACI })),
  };
}

export const STANDARD_TEMPLATE_JA = withRaci(STANDARD_JA);
export const STANDARD_TEMPLATE_EN = withRaci(STANDARD_EN);
