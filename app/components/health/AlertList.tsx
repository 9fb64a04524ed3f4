import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/ui/Field";
import type { HealthAlertView } from "~/domain/health/health.server";
import { alertText } from "~/domain/health/text";
import { formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";

const SEVERITY_STYLES = {
  critical: "border-red-600 bg-red-50",
  warning: "border-amber-500 bg-amber-50",
} as const;

type Alert = HealthAlertView & {
  roomId?: string;
  roomTitle?: string;
  accountName?: string;
  resolvedAt?: string | null;
};

/**
 * Fuel lamps with what to do about them: open the room at the cause, acknowledge, or snooze with a
 * reason. `action` is the route that handles the forms (the room's health panel or the inbox).
 */
export function AlertList(props: {
  alerts: Alert[];
  canManage: boolean;
  failed: (intent: string) => ActionResult | undefined;
  action?: string;
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const snoozeFailure = props.failed("snooze");
  return (
    <ul className="space-y-3" data-testid="alert-list">
      {props.alerts.map((a) => {
        const errors = snoozeFailure?.values?.alertId === a.id ? snoozeFailure.fieldErrors : undefined;
        const cause = causeLink(a);
        return (
          <li
            key={a.id}
            className={`rounded-md border-l-4 p-3 ${SEVERITY_STYLES[a.severity]}`}
            data-rule={a.rule}
            data-severity={a.severity}
          >
            <p className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
              {t(`alerts.severity.${a.severity}`)} · {t(`alerts.ruleNames.${a.rule}`)}
              {a.accountName ? ` · ${a.accountName} / ${a.roomTitle}` : ""}
            </p>
            <p className="mt-1 text-sm text-slate-900">{alertText(t, locale, a.rule, a.facts)}</p>
            <p className="mt-1 text-xs text-slate-600">
              {t("alerts.openedAt", { at: formatDateTime(locale, a.openedAt) })}
              {a.acknowledgedAt
                ? ` · ${t("alerts.acknowledgedAt", { at: formatDateTime(locale, a.acknowledgedAt) })}`
                : ""}
              {a.snoozedUntil && new Date(a.snoozedUntil) > new Date()
                ? ` · ${t("alerts.snoozedUntil", { at: formatDateTime(locale, a.snoozedUntil), reason: a.snoozeReason })}`
                : ""}
              {a.resolvedAt
                ? ` · ${t("alerts.resolvedAt", { at: formatDateTime(locale, a.resolvedAt) })}`
                : ""}
            </p>
            <div className="mt-2 flex flex-wrap items-start gap-3">
              {a.roomId && cause ? (
                <Link to={`/rooms/${a.roomId}/${cause}`} className="btn-secondary">
                  {t("alerts.openCause")}
                </Link>
              ) : null}
              {props.canManage && !a.resolvedAt ? (
                <>
                  {!a.acknowledgedAt ? (
                    <Form method="post" action={props.action}>
                      <input type="hidden" name="intent" value="acknowledge" />
                      <input type="hidden" name="alertId" value={a.id} />
                      {a.roomId ? <input type="hidden" name="roomId" value={a.roomId} /> : null}
                      <button type="submit" className="btn-secondary">
                        {t("alerts.acknowledge")}
                      </button>
                    </Form>
                  ) : null}
                  <details className="min-w-64" open={!!errors}>
                    <summary className="btn-secondary cursor-pointer list-none">{t("alerts.snooze")}</summary>
                    <Form method="post" action={props.action} className="mt-2 space-y-2" noValidate>
                      <input type="hidden" name="intent" value="snooze" />
                      <input type="hidden" name="alertId" value={a.id} />
                      {a.roomId ? <input type="hidden" name="roomId" value={a.roomId} /> : null}
                      <TextField
                        label={t("alerts.snoozeDays")}
                        name="days"
                        inputMode="numeric"
                        required
                        defaultValue={
                          snoozeFailure?.values?.alertId === a.id ? snoozeFailure.values.days : "7"
                        }
                        error={errors?.days}
                      />
                      <TextField
                        label={t("alerts.snoozeReason")}
                        name="reason"
                        required
                        defaultValue={
                          snoozeFailure?.values?.alertId === a.id ? snoozeFailure.values.reason : ""
                        }
                        error={errors?.reason}
                      />
                      <button type="submit" className="btn-primary">
                        {t("alerts.snoozeSave")}
                      </button>
                    </Form>
                  </details>
                </>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Where in the room the cause of an alert lives. */
function causeLink(a: Alert): string | null {
  const facts = a.facts as Record<string, unknown>;
  if (typeof facts.milestoneId === "string") return `milestones/${facts.milestoneId}`;
  if (typeof facts.taskId === "string") return `tasks/${facts.taskId}`;
  switch (a.rule) {
    case "customerInactive":
      return "members";
    case "sponsorInactive":
      return "stakeholders";
    case "planHygiene":
      return "plan";
    case "goalAtRisk":
      return "goals";
    case "customerTasksOverdue":
      return "plan?filter=overdue";
    default:
      return "health";
  }
}
