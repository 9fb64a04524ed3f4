import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice, TextField } from "~/components/ui/Field";
import type { ActionResult } from "~/utils/action-result";

/** A customer's 1–5 rating of a completed milestone, with an optional comment; rating again replaces it. */
export function MilestoneRating(props: {
  milestoneId: string;
  mine: { stars: number; comment: string | null } | null;
  result?: ActionResult;
}) {
  const { t } = useTranslation();
  const failed = props.result && !props.result.ok ? props.result : undefined;
  const stars = failed?.values?.stars ?? (props.mine ? String(props.mine.stars) : "");
  return (
    <section className="card space-y-3" aria-labelledby="rating-title" data-testid="milestone-rating">
      <h3 id="rating-title" className="font-semibold">
        {t("rating.title")}
      </h3>
      <p className="text-sm text-slate-600">{t("rating.intro")}</p>
      {props.result?.ok && props.result.notice ? <Notice>{t(props.result.notice)}</Notice> : null}
      <Form method="post" className="space-y-3" noValidate>
        <input type="hidden" name="intent" value="rate" />
        <input type="hidden" name="milestoneId" value={props.milestoneId} />
        <fieldset>
          <legend className="label">{t("rating.stars")}</legend>
          <div className="flex flex-wrap gap-3">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="flex items-center gap-1 text-sm">
                <input type="radio" name="stars" value={n} defaultChecked={stars === String(n)} />
                <span aria-hidden="true">{"★".repeat(n)}</span>
                <span className="sr-only">{t("rating.starsLabel", { count: n })}</span>
              </label>
            ))}
          </div>
          {failed?.fieldErrors?.stars ? (
            <p className="field-error" role="alert">
              {t(failed.fieldErrors.stars)}
            </p>
          ) : null}
          {failed?.formError ? (
            <p className="field-error" role="alert">
              {t(failed.formError)}
            </p>
          ) : null}
        </fieldset>
        <TextField
          label={t("rating.comment")}
          name="comment"
          defaultValue={failed?.values?.comment ?? props.mine?.comment ?? ""}
          error={failed?.fieldErrors?.comment}
        />
        <button type="submit" className="btn-primary">
          {props.mine ? t("rating.update") : t("rating.save")}
        </button>
      </Form>
    </section>
  );
}
