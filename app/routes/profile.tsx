import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorView } from "~/components/ErrorView";
import { FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import { ImageUpload } from "~/components/ui/ImageUpload";
import { getProfile, removeAvatar, updateProfile, uploadAvatar } from "~/domain/users/profile.server";
import { pageTitle } from "~/i18n/page-title.server";
import { notFound } from "~/utils/errors";
import { fields } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/page-title";
import { LOCALES } from "~/vocabulary";
import { answerIntent, on } from "~/web/form-action.server";
import { requireUser } from "~/web/guards.server";
import { readUploadForm, uploadedFile } from "~/web/uploads.server";
import { throwHttp } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const profile = getProfile(user.id);
  if (!profile) throwHttp(notFound());
  return { profile, pageTitle: await pageTitle(request, user, "profile.title") };
}

const ProfileSchema = z.object({
  name: fields.requiredText(100),
  jobTitle: fields.optionalText(100),
  phone: z.preprocess(
    (v) => (typeof v === "string" && v.trim() ? v.trim() : undefined),
    z
      .string()
      .max(40, { message: "validation.tooLong" })
      .regex(/^\+?[0-9 ()\-.]{4,}$/, { message: "profile.phoneFormat" })
      .optional(),
  ),
  bookingUrl: z.preprocess(
    (v) => (typeof v === "string" && v.trim() ? v.trim() : undefined),
    z
      .url({ message: "profile.bookingUrlHttps", protocol: /^https$/ })
      .max(2000, { message: "validation.tooLong" })
      .optional(),
  ),
  locale: fields.enumOf(LOCALES),
});
const Empty = z.object({});

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const formData = await readUploadForm(request);
  if (!(formData instanceof FormData)) return formData;
  return answerIntent(formData, {
    save: on(
      ProfileSchema,
      (i) =>
        updateProfile(user, {
          name: i.name,
          jobTitle: i.jobTitle ?? null,
          phone: i.phone ?? null,
          bookingUrl: i.bookingUrl ?? null,
          locale: i.locale,
        }),
      "profile.saved",
    ),
    photo: on(Empty, async () => uploadAvatar(user, await uploadedFile(formData)), "brand.photoSaved"),
    removePhoto: on(Empty, () => removeAvatar(user), "brand.photoRemoved"),
  });
}

export default function Profile() {
  const { t } = useTranslation();
  const { profile } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const mine = result?.values?.intent === "save" ? result : undefined;
  const v = mine && !mine.ok ? (mine.values ?? {}) : {};
  const e = mine?.fieldErrors ?? {};
  const staff = profile.kind === "staff";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("profile.title")}</h1>
        <p className="mt-1 text-slate-600">{staff ? t("profile.introStaff") : t("profile.introCustomer")}</p>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <section className="card space-y-4 lg:col-span-2" aria-labelledby="details-title">
          <h2 id="details-title" className="text-lg font-semibold">
            {t("profile.detailsTitle")}
          </h2>
          {mine?.ok && mine.notice ? <Notice>{t(mine.notice)}</Notice> : null}
          {mine?.formError ? <FormError messageKey={mine.formError} /> : null}
          <Form method="post" className="space-y-4" noValidate>
            <input type="hidden" name="intent" value="save" />
            <p className="text-sm text-slate-600">
              {t("fields.email")}: <span className="font-medium text-slate-900">{profile.email}</span>
            </p>
            <TextField
              label={t("fields.name")}
              name="name"
              defaultValue={v.name ?? profile.name}
              error={e.name}
              autoComplete="name"
              required
            />
            <TextField
              label={t("profile.jobTitle")}
              name="jobTitle"
              defaultValue={v.jobTitle ?? profile.jobTitle ?? ""}
              error={e.jobTitle}
              autoComplete="organization-title"
            />
            <TextField
              label={t("profile.phone")}
              name="phone"
              type="tel"
              defaultValue={v.phone ?? profile.phone ?? ""}
              error={e.phone}
              hint={t("profile.phoneHint")}
              autoComplete="tel"
            />
            <TextField
              label={t("profile.bookingUrl")}
              name="bookingUrl"
              type="url"
              inputMode="url"
              defaultValue={v.bookingUrl ?? profile.bookingUrl ?? ""}
              error={e.bookingUrl}
              hint={t("profile.bookingUrlHint")}
              placeholder="https://"
            />
            <SelectField
              label={t("profile.language")}
              name="locale"
              defaultValue={v.locale ?? profile.locale ?? "ja"}
              options={LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
              error={e.locale}
              required
            />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("profile.save")}
            </button>
          </Form>
        </section>
        <ImageUpload
          title={t("profile.photoTitle")}
          kind="person"
          name={profile.name}
          currentUrl={profile.photoUrl}
          uploadIntent="photo"
          removeIntent="removePhoto"
          result={result}
        />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
