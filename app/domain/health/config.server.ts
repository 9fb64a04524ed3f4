import { desc } from "drizzle-orm";
import { getDb, type DbOrTx, writeTransaction } from "#db/client.server";
import { healthConfigs } from "#db/schema";
import { recordEvent } from "~/domain/events/events.server";
import { DEFAULT_HEALTH_CONFIG, HEALTH_MODEL_VERSION, PRESENCE_ANCHORS_V2, type HealthConfig } from "./model";
import { HealthConfigSchema } from "./schemas";

/**
 * Upgrades stored settings written for an older model to the one in force, keeping every other edit of the
 * admin. Model versions are data: the stored row is left as it was (and says which model it was written
 * for); the upgrade runs on every read, and the next save stores the upgraded form.
 * 1 → 2: customer presence's raw value changed from "days since the last activity" to "distinct active
 * days in 14", so its anchors (not its weight) are replaced by version 2's; the silence cap's lift rule
 * gets its defaults (2 distinct days of the last 7).
 */
export function upgradeStoredConfig(stored: Record<string, unknown>): Record<string, unknown> {
  let config = structuredClone(stored);
  let model = typeof config.model === "number" ? config.model : 1;
  if (model < 2) {
    const measures = (config.measures ?? {}) as Record<string, { weight?: unknown; anchors?: unknown }>;
    const presence = measures.customerPresence ?? {};
    config = {
      ...config,
      measures: {
        ...measures,
        customerPresence: {
          weight: presence.weight ?? DEFAULT_HEALTH_CONFIG.measures.customerPresence.weight,
          anchors: PRESENCE_ANCHORS_V2.map((a) => [...a]),
        },
      },
      caps: {
        ...((config.caps ?? {}) as Record<string, unknown>),
        customerSilentLiftDays: DEFAULT_HEALTH_CONFIG.caps.customerSilentLiftDays,
        customerSilentLiftWindowDays: DEFAULT_HEALTH_CONFIG.caps.customerSilentLiftWindowDays,
      },
    };
    model = 2;
  }
  return { ...config, model: Math.max(model, HEALTH_MODEL_VERSION) };
}

let cached: { version: number; config: HealthConfig } | undefined;

/** The model in force: the newest saved version, or the defaults (version 1) before any change. */
export function getHealthConfig(db: DbOrTx = getDb()): HealthConfig {
  const row = db
    .select({ version: healthConfigs.version })
    .from(healthConfigs)
    .orderBy(desc(healthConfigs.version))
    .limit(1)
    .get();
  if (!row) return DEFAULT_HEALTH_CONFIG;
  if (cached?.version === row.version) return cached.config;
  const stored = db.select().from(healthConfigs).orderBy(desc(healthConfigs.version)).limit(1).get()!;
  const config = { ...HealthConfigSchema.parse(upgradeStoredConfig(stored.config)), version: stored.version };
  cached = { version: stored.version, config };
  return config;
}

/** Stores a validated configuration as the next version; snapshots from now on carry that version. */
export function saveHealthConfig(
  actorId: string,
  input: Omit<HealthConfig, "version" | "model"> & { model?: number },
): HealthConfig {
  const db = getDb();
  return writeTransaction(db, (tx) => {
    const version = getHealthConfig(tx).version + 1;
    const config: HealthConfig = {
      ...HealthConfigSchema.parse({ ...input, model: HEALTH_MODEL_VERSION }),
      version,
    };
    tx.insert(healthConfigs).values({ version, config, createdById: actorId }).run();
    recordEvent(tx, { actorId, type: "health.model_changed", data: { version } });
    return config;
  });
}
