import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "~/components/ui/Field";
import { answerSurvey, peekSurvey, type SurveyState } from "~/domain/reviews/reviews.server";
import { SURVEY_COMMENT_MAX, SurveySchema } from "~/domain/reviews/schemas";
import { languageCookie, readLanguageCookie, resolveLocale } from "~/i18n/i18n.server";
import { useRootData } from "~/root";
import { formValues } from "~/utils/action-result";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { getOptionalUser } from "~/web/guards.server";

export const meta: MetaFunction = () => [{ title: "Launchroom" }, { name: "robots", content: "noindex" }];

const STATUS: Record<SurveyState, number> = { open: 200, answered: 410, expired: 410, unknown: 404 };

/**
 * The customer's survey after onboarding, opened from the emailed link without signing in. GET only
 * shows it (mail scanners follow links); the POST uses the link up. The page speaks the recipient's
 * language until they choose another with the switch.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const survey = peekSurvey(params.token ?? "");
  if (survey.locale && !readLanguageCookie(request) && !getOptionalUser(request)) {
    const current = await resolveLocale(request);
    if (current !== survey.locale)
      throw redirect(new URL(request.url).pathname + new URL(request.url).search, {
        headers: { "Set-Cookie": languageCookie(survey.locale) },
      });
  }
  // After a successful answer the action redirects here: the link is used now, and the page thanks.
  if (survey.state === "answered" && new URL(request.url).searchParams.has("thanks"))
    return data({ state: "thanks" as SurveyState | "thanks", roomTitle: null as string | null });
  return data(
    {
      state: survey.state as SurveyState | "thanks",
      roomTitle: survey.state === "open" ? survey.roomTitle : null,
    },
    STATUS[survey.state],
  );
}

type Answer =
  | { ok: false; state: SurveyState }
  | { ok: false; state: "open"; fieldErrors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(SurveySchema, formData);
  if (!parsed.ok)
    return data<Answer>(
      { ok: false, state: "open", fieldErrors: parsed.fieldErrors, values: formValues(formData) },
      400,
    );
  const result = answerSurvey(params.token ?? "", parsed.data);
  if (!result.ok) return data<Answer>({ ok: false, state: result.state }, STATUS[result.state]);
  return redirect(`${new URL(request.url).pathname}?thanks=1`);
}

function Scale({
  name,
  min,
  max,
  legend,
  low,
  high,
  error,
  defaultValue,
}: {
  name: string;
  min: number;
  max: number;
  legend: string;
  low: string;
  high: string;
  error?: string;
  defaultValue?: string;
}) {
  const { t } = useTranslation();
  const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const id = `scale-${name}`;
  return (
    <fieldset
      data-error={error ? "true" : undefined}
      aria-describedby={`${id}-ends${error ? ` ${id}-error` : ""}`}
      className="space-y-2"
    >
      <legend className="label">
        {legend}
        <span className="ml-1 text-red-700" aria-hidden="true">
          *
        </span>
      </legend>
      <p id={`${id}-ends`} className="text-xs text-slate-600">
        {t("survey.ends", { min, low, max, high })}
      </p>
      <div className="flex flex-wrap gap-1.5">
        {values.map((v) => (
          <label
            key={v}
            className="flex h-11 min-w-11 cursor-pointer items-center justify-center rounded-md border border-slate-300 px-2 font-medium has-checked:border-brand-700 has-checked:bg-brand-700 has-checked:text-white has-focus-visible:ring-2 has-focus-visible:ring-brand-500 has-focus-visible:ring-offset-2"
          >
            <input
              type="radio"
              name={name}
              value={v}
              defaultChecked={defaultValue === String(v)}
              className="sr-only"
            />
            {v}
            {v === min ? (
              <span className="sr-only"> ({low})</span>
            ) : v === max ? (
              <span className="sr-only"> ({high})</span>
            ) : null}
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </fieldset>
  );
}

export default function Survey() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const company = useRootData()?.brand.companyName ?? "";
  const state = (answer?.state ?? loaded.state) as SurveyState | "thanks";
  const failed = answer && "fieldErrors" in answer ? answer : undefined;
  useEffect(() => {
    if (!failed) return;
    const target = document.querySelector<HTMLElement>(
      'main fieldset[data-error] input, main [aria-invalid="true"]',
    );
    target?.focus();
  }, [failed]);
  if (state !== "open") {
    const key = state === "thanks" ? "thanks" : state === "answered" ? "used" : state;
    return (
      <section className="card mx-auto max-w-lg space-y-3" aria-labelledby="survey-title">
        <h1 id="survey-title" className="text-xl font-semibold" data-testid="survey-state">
          {t(`survey.${key}Title`)}
        </h1>
        <p className="text-slate-700">{t(`survey.${key}Body`, { company })}</p>
      </section>
    );
  }
  return (
    <section className="card mx-auto max-w-lg space-y-4" aria-labelledby="survey-title">
      <h1 id="survey-title" className="text-xl font-semibold break-words">
        {t("survey.title")}
      </h1>
      <p className="text-slate-700 break-words">
        {t("survey.intro", { company, room: loaded.roomTitle ?? "" })}
      </p>
      {failed ? <FormError messageKey="survey.fixErrors" /> : null}
      <Form method="post" noValidate className="space-y-6">
        <Scale
          name="satisfaction"
          min={1}
          max={5}
          legend={t("survey.satisfaction", { company })}
          low={t("survey.satisfactionLow")}
          high={t("survey.satisfactionHigh")}
          error={failed?.fieldErrors.satisfaction}
          defaultValue={failed?.values.satisfaction}
        />
        <Scale
          name="recommend"
          min={0}
          max={10}
          legend={t("survey.recommend", { company })}
          low={t("survey.recommendLow")}
          high={t("survey.recommendHigh")}
          error={failed?.fieldErrors.recommend}
          defaultValue={failed?.values.recommend}
        />
        <Field
          label={t("survey.comment")}
          name="comment"
          hint={t("survey.commentHint", { max: SURVEY_COMMENT_MAX })}
          error={failed?.fieldErrors.comment}
        >
          {(a) => (
            <textarea
              {...a}
              rows={4}
              maxLength={SURVEY_COMMENT_MAX}
              defaultValue={failed?.values.comment ?? ""}
              className="input"
            />
          )}
        </Field>
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("survey.submit")}
        </button>
      </Form>
    </section>
  );
}
