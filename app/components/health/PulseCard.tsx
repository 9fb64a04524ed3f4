import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/ui/Field";
import { useFailure } from "~/components/ui/useFailure";
import { PULSES } from "~/domain/health/model";
import { formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import { HealthBadge } from "./HealthBadges";
import type { HealthPanelData } from "./panel-types";

/** The CSM's latest pulse, and the form to set a new one for those who manage health. */
export function PulseCard(props: {
  pulse: HealthPanelData["pulse"];
  maxAgeDays: number;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const { pulse } = props;
  return (
    <section className="card space-y-3" aria-labelledby="pulse-title">
      <h3 id="pulse-title" className="font-semibold">
        {t("health.pulse.title")}
      </h3>
      {pulse ? (
        <p className="text-sm" data-testid="health-pulse">
          <HealthBadge band={pulse.value} score={null} label={t(`health.pulse.values.${pulse.value}`)} />{" "}
          {t("health.pulse.setBy", { name: pulse.by, at: formatDateTime(locale, pulse.at) })}
          <span className="mt-1 block text-slate-700">{pulse.comment}</span>
        </p>
      ) : (
        <p className="text-sm text-slate-600">{t("health.pulse.none", { days: props.maxAgeDays })}</p>
      )}
      {props.canManage ? (
        // Keyed by the saved pulse so the form starts empty again after a save.
        <PulseForm key={pulse?.at ?? "none"} current={pulse?.value} />
      ) : null}
    </section>
  );
}

export function PulseForm({ current }: { current?: string }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const failed = useFailure()("pulse");
  const errors = failed?.fieldErrors ?? {};
  return (
    <Form method="post" className="space-y-3" noValidate>
      <input type="hidden" name="intent" value="pulse" />
      <fieldset>
        <legend className="label">{t("health.pulse.value")}</legend>
        <div className="flex flex-wrap gap-4">
          {PULSES.map((p) => (
            <label key={p} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="value"
                value={p}
                defaultChecked={(failed?.values?.value ?? current) === p}
              />
              {t(`health.pulse.values.${p}`)}
            </label>
          ))}
        </div>
        {errors.value ? (
          <p className="field-error" role="alert">
            {t(errors.value)}
          </p>
        ) : null}
      </fieldset>
      <TextField
        label={t("health.pulse.comment")}
        name="comment"
        required
        defaultValue={failed?.values?.comment ?? ""}
        error={errors.comment}
      />
      <button type="submit" className="btn-primary" disabled={busy}>
        {t("health.pulse.save")}
      </button>
    </Form>
  );
}
