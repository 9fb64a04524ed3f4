import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/ui/Field";
import { formatTimeZone } from "~/i18n/format";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";
import { echoedList } from "~/utils/action-result";
import { MEETING_TYPES } from "~/vocabulary";

type Person = { id: string; name: string; side: string; title: string | null };

/**
 * Schedule or move a meeting: type, title, date and time in the account's zone, duration, place or video
 * URL, and attendees from the room's team as plain checkboxes (keyboard: Tab and Space).
 */
export function MeetingForm(props: {
  intent: "schedule" | "update";
  team: Person[];
  timeZone: string;
  failed?: ActionResult;
  initial?: {
    type: string;
    title: string;
    date: string;
    time: string;
    durationMinutes: number;
    location: string | null;
    videoUrl: string | null;
    attendeeIds: string[];
    version: number;
  };
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const { failed, initial } = props;
  const v = failed?.values;
  const e = failed?.fieldErrors ?? {};
  const chosen = echoedList(v, "attendeeIds") ?? initial?.attendeeIds ?? [];
  const sides = [
    { side: "vendor", label: t("meetings.form.vendorSide") },
    { side: "customer", label: t("meetings.form.customerSide") },
  ];
  return (
    <Form method="post" className="space-y-4" noValidate>
      <input type="hidden" name="intent" value={props.intent} />
      {initial ? <input type="hidden" name="version" value={initial.version} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t("meetings.form.type")}
          name="type"
          required
          defaultValue={v?.type ?? initial?.type ?? "kickoff"}
          error={e.type}
          options={MEETING_TYPES.map((type) => ({ value: type, label: t(`meetings.types.${type}`) }))}
        />
        <TextField
          label={t("meetings.form.title")}
          name="title"
          hint={t("meetings.form.titleHint")}
          defaultValue={v?.title ?? initial?.title ?? ""}
          error={e.title}
        />
        <TextField
          label={t("meetings.form.date")}
          name="date"
          type="date"
          required
          defaultValue={v?.date ?? initial?.date ?? ""}
          error={e.date}
        />
        <TextField
          label={t("meetings.form.time")}
          name="time"
          type="time"
          required
          hint={t("meetings.form.timeHint", { zone: formatTimeZone(locale, props.timeZone) })}
          defaultValue={v?.time ?? initial?.time ?? "10:00"}
          error={e.time}
        />
        <TextField
          label={t("meetings.form.duration")}
          name="durationMinutes"
          type="number"
          inputMode="numeric"
          required
          defaultValue={v?.durationMinutes ?? String(initial?.durationMinutes ?? 60)}
          error={e.durationMinutes}
        />
        <TextField
          label={t("meetings.form.location")}
          name="location"
          defaultValue={v?.location ?? initial?.location ?? ""}
          error={e.location}
        />
        <div className="sm:col-span-2">
          <TextField
            label={t("meetings.form.videoUrl")}
            name="videoUrl"
            type="url"
            hint={t("meetings.form.videoUrlHint")}
            defaultValue={v?.videoUrl ?? initial?.videoUrl ?? ""}
            error={e.videoUrl}
          />
        </div>
      </div>
      <fieldset aria-describedby="attendees-hint">
        <legend className="label">{t("meetings.form.attendees")}</legend>
        <p id="attendees-hint" className="mb-2 text-xs text-slate-500">
          {t("meetings.form.attendeesHint")}
        </p>
        {props.team.length === 0 ? (
          <p className="text-sm text-slate-600">{t("meetings.form.noTeam")}</p>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          {sides.map(({ side, label }) => {
            const people = props.team.filter((p) => p.side === side);
            if (!people.length) return null;
            return (
              <div key={side}>
                <p className="mb-1 text-sm font-medium text-slate-700">{label}</p>
                <ul className="space-y-1">
                  {people.map((p) => (
                    <li key={p.id}>
                      <label className="flex items-center gap-2 text-sm">
                        <input
                          type="checkbox"
                          name="attendeeIds"
                          value={p.id}
                          defaultChecked={chosen.includes(p.id)}
                          className="h-4 w-4 rounded border-slate-300"
                        />
                        <span>
                          {p.name}
                          {p.title ? <span className="text-slate-500"> · {p.title}</span> : null}
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
        {e.attendeeIds ? (
          <p className="field-error" role="alert">
            {t(e.attendeeIds)}
          </p>
        ) : null}
      </fieldset>
      <button type="submit" className="btn-primary" disabled={props.busy}>
        {props.intent === "schedule" ? t("meetings.form.submit") : t("meetings.form.save")}
      </button>
    </Form>
  );
}
