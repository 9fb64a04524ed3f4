import { expect, it } from "vitest";
import { rawSql } from "#db/raw-sql";
import { events, roomHealth } from "#db/schema";

it("names tables and columns in raw SQL as the client does (snake_case keys, explicit names kept)", () => {
  expect(rawSql`SELECT ${events.actorId}, ${roomHealth.dirtySince} FROM ${events}`).toBe(
    "SELECT actor_id, dirty_since FROM events",
  );
});
