import { describe, expect, it } from "vitest";
import {
  coveredSeconds,
  embedSrc,
  gradeQuiz,
  isVideoWatched,
  mergeSegments,
  parseQuizText,
  parseVideoEmbed,
  quizToText,
  safeLinkUrl,
} from "~/domain/training/rules";

describe("video embeds", () => {
  it("keeps only a YouTube or Vimeo id", () => {
    expect(parseVideoEmbed("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3")).toEqual({
      type: "youtube",
      id: "dQw4w9WgXcQ",
    });
    expect(parseVideoEmbed("https://youtu.be/dQw4w9WgXcQ")).toEqual({ type: "youtube", id: "dQw4w9WgXcQ" });
    expect(parseVideoEmbed("https://vimeo.com/76979871")).toEqual({ type: "vimeo", id: "76979871" });
    expect(parseVideoEmbed("https://player.vimeo.com/video/76979871")).toEqual({
      type: "vimeo",
      id: "76979871",
    });
  });
  it("refuses other hosts, schemes and ids that could carry markup", () => {
    for (const bad of [
      "http://www.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://evil.example/watch?v=dQw4w9WgXcQ",
      "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
      "javascript:alert(1)",
      'https://www.youtube.com/watch?v="><script>',
      "https://vimeo.com/abc",
      "https://user:pw@vimeo.com/1",
      "<iframe src=https://evil.example>",
    ])
      expect(parseVideoEmbed(bad)).toBeNull();
    expect(embedSrc({ type: "youtube", id: "x\"onload='1" })).toBeNull();
    expect(embedSrc({ type: "vimeo", id: "76979871" })).toBe("https://player.vimeo.com/video/76979871");
  });
  it("links are http or https only", () => {
    expect(safeLinkUrl("https://docs.example/guide")).toBe("https://docs.example/guide");
    expect(safeLinkUrl("javascript:alert(1)")).toBeNull();
    expect(safeLinkUrl("data:text/html,<script>")).toBeNull();
    expect(safeLinkUrl("https://a:b@x.example")).toBeNull();
  });
});

describe("quiz", () => {
  const text = "? Two plus two\n* four\n- five\n\n? Even numbers\n* 2\n* 4\n- 3";
  const parsed = parseQuizText(text);
  it("parses single and multiple choice and round-trips", () => {
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.questions.map((q) => q.kind)).toEqual(["single", "multiple"]);
    expect(parseQuizText(quizToText(parsed.questions))).toEqual(parsed);
  });
  it("refuses incomplete questions", () => {
    expect(parseQuizText("? Q\n* only one")).toEqual({ error: "training.quizQuestionIncomplete" });
    expect(parseQuizText("? Q\n- a\n- b")).toEqual({ error: "training.quizQuestionIncomplete" });
    expect(parseQuizText("")).toEqual({ error: "training.quizEmpty" });
    expect(parseQuizText("* stray")).toEqual({ error: "training.quizBadLine" });
  });
  it("grades exactly-right answers against the pass score", () => {
    if ("error" in parsed) throw new Error(parsed.error);
    const quiz = { questions: parsed.questions, passScore: 100 };
    expect(gradeQuiz(quiz, { q1: ["o1"], q2: ["o1", "o2"] })).toMatchObject({ score: 100, passed: true });
    expect(gradeQuiz(quiz, { q1: ["o1"], q2: ["o1"] })).toMatchObject({ score: 50, passed: false });
    // Choosing every option is not "right".
    expect(gradeQuiz(quiz, { q1: ["o1", "o2"], q2: ["o1", "o2", "o3"] })).toMatchObject({ score: 0 });
    expect(gradeQuiz({ ...quiz, passScore: 50 }, { q1: ["o1"] })).toMatchObject({ score: 50, passed: true });
  });
});

describe("played segments", () => {
  it("merges overlapping ranges and clips to the duration", () => {
    const merged = mergeSegments(
      [[0, 10]],
      [
        [9, 20],
        [30, 35],
        [100, 110],
      ],
      40,
    );
    expect(merged).toEqual([
      [0, 20],
      [30, 35],
    ]);
    expect(coveredSeconds(merged)).toBe(25);
  });
  it("a seek is not played time: a long jump reported as one segment is refused", () => {
    expect(mergeSegments([], [[0, 100]], 100)).toEqual([]);
    expect(mergeSegments([], [[5, 3], ["a", 4], [1]], 100)).toEqual([]);
  });
  it("89 % is not watched, 90 % is", () => {
    expect(isVideoWatched([[0, 89]], 100)).toBe(false);
    expect(isVideoWatched([[0, 90]], 100)).toBe(true);
    expect(
      isVideoWatched(
        [
          [0, 45],
          [55, 100],
        ],
        100,
      ),
    ).toBe(true);
    expect(isVideoWatched([], 0)).toBe(false);
  });
});
