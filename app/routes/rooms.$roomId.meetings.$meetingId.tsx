import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/access/capabilities";
import { ErrorView } from "~/components/ErrorView";
import { MeetingForm } from "~/components/meetings/MeetingForm";
import { RichTextView } from "~/components/meetings/RichTextView";
import { RichTextField } from "~/components/richtext/RichTextField";
import { FormError, Notice } from "~/components/ui/Field";
import { useAddFormKey, useFailure } from "~/components/ui/useFailure";
import {
  addActionItem,
  addDecision,
  cancelMeeting,
  getMeeting,
  makeTaskFromActionItem,
  moveDecision,
  NotesConflict,
  recordAttendance,
  removeActionItem,
  removeDecision,
  saveNotes,
  setActionItemDone,
  updateMeeting,
} from "~/domain/meetings/meetings.server";
import { meetingForms } from "~/domain/meetings/schemas";
import { seesInternal } from "~/domain/plan/plan.server";
import type { RichTextDoc } from "~/domain/richtext/richtext";
import { formatDate, formatDateTime, formatTimeZone } from "~/i18n/format";
import { useRootData } from "~/root";
import { formValues, type ActionResult } from "~/utils/action-result";
import { parseForm } from "~/utils/forms";
import { formFailure, orStatusPage, runAction } from "~/utils/http.server";
import { answerIntent, on } from "~/web/form-action.server";
import { sendMinutesForm } from "~/web/meeting-mail.server";
import { requireRoomAccess } from "~/web/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.meeting.title} · Launchroom` : "Launchroom" },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "room.view");
  const detail = orStatusPage(() => getMeeting(access, params.meetingId ?? ""));
  return {
    ...detail,
    roomId: access.room.id,
    canEdit: can(access.role, "meetings.edit"),
    seesInternal: seesInternal(access.role),
    started: new Date(detail.meeting.startsAt).getTime() <= Date.now(),
  };
}

type Conflict = NotesConflict["current"];
type MeetingResult = ActionResult & { conflict?: Conflict };

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "meetings.edit");
  const meetingId = params.meetingId ?? "";
  const formData = await request.formData();
  if (formData.get("intent") === "notes") return saveNotesAction(access, meetingId, formData);
  return answerIntent(formData, {
    update: on(
      meetingForms.update,
      ({ version, ...input }) => updateMeeting(access, meetingId, { ...input, version }),
      "meetings.updated",
      { invalid: "meetings.form.invalid" },
    ),
    cancel: on(
      meetingForms.cancel,
      ({ version }) => cancelMeeting(access, meetingId, version),
      "meetings.cancelled",
    ),
    addDecision: on(
      meetingForms.addDecision,
      ({ text }) => addDecision(access, meetingId, text),
      "meetings.decisions.added",
    ),
    removeDecision: on(
      meetingForms.decision,
      ({ decisionId }) => removeDecision(access, meetingId, decisionId),
      "meetings.decisions.removed",
    ),
    moveDecision: on(
      meetingForms.moveDecision,
      ({ decisionId, direction }) => moveDecision(access, meetingId, decisionId, direction),
      "meetings.decisions.moved",
    ),
    addActionItem: on(
      meetingForms.addActionItem,
      (input) => addActionItem(access, meetingId, input),
      "meetings.items.added",
    ),
    itemDone: on(
      meetingForms.actionItem,
      ({ itemId }) => setActionItemDone(access, itemId, true),
      "meetings.items.markedDone",
    ),
    itemReopen: on(
      meetingForms.actionItem,
      ({ itemId }) => setActionItemDone(access, itemId, false),
      "meetings.items.reopened",
    ),
    removeItem: on(
      meetingForms.actionItem,
      ({ itemId }) => removeActionItem(access, itemId),
      "meetings.items.removed",
    ),
    makeTask: on(
      meetingForms.actionItem,
      ({ itemId }) => makeTaskFromActionItem(access, itemId),
      "meetings.items.taskMade",
    ),
    sendMinutes: sendMinutesForm(access, meetingId),
    attendance: on(
      meetingForms.attendance,
      ({ attended }) => recordAttendance(access, meetingId, attended),
      "meetings.attendance.saved",
    ),
  });
}

/** Saving notes: a save from an older version answers 409 with the stored version, and writes nothing. */
async function saveNotesAction(
  access: Parameters<typeof saveNotes>[0],
  meetingId: string,
  formData: FormData,
) {
  const values = formValues(formData);
  const parsed = parseForm(meetingForms.notes, formData);
  if (!parsed.ok)
    return data<MeetingResult>(
      { ok: false, fieldErrors: parsed.fieldErrors, formError: "meetings.form.invalid", values },
      400,
    );
  const result = await runAction(() => {
    try {
      return { saved: saveNotes(access, meetingId, parsed.data) };
    } catch (error) {
      if (error instanceof NotesConflict) return { conflict: error.current };
      throw error;
    }
  });
  if (!result.ok) return formFailure(result, values);
  if ("conflict" in result.value && result.value.conflict)
    return data<MeetingResult>(
      { ok: false, formError: "meetings.notes.conflict", values, conflict: result.value.conflict },
      409,
    );
  return data<MeetingResult>({ ok: true, notice: "meetings.notes.saved", values: { intent: "notes" } });
}

export default function MeetingPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<MeetingResult>();
  const failure = useFailure();
  const locale = useRootData()?.locale ?? "en";
  const busy = useNavigation().state !== "idle";
  const m = d.meeting;
  const cancelled = m.status === "cancelled";
  const generalError =
    result &&
    !result.ok &&
    result.formError &&
    !["notes", "update", "addActionItem", "addDecision"].includes(result.values?.intent ?? "")
      ? result
      : undefined;
  return (
    <div className="space-y-6">
      <section className="card min-w-0 space-y-3" aria-labelledby="meeting-title">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <div className="min-w-0">
            {/* The type, unless the title already says it (the default title is the type). */}
            {m.title !== t(`meetings.types.${m.type}`) ? (
              <p className="text-sm text-slate-600">{t(`meetings.types.${m.type}`)}</p>
            ) : null}
            <h2 id="meeting-title" className="text-lg font-semibold break-words">
              {m.title}
            </h2>
          </div>
          <Link to=".." relative="path" className="text-sm text-brand-700 underline">
            {t("meetings.back")}
          </Link>
        </div>
        {cancelled ? (
          <p className="rounded bg-slate-100 px-3 py-2 text-sm font-medium text-slate-700">
            {t("meetings.isCancelled")}
          </p>
        ) : null}
        {result?.ok && result.notice && result.values?.intent !== "notes" ? (
          <Notice>{t(result.notice, result.params)}</Notice>
        ) : null}
        {generalError ? <FormError messageKey={generalError.formError} params={generalError.params} /> : null}
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium text-slate-700">{t("meetings.detail.when")}</dt>
            <dd data-testid="meeting-when">
              {formatDateTime(locale, m.startsAt, d.timeZone)}{" "}
              <span className="text-slate-500">({formatTimeZone(locale, d.timeZone)})</span>
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-700">{t("meetings.detail.duration")}</dt>
            <dd>{t("meetings.minutes", { count: m.durationMinutes })}</dd>
          </div>
          {m.location ? (
            <div>
              <dt className="font-medium text-slate-700">{t("meetings.detail.place")}</dt>
              <dd className="break-words">{m.location}</dd>
            </div>
          ) : null}
          {m.videoUrl ? (
            <div>
              <dt className="font-medium text-slate-700">{t("meetings.detail.video")}</dt>
              <dd className="break-all">
                <a
                  href={m.videoUrl}
                  rel="noopener noreferrer nofollow"
                  target="_blank"
                  className="text-brand-700 underline"
                >
                  {t("meetings.detail.join")}
                </a>
              </dd>
            </div>
          ) : null}
        </dl>
        <div>
          <h3 className="text-sm font-semibold">{t("meetings.detail.attendees")}</h3>
          {d.attendees.length ? (
            <ul className="mt-1 flex flex-wrap gap-2 text-sm" data-testid="attendees">
              {d.attendees.map((a) => (
                <li key={a.stakeholderId} className="rounded bg-slate-100 px-2 py-0.5">
                  {a.name}
                  {a.attended !== null ? (
                    <span className="text-slate-600">
                      {" "}
                      · {a.attended ? t("meetings.attendance.yes") : t("meetings.attendance.no")}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">{t("meetings.detail.noAttendees")}</p>
          )}
        </div>
        {d.canEdit && !cancelled ? (
          <div className="space-y-3 border-t border-slate-200 pt-3">
            <details open={!!failure("update")}>
              <summary className="cursor-pointer text-sm font-medium text-brand-700">
                {t("meetings.detail.move")}
              </summary>
              <div className="mt-3">
                {failure("update")?.formError ? (
                  <FormError messageKey={failure("update")?.formError} params={failure("update")?.params} />
                ) : null}
                <MeetingForm
                  intent="update"
                  team={d.team}
                  timeZone={d.timeZone}
                  failed={failure("update")}
                  busy={busy}
                  initial={{
                    type: m.type,
                    title: m.title,
                    date: m.date,
                    time: m.time,
                    durationMinutes: m.durationMinutes,
                    location: m.location,
                    videoUrl: m.videoUrl,
                    attendeeIds: d.attendees.map((a) => a.stakeholderId),
                    version: m.version,
                  }}
                />
              </div>
            </details>
            <div className="flex flex-wrap gap-3">
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <input type="hidden" name="version" value={m.version} />
                <button
                  type="submit"
                  className="btn-secondary"
                  disabled={busy}
                  aria-describedby="cancel-hint"
                >
                  {t("meetings.detail.cancel")}
                </button>
                <p id="cancel-hint" className="mt-1 text-xs text-slate-500">
                  {t("meetings.detail.cancelConfirm")}
                </p>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="sendMinutes" />
                <button
                  type="submit"
                  className="btn-secondary"
                  disabled={busy}
                  aria-describedby="minutes-hint"
                >
                  {t("meetings.detail.sendMinutes")}
                </button>
                <p id="minutes-hint" className="mt-1 text-xs text-slate-500">
                  {m.minutesSentAt
                    ? t("meetings.detail.minutesSentAt", {
                        at: formatDateTime(locale, m.minutesSentAt, d.timeZone),
                      })
                    : t("meetings.detail.sendMinutesHint")}
                </p>
              </Form>
            </div>
          </div>
        ) : null}
      </section>

      <Notes />
      <div className="grid gap-6 lg:grid-cols-2">
        <Decisions />
        <ActionItems />
      </div>
      {d.carriedOver.length ? <CarriedOver /> : null}
      {d.canEdit && d.started && !cancelled && d.attendees.length ? <Attendance /> : null}
    </div>
  );
}

function Notes() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<MeetingResult>();
  const locale = useRootData()?.locale ?? "en";
  const busy = useNavigation().state !== "idle";
  const m = d.meeting;
  const notesResult = result?.values?.intent === "notes" ? result : undefined;
  const conflict = notesResult?.conflict;
  const failed = notesResult && !notesResult.ok ? notesResult : undefined;
  const lastSaved =
    m.notesUpdatedAt && m.notesUpdatedBy
      ? t("meetings.notes.lastSaved", {
          at: formatDateTime(locale, m.notesUpdatedAt, d.timeZone),
          name: m.notesUpdatedBy,
        })
      : null;
  if (!d.canEdit)
    return (
      <section className="card min-w-0 space-y-4" aria-labelledby="notes-title">
        <h3 id="notes-title" className="text-base font-semibold">
          {t("meetings.notes.title")}
        </h3>
        {m.sharedNotes ? (
          <RichTextView doc={m.sharedNotes} testId="shared-notes" />
        ) : (
          <p className="text-sm text-slate-600">{t("meetings.notes.empty")}</p>
        )}
        {d.seesInternal && m.internalNotes ? (
          <div className="rounded border border-amber-200 bg-amber-50 p-3">
            <h4 className="text-sm font-semibold">{t("meetings.notes.internal")}</h4>
            <p className="text-xs text-slate-600">{t("meetings.notes.internalHint")}</p>
            <RichTextView doc={m.internalNotes} testId="internal-notes" />
          </div>
        ) : null}
        {lastSaved ? <p className="text-xs text-slate-500">{lastSaved}</p> : null}
      </section>
    );
  // The version the form saves from: theirs after a conflict (saving again keeps mine over theirs).
  const version = conflict?.notesVersion ?? m.notesVersion;
  return (
    <section className="card min-w-0 space-y-4" aria-labelledby="notes-title">
      <h3 id="notes-title" className="text-base font-semibold">
        {t("meetings.notes.title")}
      </h3>
      {notesResult?.ok && notesResult.notice ? <Notice>{t(notesResult.notice)}</Notice> : null}
      {failed?.formError && !conflict ? (
        <FormError messageKey={failed.formError} params={failed.params} />
      ) : null}
      {conflict ? (
        <div
          className="space-y-3 rounded border border-amber-300 bg-amber-50 p-3"
          data-testid="notes-conflict"
        >
          <p role="alert" className="text-sm font-medium text-amber-900">
            {t("meetings.notes.conflict")}
          </p>
          <h4 className="text-sm font-semibold">{t("meetings.notes.theirs")}</h4>
          {conflict.updatedBy ? <p className="text-xs text-slate-600">{conflict.updatedBy}</p> : null}
          <div className="rounded bg-white p-3" data-testid="theirs-shared">
            <p className="text-xs font-medium text-slate-600">{t("meetings.notes.shared")}</p>
            {conflict.sharedNotes ? <RichTextView doc={conflict.sharedNotes as RichTextDoc} /> : null}
          </div>
          <div className="rounded bg-white p-3" data-testid="theirs-internal">
            <p className="text-xs font-medium text-slate-600">{t("meetings.notes.internal")}</p>
            {conflict.internalNotes ? <RichTextView doc={conflict.internalNotes as RichTextDoc} /> : null}
          </div>
          <p className="text-sm">
            {t("meetings.notes.yours")} {t("meetings.notes.editAndSave")}
          </p>
          <Link to="." reloadDocument className="btn-secondary inline-block">
            {t("meetings.notes.keepTheirs")}
          </Link>
        </div>
      ) : null}
      {/* A key per stored version: after a save the editor starts again from what is stored. */}
      <Form method="post" className="space-y-4" key={`notes-${m.notesVersion}-${conflict ? "conflict" : ""}`}>
        <input type="hidden" name="intent" value="notes" />
        <input type="hidden" name="notesVersion" value={version} />
        <RichTextField
          name="shared"
          label={t("meetings.notes.shared")}
          hint={t("meetings.notes.sharedHint")}
          value={m.sharedNotes}
          error={failed?.fieldErrors?.shared}
          echoed={failed?.values}
        />
        <div className="rounded border border-amber-200 bg-amber-50 p-3">
          <RichTextField
            name="internal"
            rows={6}
            label={t("meetings.notes.internal")}
            hint={t("meetings.notes.internalHint")}
            value={m.internalNotes}
            error={failed?.fieldErrors?.internal}
            echoed={failed?.values}
          />
        </div>
        <button type="submit" className="btn-primary" disabled={busy}>
          {conflict ? t("meetings.notes.keepMine") : t("meetings.notes.save")}
        </button>
        {lastSaved ? <p className="text-xs text-slate-500">{lastSaved}</p> : null}
      </Form>
    </section>
  );
}

function Decisions() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const failed = useFailure()("addDecision");
  const addKey = useAddFormKey("addDecision");
  const busy = useNavigation().state !== "idle";
  return (
    <section className="card min-w-0 space-y-3" aria-labelledby="decisions-title">
      <h3 id="decisions-title" className="text-base font-semibold">
        {t("meetings.decisions.title")}
      </h3>
      {d.decisions.length ? (
        <ol className="list-decimal space-y-2 pl-5 text-sm" data-testid="decisions">
          {d.decisions.map((x, i) => (
            <li key={x.id}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <span className="min-w-0 break-words">{x.text}</span>
                {d.canEdit ? (
                  <div className="flex gap-1">
                    {i > 0 ? (
                      <SmallButton
                        intent="moveDecision"
                        fields={{ decisionId: x.id, direction: "up" }}
                        label={t("meetings.decisions.up", { text: x.text })}
                        glyph="↑"
                      />
                    ) : null}
                    {i < d.decisions.length - 1 ? (
                      <SmallButton
                        intent="moveDecision"
                        fields={{ decisionId: x.id, direction: "down" }}
                        label={t("meetings.decisions.down", { text: x.text })}
                        glyph="↓"
                      />
                    ) : null}
                    <SmallButton
                      intent="removeDecision"
                      fields={{ decisionId: x.id }}
                      label={t("meetings.decisions.remove", { text: x.text })}
                      glyph="×"
                    />
                  </div>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-600">{t("meetings.decisions.empty")}</p>
      )}
      {d.canEdit ? (
        <Form method="post" className="flex flex-wrap items-end gap-2" key={addKey}>
          <input type="hidden" name="intent" value="addDecision" />
          <div className="min-w-0 flex-1">
            <label htmlFor="decision-text" className="label">
              {t("meetings.decisions.text")}
            </label>
            <input
              id="decision-text"
              name="text"
              className="input"
              defaultValue={failed?.values?.text ?? ""}
              aria-invalid={failed?.fieldErrors?.text ? true : undefined}
              aria-describedby={failed?.fieldErrors?.text ? "decision-error" : undefined}
            />
            {failed?.fieldErrors?.text ? (
              <p id="decision-error" className="field-error" role="alert">
                {t(failed.fieldErrors.text)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t("meetings.decisions.add")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/** A one-button form whose visible glyph is named by its label (the glyph comes last: WCAG 2.5.3). */
function SmallButton(props: {
  intent: string;
  fields: Record<string, string>;
  label: string;
  glyph: string;
  text?: string;
}) {
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={props.intent} />
      {Object.entries(props.fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button
        type="submit"
        className="btn-secondary px-2 py-1 text-xs"
        disabled={busy}
        aria-label={props.label}
      >
        {props.text ?? props.glyph}
      </button>
    </Form>
  );
}

type Item = ReturnType<typeof getMeeting>["actionItems"][number];

function ItemRow({ item, from }: { item: Item; from?: { meetingId: string; title: string; date: string } }) {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale ?? "en";
  return (
    <li className="space-y-1 py-2">
      <div className="flex flex-wrap items-baseline gap-2">
        <span
          className={`rounded px-1.5 py-0.5 text-xs font-medium ${item.done ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-slate-700"}`}
        >
          {item.done ? t("meetings.items.done") : t("meetings.items.open")}
        </span>
        <span className="min-w-0 break-words text-sm">{item.text}</span>
      </div>
      <p className="text-xs text-slate-600">
        {t("meetings.items.owner")}: {item.ownerName ?? t("meetings.items.noOwner")} ·{" "}
        {t("meetings.items.due")}: {formatDate(locale, item.dueDate)}
        {item.taskId ? (
          <>
            {" · "}
            <Link to={`/rooms/${d.roomId}/tasks/${item.taskId}`} className="text-brand-700 underline">
              {t("meetings.items.task")}
            </Link>
          </>
        ) : null}
      </p>
      {from ? (
        <p className="text-xs text-slate-600">
          <Link to={`/rooms/${d.roomId}/meetings/${from.meetingId}`} className="text-brand-700 underline">
            {t("meetings.items.carriedFrom", { title: from.title, date: formatDate(locale, from.date) })}
          </Link>
        </p>
      ) : null}
      {d.canEdit ? (
        <div className="flex flex-wrap gap-2">
          {!item.hasTask ? (
            <>
              <SmallButton
                intent={item.done ? "itemReopen" : "itemDone"}
                fields={{ itemId: item.id }}
                label={
                  item.done
                    ? t("meetings.items.reopen", { text: item.text })
                    : t("meetings.items.markDone", { text: item.text })
                }
                glyph=""
                text={item.done ? t("meetings.items.reopenShort") : t("meetings.items.markDoneShort")}
              />
              {!item.done ? (
                <SmallButton
                  intent="makeTask"
                  fields={{ itemId: item.id }}
                  label={t("meetings.items.makeTask", { text: item.text })}
                  glyph=""
                  text={t("meetings.items.makeTaskShort")}
                />
              ) : null}
            </>
          ) : null}
          {!from ? (
            <SmallButton
              intent="removeItem"
              fields={{ itemId: item.id }}
              label={t("meetings.items.remove", { text: item.text })}
              glyph="×"
            />
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function ActionItems() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const failed = useFailure()("addActionItem");
  const addKey = useAddFormKey("addActionItem");
  const busy = useNavigation().state !== "idle";
  const e = failed?.fieldErrors ?? {};
  return (
    <section className="card min-w-0 space-y-3" aria-labelledby="items-title">
      <h3 id="items-title" className="text-base font-semibold">
        {t("meetings.items.title")}
      </h3>
      {d.actionItems.length ? (
        <ul className="divide-y divide-slate-100" data-testid="action-items">
          {d.actionItems.map((item) => (
            <ItemRow key={item.id} item={item} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t("meetings.items.empty")}</p>
      )}
      {d.canEdit ? (
        <Form method="post" className="space-y-2 border-t border-slate-200 pt-3" key={addKey}>
          <input type="hidden" name="intent" value="addActionItem" />
          {failed?.formError ? <FormError messageKey={failed.formError} params={failed.params} /> : null}
          <div>
            <label htmlFor="item-text" className="label">
              {t("meetings.items.text")}
            </label>
            <input
              id="item-text"
              name="text"
              className="input"
              defaultValue={failed?.values?.text ?? ""}
              aria-invalid={e.text ? true : undefined}
              aria-describedby={e.text ? "item-text-error" : undefined}
            />
            {e.text ? (
              <p id="item-text-error" className="field-error" role="alert">
                {t(e.text)}
              </p>
            ) : null}
          </div>
          <div className="grid gap-2 sm:grid-cols-2">
            <div>
              <label htmlFor="item-owner" className="label">
                {t("meetings.items.owner")}
              </label>
              <select
                id="item-owner"
                name="ownerId"
                className="input"
                defaultValue={failed?.values?.ownerId ?? ""}
                aria-invalid={e.ownerId ? true : undefined}
              >
                <option value="">{t("meetings.items.noOwner")}</option>
                {d.team.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              {e.ownerId ? (
                <p className="field-error" role="alert">
                  {t(e.ownerId)}
                </p>
              ) : null}
            </div>
            <div>
              <label htmlFor="item-due" className="label">
                {t("meetings.items.due")}
              </label>
              <input
                id="item-due"
                name="dueDate"
                type="date"
                className="input"
                defaultValue={failed?.values?.dueDate ?? ""}
                aria-invalid={e.dueDate ? true : undefined}
              />
              {e.dueDate ? (
                <p className="field-error" role="alert">
                  {t(e.dueDate)}
                </p>
              ) : null}
            </div>
          </div>
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t("meetings.items.add")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function CarriedOver() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  return (
    <section className="card min-w-0 space-y-2" aria-labelledby="carried-title">
      <h3 id="carried-title" className="text-base font-semibold">
        {t("meetings.items.carried")}
      </h3>
      <p className="text-sm text-slate-600">{t("meetings.items.carriedHint")}</p>
      <ul className="divide-y divide-slate-100" data-testid="carried-over">
        {d.carriedOver.map((item) => (
          <ItemRow key={item.id} item={item} from={item.from} />
        ))}
      </ul>
    </section>
  );
}

function Attendance() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="card min-w-0 space-y-2" aria-labelledby="attendance-title">
      <h3 id="attendance-title" className="text-base font-semibold">
        {t("meetings.attendance.title")}
      </h3>
      <p className="text-sm text-slate-600">{t("meetings.attendance.hint")}</p>
      <Form method="post" className="space-y-2">
        <input type="hidden" name="intent" value="attendance" />
        <ul className="space-y-1">
          {d.attendees.map((a) => (
            <li key={a.stakeholderId}>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="attended"
                  value={a.stakeholderId}
                  defaultChecked={a.attended === true}
                  className="h-4 w-4 rounded border-slate-300"
                />
                {a.name}
                <span className="text-xs text-slate-500">
                  (
                  {a.attended === null
                    ? t("meetings.attendance.notRecorded")
                    : a.attended
                      ? t("meetings.attendance.yes")
                      : t("meetings.attendance.no")}
                  )
                </span>
              </label>
            </li>
          ))}
        </ul>
        <button type="submit" className="btn-secondary" disabled={busy}>
          {t("meetings.attendance.save")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
