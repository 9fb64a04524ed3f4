import { desc } from "drizzle-orm";
import { getDb, type DbOrTx, writeTransaction } from "#db/client.server";
import { healthConfigs } from "#db/schema";
import { recordEvent } from "~/domain/events/events.server";
import { DEFAULT_HEALTH_CONFIG, type HealthConfig } from "./model";
import { HealthConfigSchema } from "./schemas";

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
  const config = { ...HealthConfigSchema.parse(stored.config), version: stored.version };
  cached = { version: stored.version, config };
  return config;
}

/** Stores a validated configuration as the next version; snapshots from now on carry that version. */
export function saveHealthConfig(actorId: string, input: Omit<HealthConfig, "version">): HealthConfig {
  const db = getDb();
  return writeTransaction(db, (tx) => {
    const version = getHealthConfig(tx).version + 1;
    const config: HealthConfig = { ...HealthConfigSchema.parse(input), version };
    tx.insert(healthConfigs).values({ version, config, createdById: actorId }).run();
    recordEvent(tx, { actorId, type: "health.model_changed", data: { version } });
    return config;
  });
}
