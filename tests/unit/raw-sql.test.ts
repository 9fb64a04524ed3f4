import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase } from "#db/client.server";
import { rawSql } from "#db/raw-sql";
import { events, roomHealth } from "#db/schema";
import { HEALTH_INPUTS_SQL } from "~/domain/health/inputs.server";
import { RECOMPUTE_SQL } from "~/domain/health/recompute.server";

/** Statement text with its layout (newlines, indentation) folded to single spaces. */
const flat = (text: string) => text.replace(/\s+/g, " ").trim();

it("names tables and columns in raw SQL as the client does (snake_case keys, explicit names kept)", () => {
  expect(rawSql`SELECT ${events.actorId}, ${roomHealth.dirtySince} FROM ${events}`).toBe(
    "SELECT actor_id, dirty_since FROM events",
  );
});

describe("the health statements, written through the schema", () => {
  it("spell the same SQL as the hand-written text they replaced (plus aliases for the keys the code reads)", () => {
    expect(flat(RECOMPUTE_SQL.room)).toBe(
      "SELECT r.id AS id, r.title AS title, r.status AS status, r.kickoff_date AS kickoffDate," +
        " r.created_at AS createdAt, a.id AS accountId, a.name AS accountName, a.time_zone AS timeZone," +
        " a.csm_id AS csmId FROM rooms r JOIN accounts a ON a.id = r.account_id WHERE r.id = ?",
    );
    expect(flat(RECOMPUTE_SQL.previous)).toBe(
      "SELECT band AS band, mode AS mode, computed_at AS computedAt FROM room_health WHERE room_id = ?",
    );
    expect(flat(RECOMPUTE_SQL.clearDirty)).toBe(
      "UPDATE room_health SET dirty_since = NULL WHERE room_id = ?",
    );
    expect(flat(RECOMPUTE_SQL.saveSnapshot)).toBe(
      "INSERT INTO health_snapshots (room_id, day, score, band, raw_band, effective_score, effective_band," +
        " result, overridden, model_version, created_at)" +
        " VALUES (@roomId, @day, @score, @band, @rawBand, @effectiveScore, @effectiveBand, @result, @overridden," +
        " @modelVersion, @createdAt)" +
        " ON CONFLICT (room_id, day) DO UPDATE SET score = excluded.score, band = excluded.band," +
        " raw_band = excluded.raw_band, effective_score = excluded.effective_score," +
        " effective_band = excluded.effective_band, result = excluded.result," +
        " overridden = excluded.overridden, model_version = excluded.model_version," +
        " created_at = excluded.created_at",
    );
    expect(flat(RECOMPUTE_SQL.escalateAlert)).toBe(
      "UPDATE health_alerts SET severity = ?, facts = ?, acknowledged_at = NULL, acknowledged_by_id = NULL" +
        " WHERE id = ?",
    );
    expect(flat(HEALTH_INPUTS_SQL.pendingInvitations)).toBe(
      "SELECT COUNT(*) AS n, MIN(created_at) AS firstAt FROM invitations" +
        " WHERE room_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?" +
        " AND role IN ('customer_admin','customer_member','viewer')",
    );
  });

  it("prepare against the migrated database and return the keys the code reads", () => {
    const client = openDatabase(":memory:");
    migrateDatabase(client);
    const columns = (text: string) =>
      client.$client
        .prepare(text)
        .columns()
        .map((c) => c.name);
    for (const text of [...Object.values(RECOMPUTE_SQL), ...Object.values(HEALTH_INPUTS_SQL)])
      expect(() => client.$client.prepare(text)).not.toThrow();
    expect(columns(RECOMPUTE_SQL.openAlerts)).toEqual([
      "id",
      "rule",
      "severity",
      "facts",
      "lastNotifiedAt",
      "notifiedSeverity",
      "acknowledgedAt",
      "snoozedUntil",
    ]);
    expect(columns(HEALTH_INPUTS_SQL.members)).toEqual([
      "userId",
      "role",
      "lastSeenAt",
      "joinedAt",
      "kind",
      "active",
    ]);
    expect(columns(HEALTH_INPUTS_SQL.recentSnapshots)).toEqual(["day", "score", "band"]);
    client.$client.close();
  });

  it("leave no SQL in plain strings in the health and plan-view modules", () => {
    // A quote or backtick opening an (upper-case) statement, unless it is a rawSql`` or drizzle sql`` template.
    const plain = /(?<!\b(?:rawSql|sql))[`"']\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH)\s/;
    for (const file of [
      "app/domain/health/recompute.server.ts",
      "app/domain/health/inputs.server.ts",
      "app/domain/health/jobs.server.ts",
      "app/domain/health/portfolio.server.ts",
      "app/domain/plan/views.server.ts",
    ])
      expect(readFileSync(file, "utf8"), file).not.toMatch(plain);
  });
});
