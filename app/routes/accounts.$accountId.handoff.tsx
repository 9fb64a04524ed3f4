import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorView } from "~/components/ErrorView";
import { renderRichText } from "~/components/richtext/render";
import { RichTextField } from "~/components/richtext/RichTextField";
import { innerHtml } from "~/components/static-html";
import { Field, FormError, Notice, TextField } from "~/components/ui/Field";
import {
  accountRooms,
  acknowledgeHandoff,
  addHandoffMessage,
  addHandoffPeopleToTeam,
  getHandoff,
  getHandoffAccess,
  peopleToAdd,
  saveHandoff,
  submitHandoff,
} from "~/domain/handoffs/handoffs.server";
import {
  HANDOFF_TEXT_FIELDS,
  HandoffDraftSchema,
  HandoffMessageSchema,
  HandoffSubmitSchema,
  VersionSchema,
} from "~/domain/handoffs/schemas";
import type { RichTextNode } from "~/domain/richtext/richtext";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { can } from "~/access/capabilities";
import { formatDate, formatDateTime } from "~/i18n/format";
import { resolveLocale } from "~/i18n/i18n.server";
import { pageTitle } from "~/i18n/page-title.server";
import type { ActionResult } from "~/utils/action-result";
import { DomainError } from "~/utils/errors";
import { orStatusPage, throwHttp } from "~/utils/http.server";
import { pageTitleMeta } from "~/utils/page-title";
import { TEAM_ROLES } from "~/vocabulary";
import { answerIntent, on } from "~/web/form-action.server";
import { requireUser } from "~/web/guards.server";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

/** Staff of the account only: anyone else (customers, sales of other accounts) gets 404. */
function requireHandoff(request: Request, accountId: string | undefined) {
  const user = requireUser(request);
  return orStatusPage(() => getHandoffAccess(user, accountId ?? ""));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireHandoff(request, params.accountId);
  const handoff = getHandoff(access.account.id);
  const locale = await resolveLocale(request, access.user.locale);
  const rooms = accountRooms(access.account.id).map((room) => {
    const roomAccess = getRoomAccess(access.user, room.id);
    return {
      ...room,
      canEditTeam: can(roomAccess?.role, "stakeholders.edit"),
      toAdd: handoff ? peopleToAdd(room.id, handoff.people).length : 0,
    };
  });
  return {
    account: { id: access.account.id, name: access.account.name, timeZone: access.account.timeZone },
    handoff,
    rooms,
    canWrite: access.canWrite && handoff?.status !== "acknowledged",
    canAcknowledge: access.canAcknowledge && handoff?.status === "submitted",
    locale,
    pageTitle: await pageTitle(request, access.user, "handoff.pageTitle", { account: access.account.name }),
  };
}

const RoomTarget = z.object({ roomId: z.string().min(1) });

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireHandoff(request, params.accountId);
  const formData = await request.formData();
  return answerIntent(formData, {
    save: on(HandoffDraftSchema, (input) => saveHandoff(access, input), "handoff.saved"),
    submit: on(HandoffSubmitSchema, (input) => submitHandoff(access, input), "handoff.submitted", {
      invalid: "handoff.submitMissing",
    }),
    acknowledge: on(
      VersionSchema,
      (input) => acknowledgeHandoff(access, input.version),
      "handoff.acknowledged",
    ),
    message: on(
      HandoffMessageSchema,
      (input) => addHandoffMessage(access, input.body),
      "handoff.messageSent",
    ),
    addPeople: on(
      RoomTarget,
      ({ roomId }) => {
        const room = getRoomAccess(access.user, roomId);
        // A room of another account is no room of this page.
        if (!room || room.account.id !== access.account.id)
          throwHttp(new DomainError(404, "errors.notFound"));
        if (!can(room.role, "stakeholders.edit")) throwHttp(new DomainError(403, "errors.forbidden"));
        return addHandoffPeopleToTeam({ ...room, user: access.user });
      },
      (count) => ({ notice: "handoff.peopleAdded", params: { count } }),
    ),
  });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type HandoffData = NonNullable<LoaderData["handoff"]>;

export default function HandoffPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { account, handoff, canWrite, canAcknowledge } = data;
  const result = useActionData<ActionResult>();
  const [search] = useSearchParams();
  const status = handoff?.status ?? "missing";
  const editing = canWrite && (status === "missing" || status === "draft" || search.get("edit") === "1");
  const failedIntent = result && !result.ok ? result.values?.intent : undefined;
  const formFailed = failedIntent === "save" || failedIntent === "submit";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm text-slate-600">{account.name}</p>
          <h1 className="text-2xl font-semibold">{t("handoff.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("handoff.intro")}</p>
        </div>
        <StatusBadge status={status} />
      </div>
      {result?.ok && result.notice ? <Notice>{t(result.notice, result.params)}</Notice> : null}
      {result && !result.ok && !formFailed ? <FormError messageKey={result.formError} /> : null}
      {handoff && handoff.status !== "draft" ? <StatusLine handoff={handoff} /> : null}
      {editing || (formFailed && canWrite) ? (
        <HandoffForm handoff={handoff} result={formFailed ? result : undefined} />
      ) : handoff ? (
        <HandoffView handoff={handoff} canEdit={canWrite} />
      ) : (
        <p className="card text-sm text-slate-600" data-testid="handoff-empty">
          {t("handoff.emptyReadOnly")}
        </p>
      )}
      {canAcknowledge && handoff ? (
        <Form method="post" className="card flex flex-wrap items-center justify-between gap-3">
          <input type="hidden" name="intent" value="acknowledge" />
          <input type="hidden" name="version" value={handoff.version} />
          <p className="text-sm text-slate-700">{t("handoff.acknowledgeHint")}</p>
          <button type="submit" className="btn-primary">
            {t("handoff.acknowledge")}
          </button>
        </Form>
      ) : null}
      {handoff && handoff.status !== "draft" ? <Thread handoff={handoff} result={result} /> : null}
      {handoff && handoff.status !== "draft" && handoff.people.length ? <TeamRooms /> : null}
    </div>
  );
}

function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const tone =
    status === "acknowledged"
      ? "bg-emerald-100 text-emerald-800"
      : status === "submitted"
        ? "bg-amber-100 text-amber-900"
        : "bg-slate-100 text-slate-700";
  return (
    <span className={`rounded-full px-3 py-1 text-sm font-medium ${tone}`} data-testid="handoff-status">
      {t(`handoff.status.${status}`)}
    </span>
  );
}

function StatusLine({ handoff }: { handoff: HandoffData }) {
  const { t } = useTranslation();
  const { locale, account } = useLoaderData<typeof loader>();
  return (
    <p className="text-sm text-slate-600">
      {handoff.submittedAt
        ? t("handoff.submittedBy", {
            name: handoff.submittedByName ?? "—",
            at: formatDateTime(locale, handoff.submittedAt, account.timeZone),
          })
        : null}
      {handoff.acknowledgedAt
        ? ` ${t("handoff.acknowledgedBy", {
            name: handoff.acknowledgedByName ?? "—",
            at: formatDateTime(locale, handoff.acknowledgedAt, account.timeZone),
          })}`
        : null}
    </p>
  );
}

function useNotesMarkup(doc: RichTextNode | null) {
  const { t } = useTranslation();
  return useMemo(
    () =>
      doc
        ? renderRichText(doc, {
            taskDone: t("richText.taskDone"),
            taskOpen: t("richText.taskOpen"),
            tableLabel: t("richText.table"),
          })
        : null,
    [doc, t],
  );
}

function HandoffView({ handoff, canEdit }: { handoff: HandoffData; canEdit: boolean }) {
  const { t } = useTranslation();
  const { locale } = useLoaderData<typeof loader>();
  const notes = useNotesMarkup(handoff.notes as RichTextNode | null);
  const text = (value: string | null) =>
    value ? <p className="whitespace-pre-wrap">{value}</p> : <p className="text-slate-500">—</p>;
  return (
    <section
      className="card min-w-0 space-y-5"
      aria-labelledby="handoff-view-title"
      data-testid="handoff-view"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="handoff-view-title" className="text-lg font-semibold">
          {t("handoff.viewTitle")}
        </h2>
        {canEdit ? (
          <Link to="?edit=1" className="btn-secondary">
            {t("handoff.edit")}
          </Link>
        ) : null}
      </div>
      <dl className="grid gap-4 md:grid-cols-2">
        {HANDOFF_TEXT_FIELDS.map((f) => (
          <div key={f} className="min-w-0">
            <dt className="text-sm font-medium text-slate-700">{t(`handoff.fields.${f}`)}</dt>
            <dd className="mt-1 text-sm break-words">{text(handoff[f])}</dd>
          </div>
        ))}
        <div>
          <dt className="text-sm font-medium text-slate-700">{t("handoff.fields.contract")}</dt>
          <dd className="mt-1 text-sm">
            {formatDate(locale, handoff.contractStart)} – {formatDate(locale, handoff.contractEnd)}
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-sm font-medium text-slate-700">{t("handoff.fields.crmDealUrl")}</dt>
          <dd className="mt-1 text-sm break-all">
            {handoff.crmDealUrl ? (
              <a href={handoff.crmDealUrl} className="text-brand-700 underline" rel="noreferrer noopener">
                {handoff.crmDealUrl}
              </a>
            ) : (
              "—"
            )}
          </dd>
        </div>
      </dl>
      <div>
        <h3 className="text-sm font-medium text-slate-700">{t("handoff.fields.people")}</h3>
        {handoff.people.length ? (
          <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="handoff-people">
            {handoff.people.map((p, i) => (
              <li key={i} className="py-2 break-words">
                <span className="font-medium">{p.name}</span>
                {p.title ? <span className="text-slate-600"> · {p.title}</span> : null}
                {p.teamRole ? (
                  <span className="text-slate-600"> · {t(`team.roles.${p.teamRole}`)}</span>
                ) : null}
                {p.email ? <span className="block text-slate-500">{p.email}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-slate-500">—</p>
        )}
      </div>
      <div>
        <h3 className="text-sm font-medium text-slate-700">{t("handoff.fields.notes")}</h3>
        {notes ? (
          <div
            className="rich-text mt-2"
            data-testid="handoff-notes"
            dangerouslySetInnerHTML={innerHtml(notes)}
          />
        ) : (
          <p className="mt-1 text-sm text-slate-500">—</p>
        )}
      </div>
    </section>
  );
}

/** Blank rows offered below the people already listed (the form works without JavaScript). */
const EXTRA_PEOPLE_ROWS = 2;

function HandoffForm({ handoff, result }: { handoff: LoaderData["handoff"]; result?: ActionResult }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const formRef = useRef<HTMLFormElement>(null);
  const values = result?.values;
  const errors = result?.fieldErrors ?? {};
  const pick = (name: string, stored: string | null | undefined) => values?.[name] ?? stored ?? "";
  // Echoed repeated fields come back joined by newlines (formValues); rows are rebuilt from them.
  const echoedRows = (name: string) => (values ? (values[name] ?? "").split("\n") : undefined);
  const stored = handoff?.people ?? [];
  const names = echoedRows("personName") ?? stored.map((p) => p.name);
  const rowCount = Math.max(names.length, stored.length) + EXTRA_PEOPLE_ROWS;
  const cell = (name: string, i: number, fromStore: (p: (typeof stored)[number]) => string | undefined) => {
    const echoed = echoedRows(name);
    return echoed ? (echoed[i] ?? "") : stored[i] ? (fromStore(stored[i]) ?? "") : "";
  };
  // After a refusal, the first field in error gets the focus (the form keeps what was typed).
  useEffect(() => {
    if (!result) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [result]);
  const submitted = handoff?.status === "submitted";
  return (
    <Form
      method="post"
      ref={formRef}
      className="card min-w-0 space-y-5"
      aria-labelledby="handoff-form-title"
      key={result ? "failed" : `v${handoff?.version ?? 0}`}
      noValidate
    >
      <div>
        <h2 id="handoff-form-title" className="text-lg font-semibold">
          {t("handoff.formTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("handoff.formIntro")}</p>
      </div>
      {result?.formError ? <FormError messageKey={result.formError} /> : null}
      <input type="hidden" name="version" value={handoff?.version ?? 0} />
      {HANDOFF_TEXT_FIELDS.map((f) => (
        <Field
          key={f}
          name={f}
          label={t(`handoff.fields.${f}`)}
          hint={t(`handoff.hints.${f}`)}
          error={errors[f]}
          required={(["productsBought", "whyBought", "successMetrics"] as string[]).includes(f)}
        >
          {(a) => (
            <textarea
              {...a}
              required={undefined}
              rows={3}
              defaultValue={pick(f, handoff?.[f])}
              className="input"
            />
          )}
        </Field>
      ))}
      <fieldset className="space-y-3" aria-describedby={errors.people ? "handoff-people-error" : undefined}>
        <legend className="label">
          {t("handoff.fields.people")}
          <span className="ml-1 text-red-700" aria-hidden="true">
            *
          </span>
        </legend>
        <p className="text-xs text-slate-500">{t("handoff.hints.people")}</p>
        {errors.people ? (
          <p id="handoff-people-error" className="field-error" role="alert">
            {t(errors.people)}
          </p>
        ) : null}
        {Array.from({ length: rowCount }, (_, i) => (
          <div key={i} className="grid gap-2 rounded-md border border-slate-200 p-3 md:grid-cols-4">
            <PersonInput
              label={t("handoff.person.name", { n: i + 1 })}
              name="personName"
              defaultValue={cell("personName", i, (p) => p.name)}
              invalid={!!errors.people && i === 0}
            />
            <PersonInput
              label={t("handoff.person.email", { n: i + 1 })}
              name="personEmail"
              type="email"
              defaultValue={cell("personEmail", i, (p) => p.email)}
            />
            <PersonInput
              label={t("handoff.person.title", { n: i + 1 })}
              name="personTitle"
              defaultValue={cell("personTitle", i, (p) => p.title)}
            />
            <label className="block text-sm">
              <span className="text-slate-700">{t("handoff.person.role", { n: i + 1 })}</span>
              <select
                name="personRole"
                defaultValue={cell("personRole", i, (p) => p.teamRole)}
                className="input mt-1"
              >
                <option value="">{t("handoff.person.noRole")}</option>
                {TEAM_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`team.roles.${r}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
        ))}
      </fieldset>
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          name="contractStart"
          type="date"
          label={t("handoff.fields.contractStart")}
          defaultValue={pick("contractStart", handoff?.contractStart)}
          error={errors.contractStart}
          required
        />
        <TextField
          name="contractEnd"
          type="date"
          label={t("handoff.fields.contractEnd")}
          defaultValue={pick("contractEnd", handoff?.contractEnd)}
          error={errors.contractEnd}
        />
      </div>
      <TextField
        name="crmDealUrl"
        type="url"
        inputMode="url"
        label={t("handoff.fields.crmDealUrl")}
        hint={t("handoff.hints.crmDealUrl")}
        defaultValue={pick("crmDealUrl", handoff?.crmDealUrl)}
        error={errors.crmDealUrl}
      />
      <RichTextField
        label={t("handoff.fields.notes")}
        hint={t("handoff.hints.notes")}
        value={(handoff?.notes as RichTextNode | null) ?? null}
        error={errors.body}
        echoed={values}
      />
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="save" className="btn-secondary" disabled={busy}>
          {submitted ? t("handoff.saveSubmitted") : t("handoff.saveDraft")}
        </button>
        {submitted ? null : (
          <button type="submit" name="intent" value="submit" className="btn-primary" disabled={busy}>
            {t("handoff.submit")}
          </button>
        )}
        {submitted ? (
          <Link to="." className="btn-secondary">
            {t("handoff.cancelEdit")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

function PersonInput(props: {
  label: string;
  name: string;
  defaultValue: string;
  type?: string;
  invalid?: boolean;
}) {
  return (
    <label className="block min-w-0 text-sm">
      <span className="text-slate-700">{props.label}</span>
      <input
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.defaultValue}
        aria-invalid={props.invalid ? true : undefined}
        className="input mt-1"
      />
    </label>
  );
}

function Thread({ handoff, result }: { handoff: HandoffData; result?: ActionResult }) {
  const { t } = useTranslation();
  const { locale, account } = useLoaderData<typeof loader>();
  const failed = result && !result.ok && result.values?.intent === "message" ? result : undefined;
  const sent = result?.ok && result.values?.intent === "message";
  return (
    <section className="card min-w-0 space-y-4" aria-labelledby="handoff-thread-title">
      <div>
        <h2 id="handoff-thread-title" className="text-lg font-semibold">
          {t("handoff.threadTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("handoff.threadIntro")}</p>
      </div>
      {handoff.messages.length ? (
        <ol className="space-y-3" data-testid="handoff-thread">
          {handoff.messages.map((m) => (
            <li key={m.id} className="rounded-md border border-slate-200 p-3">
              <p className="text-xs text-slate-500">
                {m.authorName} · {formatDateTime(locale, m.createdAt, account.timeZone)}
              </p>
              <p className="mt-1 text-sm whitespace-pre-wrap break-words">{m.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-600">{t("handoff.threadEmpty")}</p>
      )}
      <Form method="post" className="space-y-3" key={sent ? `sent-${handoff.messages.length}` : "thread"}>
        <input type="hidden" name="intent" value="message" />
        <Field name="body" label={t("handoff.messageLabel")} error={failed?.fieldErrors?.body}>
          {(a) => <textarea {...a} rows={3} defaultValue={failed?.values?.body ?? ""} className="input" />}
        </Field>
        <button type="submit" className="btn-secondary">
          {t("handoff.sendMessage")}
        </button>
      </Form>
    </section>
  );
}

function TeamRooms() {
  const { t } = useTranslation();
  const { rooms } = useLoaderData<typeof loader>();
  if (!rooms.length) return null;
  return (
    <section className="card min-w-0 space-y-3" aria-labelledby="handoff-team-title">
      <h2 id="handoff-team-title" className="text-lg font-semibold">
        {t("handoff.teamTitle")}
      </h2>
      <p className="text-sm text-slate-600">{t("handoff.teamIntro")}</p>
      <ul className="space-y-2">
        {rooms.map((room) => (
          <li key={room.id} className="flex flex-wrap items-center justify-between gap-2">
            <Link to={`/rooms/${room.id}/team`} className="font-medium text-brand-700 underline">
              {room.title}
            </Link>
            {room.toAdd === 0 ? (
              <span className="text-sm text-slate-600">{t("handoff.teamUpToDate")}</span>
            ) : room.canEditTeam ? (
              <Form method="post">
                <input type="hidden" name="intent" value="addPeople" />
                <input type="hidden" name="roomId" value={room.id} />
                <button type="submit" className="btn-secondary">
                  {t("handoff.addPeople", { count: room.toAdd })}
                </button>
              </Form>
            ) : (
              <span className="text-sm text-slate-600">
                {t("handoff.teamNotYours", { count: room.toAdd })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
