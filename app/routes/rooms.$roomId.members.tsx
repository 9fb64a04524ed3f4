import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, invitableRoles, type RoomCapability } from "~/access/capabilities";
import { requireRoomAccess } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { CheckboxField, FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import { InviteSchema } from "~/domain/invitations/schemas";
import { inviteToRoom, revokeInvitation } from "~/domain/invitations/invitations.server";
import { listMembers, listPendingInvitations, removeMember } from "~/domain/rooms/rooms.server";
import { formatDateTime } from "~/i18n/format";
import { resolveLocale } from "~/i18n/i18n.server";
import { useRootData } from "~/root";
import { DomainError } from "~/utils/errors";
import { answerIntent, on } from "~/web/form-action.server";
import { z } from "zod";

export function loader({ request, params }: LoaderFunctionArgs) {
  const { room, account, role, user } = requireRoomAccess(request, params.roomId, "members.view");
  const canInvite = invitableRoles(role).length > 0;
  return {
    members: listMembers(room.id).map((m) => ({ ...m, email: m.email })),
    invitations: can(role, "members.invite") ? listPendingInvitations(room.id) : [],
    invitableRoles: invitableRoles(role),
    canInvite,
    canRemove: can(role, "members.remove"),
    staffInviter: can(role, "members.invite"),
    allowedDomains: can(role, "members.invite") ? account.allowedDomains : [user.email.split("@")[1]],
    timeZone: account.timeZone,
  };
}

// A missing id finds nothing (404), as an unknown one does.
const MembershipRef = z.object({ membershipId: z.string().catch("") });
const InvitationRef = z.object({ invitationId: z.string().catch("") });

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const guard = (capability: RoomCapability) => requireRoomAccess(request, params.roomId, capability);
  // The page's own guard first (404 outside the room); each form then needs its capability.
  const access = guard("members.view");
  return answerIntent(formData, {
    remove: on(
      MembershipRef,
      (i) => {
        const ctx = guard("members.remove");
        return removeMember(ctx.user, ctx.role, ctx.room.id, i.membershipId);
      },
      "members.removed",
    ),
    revoke: on(
      InvitationRef,
      (i) => {
        const ctx = guard("members.invite");
        return revokeInvitation(ctx.user, ctx.role, ctx.room.id, i.invitationId);
      },
      "members.revoked",
    ),
    invite: on(
      InviteSchema,
      async (i) => {
        if (invitableRoles(access.role).length === 0) throw new DomainError(403, "errors.forbidden");
        const locale = await resolveLocale(request, access.user.locale);
        return inviteToRoom({ ...access, locale }, i);
      },
      (_, i) => ({ notice: "members.invited", params: { email: i.email } }),
    ),
  });
}

export default function Members() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const failed = result && !result.ok ? result : undefined;
  // A failed invitation is shown in its form; a failed removal or revocation above the lists.
  const inviteFailure = failed?.values?.intent === "invite" ? failed : undefined;
  const listFailure = failed && !inviteFailure ? failed : undefined;
  const v = inviteFailure?.values ?? {};
  const emailError = inviteFailure?.fieldErrors?.email;
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <section className="space-y-4 lg:col-span-2" aria-labelledby="members-title">
        <h2 id="members-title" className="text-lg font-semibold">
          {t("members.title")}
        </h2>
        {result?.notice ? <Notice>{t(result.notice, result.params)}</Notice> : null}
        {listFailure?.formError ? (
          <FormError messageKey={listFailure.formError} params={listFailure.params} />
        ) : null}
        <ul
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
          data-testid="member-list"
        >
          {d.members.map((m) => (
            <li key={m.membershipId} className="flex flex-wrap items-center gap-3 px-4 py-3">
              <div className="min-w-0 flex-1">
                <p className="font-medium">{m.name}</p>
                <p className="truncate text-sm text-slate-500">{m.email}</p>
              </div>
              <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {t(`roles.${m.role}`)}
              </span>
              {d.canRemove && m.role !== "owner" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="membershipId" value={m.membershipId} />
                  <button
                    type="submit"
                    className="btn-danger px-3 py-1"
                    aria-label={t("members.removeNamed", { name: m.name })}
                  >
                    {t("members.remove")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {d.invitations.length > 0 ? (
          <>
            <h3 className="pt-2 text-base font-semibold">{t("members.pending")}</h3>
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
              {d.invitations.map((inv) => (
                <li key={inv.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                  <div className="min-w-0 flex-1">
                    <p className="truncate font-medium">{inv.email}</p>
                    <p className="text-sm text-slate-500">
                      {t("members.expires", { date: formatDateTime(locale, inv.expiresAt, d.timeZone) })}
                    </p>
                  </div>
                  <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-800">
                    {t(`roles.${inv.role}`)}
                  </span>
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="invitationId" value={inv.id} />
                    <button
                      type="submit"
                      className="btn-secondary px-3 py-1"
                      aria-label={t("members.revokeNamed", { email: inv.email })}
                    >
                      {t("members.revoke")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      {d.canInvite ? (
        <section className="card h-fit space-y-4" aria-labelledby="invite-title">
          <h2 id="invite-title" className="text-lg font-semibold">
            {t("members.inviteTitle")}
          </h2>
          <p className="text-sm text-slate-600">
            {t("members.inviteHint", { domains: d.allowedDomains.join(", ") })}
          </p>
          {inviteFailure?.formError ? (
            <FormError messageKey={inviteFailure.formError} params={inviteFailure.params} />
          ) : null}
          <Form method="post" noValidate className="space-y-4" key={result?.ok ? "sent" : "editing"}>
            <input type="hidden" name="intent" value="invite" />
            <TextField
              label={t("fields.email")}
              name="email"
              type="email"
              autoComplete="off"
              defaultValue={v.email}
              error={emailError ? t(emailError, inviteFailure?.params) : undefined}
              required
            />
            <SelectField
              label={t("fields.role")}
              name="role"
              defaultValue={v.role ?? "customer_member"}
              error={inviteFailure?.fieldErrors?.role}
              options={d.invitableRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              required
            />
            {d.staffInviter ? (
              <CheckboxField
                label={t("members.domainException")}
                name="domainException"
                hint={t("members.domainExceptionHint")}
                defaultChecked={v.domainException === "on"}
              />
            ) : null}
            <button type="submit" className="btn-primary w-full" disabled={busy}>
              {t("members.sendInvite")}
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
