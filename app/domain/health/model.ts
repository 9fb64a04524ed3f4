/**
 * The health model's vocabulary: inputs (facts gathered from a room), configuration (stored as data,
 * admin-editable) and results. Pure types and defaults, shared by score.ts, alerts.ts, the server
 * modules and the UI. See ../shared/health-model.md and docs/decisions/0009-health-model.md.
 */
import {
  HEALTH_BANDS,
  PULSES,
  type HealthBand,
  type PlanSide,
  type Pulse,
  type TaskStatus,
} from "~/vocabulary";
import type { IsoDate } from "~/domain/plan/dates";

export const MEASURE_KEYS = [
  "taskPunctuality",
  "milestoneSlippage",
  "timeToFirstValue",
  "customerPresence",
  "activityTrend",
  "stakeholderCoverage",
  "trainingCompletion",
  "csmPulse",
  "milestoneSatisfaction",
] as const;
export type MeasureKey = (typeof MEASURE_KEYS)[number];

export const MEASURE_GROUPS: Record<MeasureKey, "delivery" | "engagement" | "enablement" | "sentiment"> = {
  taskPunctuality: "delivery",
  milestoneSlippage: "delivery",
  timeToFirstValue: "delivery",
  customerPresence: "engagement",
  activityTrend: "engagement",
  stakeholderCoverage: "engagement",
  trainingCompletion: "enablement",
  csmPulse: "sentiment",
  milestoneSatisfaction: "sentiment",
};

/** Bands and pulses belong to the shared vocabulary; these names are the health model's own. */
export { HEALTH_BANDS as BANDS, PULSES, type Pulse };
export type Band = HealthBand;

export const ALERT_RULES = [
  "milestoneLate",
  "firstValueLate",
  "customerInactive",
  "customerTasksOverdue",
  "scoreDrop",
  "redStreak",
  "negativeSentiment",
  "pulseStale",
  "sponsorInactive",
  "trainingOverdue",
  "planHygiene",
  "goalAtRisk",
  "signOffWaiting",
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];
export type AlertSeverity = "warning" | "critical";

/** The alert inbox's views. */
export const ALERT_FILTERS = ["open", "acknowledged", "snoozed", "resolved"] as const;
export type AlertFilter = (typeof ALERT_FILTERS)[number];

/** An override lasts 14 days unless the CSM says otherwise, and at most 30 (health-model.md). */
export const OVERRIDE_DEFAULT_DAYS = 14;
export const OVERRIDE_MAX_DAYS = 30;
export const SNOOZE_MAX_DAYS = 30;

/** [raw value, score]; raw values strictly increasing. Between anchors the score is a straight line. */
export type Anchor = [raw: number, score: number];

/**
 * The rules of the model (what each raw value means, which caps exist), as opposed to its settings. Version
 * 2 (issue 12): customer presence counts distinct active days instead of days since the last activity, and
 * the silence cap lifts only after activity on 2 distinct days of the last 7. Stored settings written for
 * an older model are upgraded on read (config.server.ts upgradeStoredConfig).
 */
export const HEALTH_MODEL_VERSION = 2;

export type HealthConfig = {
  /** Bumped on every saved change; kept in each snapshot. */
  version: number;
  /** The model (rules) version these settings are written for: HEALTH_MODEL_VERSION once upgraded. */
  model: number;
  measures: Record<MeasureKey, { weight: number; anchors: Anchor[] }>;
  bands: {
    /** score ≥ green → green; ≥ yellow → yellow; else red. */
    green: number;
    yellow: number;
    /** A band changes at once only when the score is this far past the threshold, else on the 2nd run. */
    hysteresis: number;
    /** Below this share of the total weight having data, the band is grey. */
    minDataShare: number;
  };
  caps: {
    milestoneOverdueDays: number;
    milestoneOverdueCap: number;
    milestoneSevereOverdueDays: number;
    milestoneSevereOverdueCap: number;
    customerSilentDays: number;
    customerSilentCap: number;
    /** Once set, the silence cap lifts only after activity on this many distinct days … */
    customerSilentLiftDays: number;
    /** … of the last this many days (today included). */
    customerSilentLiftWindowDays: number;
    redPulseCap: number;
  };
  /** Trend arrow: ↑ when the 7-day change ≥ this, ↓ when ≤ −this. */
  trendPoints: number;
  /** A pulse older than this is N/A (and raises pulseStale). */
  pulseMaxAgeDays: number;
  alerts: {
    milestoneLate: { warningDays: number; criticalDays: number };
    /** Warning when the forecast is later than target by > warningDays (0 = any), critical by > criticalDays. */
    firstValueLate: { warningDays: number; criticalDays: number };
    customerInactive: { warningDays: number; criticalDays: number };
    customerTasksOverdue: {
      warningCount: number;
      warningDays: number;
      criticalCount: number;
      criticalDays: number;
    };
    /** Warning on a drop of ≥ warningPoints in 7 days; critical when the band fell to red in 7 days. */
    scoreDrop: { warningPoints: number };
    redStreak: { criticalDays: number };
    negativeSentiment: { ratingAtMost: number };
    pulseStale: { warningDays: number };
    sponsorInactive: { warningDays: number; criticalDays: number };
    trainingOverdue: { warningDays: number; criticalDays: number };
    /** Warning for a goal due within dueWithinDays (not achieved) whose trajectory is at risk. */
    goalAtRisk: { dueWithinDays: number };
    /** A customer sign-off (検収) request still undecided after this many days. */
    signOffWaiting: { warningDays: number; criticalDays: number };
    /** Re-notify an open alert after this many days. */
    renotifyDays: number;
  };
};

/** Customer presence's anchors from model version 2: distinct active days in 14 → score. */
export const PRESENCE_ANCHORS_V2: Anchor[] = [
  [0, 0],
  [1, 30],
  [3, 70],
  [6, 100],
];

export const DEFAULT_HEALTH_CONFIG: HealthConfig = {
  version: 1,
  model: HEALTH_MODEL_VERSION,
  measures: {
    // raw: % of tasks due so far that are overdue
    taskPunctuality: {
      weight: 15,
      anchors: [
        [0, 100],
        [20, 70],
        [60, 40],
        [100, 0],
      ],
    },
    // raw: days late vs baseline, half worst + half average
    milestoneSlippage: {
      weight: 15,
      anchors: [
        [0, 100],
        [7, 70],
        [21, 40],
        [45, 0],
      ],
    },
    // raw: days the first-value forecast (or actual) is later than its target
    timeToFirstValue: {
      weight: 10,
      anchors: [
        [0, 100],
        [7, 70],
        [21, 40],
        [45, 0],
      ],
    },
    // raw: distinct days with customer activity in the last 14 (the other half is the active share, linear)
    customerPresence: { weight: 12, anchors: PRESENCE_ANCHORS_V2 },
    // raw: customer events last 14 d ÷ (events in the 28 d before ÷ 2)
    activityTrend: {
      weight: 10,
      anchors: [
        [0, 0],
        [0.4, 40],
        [0.7, 70],
        [1, 100],
      ],
    },
    // raw: 2 = accountable person (RACI "A" or sponsor) active in 30 d, 1 = only a responsible one (RACI
    // "R", or without a RACI a task assignee), 0 = none
    stakeholderCoverage: {
      weight: 8,
      anchors: [
        [0, 0],
        [1, 50],
        [2, 100],
      ],
    },
    // raw: % of assigned modules already due that are completed
    trainingCompletion: {
      weight: 15,
      anchors: [
        [0, 0],
        [40, 40],
        [70, 70],
        [100, 100],
      ],
    },
    // raw: 0 red, 1 yellow, 2 green
    csmPulse: {
      weight: 10,
      anchors: [
        [0, 0],
        [1, 60],
        [2, 100],
      ],
    },
    // raw: stars 1–5
    milestoneSatisfaction: {
      weight: 5,
      anchors: [
        [1, 0],
        [5, 100],
      ],
    },
  },
  bands: { green: 70, yellow: 40, hysteresis: 3, minDataShare: 0.5 },
  caps: {
    milestoneOverdueDays: 14,
    milestoneOverdueCap: 69,
    milestoneSevereOverdueDays: 30,
    milestoneSevereOverdueCap: 39,
    customerSilentDays: 21,
    customerSilentCap: 39,
    customerSilentLiftDays: 2,
    customerSilentLiftWindowDays: 7,
    redPulseCap: 69,
  },
  trendPoints: 5,
  pulseMaxAgeDays: 30,
  alerts: {
    milestoneLate: { warningDays: 3, criticalDays: 14 },
    firstValueLate: { warningDays: 0, criticalDays: 14 },
    customerInactive: { warningDays: 14, criticalDays: 21 },
    customerTasksOverdue: { warningCount: 3, warningDays: 7, criticalCount: 5, criticalDays: 21 },
    scoreDrop: { warningPoints: 15 },
    redStreak: { criticalDays: 7 },
    negativeSentiment: { ratingAtMost: 2 },
    pulseStale: { warningDays: 30 },
    sponsorInactive: { warningDays: 30, criticalDays: 45 },
    trainingOverdue: { warningDays: 7, criticalDays: 21 },
    goalAtRisk: { dueWithinDays: 14 },
    signOffWaiting: { warningDays: 5, criticalDays: 14 },
    renotifyDays: 7,
  },
};

/** Everything score.ts and alerts.ts need about one room, gathered by inputs.server.ts. */
export type HealthInputs = {
  /** Today in the account's time zone. */
  today: IsoDate;
  /** The day the room was created: "never" counts from here (a pulse nobody set yet in a new room). */
  roomStartedOn: IsoDate;
  /** Every task of the plan, shared and internal. */
  tasks: {
    id: string;
    title: string;
    side: PlanSide;
    status: TaskStatus;
    dueDate: IsoDate | null;
    assigneeId: string | null;
  }[];
  milestones: {
    id: string;
    title: string;
    targetDate: IsoDate;
    baselineDate: IsoDate;
    /** Day it was completed in the account's zone; null while open. */
    completedDate: IsoDate | null;
    isFirstValue: boolean;
    /** For the first-value milestone: latest due date of its open prerequisites (see plan/progress.ts). */
    forecastDate: IsoDate | null;
  }[];
  /** Each invited customer user (members and pending invitations): the day they were last active. */
  customerUsers: { userId: string | null; lastActiveDate: IsoDate | null }[];
  /** Last day any customer user signed in to or did something in the room. */
  lastCustomerActivityDate: IsoDate | null;
  /**
   * Distinct days on which any customer user signed in, did something or had active time (heartbeats) in
   * the room, in the last 42 days, ascending (model version 2: presence and lifting the silence cap).
   */
  customerActiveDays: IsoDate[];
  /** The first day a customer was invited to or joined the room (silence counts from it before any visit). */
  customerInvitedOn?: IsoDate | null;
  customerEvents: { last14Days: number; prior28Days: number };
  /**
   * Accountable (sponsor, or RACI "A") and responsible people; `accountableDefined` false when the room
   * names neither a sponsor nor any customer A or R.
   */
  stakeholders: {
    accountableDefined: boolean;
    accountableLastActiveDate: IsoDate | null;
    /**
     * False when no sponsor has ever signed in or acted: accountableLastActiveDate is then the day the
     * first was named (silence counts from there) and the texts say "not joined", never "last active".
     */
    accountableJoined?: boolean;
    responsibleLastActiveDate: IsoDate | null;
    /**
     * "raci" when the room's RACI names a customer A or R (then the A's and sponsors are accountable and
     * the R's responsible), else "sponsor" (sponsors, and the customer people assigned to tasks).
     */
    basis?: "raci" | "sponsor";
    /** False when the RACI is used but names no customer A and there is no sponsor. */
    accountableNamed?: boolean;
  };
  /** Customer sign-off requests still waiting (for signOffWaiting); absent in older inputs. */
  signOffsWaiting?: { milestoneId: string; title: string; requestedOn: IsoDate }[];
  /** Assigned training items already due (per person) and how many are done; null without a curriculum (N/A). */
  training: { dueAssigned: number; dueCompleted: number; oldestOverdueDueDate: IsoDate | null } | null;
  pulse: { value: Pulse; setOn: IsoDate; comment: string } | null;
  /** The success plan's goals with their check-ins (for goalAtRisk); achieved ones are marked. */
  goals: {
    id: string;
    statement: string;
    baseline: number;
    target: number;
    startDate: IsoDate;
    dueDate: IsoDate;
    achieved: boolean;
    checkins: { date: IsoDate; value: number }[];
  }[];
  latestRating: { stars: number; on: IsoDate; milestoneTitle: string } | null;
  /** What earlier computations left behind (daily snapshots and the last run). */
  history: {
    previousBand: Band | null;
    /** The band the previous computation's score alone pointed to (for the two-runs rule). */
    previousRawBand: Band | null;
    scoreSevenDaysAgo: number | null;
    bandSevenDaysAgo: Band | null;
    /** First day of the current unbroken run of red days; null when not red. */
    redSince: IsoDate | null;
    /** The previous computation had the customer-silence cap (it stays until the customer is back). */
    silentCapped?: boolean;
  };
};

export type MeasureResult = {
  key: MeasureKey;
  /** Null when the measure has no data (N/A). */
  raw: number | null;
  /** Facts behind the raw value, for the explanation, e.g. { overdue: 4, due: 11 }. */
  facts: Record<string, number | string | null>;
  score: number | null;
  weight: number;
  /** Weight rescaled over the measures that have data; 0 for N/A. Sums to 100 over measures. */
  effectiveWeight: number;
  /** effectiveWeight × score / 100. Sums to the pre-cap score. */
  contribution: number;
  /** effectiveWeight − contribution. */
  pointsLost: number;
};

export type CapKey = "milestoneOverdue" | "milestoneSevereOverdue" | "customerSilent" | "redPulse";

export type HealthResult = {
  /** The settings version (HealthConfig.version). */
  modelVersion: number;
  /** The model (rules) version it was computed with; absent in results computed before version 2 (= 1). */
  model?: number;
  /** Null when grey. */
  score: number | null;
  preCapScore: number | null;
  band: Band;
  /** The band the score alone points to, before hysteresis. */
  rawBand: Band;
  dataShare: number;
  measures: MeasureResult[];
  caps: { key: CapKey; limit: number; facts: Record<string, number | string | null> }[];
  /** The three measures losing the most points, largest first (only those losing > 0). */
  drags: MeasureKey[];
  trend: { delta: number | null; direction: "up" | "down" | "flat" | null };
};

export type AlertFinding = {
  rule: AlertRule;
  severity: AlertSeverity;
  /** Facts for the message and the link to the cause, e.g. { milestoneId, title, daysLate }. */
  facts: Record<string, number | string | null>;
};
