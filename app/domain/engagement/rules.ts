/**
 * The rules of active time (issue 12), shared by the browser hook and the server. Pure: no IO, no clock.
 * See docs/decisions/0021-heartbeats-and-health-model-v2.md.
 */
import { ENGAGEMENT_SUBJECTS, type EngagementSubject } from "~/vocabulary";

/** The browser sends a heartbeat about this often while the person is active on a visible page. */
export const HEARTBEAT_INTERVAL_MS = 15_000;
/** Network and timer jitter allowed on top of the interval. */
export const HEARTBEAT_SLACK_MS = 5_000;
/** The most one heartbeat can add: a tab asleep overnight or a replayed burst adds at most this. */
export const HEARTBEAT_MAX_CREDIT_MS = HEARTBEAT_INTERVAL_MS + HEARTBEAT_SLACK_MS;
/** Without pointer, key, scroll, touch or a playing video for this long, the span ends. */
export const IDLE_AFTER_MS = 60_000;
/** A heartbeat body is three short fields; anything longer is refused at the edge. */
export const HEARTBEAT_MAX_BYTES = 512;

const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
const SPAN_SHAPE = /^[A-Za-z0-9_-]{8,64}$/;

export type Heartbeat = { subjectKind: EngagementSubject; subjectId: string; spanId: string };

/** Reads a heartbeat's fields; null when any is missing or malformed ("page" has no subject id). */
export function parseHeartbeat(fields: { kind: unknown; subject: unknown; span: unknown }): Heartbeat | null {
  const { kind, subject, span } = fields;
  if (typeof kind !== "string" || !(ENGAGEMENT_SUBJECTS as readonly string[]).includes(kind)) return null;
  if (typeof span !== "string" || !SPAN_SHAPE.test(span)) return null;
  const subjectId = typeof subject === "string" ? subject : "";
  if (kind === "page" ? subjectId !== "" : !ID_SHAPE.test(subjectId)) return null;
  return { subjectKind: kind as EngagementSubject, subjectId, spanId: span };
}

/**
 * The milliseconds one heartbeat adds. `spanLastAt` is the previous heartbeat of the same span (null for
 * the first, which only opens the span); `creditedUntil` is how far this person's time of the same
 * subject kind has already been counted, so parallel spans (tabs, forged span ids) never add more than
 * wall-clock time. Returns the credit and the new watermark.
 */
export function creditFor(
  now: number,
  spanLastAt: number | null,
  creditedUntil: number,
): { creditMs: number; creditedUntil: number } {
  if (spanLastAt === null || now <= spanLastAt)
    return { creditMs: 0, creditedUntil: Math.max(creditedUntil, 0) };
  const from = Math.max(spanLastAt, now - HEARTBEAT_MAX_CREDIT_MS, creditedUntil);
  const creditMs = Math.max(0, now - from);
  return { creditMs, creditedUntil: Math.max(creditedUntil, now) };
}

/** The browser side's state: the current span (null when none) and when the person last did something. */
export type ActivityState = { spanId: string | null; lastInputAt: number; visible: boolean };

export type ActivityEvent =
  | { type: "input"; at: number }
  | { type: "visibility"; visible: boolean; at: number }
  | { type: "tick"; at: number };

/**
 * The span state machine of useEngagementHeartbeat, pure. Input on a visible page opens a span (a new id
 * from `newSpanId`) when there is none; hiding the page or 60 s without input ends it. A tick while a span
 * is open sends a heartbeat; the heartbeat that ends a span on hiding is sent too, so the time up to the
 * moment the page was hidden counts.
 */
export function nextActivity(
  state: ActivityState,
  event: ActivityEvent,
  newSpanId: () => string,
): { state: ActivityState; send: string | null } {
  switch (event.type) {
    case "input": {
      if (!state.visible) return { state: { ...state, lastInputAt: event.at }, send: null };
      if (state.spanId !== null && event.at - state.lastInputAt < IDLE_AFTER_MS)
        return { state: { ...state, lastInputAt: event.at }, send: null };
      // No span, or the old one went idle: a new span starts with a heartbeat that opens it.
      const spanId = newSpanId();
      return { state: { spanId, lastInputAt: event.at, visible: true }, send: spanId };
    }
    case "visibility": {
      if (!event.visible) {
        const send =
          state.spanId !== null && event.at - state.lastInputAt < IDLE_AFTER_MS ? state.spanId : null;
        return { state: { ...state, spanId: null, visible: false }, send };
      }
      // Coming back counts as input: the person just switched to this tab.
      return nextActivity(
        { ...state, visible: true, spanId: null },
        { type: "input", at: event.at },
        newSpanId,
      );
    }
    case "tick": {
      if (state.spanId === null || !state.visible) return { state, send: null };
      if (event.at - state.lastInputAt >= IDLE_AFTER_MS)
        return { state: { ...state, spanId: null }, send: null };
      return { state, send: state.spanId };
    }
  }
}
