import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireRoomAccess } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { RichTextField } from "~/components/richtext/RichTextField";
import { WelcomeNote } from "~/components/room/WelcomeNote";
import { FormError, Notice } from "~/components/ui/Field";
import { readRichTextBody, richTextBody } from "~/domain/richtext/richtext";
import { getWelcomeNote, saveWelcomeNote, templateWelcome } from "~/domain/welcome/welcome.server";
import { resolveLocale } from "~/i18n/i18n.server";
import type { ActionResult } from "~/utils/action-result";
import { answerIntent, on } from "~/web/form-action.server";

/** The note from the editor (bodyJson) or, without JavaScript, from the textarea (bodyText). */
const SaveSchema = z.object(richTextBody()).transform((input, ctx) => readRichTextBody(input, ctx));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.editWelcome");
  const locale = await resolveLocale(request, access.user.locale);
  const current = getWelcomeNote(access.room, locale);
  return {
    /** The room's own note, which the editor starts from (the template default when there is none). */
    editing: current?.doc ?? null,
    current: current ? { doc: current.doc, source: current.source, lang: current.locale } : null,
    hasOwn: current?.source === "room",
    hasTemplateDefault: !!templateWelcome(access.room.planTemplateId, locale),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.editWelcome");
  const formData = await request.formData();
  return answerIntent(formData, {
    save: on(SaveSchema, (doc) => saveWelcomeNote(access.user.id, access, doc), "welcome.saved", {
      invalid: "welcome.invalid",
    }),
    reset: on(z.object({}), () => saveWelcomeNote(access.user.id, access, null), "welcome.resetDone"),
  });
}

export default function WelcomeEdit() {
  const { t } = useTranslation();
  const { editing, current, hasOwn, hasTemplateDefault } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state !== "idle";
  const failed = result && !result.ok && result.values?.intent === "save" ? result : undefined;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section className="card min-w-0 space-y-4" aria-labelledby="welcome-edit-title">
        <div>
          <h2 id="welcome-edit-title" className="text-lg font-semibold">
            {t("welcome.editTitle")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("welcome.editIntro")}</p>
        </div>
        {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
        {failed?.formError ? <FormError messageKey={failed.formError} /> : null}
        {/* A key per saved version: after a save or reset the editor starts again from what is stored. */}
        <Form method="post" className="space-y-4" key={result?.ok ? JSON.stringify(editing) : "form"}>
          <input type="hidden" name="intent" value="save" />
          <RichTextField
            label={t("welcome.bodyLabel")}
            hint={t("welcome.bodyHint")}
            value={editing}
            error={failed?.fieldErrors?.body}
            echoed={failed?.values}
          />
          <div className="flex flex-wrap gap-3">
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("welcome.save")}
            </button>
            <Link to=".." relative="path" className="btn-secondary">
              {t("welcome.backToOverview")}
            </Link>
          </div>
        </Form>
        {hasOwn && hasTemplateDefault ? (
          <Form method="post" className="border-t border-slate-200 pt-4">
            <input type="hidden" name="intent" value="reset" />
            <p className="mb-2 text-sm text-slate-600">{t("welcome.resetHint")}</p>
            <button type="submit" className="btn-secondary" disabled={busy}>
              {t("welcome.reset")}
            </button>
          </Form>
        ) : null}
      </section>
      <div className="min-w-0 space-y-2">
        <p className="text-sm font-medium text-slate-700">{t("welcome.previewLabel")}</p>
        {current ? (
          <WelcomeNote note={current} />
        ) : (
          <p className="card text-sm text-slate-600">{t("welcome.previewEmpty")}</p>
        )}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
