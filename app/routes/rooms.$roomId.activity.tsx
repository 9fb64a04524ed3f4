import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireRoomAccess } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { Pagination } from "~/components/ui/Pagination";
import { listActivity } from "~/domain/activity/activity.server";
import { ACTIVITY_KINDS, describeEvent } from "~/domain/activity/sentences";
import { formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";

const QuerySchema = z.object({
  kind: z.enum(ACTIVITY_KINDS).catch("all"),
  page: z.coerce.number().int().min(1).catch(1),
});

export function loader({ request, params }: LoaderFunctionArgs) {
  const { room, account, role } = requireRoomAccess(request, params.roomId, "room.view");
  const url = new URL(request.url);
  const query = QuerySchema.parse({
    kind: url.searchParams.get("kind") ?? undefined,
    page: url.searchParams.get("page") ?? undefined,
  });
  return { ...listActivity({ room, role }, query), kind: query.kind, timeZone: account.timeZone };
}

export default function Activity() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const d = useLoaderData<typeof loader>();
  return (
    <section className="space-y-4" aria-labelledby="activity-title">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h2 id="activity-title" className="text-lg font-semibold">
          {t("activity.title")}
        </h2>
        <Form method="get" className="flex items-end gap-2">
          <div>
            <label htmlFor="activity-kind" className="label">
              {t("activity.filterLabel")}
            </label>
            <select id="activity-kind" name="kind" defaultValue={d.kind} className="input">
              {ACTIVITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`activity.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            {t("activity.filter")}
          </button>
        </Form>
        <Link to="../notifications" relative="path" className="text-sm text-brand-700 underline">
          {t("activity.notificationSettings")}
        </Link>
      </div>
      {d.events.length === 0 ? (
        <div className="card text-sm text-slate-600" data-testid="activity-empty">
          {t(d.kind === "all" ? "activity.empty" : "activity.emptyFiltered")}
        </div>
      ) : (
        <ol
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
          data-testid="activity-list"
        >
          {d.events.map((e) => (
            <li key={e.id} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3">
              <p className="min-w-0 flex-1 text-sm text-slate-800 wrap-anywhere">
                {describeEvent(e, t, locale)}
              </p>
              <time dateTime={e.at} className="text-xs text-slate-500">
                {formatDateTime(locale, e.at, d.timeZone)}
              </time>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={d.page} pageCount={d.pageCount} params={d.kind === "all" ? {} : { kind: d.kind }} />
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
