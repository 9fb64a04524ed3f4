/**
 * useEngagementHeartbeat (issue 12): while a page is visible and the person has been active in the last
 * 60 s (pointer, keys, scrolling, touch, or a playing video that calls markEngagementActivity), the browser
 * posts a heartbeat about every 15 s to /rooms/:roomId/heartbeat; the server turns them into active time.
 * Hiding the tab or 60 s without input ends the span (the next activity starts a new one). The decisions
 * are the pure state machine nextActivity (app/domain/engagement/rules.ts); this hook only wires events.
 */
import { useEffect } from "react";
import {
  HEARTBEAT_INTERVAL_MS,
  nextActivity,
  type ActivityEvent,
  type ActivityState,
} from "~/domain/engagement/rules";
import type { EngagementSubject } from "~/vocabulary";

/** The window event a video player (or anything else that is "activity" without input) dispatches. */
export const ACTIVITY_EVENT = "launchroom:activity";

/** Marks the person as active, e.g. from a video's `timeupdate` while it plays. */
export function markEngagementActivity() {
  if (typeof window !== "undefined") window.dispatchEvent(new Event(ACTIVITY_EVENT));
}

const INPUT_EVENTS = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "scroll"] as const;

/** A random span id, URL-safe (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newSpanId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function post(url: string, body: URLSearchParams) {
  // sendBeacon survives the page being hidden or unloaded; it sends the form type and the page's Origin.
  if (typeof navigator.sendBeacon === "function" && navigator.sendBeacon(url, body)) return;
  void fetch(url, { method: "POST", body, keepalive: true, credentials: "same-origin" }).catch(() => {});
}

export function useEngagementHeartbeat({
  roomId,
  subjectKind,
  subjectId = "",
  enabled = true,
}: {
  roomId: string;
  subjectKind: EngagementSubject;
  subjectId?: string;
  enabled?: boolean;
}) {
  useEffect(() => {
    if (!enabled || typeof document === "undefined") return;
    const url = `/rooms/${encodeURIComponent(roomId)}/heartbeat`;
    let state: ActivityState = { spanId: null, lastInputAt: -Infinity, visible: false };
    const dispatch = (event: ActivityEvent) => {
      const next = nextActivity(state, event, newSpanId);
      state = next.state;
      if (next.send)
        post(url, new URLSearchParams({ kind: subjectKind, subject: subjectId, span: next.send }));
    };
    const onInput = () => dispatch({ type: "input", at: Date.now() });
    const onVisibility = () =>
      dispatch({ type: "visibility", visible: document.visibilityState === "visible", at: Date.now() });
    const onHide = () => dispatch({ type: "visibility", visible: false, at: Date.now() });

    // Opening the page is activity: the person just navigated here.
    if (document.visibilityState === "visible") onVisibility();
    for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, { passive: true, capture: true });
    window.addEventListener(ACTIVITY_EVENT, onInput);
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", onHide);
    const timer = window.setInterval(() => dispatch({ type: "tick", at: Date.now() }), HEARTBEAT_INTERVAL_MS);
    return () => {
      // Leaving the subject (another page, another module) ends the span, counting the time up to now.
      onHide();
      window.clearInterval(timer);
      for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, { capture: true });
      window.removeEventListener(ACTIVITY_EVENT, onInput);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", onHide);
    };
  }, [roomId, subjectKind, subjectId, enabled]);
}
