/**
 * The training rules that need no database (issue 12; ADR 0020): safe video embeds, the quiz's text
 * format, grading, and the played-segments arithmetic behind "watched". Pure and shared with the browser.
 */
import type { QuizQuestionKind } from "~/vocabulary";

// ---- video embeds --------------------------------------------------------------------------------

export type VideoEmbed = { type: "youtube" | "vimeo"; id: string };

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^[0-9]{1,12}$/;

/**
 * A YouTube or Vimeo link reduced to the video's id, or null. Only those hosts over https; the page builds
 * the iframe src from the id itself, so nothing the editor typed ever becomes an iframe src.
 */
export function parseVideoEmbed(input: string): VideoEmbed | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password || url.port) return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  const parts = url.pathname.split("/").filter(Boolean);
  let id: string | null | undefined = null;
  if (host === "youtu.be") id = parts[0];
  else if (host === "youtube.com" || host === "m.youtube.com" || host === "youtube-nocookie.com") {
    if (parts[0] === "watch") id = url.searchParams.get("v");
    else if (["embed", "shorts", "live", "v"].includes(parts[0] ?? "")) id = parts[1];
    if (id && YOUTUBE_ID.test(id)) return { type: "youtube", id };
    return null;
  } else if (host === "vimeo.com") id = parts[0];
  else if (host === "player.vimeo.com" && parts[0] === "video") id = parts[1];
  if (!id) return null;
  if (host === "youtu.be") return YOUTUBE_ID.test(id) ? { type: "youtube", id } : null;
  return VIMEO_ID.test(id) ? { type: "vimeo", id } : null;
}

/** Where embedded players come from: the page's Content-Security-Policy allows frames from these only. */
export const EMBED_ORIGINS = {
  youtube: "https://www.youtube-nocookie.com",
  vimeo: "https://player.vimeo.com",
};

/** The iframe src for an embed id (ids are checked again: a stored row is not trusted either). */
export function embedSrc(embed: VideoEmbed): string | null {
  if (embed.type === "youtube" && YOUTUBE_ID.test(embed.id))
    return `${EMBED_ORIGINS.youtube}/embed/${embed.id}`;
  if (embed.type === "vimeo" && VIMEO_ID.test(embed.id)) return `${EMBED_ORIGINS.vimeo}/video/${embed.id}`;
  return null;
}

/** A link module's URL: http or https only, no credentials; null otherwise. */
export function safeLinkUrl(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    if (url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

// ---- quizzes ---------------------------------------------------------------------------------------

export type QuizQuestion = {
  id: string;
  text: string;
  kind: QuizQuestionKind;
  options: { id: string; text: string }[];
  correct: string[];
};

export const QUIZ_LIMITS = { questions: 50, options: 10, textLength: 500 } as const;

/**
 * Reads the quiz editor's text: a line starting with "?" starts a question, "*" a right option, "-" a
 * wrong one; blank lines are ignored. A question with several right options is multiple choice. Returns
 * the questions or an i18n error key.
 */
export function parseQuizText(text: string): { questions: QuizQuestion[] } | { error: string } {
  const questions: QuizQuestion[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const marker = line[0];
    const body = line.slice(1).trim();
    if (!body || body.length > QUIZ_LIMITS.textLength) return { error: "training.quizBadLine" };
    if (marker === "?") {
      if (questions.length >= QUIZ_LIMITS.questions) return { error: "training.quizTooMany" };
      questions.push({
        id: `q${questions.length + 1}`,
        text: body,
        kind: "single",
        options: [],
        correct: [],
      });
    } else if (marker === "*" || marker === "-") {
      const q = questions.at(-1);
      if (!q) return { error: "training.quizBadLine" };
      if (q.options.length >= QUIZ_LIMITS.options) return { error: "training.quizTooMany" };
      const id = `o${q.options.length + 1}`;
      q.options.push({ id, text: body });
      if (marker === "*") q.correct.push(id);
    } else return { error: "training.quizBadLine" };
  }
  if (questions.length === 0) return { error: "training.quizEmpty" };
  for (const q of questions) {
    if (q.options.length < 2 || q.correct.length === 0) return { error: "training.quizQuestionIncomplete" };
    q.kind = q.correct.length > 1 ? "multiple" : "single";
  }
  return { questions };
}

/** The editor's text for stored questions (the inverse of parseQuizText). */
export function quizToText(questions: QuizQuestion[]): string {
  return questions
    .map((q) =>
      [`? ${q.text}`, ...q.options.map((o) => `${q.correct.includes(o.id) ? "*" : "-"} ${o.text}`)].join(
        "\n",
      ),
    )
    .join("\n\n");
}

/**
 * Grades answers (option ids per question id): a question counts when exactly its right options were
 * chosen. Score = percent of questions right, rounded down; passed when it reaches passScore.
 */
export function gradeQuiz(
  quiz: { questions: QuizQuestion[]; passScore: number },
  answers: Record<string, string[]>,
): { score: number; passed: boolean; right: string[] } {
  const right: string[] = [];
  for (const q of quiz.questions) {
    const given = [...new Set(answers[q.id] ?? [])].filter((id) => q.options.some((o) => o.id === id));
    if (q.kind === "single" && given.length !== 1) continue;
    if (given.length === q.correct.length && given.every((id) => q.correct.includes(id))) right.push(q.id);
  }
  const score = quiz.questions.length ? Math.floor((right.length * 100) / quiz.questions.length) : 0;
  return { score, passed: score >= quiz.passScore, right };
}

// ---- video segments ----------------------------------------------------------------------------------

export type Segment = [number, number];

/** A video counts as watched when at least this share of its duration was played. */
export const VIDEO_WATCHED_SHARE = 0.9;
/**
 * The longest a single reported segment may be: the player reports at least every few seconds of play, so
 * a longer "segment" is a seek dressed up as play and is refused.
 */
export const MAX_SEGMENT_SECONDS = 30;

/**
 * Adds reported segments to the stored ones: clipped to [0, duration], refused when reversed, empty or
 * longer than MAX_SEGMENT_SECONDS, then merged (overlapping or touching ranges become one) and sorted.
 */
export function mergeSegments(stored: Segment[], reported: unknown, durationSeconds: number): Segment[] {
  const all: Segment[] = stored.filter(
    (s): s is Segment => Array.isArray(s) && s.length === 2 && s.every((n) => Number.isFinite(n)),
  );
  if (Array.isArray(reported)) {
    for (const r of reported.slice(0, 100)) {
      if (!Array.isArray(r) || r.length !== 2) continue;
      const [a, b] = r.map(Number) as [number, number];
      if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
      const start = Math.max(0, a);
      const end = Math.min(durationSeconds, b);
      if (end <= start || b - a > MAX_SEGMENT_SECONDS) continue;
      all.push([start, end]);
    }
  }
  all.sort((x, y) => x[0] - y[0]);
  const merged: Segment[] = [];
  for (const [s, e] of all) {
    const last = merged.at(-1);
    if (last && s <= last[1] + 0.25) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged.map(([s, e]) => [Math.round(s * 100) / 100, Math.round(e * 100) / 100]);
}

export function coveredSeconds(segments: Segment[]): number {
  return segments.reduce((sum, [s, e]) => sum + (e - s), 0);
}

export function isVideoWatched(segments: Segment[], durationSeconds: number): boolean {
  return durationSeconds > 0 && coveredSeconds(segments) >= durationSeconds * VIDEO_WATCHED_SHARE - 1e-9;
}
