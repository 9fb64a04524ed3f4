import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CUSTOMER_ROLES, can, invitableRoles, type RoomCapability } from "~/access/capabilities";
import { ErrorView } from "~/components/ErrorView";
import { PersonAvatar } from "~/components/ui/Avatar";
import { CheckboxField, FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import { revokeInvitation } from "~/domain/invitations/invitations.server";
import { removeMember } from "~/domain/rooms/rooms.server";
import {
  addStakeholder,
  canEditSide,
  removeStakeholder,
  setMemberTeamRole,
  StakeholderSchema,
  updateStakeholder,
} from "~/domain/stakeholders/stakeholders.server";
import { inviteStakeholder, listTeam, resendInvitation, type TeamPerson } from "~/domain/team/team.server";
import { formatDate } from "~/i18n/format";
import { resolveLocale } from "~/i18n/i18n.server";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";
import { fields } from "~/utils/forms";
import { ROOM_ROLES, STAKEHOLDER_SIDES, TEAM_ROLES, type RoomRole, type StakeholderSide } from "~/vocabulary";
import { answerIntent, on } from "~/web/form-action.server";
import { requireRoomAccess } from "~/web/guards.server";

const DAY_MS = 24 * 3600 * 1000;

/** The calendar date (YYYY-MM-DD) of an instant in the account's time zone. */
function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "members.view");
  const { role, account } = access;
  const now = new Date();
  const today = Date.parse(dayIn(account.timeZone, now));
  const person = (p: TeamPerson) => ({
    ...p,
    // Whole days since the member last opened the room (0 = today), in the account's time zone;
    // null when they never did, so nobody reads "last active 0 days ago" for someone who never came.
    lastSeenDays: p.lastSeenAt
      ? Math.max(0, Math.round((today - Date.parse(dayIn(account.timeZone, p.lastSeenAt))) / DAY_MS))
      : null,
    lastSeenAt: undefined,
    invitation: p.invitation
      ? { ...p.invitation, createdAt: dayIn(account.timeZone, p.invitation.createdAt) }
      : null,
    canEdit: canEditSide(role, p.side),
  });
  const team = listTeam(access, now);
  return {
    vendor: team.vendor.map(person),
    customer: team.customer.map(person),
    accountName: account.name,
    canAdd: can(role, "stakeholders.edit"),
    sides: STAKEHOLDER_SIDES.filter((side) => canEditSide(role, side)),
    invitableRoles: invitableRoles(role),
    canRemoveMember: can(role, "members.remove"),
    manageInvitations: can(role, "members.invite"),
  };
}

type Data = ReturnType<typeof loader>;
type Person = Data["vendor"][number];

/** The stakeholder a form is about; a broken reference is shown as "not found" above the list. */
const Ref = z.object({ id: z.string().min(1), version: fields.version() });
// A missing id finds nothing (404), as an unknown one does.
const MembershipRef = z.object({ membershipId: z.string().catch("") });
const InvitationRef = z.object({ invitationId: z.string().catch("") });
const InviteSchema = z.object({
  stakeholderId: z.string().catch(""),
  role: fields.enumOf(ROOM_ROLES),
  domainException: fields.checkbox(),
});
const SetRoleSchema = z.object({ userId: z.string().catch(""), teamRole: fields.enumOf(TEAM_ROLES) });

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const guard = (capability: RoomCapability) => requireRoomAccess(request, params.roomId, capability);
  // The page's own guard first (404 outside the room); each form then needs its capability.
  const access = guard("members.view");
  const inviter = async () => ({ ...access, locale: await resolveLocale(request, access.user.locale) });
  const edit = { guard: () => guard("stakeholders.edit") };
  return answerIntent(formData, {
    add: on(StakeholderSchema, (i) => void addStakeholder(access, i), "stakeholders.added", edit),
    update: on(
      Ref.extend(StakeholderSchema.shape),
      ({ id, ...input }) => updateStakeholder(access, id, input),
      "stakeholders.updated",
      edit,
    ),
    remove: on(Ref, (i) => removeStakeholder(access, i.id, i.version), "team.removed", edit),
    setRole: on(SetRoleSchema, (i) => setMemberTeamRole(access, i.userId, i.teamRole), "team.roleSet", edit),
    invite: on(
      InviteSchema,
      async (i) => inviteStakeholder(await inviter(), i.stakeholderId, i),
      (r) => ({ notice: "members.invited", params: { email: r.email } }),
    ),
    resend: on(
      InvitationRef,
      async (i) => resendInvitation(await inviter(), i.invitationId),
      (r) => ({ notice: "team.resent", params: { email: r.email } }),
      { guard: () => guard("members.invite") },
    ),
    revoke: on(
      InvitationRef,
      (i) => revokeInvitation(access.user, access.role, access.room.id, i.invitationId),
      "members.revoked",
      { guard: () => guard("members.invite") },
    ),
    removeMember: on(
      MembershipRef,
      (i) => removeMember(access.user, access.role, access.room.id, i.membershipId),
      "members.removed",
      { guard: () => guard("members.remove") },
    ),
  });
}

function PersonFields({
  p,
  result,
  sides,
  sideLabel,
  narrow,
}: {
  p?: Person;
  result?: ActionResult;
  sides: readonly StakeholderSide[];
  sideLabel: (side: StakeholderSide) => string;
  narrow?: boolean;
}) {
  const { t } = useTranslation();
  const failed = result && !result.ok;
  const v = result?.values ?? {};
  const errors = result?.fieldErrors ?? {};
  const pick = (key: string, fallback: string | null | undefined) =>
    failed ? v[key] : (fallback ?? undefined);
  return (
    <div className={`grid gap-3 ${narrow ? "" : "sm:grid-cols-2"}`}>
      <TextField
        label={t("stakeholders.name")}
        name="name"
        defaultValue={pick("name", p?.name)}
        error={errors.name}
        required
      />
      {sides.length > 1 ? (
        <SelectField
          label={t("stakeholders.side")}
          name="side"
          defaultValue={pick("side", p?.side) ?? "customer"}
          error={errors.side}
          options={sides.map((side) => ({ value: side, label: sideLabel(side) }))}
          required
        />
      ) : (
        <input type="hidden" name="side" value={sides[0] ?? "customer"} />
      )}
      <SelectField
        label={t("team.role")}
        name="teamRole"
        defaultValue={pick("teamRole", p?.teamRole) ?? ""}
        error={errors.teamRole}
        placeholder={t("team.noRole")}
        options={TEAM_ROLES.map((r) => ({ value: r, label: t(`team.roles.${r}`) }))}
      />
      <TextField
        label={t("stakeholders.jobTitle")}
        name="title"
        defaultValue={pick("title", p?.title)}
        error={errors.title}
      />
      <TextField
        label={t("stakeholders.responsibility")}
        name="responsibility"
        hint={t("team.responsibilityHint")}
        defaultValue={pick("responsibility", p?.responsibility)}
        error={errors.responsibility}
      />
      <TextField
        label={t("stakeholders.email")}
        name="email"
        type="email"
        hint={t("stakeholders.emailHint")}
        defaultValue={pick("email", p?.email)}
        error={errors.email}
      />
      <TextField
        label={t("team.phone")}
        name="phone"
        type="tel"
        defaultValue={pick("phone", p?.phone)}
        error={errors.phone}
      />
    </div>
  );
}

function AccessState({ p }: { p: Person }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  let text: string;
  let tone = "bg-slate-100 text-slate-700";
  if (p.access === "joined") {
    tone = "bg-emerald-50 text-emerald-800";
    // Presence is noted for customers only (it feeds their health); staff are simply "joined".
    text = !p.presenceTracked
      ? t("team.access.joinedStaff")
      : p.lastSeenDays === null
        ? t("team.access.joinedNeverActive")
        : t("team.access.joined", {
            when: new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(-p.lastSeenDays, "day"),
          });
  } else if (p.access === "invited") {
    tone = "bg-amber-50 text-amber-800";
    text = p.invitation
      ? t("team.access.invitedOn", { date: formatDate(locale, p.invitation.createdAt) })
      : t("team.access.invited");
  } else if (p.access === "notInvited") {
    text = t("team.access.notInvited");
  } else {
    text = t("team.access.noEmail");
  }
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs ${tone}`} data-testid="access-state">
      {text}
    </span>
  );
}

function PersonCard({ p, d, result }: { p: Person; d: Data; result?: ActionResult }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const brand = useRootData()?.brand.companyName ?? "";
  const sideLabel = (side: StakeholderSide) => (side === "vendor" ? brand : d.accountName);
  const failed = result && !result.ok ? result : undefined;
  const about = (intent: string, field: string, value: string | null | undefined) =>
    failed?.values?.intent === intent && !!value && failed.values?.[field] === value ? failed : undefined;
  const editFailure = about("update", "id", p.stakeholderId);
  const inviteFailure = about("invite", "stakeholderId", p.stakeholderId);
  const inviteRoles = d.invitableRoles.filter((r) =>
    p.side === "vendor" ? r === "collaborator" : (CUSTOMER_ROLES as readonly RoomRole[]).includes(r),
  );
  const canInvite = p.stakeholderId && p.canEdit && p.access === "notInvited";
  const inviteError = inviteFailure?.fieldErrors?.email ?? inviteFailure?.formError;
  return (
    <li className="card space-y-3" data-testid="team-person">
      <div className="flex items-start gap-3">
        <PersonAvatar name={p.name} photoUrl={p.avatarFileId ? `/files/${p.avatarFileId}` : null} />
        <div className="min-w-0 flex-1 space-y-1">
          <p className="font-medium break-words">{p.name}</p>
          <p className="text-sm text-slate-700" data-testid="team-role">
            {p.teamRole ? (
              <span className={p.teamRole === "sponsor" ? "font-semibold text-brand-800" : undefined}>
                {t(`team.roles.${p.teamRole}`)}
              </span>
            ) : (
              <span className="text-slate-500">{t("team.noRole")}</span>
            )}
            {p.title ? <span className="text-slate-600"> · {p.title}</span> : null}
          </p>
          {p.responsibility ? <p className="text-sm break-words text-slate-600">{p.responsibility}</p> : null}
        </div>
      </div>
      {p.email || p.phone ? (
        <ul className="space-y-1 text-sm">
          {p.email ? (
            <li className="break-all">
              <span className="sr-only">{t("stakeholders.email")}: </span>
              <a href={`mailto:${p.email}`} className="text-brand-700 underline">
                {p.email}
              </a>
            </li>
          ) : null}
          {p.phone ? (
            <li>
              <span className="sr-only">{t("team.phone")}: </span>
              <a href={`tel:${p.phone.replace(/[^\d+]/g, "")}`} className="text-brand-700 underline">
                {p.phone}
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <AccessState p={p} />
        {p.roomRole ? (
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
            {t("team.roomRole", { role: t(`roles.${p.roomRole}`) })}
          </span>
        ) : null}
      </div>

      {canInvite && inviteRoles.length > 0 ? (
        <Form method="post" noValidate className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="invite" />
          <input type="hidden" name="stakeholderId" value={p.stakeholderId ?? ""} />
          <div className="min-w-40 flex-1">
            <SelectField
              label={t("team.inviteAs")}
              name="role"
              defaultValue={
                inviteFailure?.values?.role ?? (p.side === "vendor" ? "collaborator" : "customer_member")
              }
              options={inviteRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              required
            />
          </div>
          <button
            type="submit"
            className="btn-primary"
            disabled={busy}
            aria-label={t("team.inviteNamed", { name: p.name })}
          >
            {t("team.invite")}
          </button>
          {d.manageInvitations && p.side === "customer" ? (
            <div className="w-full">
              <CheckboxField
                label={t("members.domainException")}
                name="domainException"
                hint={t("members.domainExceptionHint")}
                defaultChecked={inviteFailure?.values?.domainException === "on"}
              />
            </div>
          ) : null}
        </Form>
      ) : null}
      {inviteError ? <FormError messageKey={inviteError} params={inviteFailure?.params} /> : null}

      {p.invitation ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-600">
            {t("team.invitedAs", { role: t(`roles.${p.invitation.role}`) })}
          </span>
          <Form method="post">
            <input type="hidden" name="intent" value="resend" />
            <input type="hidden" name="invitationId" value={p.invitation.id} />
            <button
              type="submit"
              className="btn-secondary px-3 py-1"
              disabled={busy}
              aria-label={t("team.resendNamed", { email: p.email ?? p.name })}
            >
              {t("team.resend")}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="invitationId" value={p.invitation.id} />
            <button
              type="submit"
              className="btn-secondary px-3 py-1"
              disabled={busy}
              aria-label={t("members.revokeNamed", { email: p.email ?? p.name })}
            >
              {t("members.revoke")}
            </button>
          </Form>
        </div>
      ) : null}

      {!p.stakeholderId && p.userId && p.canEdit ? (
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="setRole" />
          <input type="hidden" name="userId" value={p.userId} />
          <div className="min-w-40 flex-1">
            <SelectField
              label={t("team.setRoleFor", { name: p.name })}
              name="teamRole"
              options={TEAM_ROLES.map((r) => ({ value: r, label: t(`team.roles.${r}`) }))}
              required
            />
          </div>
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t("team.setRole")}
          </button>
        </Form>
      ) : null}

      {(p.stakeholderId && p.canEdit) || (p.membershipId && d.canRemoveMember && p.roomRole !== "owner") ? (
        <div className="flex flex-wrap items-start gap-2 border-t border-slate-100 pt-3">
          {p.stakeholderId && p.canEdit ? (
            <details className="w-full" open={!!editFailure}>
              <summary className="cursor-pointer text-sm font-medium text-brand-700">
                {t("stakeholders.edit", { name: p.name })}
              </summary>
              <Form method="post" noValidate className="mt-3 space-y-3">
                <input type="hidden" name="intent" value="update" />
                <input type="hidden" name="id" value={p.stakeholderId} />
                <input type="hidden" name="version" value={p.version ?? ""} />
                <PersonFields p={p} result={editFailure} sides={d.sides} sideLabel={sideLabel} />
                {editFailure?.formError ? (
                  <FormError messageKey={editFailure.formError} params={editFailure.params} />
                ) : null}
                <button type="submit" className="btn-primary" disabled={busy}>
                  {t("stakeholders.save")}
                </button>
              </Form>
            </details>
          ) : null}
          {p.stakeholderId && p.canEdit ? (
            <Form method="post">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="id" value={p.stakeholderId} />
              <input type="hidden" name="version" value={p.version ?? ""} />
              <button
                type="submit"
                className="btn-danger px-3 py-1"
                disabled={busy}
                aria-label={t("team.removeNamed", { name: p.name })}
              >
                {t("team.remove")}
              </button>
            </Form>
          ) : null}
          {p.membershipId && d.canRemoveMember && p.roomRole !== "owner" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="removeMember" />
              <input type="hidden" name="membershipId" value={p.membershipId} />
              <button
                type="submit"
                className="btn-danger px-3 py-1"
                disabled={busy}
                aria-label={t("team.removeAccessNamed", { name: p.name })}
              >
                {t("team.removeAccess")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

export default function Team() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const brand = useRootData()?.brand.companyName ?? "";
  const sideLabel = (side: StakeholderSide) => (side === "vendor" ? brand : d.accountName);
  const failed = result && !result.ok ? result : undefined;
  const addResult = failed?.values?.intent === "add" ? failed : undefined;
  // Failures of the per-person forms show in their card; others (a stale or missing row) above the lists.
  const inCard =
    (failed?.values?.intent === "update" && failed.fieldErrors && !failed.fieldErrors.id) ||
    (failed?.values?.intent === "invite" && !!failed.values.stakeholderId);
  const listFailure = failed && !addResult && !inCard ? failed : undefined;
  const refBroken = listFailure?.fieldErrors?.id ?? listFailure?.fieldErrors?.version;
  const topError = listFailure?.formError ?? (refBroken ? "errors.notFound" : undefined);
  const groups = [
    { side: "vendor" as const, people: d.vendor },
    { side: "customer" as const, people: d.customer },
  ];
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="min-w-0 space-y-6 lg:col-span-2">
        <h2 className="text-lg font-semibold">{t("team.title")}</h2>
        {result?.notice ? <Notice>{t(result.notice, result.params)}</Notice> : null}
        {topError ? <FormError messageKey={topError} params={listFailure?.params} /> : null}
        {groups.map(({ side, people }) => (
          <section key={side} className="space-y-3" aria-labelledby={`team-${side}`}>
            <h3 id={`team-${side}`} className="text-base font-semibold break-words">
              {sideLabel(side)}{" "}
              <span className="text-sm font-normal text-slate-500">
                {t("team.count", { count: people.length })}
              </span>
            </h3>
            {people.length === 0 ? (
              <p className="card text-sm text-slate-600">
                {side === "vendor" ? t("team.emptyVendor") : t("team.emptyCustomer")}
              </p>
            ) : (
              <ul className="grid gap-3 xl:grid-cols-2" data-testid={`team-${side}`}>
                {people.map((p) => (
                  <PersonCard key={p.key} p={p} d={d} result={result} />
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
      {d.canAdd ? (
        <section className="card h-fit space-y-4" aria-labelledby="team-add-title">
          <h2 id="team-add-title" className="text-lg font-semibold">
            {t("team.addTitle")}
          </h2>
          <p className="text-sm text-slate-600">{t("team.addHint")}</p>
          {addResult?.formError ? (
            <FormError messageKey={addResult.formError} params={addResult.params} />
          ) : null}
          <Form method="post" noValidate className="space-y-4" key={result?.ok ? "added" : "editing"}>
            <input type="hidden" name="intent" value="add" />
            <PersonFields result={addResult} sides={d.sides} sideLabel={sideLabel} narrow />
            <button type="submit" className="btn-primary w-full" disabled={busy}>
              {t("team.add")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
