import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireRoomAccess } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { CheckboxField, FormError, Notice } from "~/components/ui/Field";
import { getMyPreferences, savePreferences } from "~/domain/notifications/preferences.server";
import type { ActionResult } from "~/utils/action-result";
import { parseForm } from "~/utils/forms";

/** An unchecked checkbox is simply absent from the form. */
const checkbox = z
  .literal("on")
  .optional()
  .transform((v) => v === "on");
const PreferencesSchema = z.object({
  milestoneEmails: checkbox,
  reminderEmails: checkbox,
  mentionEmails: checkbox,
});

export function loader({ request, params }: LoaderFunctionArgs) {
  const { room, user } = requireRoomAccess(request, params.roomId, "room.view");
  return { preferences: getMyPreferences(user.id, room.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { room, user } = requireRoomAccess(request, params.roomId, "room.view");
  const parsed = parseForm(PreferencesSchema, await request.formData());
  if (!parsed.ok) return data<ActionResult>({ ok: false, formError: "notifications.invalid" }, 400);
  savePreferences(user.id, room.id, parsed.data);
  return data<ActionResult>({ ok: true, notice: "notifications.saved" });
}

export default function Notifications() {
  const { t } = useTranslation();
  const { preferences } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="card max-w-2xl space-y-4" aria-labelledby="notifications-title">
      <h2 id="notifications-title" className="text-lg font-semibold">
        {t("notifications.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("notifications.intro")}</p>
      {result?.notice ? <Notice>{t(result.notice)}</Notice> : null}
      {result?.formError ? <FormError messageKey={result.formError} /> : null}
      <Form method="post" className="space-y-4" key={JSON.stringify(preferences)}>
        <fieldset className="space-y-4">
          <legend className="sr-only">{t("notifications.legend")}</legend>
          <CheckboxField
            label={t("notifications.milestoneEmails")}
            hint={t("notifications.milestoneEmailsHint")}
            name="milestoneEmails"
            defaultChecked={preferences.milestoneEmails}
          />
          <CheckboxField
            label={t("notifications.reminderEmails")}
            hint={t("notifications.reminderEmailsHint")}
            name="reminderEmails"
            defaultChecked={preferences.reminderEmails}
          />
          <CheckboxField
            label={t("notifications.mentionEmails")}
            hint={t("notifications.mentionEmailsHint")}
            name="mentionEmails"
            defaultChecked={preferences.mentionEmails}
          />
        </fieldset>
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("notifications.save")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
