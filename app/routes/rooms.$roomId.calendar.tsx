import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { requireRoomAccess } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { Notice } from "~/components/ui/Field";
import { createFeed, getActiveFeed, revokeFeed } from "~/domain/calendar/feeds.server";
import { formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import { env } from "~/utils/env.server";
import { answerIntent, on } from "~/web/form-action.server";
import { z } from "zod";

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.view");
  const feed = getActiveFeed(access);
  return {
    feedCreatedAt: feed ? feed.createdAt.toISOString() : null,
    timeZone: access.account.timeZone,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.view");
  return answerIntent(
    await request.formData(),
    {
      revoke: on(z.object({}), () => revokeFeed(access), "calendar.revoked"),
      // The new feed's address is shown once, beside the notice.
      create: on(
        z.object({}),
        () => createFeed(access),
        (token) => ({
          notice: "calendar.created",
          params: { url: `${env().APP_URL}/calendar/${token}/feed.ics` },
        }),
      ),
    },
    "calendar.unknownAction",
  );
}

function CopyButton({ text }: { text: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="btn-secondary"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true));
      }}
    >
      {copied ? t("calendar.copied") : t("calendar.copy")}
    </button>
  );
}

export default function CalendarFeed() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const shown = result?.ok ? result.params?.url : undefined;
  const url = typeof shown === "string" ? shown : undefined;
  return (
    <section className="card max-w-3xl space-y-4" aria-labelledby="calendar-title">
      <h2 id="calendar-title" className="text-lg font-semibold">
        {t("calendar.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("calendar.intro")}</p>
      {result ? (
        result.ok ? (
          <Notice>{t(result.notice ?? "")}</Notice>
        ) : (
          <p role="alert" className="field-error">
            {t(result.formError ?? "errors.unexpected", result.params)}
          </p>
        )
      ) : null}
      {url ? (
        <div className="space-y-2">
          <label htmlFor="feed-url" className="label">
            {t("calendar.urlLabel")}
          </label>
          <div className="flex flex-wrap gap-2">
            <input
              id="feed-url"
              className="input min-w-0 flex-1 font-mono text-sm"
              readOnly
              value={url}
              aria-describedby="feed-url-hint"
              data-testid="feed-url"
            />
            <CopyButton text={url} />
          </div>
          <p id="feed-url-hint" className="text-xs text-slate-500">
            {t("calendar.urlHint")}
          </p>
        </div>
      ) : d.feedCreatedAt ? (
        <p className="text-sm">
          {t("calendar.active", { date: formatDateTime(locale, d.feedCreatedAt, d.timeZone) })}
        </p>
      ) : (
        <p className="text-sm text-slate-600">{t("calendar.none")}</p>
      )}
      <div className="flex flex-wrap gap-3">
        <Form method="post">
          <input type="hidden" name="intent" value="create" />
          <button type="submit" className="btn-primary" disabled={busy}>
            {d.feedCreatedAt || url ? t("calendar.regenerate") : t("calendar.create")}
          </button>
        </Form>
        {d.feedCreatedAt || url ? (
          <Form method="post">
            <input type="hidden" name="intent" value="revoke" />
            <button type="submit" className="btn-danger" disabled={busy}>
              {t("calendar.revoke")}
            </button>
          </Form>
        ) : null}
      </div>
      {d.feedCreatedAt || url ? (
        <p className="text-xs text-slate-500">{t("calendar.regenerateHint")}</p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
