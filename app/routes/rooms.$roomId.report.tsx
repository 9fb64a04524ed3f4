import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { StatusReportView } from "~/components/reports/StatusReportView";
import { ErrorView } from "~/components/ErrorView";
import { CheckboxField, Field, FormError, Notice, SelectField } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { useFailure } from "~/components/ui/useFailure";
import {
  listSentReports,
  previewReport,
  saveReportIntro,
  saveReportSchedule,
  sendReportNow,
} from "~/domain/reports/reports.server";
import { INTRO_MAX, TIME_OF_DAY } from "~/domain/reports/schedule";
import { formatDate, formatDateTime, formatTimeZone } from "~/i18n/format";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";
import { fields } from "~/utils/forms";
import { answerIntent, on } from "~/web/form-action.server";
import { requireRoomAccess } from "~/web/guards.server";

const IntroSchema = z.object({ intro: fields.optionalText(INTRO_MAX) });
const ScheduleSchema = z.object({
  enabled: fields.checkbox(),
  weekday: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : undefined),
    z
      .number({ error: "validation.choose" })
      .int()
      .min(1, { message: "validation.choose" })
      .max(7, { message: "validation.choose" }),
  ),
  timeOfDay: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().slice(0, 5) : v),
    z.string({ error: "validation.required" }).regex(TIME_OF_DAY, { message: "reports.timeInvalid" }),
  ),
});

export function loader({ request, params }: LoaderFunctionArgs) {
  const { room, account } = requireRoomAccess(request, params.roomId, "reports.send");
  const preview = previewReport(room, account);
  return {
    roomId: room.id,
    timeZone: account.timeZone,
    content: preview.content,
    recipients: preview.recipients.map((r) => ({ name: r.name, email: r.email, locale: r.locale })),
    copyTo: preview.copyTo?.name ?? null,
    schedule: preview.schedule,
    sent: listSentReports(room.id).map((r) => ({ ...r, sentAt: r.sentAt.toISOString() })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { room, account, user } = requireRoomAccess(request, params.roomId, "reports.send");
  const formData = await request.formData();
  return answerIntent(formData, {
    saveIntro: on(IntroSchema, ({ intro }) => saveReportIntro(room.id, intro ?? null), "reports.introSaved"),
    send: on(
      IntroSchema,
      ({ intro }) => sendReportNow(user.id, room, account, intro ?? null),
      (sent) => ({ notice: "reports.sent", params: { count: sent.recipients } }),
    ),
    schedule: on(ScheduleSchema, (input) => saveReportSchedule(room.id, input), "reports.scheduleSaved"),
  });
}

export default function ReportPage() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const { content, recipients, copyTo, schedule, sent, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const failure = useFailure();
  const introFailed = failure("send") ?? failure("saveIntro");
  const scheduleFailed = failure("schedule");
  const root = useRef<HTMLDivElement>(null);
  // After a refused submit, the first error gets the focus (a field, else the form's message).
  useEffect(() => {
    if (!result || result.ok) return;
    const target =
      root.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      root.current?.querySelector<HTMLElement>('[role="alert"]');
    if (target) {
      if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))
        target.setAttribute("tabindex", "-1");
      target.focus();
    }
  }, [result]);
  const weekdays = ["1", "2", "3", "4", "5", "6", "7"].map((d) => ({
    value: d,
    label: t(`reports.weekdays.${d}`),
  }));
  const introValue = introFailed?.values?.intro ?? schedule.nextIntro ?? "";
  return (
    <div ref={root} className="grid gap-6 lg:grid-cols-5">
      <div className="min-w-0 space-y-6 lg:col-span-2">
        <section className="card space-y-4" aria-labelledby="report-send-title">
          <div>
            <h2 id="report-send-title" className="text-lg font-semibold">
              {t("reports.title")}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t("reports.lead")}</p>
          </div>
          {result?.ok && result.notice && result.values?.intent !== "schedule" ? (
            <Notice>{t(result.notice, result.params)}</Notice>
          ) : null}
          {introFailed?.formError ? (
            <FormError messageKey={introFailed.formError} params={introFailed.params} />
          ) : null}
          <div>
            <h3 className="text-sm font-semibold text-slate-800">{t("reports.recipientsTitle")}</h3>
            {recipients.length ? (
              <>
                <ul className="mt-1 space-y-1 text-sm text-slate-700" data-testid="report-recipients">
                  {recipients.map((r) => (
                    <li key={r.email} className="break-words">
                      {r.name} &lt;{r.email}&gt; · {t(`reports.languages.${r.locale}`)}
                    </li>
                  ))}
                </ul>
                <p className="mt-1 text-xs text-slate-500">{t("reports.recipientsHint")}</p>
                {copyTo ? (
                  <p className="mt-1 text-xs text-slate-500">{t("reports.copyTo", { name: copyTo })}</p>
                ) : null}
              </>
            ) : (
              <p className="mt-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                {t("reports.noRecipients")}
              </p>
            )}
          </div>
          <Form
            method="post"
            className="space-y-3"
            key={result?.ok ? `sent-${sent.length}-${schedule.nextIntro ?? ""}` : "intro"}
          >
            <Field
              label={t("reports.introLabel")}
              name="intro"
              hint={t("reports.introHint")}
              error={introFailed?.fieldErrors?.intro}
            >
              {(a) => (
                <textarea {...a} rows={5} maxLength={INTRO_MAX} defaultValue={introValue} className="input" />
              )}
            </Field>
            <div className="flex flex-wrap gap-3">
              <SubmitButton name="intent" value="send" className="btn-primary">
                {t("reports.sendNow")}
              </SubmitButton>
              <SubmitButton name="intent" value="saveIntro" className="btn-secondary">
                {t("reports.saveIntro")}
              </SubmitButton>
            </div>
          </Form>
        </section>

        <section className="card space-y-4" aria-labelledby="report-schedule-title">
          <div>
            <h2 id="report-schedule-title" className="text-lg font-semibold">
              {t("reports.scheduleTitle")}
            </h2>
            <p className="mt-1 text-sm text-slate-600" data-testid="report-schedule-state">
              {schedule.enabled
                ? t("reports.scheduleOn", {
                    weekday: t(`reports.weekdays.${schedule.weekday}`),
                    time: schedule.timeOfDay,
                  })
                : t("reports.scheduleOff")}
            </p>
            {schedule.lastSentOn ? (
              <p className="mt-1 text-xs text-slate-500">
                {t("reports.lastScheduled", { date: formatDate(locale, schedule.lastSentOn) })}
              </p>
            ) : null}
          </div>
          {result?.ok && result.values?.intent === "schedule" && result.notice ? (
            <Notice>{t(result.notice)}</Notice>
          ) : null}
          {scheduleFailed?.formError ? <FormError messageKey={scheduleFailed.formError} /> : null}
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="schedule" />
            <CheckboxField
              name="enabled"
              label={t("reports.scheduleEnabled")}
              defaultChecked={scheduleFailed ? scheduleFailed.values?.enabled === "on" : schedule.enabled}
            />
            <div className="grid gap-3 sm:grid-cols-2">
              <SelectField
                label={t("reports.weekday")}
                name="weekday"
                options={weekdays}
                required
                defaultValue={scheduleFailed?.values?.weekday ?? String(schedule.weekday)}
                error={scheduleFailed?.fieldErrors?.weekday}
              />
              <Field
                label={t("reports.time")}
                name="timeOfDay"
                required
                hint={t("reports.scheduleHint", { zone: formatTimeZone(locale, timeZone) })}
                error={scheduleFailed?.fieldErrors?.timeOfDay}
              >
                {(a) => (
                  <input
                    {...a}
                    type="time"
                    step={60}
                    defaultValue={scheduleFailed?.values?.timeOfDay ?? schedule.timeOfDay}
                    className="input"
                  />
                )}
              </Field>
            </div>
            <SubmitButton className="btn-secondary">{t("reports.saveSchedule")}</SubmitButton>
          </Form>
        </section>

        <section className="card space-y-3" aria-labelledby="report-sent-title">
          <h2 id="report-sent-title" className="text-lg font-semibold">
            {t("reports.sentTitle")}
          </h2>
          {sent.length ? (
            <ul className="space-y-2" data-testid="sent-reports">
              {sent.map((r) => {
                const period = t("reports.sentPeriod", {
                  start: formatDate(locale, r.periodStart),
                  end: formatDate(locale, r.periodEnd),
                });
                return (
                  <li key={r.id} className="text-sm">
                    <Link
                      to={`../reports/${r.id}`}
                      relative="path"
                      className="font-medium text-brand-700 underline"
                      aria-label={t("reports.openPrintable", { period })}
                    >
                      {period}
                    </Link>
                    <p className="text-slate-600">
                      {t("reports.sentMeta", {
                        at: formatDateTime(locale, r.sentAt, timeZone),
                        count: r.recipientCount,
                        by: r.sentByName ?? t("reports.bySchedule"),
                      })}
                    </p>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">{t("reports.sentEmpty")}</p>
          )}
        </section>
      </div>

      <section
        className="card min-w-0 space-y-4 lg:col-span-3"
        aria-labelledby="report-preview-title"
        data-testid="report-preview"
      >
        <div>
          <h2 id="report-preview-title" className="text-lg font-semibold">
            {t("reports.previewTitle")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("reports.previewHint")}</p>
        </div>
        <StatusReportView content={content} headingLevel={3} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
