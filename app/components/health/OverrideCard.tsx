import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/ui/Field";
import { useFailure } from "~/components/ui/useFailure";
import { OVERRIDE_DEFAULT_DAYS } from "~/domain/health/model";
import { formatDate } from "~/i18n/format";
import { useRootData } from "~/root";
import type { HealthPanelData } from "./panel-types";

/** The active manual override (with a button to clear it), and the form to set one. */
export function OverrideCard(props: {
  override: HealthPanelData["override"];
  maxDays: number;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const busy = useNavigation().state !== "idle";
  const { override } = props;
  return (
    <section className="card space-y-3" aria-labelledby="override-title">
      <h3 id="override-title" className="font-semibold">
        {t("health.override.title")}
      </h3>
      {override ? (
        <div className="space-y-2 text-sm" data-testid="health-override">
          <p>
            {t("health.override.active", {
              value:
                override.band && override.score != null
                  ? `${t(`health.bands.${override.band}`)} ${override.score}`
                  : override.band
                    ? t(`health.bands.${override.band}`)
                    : override.score,
              until: formatDate(locale, override.expiresOn),
              name: override.by,
            })}
          </p>
          <p className="text-slate-700">{override.reason}</p>
          {props.canManage ? (
            <Form method="post">
              <input type="hidden" name="intent" value="clearOverride" />
              <button type="submit" className="btn-secondary" disabled={busy}>
                {t("health.override.clear")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-slate-600">{t("health.override.none")}</p>
      )}
      {props.canManage ? <OverrideForm maxDays={props.maxDays} /> : null}
    </section>
  );
}

export function OverrideForm({ maxDays }: { maxDays: number }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const failed = useFailure()("override");
  const values = failed?.values ?? {};
  const errors = failed?.fieldErrors ?? {};
  return (
    <Form method="post" className="space-y-3" noValidate>
      <input type="hidden" name="intent" value="override" />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t("health.override.band")}
          name="band"
          defaultValue={values.band ?? ""}
          error={errors.band}
          options={[
            { value: "", label: t("health.override.noBand") },
            ...(["green", "yellow", "red"] as const).map((b) => ({
              value: b,
              label: t(`health.bands.${b}`),
            })),
          ]}
        />
        <TextField
          label={t("health.override.score")}
          name="score"
          inputMode="numeric"
          defaultValue={values.score}
          error={errors.score}
          hint={t("health.override.scoreHint")}
        />
      </div>
      <TextField
        label={t("health.override.reason")}
        name="reason"
        required
        defaultValue={values.reason}
        error={errors.reason}
      />
      <TextField
        label={t("health.override.days")}
        name="days"
        inputMode="numeric"
        required
        defaultValue={values.days ?? String(OVERRIDE_DEFAULT_DAYS)}
        error={errors.days}
        hint={t("health.override.daysHint", { max: maxDays })}
      />
      <button type="submit" className="btn-secondary" disabled={busy}>
        {t("health.override.save")}
      </button>
    </Form>
  );
}
