import { describe, expect, it } from "vitest";
import {
  creditFor,
  HEARTBEAT_MAX_CREDIT_MS,
  IDLE_AFTER_MS,
  nextActivity,
  parseHeartbeat,
  type ActivityEvent,
  type ActivityState,
} from "~/domain/engagement/rules";

// The pure rules of active time: what one heartbeat adds, and the browser's span/idle state machine.

describe("creditFor", () => {
  it("opens a span with its first heartbeat (adds nothing)", () => {
    expect(creditFor(100_000, null, 0)).toEqual({ creditMs: 0, creditedUntil: 0 });
  });

  it("adds the time since the span's previous heartbeat", () => {
    expect(creditFor(115_000, 100_000, 0)).toEqual({ creditMs: 15_000, creditedUntil: 115_000 });
  });

  it("adds at most the interval plus slack after a long gap", () => {
    expect(creditFor(100_000 + 8 * 3600_000, 100_000, 0).creditMs).toBe(HEARTBEAT_MAX_CREDIT_MS);
  });

  it("never counts time already counted for the person (parallel or forged spans)", () => {
    // Another span already counted up to 110 s: this one adds only 110 → 115.
    expect(creditFor(115_000, 100_000, 110_000)).toEqual({ creditMs: 5_000, creditedUntil: 115_000 });
    // A replay at the same instant adds nothing.
    expect(creditFor(115_000, 100_000, 115_000).creditMs).toBe(0);
  });

  it("adds nothing for a heartbeat dated before the previous one", () => {
    expect(creditFor(90_000, 100_000, 0).creditMs).toBe(0);
  });
});

describe("parseHeartbeat", () => {
  it.each([
    [
      { kind: "page", subject: "", span: "abcdefgh" },
      { subjectKind: "page", subjectId: "", spanId: "abcdefgh" },
    ],
    [
      { kind: "page", subject: null, span: "abcdefgh" },
      { subjectKind: "page", subjectId: "", spanId: "abcdefgh" },
    ],
    [
      { kind: "module", subject: "m_1-x", span: "abcdefgh" },
      { subjectKind: "module", subjectId: "m_1-x", spanId: "abcdefgh" },
    ],
    [
      { kind: "document", subject: "d".repeat(64), span: "s".repeat(64) },
      { subjectKind: "document", subjectId: "d".repeat(64), spanId: "s".repeat(64) },
    ],
  ])("reads %j", (fields, expected) => {
    expect(parseHeartbeat(fields)).toEqual(expected);
  });

  it.each([
    { kind: "video", subject: "", span: "abcdefgh" },
    { kind: "page", subject: "x", span: "abcdefgh" },
    { kind: "module", subject: "", span: "abcdefgh" },
    { kind: "module", subject: "d".repeat(65), span: "abcdefgh" },
    { kind: "document", subject: "../x", span: "abcdefgh" },
    { kind: "page", subject: "", span: "short" },
    { kind: "page", subject: "", span: "s".repeat(65) },
    { kind: "page", subject: "", span: "has space!" },
    { kind: null, subject: "", span: "abcdefgh" },
  ])("refuses %j", (fields) => {
    expect(parseHeartbeat(fields)).toBeNull();
  });
});

describe("nextActivity (the hook's span state machine)", () => {
  let ids = 0;
  const newId = () => `span-${++ids}`;
  /** Runs events from a fresh hidden state; returns the heartbeats sent and the last state. */
  function run(
    events: ActivityEvent[],
    from: ActivityState = { spanId: null, lastInputAt: -Infinity, visible: false },
  ) {
    let state = from;
    const sent: string[] = [];
    for (const e of events) {
      const next = nextActivity(state, e, newId);
      state = next.state;
      if (next.send) sent.push(`${e.at}:${next.send}`);
    }
    return { sent, state };
  }

  it("opens a span when the page becomes visible and beats on every tick while active", () => {
    ids = 0;
    const { sent, state } = run([
      { type: "visibility", visible: true, at: 0 },
      { type: "tick", at: 15_000 },
      { type: "input", at: 20_000 },
      { type: "tick", at: 30_000 },
    ]);
    expect(sent).toEqual(["0:span-1", "15000:span-1", "30000:span-1"]);
    expect(state.spanId).toBe("span-1");
  });

  it("ends the span after 60 s without input; the next input starts a new span", () => {
    ids = 0;
    const { sent, state } = run([
      { type: "visibility", visible: true, at: 0 },
      { type: "tick", at: 45_000 },
      { type: "tick", at: IDLE_AFTER_MS },
      { type: "tick", at: 75_000 },
      { type: "input", at: 80_000 },
      { type: "tick", at: 95_000 },
    ]);
    expect(sent).toEqual(["0:span-1", "45000:span-1", "80000:span-2", "95000:span-2"]);
    expect(state.spanId).toBe("span-2");
  });

  it("sends a last heartbeat when the page is hidden, then nothing until it is visible again", () => {
    ids = 0;
    const { sent } = run([
      { type: "visibility", visible: true, at: 0 },
      { type: "visibility", visible: false, at: 5_000 },
      { type: "tick", at: 15_000 },
      { type: "input", at: 16_000 }, // a key event reaching a hidden page opens nothing
      { type: "tick", at: 30_000 },
      { type: "visibility", visible: true, at: 40_000 },
      { type: "tick", at: 55_000 },
    ]);
    expect(sent).toEqual(["0:span-1", "5000:span-1", "40000:span-2", "55000:span-2"]);
  });

  it("sends nothing on hiding a page whose span already went idle", () => {
    ids = 0;
    const { sent } = run([
      { type: "visibility", visible: true, at: 0 },
      { type: "tick", at: 61_000 },
      { type: "visibility", visible: false, at: 70_000 },
    ]);
    expect(sent).toEqual(["0:span-1"]);
  });

  it("keeps a span open while a video marks activity without any input", () => {
    ids = 0;
    const events: ActivityEvent[] = [{ type: "visibility", visible: true, at: 0 }];
    for (let t = 15_000; t <= 180_000; t += 15_000) {
      events.push({ type: "input", at: t - 1_000 }); // markEngagementActivity from timeupdate
      events.push({ type: "tick", at: t });
    }
    const { sent } = run(events);
    expect(new Set(sent.map((s) => s.split(":")[1]))).toEqual(new Set(["span-1"]));
    expect(sent).toHaveLength(13);
  });
});
