import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorView } from "~/components/ErrorView";
import { FormError, Notice, TextField } from "~/components/ui/Field";
import { ImageUpload } from "~/components/ui/ImageUpload";
import { getBrand } from "~/domain/workspace/brand.server";
import {
  getWorkspaceSettings,
  removeWorkspaceLogo,
  updateWorkspaceSettings,
  uploadWorkspaceLogo,
} from "~/domain/workspace/settings.server";
import { pageTitle } from "~/i18n/page-title.server";
import { HEX_COLOR, MIN_CONTRAST, passesWhiteText, whiteTextContrast } from "~/utils/contrast";
import { fields } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/page-title";
import { answerIntent, on } from "~/web/form-action.server";
import { requireStaff } from "~/web/guards.server";
import { readUploadForm, uploadedFile } from "~/web/uploads.server";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = requireStaff(request, "workspace.configure");
  return {
    settings: getWorkspaceSettings(),
    logoUrl: getBrand().logoUrl,
    pageTitle: await pageTitle(request, admin, "settings.title"),
  };
}

const SettingsSchema = z.object({
  companyName: fields.requiredText(100),
  brandColor: z.preprocess(
    (v) => (typeof v === "string" && v.trim() ? v.trim() : undefined),
    z.string().regex(HEX_COLOR, { message: "settings.colorFormat" }).optional(),
  ),
  emailSenderName: fields.optionalText(100),
});
const Empty = z.object({});

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireStaff(request, "workspace.configure");
  const formData = await readUploadForm(request);
  if (!(formData instanceof FormData)) return formData;
  return answerIntent(formData, {
    save: on(
      SettingsSchema,
      (i) =>
        updateWorkspaceSettings(admin, {
          companyName: i.companyName,
          brandColor: i.brandColor ?? null,
          emailSenderName: i.emailSenderName ?? null,
        }),
      "settings.saved",
    ),
    logo: on(Empty, async () => uploadWorkspaceLogo(admin, await uploadedFile(formData)), "brand.logoSaved"),
    removeLogo: on(Empty, () => removeWorkspaceLogo(admin), "brand.logoRemoved"),
  });
}

export default function WorkspaceSettings() {
  const { t } = useTranslation();
  const { settings, logoUrl } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const mine = result?.values?.intent === "save" ? result : undefined;
  const v = mine && !mine.ok ? (mine.values ?? {}) : {};
  const e = mine?.fieldErrors ?? {};
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("settings.title")}</h1>
        <p className="mt-1 text-slate-600">{t("settings.intro")}</p>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <section className="card space-y-4 lg:col-span-2" aria-labelledby="brand-title">
          <h2 id="brand-title" className="text-lg font-semibold">
            {t("settings.brandTitle")}
          </h2>
          {mine?.ok && mine.notice ? <Notice>{t(mine.notice)}</Notice> : null}
          {mine?.formError ? <FormError messageKey={mine.formError} /> : null}
          <Form method="post" className="space-y-4" noValidate>
            <input type="hidden" name="intent" value="save" />
            <TextField
              label={t("settings.companyName")}
              name="companyName"
              defaultValue={v.companyName ?? settings.companyName}
              hint={t("settings.companyNameHint")}
              error={e.companyName}
              autoComplete="organization"
              required
            />
            <BrandColorField defaultValue={v.brandColor ?? settings.brandColor ?? ""} error={e.brandColor} />
            <TextField
              label={t("settings.senderName")}
              name="emailSenderName"
              defaultValue={v.emailSenderName ?? settings.emailSenderName}
              hint={t("settings.senderNameHint")}
              error={e.emailSenderName}
            />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("settings.save")}
            </button>
          </Form>
        </section>
        <ImageUpload
          title={t("settings.logoTitle")}
          kind="org"
          name={settings.companyName || "Launchroom"}
          currentUrl={logoUrl}
          uploadIntent="logo"
          removeIntent="removeLogo"
          result={result}
        />
      </div>
    </div>
  );
}

/** The colour as #rrggbb with a live preview of a button in it and its contrast with white text. */
function BrandColorField({ defaultValue, error }: { defaultValue: string; error?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState(defaultValue);
  const valid = HEX_COLOR.test(value);
  const ratio = valid ? whiteTextContrast(value) : null;
  const passes = valid && passesWhiteText(value);
  const describedBy = [`${id}-hint`, `${id}-ratio`, error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={id} className="label">
        {t("settings.brandColor")}
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <input
          id={id}
          name="brandColor"
          value={value}
          onChange={(event) => setValue(event.target.value.trim())}
          placeholder="#1f5fbf"
          maxLength={7}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className="input max-w-40 font-mono"
        />
        {valid ? (
          <span
            className="inline-flex items-center rounded-md px-4 py-2 text-sm font-semibold text-white"
            style={{ backgroundColor: value }}
          >
            {t("settings.preview")}
          </span>
        ) : null}
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {t("settings.brandColorHint", { min: MIN_CONTRAST })}
      </p>
      <p id={`${id}-ratio`} className={`mt-1 text-sm ${passes ? "text-slate-700" : "text-red-700"}`}>
        {ratio !== null
          ? t(passes ? "settings.ratioPasses" : "settings.ratioFails", {
              ratio: ratio.toFixed(2),
              min: MIN_CONTRAST,
            })
          : t("settings.ratioDefault")}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
