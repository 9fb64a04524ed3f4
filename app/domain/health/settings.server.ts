/**
 * The admin's health model settings: the configuration flattened to dotted paths
 * ("measures.taskPunctuality.weight", "alerts.milestoneLate.warningDays") for the settings form, whose
 * route parses it back (anchors are written as "raw:score" pairs, "0:100, 20:70"). A preview scores
 * every live room with the candidate before saving.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { accounts, roomHealth, rooms } from "#db/schema";
import { LIVE_ROOM_STATUSES } from "~/vocabulary";
import { getHealthConfig, saveHealthConfig } from "./config.server";
import { gatherHealthInputs } from "./inputs.server";
import { BANDS, type Band, type HealthConfig } from "./model";
import { computeHealth } from "./score";

export type ConfigInput = Omit<HealthConfig, "version" | "model"> & { model?: number };

/** Every editable number of the model as [path, value]; anchors as their text form. */
export function configFields(config: HealthConfig): [string, string][] {
  const out: [string, string][] = [];
  const walk = (value: unknown, path: string) => {
    if (path.endsWith(".anchors")) {
      out.push([path, formatAnchors(value as [number, number][])]);
    } else if (typeof value === "number") {
      out.push([path, String(value)]);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  const { version: _version, model: _model, ...rest } = config;
  walk(rest, "");
  return out;
}

export function formatAnchors(anchors: [number, number][]): string {
  return anchors.map(([raw, score]) => `${raw}:${score}`).join(", ");
}

export type PreviewResult = {
  rooms: number;
  changed: number;
  /** Band now → band with the candidate, counted. */
  moves: { from: Band; to: Band; count: number }[];
  byBand: Record<Band, { now: number; next: number }>;
};

/** How many live rooms would change band with the candidate (both computed as of now; nothing stored). */
export function previewConfig(candidate: ConfigInput, now = new Date()): PreviewResult {
  const db = getDb();
  const live = db
    .select({ id: rooms.id, timeZone: accounts.timeZone, createdAt: sql<number>`${rooms.createdAt}` })
    .from(rooms)
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .where(inArray(rooms.status, [...LIVE_ROOM_STATUSES]))
    .all();
  // Both sides computed now from the same facts, so only the configuration differs.
  const inForce = getHealthConfig();
  const config: HealthConfig = { ...candidate, model: inForce.model, version: inForce.version + 1 };
  const byBand = Object.fromEntries(BANDS.map((b) => [b, { now: 0, next: 0 }])) as PreviewResult["byBand"];
  const moves = new Map<string, number>();
  let changed = 0;
  for (const room of live) {
    const inputs = gatherHealthInputs(room, now);
    const from = computeHealth(inputs, inForce).band;
    const to = computeHealth(inputs, config).band;
    byBand[from].now += 1;
    byBand[to].next += 1;
    if (from !== to) {
      changed += 1;
      moves.set(`${from}>${to}`, (moves.get(`${from}>${to}`) ?? 0) + 1);
    }
  }
  return {
    rooms: live.length,
    changed,
    moves: [...moves].map(([key, count]) => {
      const [from, to] = key.split(">") as [Band, Band];
      return { from, to, count };
    }),
    byBand,
  };
}

/** Saves the candidate as the next model version and asks the job to recompute every room soon. */
export function applyConfig(actorId: string, candidate: ConfigInput, now = new Date()): HealthConfig {
  const saved = saveHealthConfig(actorId, candidate);
  getDb().update(roomHealth).set({ dirtySince: now }).run();
  return saved;
}
