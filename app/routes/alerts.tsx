import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { staffCan } from "~/access/capabilities";
import { requireRoomAccess, requireStaff } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { AlertList } from "~/components/health/AlertList";
import { FormError, Notice } from "~/components/ui/Field";
import { HandoffInbox } from "~/components/handoffs/HandoffInbox";
import { listHandoffInbox } from "~/domain/handoffs/handoffs.server";
import { acknowledgeAlert, listAlertInbox, snoozeAlert, SnoozeSchema } from "~/domain/health/health.server";
import { ALERT_FILTERS, type AlertFilter } from "~/domain/health/model";
import { formValues, type ActionResult } from "~/utils/action-result";
import { answerIntent, on } from "~/web/form-action.server";
import { pageTitle } from "~/i18n/page-title.server";
import { pageTitleMeta } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

function readFilters(url: URL): { filter: AlertFilter; mineOnly: boolean } {
  const filter = url.searchParams.get("filter");
  return {
    filter: (ALERT_FILTERS as readonly string[]).includes(filter ?? "") ? (filter as AlertFilter) : "open",
    mineOnly: url.searchParams.get("scope") === "mine",
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = requireStaff(request, "alerts.view");
  const filters = readFilters(new URL(request.url));
  // Without alerts.viewAll one sees the accounts one runs; with it, one chooses between all and those.
  const canViewAll = staffCan(actor.staffRole, "alerts.viewAll");
  const mineOnly = !canViewAll || filters.mineOnly;
  return {
    alerts: listAlertInbox(actor, { filter: filters.filter, mineOnly }),
    handoffs: listHandoffInbox(actor, mineOnly),
    filter: filters.filter,
    mineOnly,
    canViewAll,
    pageTitle: await pageTitle(request, actor, "alerts.title"),
  };
}

const Target = z.object({ roomId: z.string().min(1), alertId: z.string().min(1) });

export async function action({ request }: ActionFunctionArgs) {
  requireStaff(request, "alerts.view");
  const formData = await request.formData();
  const values = formValues(formData);
  const target = Target.safeParse(Object.fromEntries(formData));
  if (!target.success) return data<ActionResult>({ ok: false, formError: "errors.badRequest", values }, 400);
  // The room guard decides: 404 for a room the user cannot see, 403 without health.manage.
  const access = requireRoomAccess(request, target.data.roomId, "health.manage");
  return answerIntent(formData, {
    acknowledge: on(
      z.object({}),
      () => acknowledgeAlert(access, target.data.alertId),
      "health.notices.acknowledged",
    ),
    snooze: on(SnoozeSchema, (i) => snoozeAlert(access, i), "health.notices.snoozed"),
  });
}

export default function AlertInbox() {
  const { t } = useTranslation();
  const { alerts, handoffs, filter, mineOnly, canViewAll } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const failed = (intent: string) =>
    result && !result.ok && result.values?.intent === intent ? result : undefined;
  const link = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) p.set(k, v);
    return `?${p.toString()}`;
  };
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("alerts.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("alerts.intro")}</p>
      </div>
      <HandoffInbox items={handoffs} />
      {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
      <FormError messageKey={result?.ok ? undefined : result?.formError} />
      <nav aria-label={t("alerts.filterLabel")} className="flex flex-wrap gap-2">
        {ALERT_FILTERS.map((f) => (
          <Link
            key={f}
            to={link({ filter: f })}
            aria-current={f === filter ? "page" : undefined}
            className={f === filter ? "btn-primary" : "btn-secondary"}
          >
            {t(`alerts.filters.${f}`)}
          </Link>
        ))}
        {canViewAll ? (
          <Form method="get" className="ml-auto flex items-center gap-2">
            <input type="hidden" name="filter" value={filter} />
            <label htmlFor="alert-scope" className="text-sm text-slate-700">
              {t("alerts.scope")}
            </label>
            <select
              id="alert-scope"
              name="scope"
              defaultValue={mineOnly ? "mine" : "all"}
              className="input w-auto"
            >
              <option value="all">{t("alerts.scopes.all")}</option>
              <option value="mine">{t("alerts.scopes.mine")}</option>
            </select>
            <button type="submit" className="btn-secondary">
              {t("actions.apply")}
            </button>
          </Form>
        ) : null}
      </nav>
      {alerts.length ? (
        <AlertList alerts={alerts} canManage failed={failed} />
      ) : (
        <div className="card text-center text-sm text-slate-600" data-testid="alerts-empty">
          {t(`alerts.empty.${filter}`)}
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
