import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorView } from "~/components/ErrorView";
import { EmbedPlayer, LessonPlayer, VideoPlayer } from "~/components/training/Players";
import { FormError, Notice } from "~/components/ui/Field";
import type { RichTextNode } from "~/domain/richtext/richtext";
import {
  getPlayerItem,
  openItem,
  reportLesson,
  reportVideo,
  submitQuiz,
} from "~/domain/training/progress.server";
import { formatDate } from "~/i18n/format";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";
import { fields } from "~/utils/forms";
import { runAction, formFailure } from "~/utils/http.server";
import { answerIntent, on } from "~/web/form-action.server";
import { requireRoomAccess } from "~/web/guards.server";
import { useEngagementHeartbeat } from "~/components/engagement/heartbeat";

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "training.view");
  const player = getPlayerItem(access, params.trainingItemId ?? "");
  // Opening the player is noted (last opened, in progress); nothing is completed by a page view.
  if (player.canTake && player.progress?.status !== "completed") openItem(access, player.item.id);
  return player;
}

const number = z.preprocess((v) => Number(v), z.number({ error: "validation.invalid" }).finite());

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "training.take");
  const itemId = params.trainingItemId ?? "";
  const formData = await request.formData();
  if (formData.get("intent") === "open") {
    // A link or file is done when opened through here; then the browser goes to it.
    const result = await runAction(() => openItem(access, itemId, { opened: true }));
    if (!result.ok) return formFailure(result);
    const content = result.value;
    if (content.kind === "link") return redirect(content.url);
    if (content.kind === "file") return redirect(`/files/${content.fileId}`);
    return data<ActionResult>({ ok: false, formError: "errors.badRequest" }, 400);
  }
  // Quiz answers: every field named q_<question id>, one value per chosen option.
  const answers: Record<string, string[]> = {};
  for (const [key, value] of formData.entries())
    if (key.startsWith("q_") && typeof value === "string") (answers[key.slice(2)] ??= []).push(value);
  return answerIntent(formData, {
    lesson: on(
      z.object({ position: number, end: fields.checkbox() }),
      (i) => reportLesson(access, itemId, i),
      (r) => ({ notice: r.completed ? "training.completed" : "training.saved" }),
    ),
    video: on(
      z.object({
        segments: z
          .string()
          .max(20_000)
          .transform((s, ctx) => {
            try {
              return JSON.parse(s) as unknown;
            } catch {
              ctx.addIssue({ code: "custom", message: "errors.badRequest" });
              return z.NEVER;
            }
          }),
        position: number,
      }),
      (i) => reportVideo(access, itemId, i),
      (r) => ({
        notice: r.completed ? "training.completed" : "training.saved",
        values: { watchedSeconds: String(r.watchedSeconds), completed: r.completed ? "1" : "" },
      }),
    ),
    quiz: on(
      z.object({}),
      () => submitQuiz(access, itemId, answers),
      (r) => ({
        notice: r.passed ? "training.quizPassed" : "training.quizFailed",
        params: { score: r.score, left: r.attemptsLeft ?? -1 },
      }),
    ),
  });
}

export default function TrainingPlayer() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const p = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state !== "idle";
  const done = p.progress?.status === "completed";
  const content = p.content;
  // Active time on this module (the room layout counts the page itself).
  useEngagementHeartbeat({ roomId: p.item.roomId, subjectKind: "module", subjectId: p.item.moduleId });
  return (
    <article className="mx-auto max-w-3xl space-y-4" aria-labelledby="module-title">
      <p>
        <Link to=".." relative="path" className="text-sm text-brand-700 underline">
          {t("training.backToTraining")}
        </Link>
      </p>
      <h2 id="module-title" className="text-xl font-semibold">
        {p.title}
      </h2>
      <p className="text-sm text-slate-600">
        {t(`training.kinds.${p.kind}`)} · {t("training.dueOn", { date: formatDate(locale, p.dueDate) })} ·{" "}
        <span data-testid="module-status">
          {t(`training.statuses.${p.progress?.status ?? "not_started"}`)}
        </span>
      </p>
      {result?.ok && result.notice ? <Notice>{t(result.notice, result.params)}</Notice> : null}
      {result && !result.ok ? <FormError messageKey={result.formError ?? "errors.badRequest"} /> : null}
      {!p.canTake ? <p className="text-sm text-slate-600">{t("training.previewOnly")}</p> : null}
      <section className="card min-w-0">
        {!content ? (
          <p className="text-sm text-slate-600">{t("training.contentMissing")}</p>
        ) : content.kind === "lesson" ? (
          <LessonPlayer doc={content.doc as unknown as RichTextNode} canTake={p.canTake} done={done} />
        ) : content.kind === "video" ? (
          content.source.type === "file" ? (
            <VideoPlayer
              src={`/files/${content.source.fileId}`}
              canTake={p.canTake}
              resumeAt={p.progress?.lastPosition ?? 0}
              watchedSeconds={p.progress?.watchedSeconds ?? 0}
              durationSeconds={content.durationSeconds}
              done={done}
            />
          ) : (
            <EmbedPlayer embed={content.source} title={p.title} />
          )
        ) : content.kind === "link" || content.kind === "file" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="open" />
            {content.kind === "link" ? (
              <p className="mb-2 text-sm break-all text-slate-600">{content.url}</p>
            ) : null}
            <button type="submit" className="btn-primary" disabled={busy || !p.canTake}>
              {content.kind === "link" ? t("training.openLink") : t("training.openFile")}
            </button>
          </Form>
        ) : content.kind === "quiz" ? (
          <Form method="post" className="space-y-4">
            <input type="hidden" name="intent" value="quiz" />
            <p className="text-sm text-slate-600">
              {t("training.quizRules", { score: content.passScore })}{" "}
              {content.maxAttempts > 0
                ? t("training.attemptsUsed", { used: p.progress?.attempts ?? 0, max: content.maxAttempts })
                : null}
            </p>
            {content.questions.map((q, qi) => (
              <fieldset key={q.id} className="space-y-1">
                <legend className="font-medium">
                  {qi + 1}. {q.text}
                  {q.kind === "multiple" ? (
                    <span className="ml-2 text-sm font-normal text-slate-600">{t("training.chooseAll")}</span>
                  ) : null}
                </legend>
                {q.options.map((o) => (
                  <label key={o.id} className="flex items-center gap-2">
                    <input
                      type={q.kind === "single" ? "radio" : "checkbox"}
                      name={`q_${q.id}`}
                      value={o.id}
                    />
                    <span>{o.text}</span>
                  </label>
                ))}
              </fieldset>
            ))}
            {done ? (
              <p className="text-sm text-green-800">{t("training.quizAlreadyPassed")}</p>
            ) : (
              <button type="submit" className="btn-primary" disabled={busy || !p.canTake}>
                {t("training.submitQuiz")}
              </button>
            )}
          </Form>
        ) : null}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
