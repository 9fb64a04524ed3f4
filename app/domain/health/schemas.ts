import { z } from "zod";
import { HEALTH_MODEL_VERSION, MEASURE_KEYS, type HealthConfig } from "./model";

const finite = z.number().finite();
const days = z.number().int().min(0).max(365);

/** Anchors as [raw, score] pairs: raw strictly increasing, scores within 0–100. */
const AnchorsSchema = z
  .array(z.tuple([finite, finite.min(0).max(100)]))
  .min(2)
  .refine((anchors) => anchors.every((a, i) => i === 0 || a[0] > anchors[i - 1][0]), {
    message: "health.settings.errors.anchorsOrder",
  });

const MeasureSchema = z.object({ weight: finite.positive().max(100), anchors: AnchorsSchema });

/** What an admin may store; `version` is assigned on save. Messages are i18n keys. */
export const HealthConfigSchema = z
  .object({
    // The admin's form edits settings of the model in force; stored versions are upgraded on read.
    model: z.number().int().min(1).default(HEALTH_MODEL_VERSION),
    measures: z.object(
      Object.fromEntries(MEASURE_KEYS.map((k) => [k, MeasureSchema])) as Record<
        (typeof MEASURE_KEYS)[number],
        typeof MeasureSchema
      >,
    ),
    bands: z.object({
      green: finite.min(1).max(100),
      yellow: finite.min(0).max(99),
      hysteresis: finite.min(0).max(20),
      minDataShare: finite.min(0).max(1),
    }),
    caps: z.object({
      milestoneOverdueDays: days,
      milestoneOverdueCap: finite.min(0).max(100),
      milestoneSevereOverdueDays: days,
      milestoneSevereOverdueCap: finite.min(0).max(100),
      customerSilentDays: days,
      customerSilentCap: finite.min(0).max(100),
      customerSilentLiftDays: z.number().int().min(1).max(31).default(2),
      customerSilentLiftWindowDays: z.number().int().min(1).max(31).default(7),
      redPulseCap: finite.min(0).max(100),
    }),
    trendPoints: finite.positive().max(100),
    pulseMaxAgeDays: days,
    alerts: z.object({
      milestoneLate: z.object({ warningDays: days, criticalDays: days }),
      firstValueLate: z.object({ warningDays: days, criticalDays: days }),
      customerInactive: z.object({ warningDays: days, criticalDays: days }),
      customerTasksOverdue: z.object({
        warningCount: z.number().int().min(1).max(1000),
        warningDays: days,
        criticalCount: z.number().int().min(1).max(1000),
        criticalDays: days,
      }),
      scoreDrop: z.object({ warningPoints: finite.positive().max(100) }),
      redStreak: z.object({ criticalDays: days }),
      negativeSentiment: z.object({ ratingAtMost: z.number().int().min(1).max(5) }),
      pulseStale: z.object({ warningDays: days }),
      sponsorInactive: z.object({ warningDays: days, criticalDays: days }),
      trainingOverdue: z.object({ warningDays: days, criticalDays: days }),
      // Versions saved before the rule existed have no setting: they get the default.
      goalAtRisk: z.object({ dueWithinDays: days }).default({ dueWithinDays: 14 }),
      // Likewise for versions saved before customer sign-off existed.
      signOffWaiting: z
        .object({ warningDays: days, criticalDays: days })
        .default({ warningDays: 5, criticalDays: 14 }),
      renotifyDays: z.number().int().min(1).max(90),
    }),
  })
  .refine((c) => c.bands.yellow < c.bands.green, {
    message: "health.settings.errors.bandsOrder",
    path: ["bands", "yellow"],
  })
  .refine((c) => c.caps.customerSilentLiftDays <= c.caps.customerSilentLiftWindowDays, {
    message: "health.settings.errors.liftOrder",
    path: ["caps", "customerSilentLiftDays"],
  })
  .refine((c) => c.caps.milestoneOverdueDays < c.caps.milestoneSevereOverdueDays, {
    message: "health.settings.errors.capsOrder",
    path: ["caps", "milestoneSevereOverdueDays"],
  })
  .refine(
    (c) =>
      (
        [
          "milestoneLate",
          "firstValueLate",
          "customerInactive",
          "sponsorInactive",
          "trainingOverdue",
          "signOffWaiting",
        ] as const
      ).every((k) => c.alerts[k].warningDays <= c.alerts[k].criticalDays) &&
      c.alerts.customerTasksOverdue.warningCount <= c.alerts.customerTasksOverdue.criticalCount,
    { message: "health.settings.errors.alertsOrder", path: ["alerts"] },
  ) satisfies z.ZodType<Omit<HealthConfig, "version">>;
