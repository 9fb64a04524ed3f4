import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { Field, FormError, SelectField, TextField } from "~/components/ui/Field";
import { createAccountWithRoom, listAssignableStaff } from "~/domain/accounts/accounts.server";
import { CURRENCIES, TIME_ZONES } from "~/domain/accounts/constants";
import { AccountWithRoomSchema } from "~/domain/accounts/schemas";
import { ROOM_STAGES, TOUCH_MODELS } from "~/vocabulary";
import { formValues, type ActionResult } from "~/utils/action-result";
import { parseForm } from "~/utils/forms";
import { runAction } from "~/utils/http.server";
import { pageTitle } from "~/i18n/page-title.server";
import { pageTitleMeta } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireStaff(request, "accounts.create");
  return {
    staff: listAssignableStaff(),
    currentUserId: user.id,
    currentUserRole: user.staffRole,
    pageTitle: await pageTitle(request, user, "accountForm.title"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireStaff(request, "accounts.create");
  const formData = await request.formData();
  const values = formValues(formData);
  const parsed = parseForm(AccountWithRoomSchema, formData);
  if (!parsed.ok) return data<ActionResult>({ ok: false, fieldErrors: parsed.fieldErrors, values }, 400);
  const result = await runAction(() => createAccountWithRoom(user, parsed.data));
  if (!result.ok) {
    const fieldErrors = result.field ? { [result.field]: result.formError } : undefined;
    return data<ActionResult>(
      { ok: false, fieldErrors, formError: fieldErrors ? undefined : result.formError, values },
      result.status,
    );
  }
  return redirect(`/rooms/${result.value.roomId}`);
}

export default function NewAccount() {
  const { t } = useTranslation();
  const { staff, currentUserId, currentUserRole } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const v = result?.values ?? {};
  const e = result?.fieldErrors ?? {};
  const csmOptions = staff
    .filter((s) => s.staffRole !== "sales")
    .map((s) => ({ value: s.id, label: `${s.name} (${t(`staffRoles.${s.staffRole}`)})` }));
  const ownerOptions = staff.map((s) => ({
    value: s.id,
    label: `${s.name} (${t(`staffRoles.${s.staffRole}`)})`,
  }));
  const hasErrors = Object.keys(e).length > 0 || !!result?.formError;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link to="/portfolio" className="text-sm text-brand-700 hover:underline">
          ← {t("nav.portfolio")}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">{t("accountForm.title")}</h1>
        <p className="mt-1 text-slate-600">{t("accountForm.subtitle")}</p>
      </div>
      {hasErrors ? <FormError messageKey={result?.formError ?? "accountForm.fixErrors"} /> : null}
      <Form method="post" noValidate className="space-y-6">
        <fieldset className="card space-y-4">
          <legend className="px-1 text-lg font-semibold">{t("accountForm.accountSection")}</legend>
          <TextField
            label={t("fields.accountName")}
            name="name"
            defaultValue={v.name}
            error={e.name}
            required
          />
          <Field
            label={t("fields.allowedDomains")}
            name="allowedDomains"
            error={e.allowedDomains}
            hint={t("accountForm.domainsHint")}
            required
          >
            {(a) => <textarea {...a} rows={2} defaultValue={v.allowedDomains} className="input" />}
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t("fields.logoUrl")}
              name="logoUrl"
              type="url"
              inputMode="url"
              defaultValue={v.logoUrl}
              error={e.logoUrl}
              placeholder="https://"
            />
            <TextField
              label={t("fields.crmDealUrl")}
              name="crmDealUrl"
              type="url"
              inputMode="url"
              defaultValue={v.crmDealUrl}
              error={e.crmDealUrl}
              placeholder="https://"
            />
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              label={t("fields.mrr")}
              name="mrr"
              inputMode="decimal"
              defaultValue={v.mrr}
              error={e.mrr}
              required
            />
            <SelectField
              label={t("fields.currency")}
              name="currency"
              defaultValue={v.currency ?? "JPY"}
              error={e.currency}
              options={CURRENCIES.map((c) => ({ value: c, label: c }))}
              required
            />
            <SelectField
              label={t("fields.touchModel")}
              name="touchModel"
              defaultValue={v.touchModel ?? "high"}
              error={e.touchModel}
              options={TOUCH_MODELS.map((m) => ({ value: m, label: t(`touchModels.${m}`) }))}
              required
            />
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              label={t("fields.contractStart")}
              name="contractStart"
              type="date"
              defaultValue={v.contractStart}
              error={e.contractStart}
            />
            <TextField
              label={t("fields.renewalDate")}
              name="renewalDate"
              type="date"
              defaultValue={v.renewalDate}
              error={e.renewalDate}
              required
            />
            <SelectField
              label={t("fields.timeZone")}
              name="timeZone"
              defaultValue={v.timeZone ?? "Asia/Tokyo"}
              error={e.timeZone}
              options={TIME_ZONES.map((z) => ({ value: z, label: z }))}
              required
            />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              label={t("fields.csm")}
              name="csmId"
              defaultValue={v.csmId ?? (currentUserRole === "csm" ? currentUserId : "")}
              error={e.csmId}
              options={csmOptions}
              placeholder={t("accountForm.choose")}
              required
            />
            <SelectField
              label={t("fields.accountOwner")}
              name="ownerId"
              defaultValue={v.ownerId}
              error={e.ownerId}
              options={ownerOptions}
              placeholder={t("accountForm.none")}
            />
          </div>
        </fieldset>
        <fieldset className="card space-y-4">
          <legend className="px-1 text-lg font-semibold">{t("accountForm.roomSection")}</legend>
          <TextField
            label={t("fields.roomTitle")}
            name="roomTitle"
            defaultValue={v.roomTitle ?? t("accountForm.defaultRoomTitle")}
            error={e.roomTitle}
            required
          />
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField
              label={t("fields.stage")}
              name="stage"
              defaultValue={v.stage ?? "onboarding"}
              error={e.stage}
              options={ROOM_STAGES.map((s) => ({ value: s, label: t(`stages.${s}`) }))}
              required
            />
            <TextField
              label={t("fields.kickoffDate")}
              name="kickoffDate"
              type="date"
              defaultValue={v.kickoffDate}
              error={e.kickoffDate}
            />
            <TextField
              label={t("fields.targetGoLiveDate")}
              name="targetGoLiveDate"
              type="date"
              defaultValue={v.targetGoLiveDate}
              error={e.targetGoLiveDate}
            />
          </div>
        </fieldset>
        <div className="flex justify-end gap-3">
          <Link to="/portfolio" className="btn-secondary">
            {t("actions.cancel")}
          </Link>
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("accountForm.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
