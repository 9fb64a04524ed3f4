/**
 * The module players (issue 12). They only report what happened in the browser — the end of a lesson
 * came into view, which ranges of a video were played — and the server decides completion (ADR 0020).
 */
import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { markEngagementActivity } from "~/components/engagement/heartbeat";
import { renderRichText } from "~/components/richtext/render";
import { innerHtml } from "~/components/static-html";
import type { RichTextNode } from "~/domain/richtext/richtext";
import { embedSrc, type VideoEmbed } from "~/domain/training/rules";

/** A lesson: the text, and a sentinel after it that reports "read to the end" once it is seen. */
export function LessonPlayer(props: { doc: RichTextNode; canTake: boolean; done: boolean }) {
  const { t } = useTranslation();
  const fetcher = useFetcher();
  const sentinel = useRef<HTMLDivElement>(null);
  const sent = useRef(props.done);
  const markup = useMemo(
    () =>
      renderRichText(props.doc, {
        taskDone: t("richText.taskDone"),
        taskOpen: t("richText.taskOpen"),
        tableLabel: t("richText.table"),
      }),
    [props.doc, t],
  );
  const submit = fetcher.submit;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !props.canTake || sent.current || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !sent.current) {
        sent.current = true;
        submit({ intent: "lesson", position: "1", end: "true" }, { method: "post" });
        observer.disconnect();
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [props.canTake, submit]);
  return (
    <div>
      <div className="rich-text min-w-0" dangerouslySetInnerHTML={innerHtml(markup)} />
      <div ref={sentinel} data-testid="lesson-end" aria-hidden="true" className="h-1" />
      {props.canTake && !props.done ? (
        // Without JavaScript the reader says so at the end of the text (the button is only reachable there).
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="lesson" />
          <input type="hidden" name="position" value="1" />
          <input type="hidden" name="end" value="true" />
          <button type="submit" className="btn-secondary">
            {t("training.readToEnd")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

/** Seconds of play between flushes of played segments to the server. */
const FLUSH_MS = 5000;

/**
 * A video. Played ranges come from timeupdate: while the position advances by a small step the range
 * grows; a seek (or a jump) closes it and starts a new one where play resumes, so skipped time is never
 * counted. Ranges go to the server every few seconds and on pause/end.
 */
export function VideoPlayer(props: {
  src: string;
  canTake: boolean;
  resumeAt: number;
  watchedSeconds: number;
  durationSeconds: number;
  done: boolean;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ watchedSeconds?: number; completed?: boolean }>();
  const video = useRef<HTMLVideoElement>(null);
  const submit = fetcher.submit;
  useEffect(() => {
    const el = video.current;
    if (!el || !props.canTake) return;
    let segments: [number, number][] = [];
    let current: [number, number] | null = null;
    let last = -1;
    const close = () => {
      if (current && current[1] > current[0]) segments.push(current);
      current = null;
    };
    const flush = () => {
      close();
      if (segments.length === 0) return;
      const payload = segments;
      segments = [];
      submit(
        { intent: "video", segments: JSON.stringify(payload), position: String(el.currentTime) },
        { method: "post" },
      );
    };
    const onTime = () => {
      const now = el.currentTime;
      if (!el.seeking && !el.paused && last >= 0 && now > last && now - last < 1.5) {
        if (current) current[1] = now;
        else current = [last, now];
      } else close();
      last = now;
    };
    const onSeek = () => {
      close();
      last = -1;
    };
    const onPause = () => flush();
    el.addEventListener("timeupdate", onTime);
    // A playing video is activity for the active-time heartbeat even without input.
    el.addEventListener("timeupdate", markEngagementActivity);
    el.addEventListener("seeking", onSeek);
    el.addEventListener("pause", onPause);
    el.addEventListener("ended", onPause);
    const timer = window.setInterval(() => {
      // Keep the open range going across the flush: the next range starts where this one ended.
      if (!el.paused) flush();
    }, FLUSH_MS);
    return () => {
      window.clearInterval(timer);
      el.removeEventListener("timeupdate", onTime);
      el.removeEventListener("timeupdate", markEngagementActivity);
      el.removeEventListener("seeking", onSeek);
      el.removeEventListener("pause", onPause);
      el.removeEventListener("ended", onPause);
    };
  }, [props.canTake, submit]);
  // Resume once, where the person left off. Not on later loader data: each flush revalidates the page with
  // a newer stored position, and seeking to it would jump the playing video back a few seconds.
  const resumed = useRef(false);
  useEffect(() => {
    const el = video.current;
    if (resumed.current || !el) return;
    resumed.current = true;
    if (props.resumeAt > 0 && !props.done) el.currentTime = props.resumeAt;
  }, [props.resumeAt, props.done]);
  const watched = fetcher.data?.watchedSeconds ?? props.watchedSeconds;
  const done = props.done || !!fetcher.data?.completed;
  return (
    <div className="space-y-2">
      <video
        ref={video}
        src={props.src}
        controls
        preload="metadata"
        className="w-full rounded bg-black"
        data-testid="training-video"
      >
        <track kind="captions" />
      </video>
      {props.canTake ? (
        <p className="text-sm text-slate-600" aria-live="polite" data-testid="video-progress">
          {done
            ? t("training.videoDone")
            : t("training.videoProgress", {
                percent: Math.min(100, Math.floor((watched / Math.max(1, props.durationSeconds)) * 100)),
              })}
        </p>
      ) : null}
    </div>
  );
}

export function EmbedPlayer(props: { embed: VideoEmbed; title: string }) {
  const { t } = useTranslation();
  const src = embedSrc(props.embed);
  if (!src) return <p className="text-sm text-slate-600">{t("training.contentMissing")}</p>;
  return (
    <div className="space-y-2">
      <div className="aspect-video">
        <iframe
          src={src}
          title={props.title}
          className="h-full w-full rounded"
          allow="fullscreen; picture-in-picture"
          sandbox="allow-scripts allow-same-origin allow-presentation"
          referrerPolicy="strict-origin-when-cross-origin"
        />
      </div>
      <p className="text-sm text-slate-600">{t("training.embedNotTracked")}</p>
    </div>
  );
}
