import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { can } from "~/access/capabilities";
import { requireRoomAccess } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { ActiveTimeCard } from "~/components/engagement/ActiveTimeCard";
import { customerEngagement } from "~/domain/engagement/engagement.server";
import { AlertList } from "~/components/health/AlertList";
import { HealthHistoryChart } from "~/components/health/HealthHistoryChart";
import { HealthScoreCard } from "~/components/health/HealthScoreCard";
import { MeasuresTable } from "~/components/health/MeasuresTable";
import { OverrideCard } from "~/components/health/OverrideCard";
import { PulseCard } from "~/components/health/PulseCard";
import { RatingsList } from "~/components/health/RatingsList";
import { FormError, Notice } from "~/components/ui/Field";
import { useFailure } from "~/components/ui/useFailure";
import {
  acknowledgeAlert,
  clearOverride,
  getHealthPanel,
  OverrideSchema,
  PulseSchema,
  setOverride,
  setPulse,
  snoozeAlert,
  SnoozeSchema,
} from "~/domain/health/health.server";
import { formatDate } from "~/i18n/format";
import { useRootData } from "~/root";
import { answerIntent, on } from "~/web/form-action.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "health.view");
  return {
    ...getHealthPanel(access),
    canManage: can(access.role, "health.manage"),
    // Issue 12: each customer person's active time and active days in 14 days (what presence counts).
    activeTime: can(access.role, "engagement.view")
      ? {
          people: customerEngagement(access.room.id, access.account.timeZone).people,
          timeZone: access.account.timeZone,
        }
      : null,
  };
}

const AlertRef = z.object({ alertId: z.string().min(1) });

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "health.manage");
  const formData = await request.formData();
  return answerIntent(formData, {
    pulse: on(PulseSchema, (i) => setPulse(access, i), "health.notices.pulse"),
    override: on(OverrideSchema, (i) => setOverride(access, i), "health.notices.override"),
    clearOverride: on(z.object({}), () => clearOverride(access), "health.notices.overrideCleared"),
    acknowledge: on(AlertRef, (i) => acknowledgeAlert(access, i.alertId), "health.notices.acknowledged"),
    snooze: on(SnoozeSchema, (i) => snoozeAlert(access, i), "health.notices.snoozed"),
  });
}

export default function HealthPanel() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const panel = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = useFailure();
  return (
    <div className="space-y-6" data-testid="health-panel">
      <h2 className="sr-only">{t("health.title")}</h2>
      {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
      <FormError messageKey={result?.ok ? undefined : result?.formError} params={result?.params} />
      <HealthScoreCard panel={panel} />
      {panel.alerts.length ? (
        <section className="card space-y-3" aria-labelledby="health-alerts-title">
          <h3 id="health-alerts-title" className="font-semibold">
            {t("alerts.title")}
          </h3>
          <AlertList alerts={panel.alerts} canManage={panel.canManage} failed={failure} />
        </section>
      ) : null}
      <MeasuresTable health={panel.result} state={panel.state} />
      {panel.activeTime ? (
        <ActiveTimeCard people={panel.activeTime.people} timeZone={panel.activeTime.timeZone} />
      ) : null}
      <section className="card space-y-3" aria-labelledby="health-history-title">
        <h3 id="health-history-title" className="font-semibold">
          {t("health.history.title")}
        </h3>
        <HealthHistoryChart
          points={panel.history.map((h) => ({ day: h.day, score: h.score }))}
          today={panel.today}
          weeks={panel.historyWeeks}
          thresholds={panel.config.bands}
          formatDay={(day) => formatDate(locale, day)}
        />
      </section>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <PulseCard
          pulse={panel.pulse}
          maxAgeDays={panel.config.pulseMaxAgeDays}
          canManage={panel.canManage}
        />
        <OverrideCard
          override={panel.override}
          maxDays={panel.config.overrideMaxDays}
          canManage={panel.canManage}
        />
      </div>
      <RatingsList ratings={panel.ratings} />
      <p className="text-sm">
        <Link to="/alerts" className="text-brand-700 hover:underline">
          {t("alerts.inboxLink")}
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
