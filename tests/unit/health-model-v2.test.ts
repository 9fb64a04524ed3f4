import { describe, expect, it } from "vitest";
import { upgradeStoredConfig } from "~/domain/health/config.server";
import {
  DEFAULT_HEALTH_CONFIG,
  HEALTH_MODEL_VERSION,
  PRESENCE_ANCHORS_V2,
  type HealthConfig,
  type HealthInputs,
} from "~/domain/health/model";
import { HealthConfigSchema } from "~/domain/health/schemas";
import { computeHealth } from "~/domain/health/score";
import { ago, TODAY, withInputs } from "../helpers/health-inputs";

// Health model version 2 (issue 12): presence counts distinct active days, and the silence cap, once set,
// lifts only after activity on 2 distinct days of the last 7.

const config = DEFAULT_HEALTH_CONFIG;

/**
 * The room that went from red 39 to green 74 under version 1: thirty days without any customer activity
 * (capped at 39 and red since), then one customer signs in today. Yesterday's computation had the cap.
 */
function backAfterSilence(over: Partial<HealthInputs> = {}, silentCapped = true): HealthInputs {
  const base = withInputs({
    customerUsers: [
      { userId: "c1", lastActiveDate: TODAY },
      { userId: "c2", lastActiveDate: ago(31) },
    ],
    lastCustomerActivityDate: TODAY,
    customerActiveDays: [ago(40), ago(35), ago(31), TODAY],
    customerInvitedOn: ago(80),
    customerEvents: { last14Days: 1, prior28Days: 6 },
    ...over,
  });
  return {
    ...base,
    history: {
      previousBand: "red",
      previousRawBand: "red",
      scoreSevenDaysAgo: 39,
      bandSevenDaysAgo: "red",
      redSince: ago(9),
      silentCapped,
    },
  };
}

describe("silence cap (model version 2)", () => {
  it("keeps the room capped and red after a single sign-in following 30 days of silence", () => {
    const r = computeHealth(backAfterSilence(), config);
    expect(r.model).toBe(HEALTH_MODEL_VERSION);
    // The rest of the room is healthy: without the cap it would not be red.
    expect(r.preCapScore).toBeGreaterThan(70);
    expect(r.caps).toEqual([
      {
        key: "customerSilent",
        limit: 39,
        facts: { recovering: "yes", activeDays: 1, needDays: 2, windowDays: 7 },
      },
    ]);
    expect(r.score).toBe(39);
    expect(r.band).toBe("red");
  });

  it("keeps the cap on a first computation too (read from the active days, without history)", () => {
    const r = computeHealth(backAfterSilence({}, false), config);
    expect(r.caps.map((c) => c.key)).toEqual(["customerSilent"]);
    expect(r.score).toBe(39);
  });

  it("lifts the cap once the customer was active on 2 distinct days of the last 7", () => {
    const r = computeHealth(backAfterSilence({ customerActiveDays: [ago(31), ago(3), TODAY] }), config);
    expect(r.caps).toEqual([]);
    expect(r.score).toBe(r.preCapScore);
    expect(r.score).toBeGreaterThan(39);
  });

  it("does not lift it for 2 days further apart than 7 (one visit now and then is not a recovery)", () => {
    const r = computeHealth(backAfterSilence({ customerActiveDays: [ago(31), ago(9), TODAY] }), config);
    expect(r.caps.map((c) => c.key)).toEqual(["customerSilent"]);
  });

  it("counts a day 6 days ago as within the last 7, and 7 days ago as outside", () => {
    const inside = computeHealth(backAfterSilence({ customerActiveDays: [ago(30), ago(6), TODAY] }), config);
    expect(inside.caps).toEqual([]);
    const outside = computeHealth(backAfterSilence({ customerActiveDays: [ago(30), ago(7), TODAY] }), config);
    expect(outside.caps.map((c) => c.key)).toEqual(["customerSilent"]);
  });

  it("stays lifted after a recovery, even with a single day in the last 7 since", () => {
    const r = computeHealth(
      backAfterSilence({ customerActiveDays: [ago(12), ago(10), TODAY] }, false),
      config,
    );
    expect(r.caps).toEqual([]);
  });

  it("keeps a cap the previous computation set while the customer has fewer than 2 days in 7", () => {
    const r = computeHealth(
      backAfterSilence({ customerActiveDays: [ago(16), ago(12), TODAY] }, true),
      config,
    );
    expect(r.caps.map((c) => c.key)).toEqual(["customerSilent"]);
  });

  it("never caps a room whose customers were invited recently and came for the first time today", () => {
    const r = computeHealth(
      backAfterSilence({ customerActiveDays: [TODAY], customerInvitedOn: ago(3) }, false),
      config,
    );
    expect(r.caps).toEqual([]);
  });

  it("follows the admin's lift setting (3 distinct days of the last 7)", () => {
    const strict: HealthConfig = {
      ...config,
      caps: { ...config.caps, customerSilentLiftDays: 3 },
    };
    const inputs = backAfterSilence({ customerActiveDays: [ago(31), ago(3), TODAY] });
    expect(computeHealth(inputs, strict).caps.map((c) => c.key)).toEqual(["customerSilent"]);
    const three = backAfterSilence({ customerActiveDays: [ago(31), ago(5), ago(3), TODAY] });
    expect(computeHealth(three, strict).caps).toEqual([]);
  });

  it("still caps at 21 days of silence, with the days in its facts", () => {
    const r = computeHealth(
      withInputs({
        customerUsers: [{ userId: "c1", lastActiveDate: ago(21) }],
        lastCustomerActivityDate: ago(21),
        customerActiveDays: [ago(21)],
      }),
      config,
    );
    expect(r.caps).toEqual([{ key: "customerSilent", limit: 39, facts: { daysSince: 21 } }]);
  });
});

describe("stored settings upgrade to model version 2", () => {
  /** Version 1 settings as an admin saved them: presence weighted 20, the band thresholds moved. */
  function storedV1(): Record<string, unknown> {
    const { version: _v, model: _m, ...rest } = structuredClone(DEFAULT_HEALTH_CONFIG);
    const caps: Record<string, unknown> = { ...rest.caps };
    delete caps.customerSilentLiftDays;
    delete caps.customerSilentLiftWindowDays;
    return {
      ...rest,
      caps: { ...caps, customerSilentCap: 35 },
      bands: { ...rest.bands, green: 75 },
      measures: {
        ...rest.measures,
        customerPresence: {
          weight: 20,
          anchors: [
            [0, 100],
            [5, 80],
            [10, 50],
            [21, 0],
          ],
        },
        taskPunctuality: { ...rest.measures.taskPunctuality, weight: 30 },
      },
    };
  }

  it("replaces presence's anchors (their raw value changed meaning) and keeps every other edit", () => {
    const upgraded = HealthConfigSchema.parse(upgradeStoredConfig(storedV1()));
    expect(upgraded.model).toBe(2);
    expect(upgraded.measures.customerPresence).toEqual({ weight: 20, anchors: PRESENCE_ANCHORS_V2 });
    expect(upgraded.measures.taskPunctuality.weight).toBe(30);
    expect(upgraded.bands.green).toBe(75);
    expect(upgraded.caps.customerSilentCap).toBe(35);
    expect(upgraded.caps.customerSilentLiftDays).toBe(2);
    expect(upgraded.caps.customerSilentLiftWindowDays).toBe(7);
  });

  it("leaves settings already written for version 2 alone", () => {
    const { version: _v, ...v2 } = structuredClone(DEFAULT_HEALTH_CONFIG);
    const edited = { ...v2, caps: { ...v2.caps, customerSilentLiftDays: 3 } };
    expect(upgradeStoredConfig(edited)).toEqual(edited);
  });

  it("does not change the stored object it reads", () => {
    const stored = storedV1();
    const copy = structuredClone(stored);
    upgradeStoredConfig(stored);
    expect(stored).toEqual(copy);
  });
});
