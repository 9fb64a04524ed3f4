import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { hashPassword } from "~/auth/password.server";
import { ErrorView } from "~/components/ErrorView";
import { FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import { StaffUserSchema } from "~/domain/users/schemas";
import { changeStaffRole, createStaffUser, listStaff, setStaffActive } from "~/domain/users/users.server";
import { fields } from "~/utils/forms";
import { STAFF_ROLES } from "~/vocabulary";
import { answerIntent, on } from "~/web/form-action.server";
import { requireStaff } from "~/web/guards.server";
import { pageTitle } from "~/i18n/page-title.server";
import { pageTitleMeta } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = requireStaff(request, "staff.manage");
  return { staff: listStaff(), selfId: admin.id, pageTitle: await pageTitle(request, admin, "staff.title") };
}

const RoleChange = z.object({ userId: fields.requiredText(40), staffRole: fields.enumOf(STAFF_ROLES) });
const ActiveChange = z.object({ userId: fields.requiredText(40), active: z.enum(["true", "false"]) });

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireStaff(request, "staff.manage");
  const formData = await request.formData();
  return answerIntent(formData, {
    role: on(RoleChange, (i) => changeStaffRole(admin, i.userId, i.staffRole), "staff.roleChanged"),
    active: on(
      ActiveChange,
      (i) => setStaffActive(admin, i.userId, i.active === "true"),
      (_, i) => (i.active === "true" ? "staff.reactivated" : "staff.deactivated"),
    ),
    create: on(
      StaffUserSchema,
      async ({ password, ...staff }) =>
        createStaffUser(admin, { ...staff, passwordHash: password ? await hashPassword(password) : null }),
      (_, i) => ({ notice: "staff.created", params: { email: i.email } }),
    ),
  });
}

export default function StaffUsers() {
  const { t } = useTranslation();
  const { staff, selfId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  // A failed role or status change is shown above the table (its fields are hidden: any is invalid).
  const failed = result && !result.ok ? result : undefined;
  const createFailure = failed?.values?.intent === "create" ? failed : undefined;
  const rowFailure = failed && !createFailure ? failed : undefined;
  const v = createFailure?.values ?? {};
  const e = createFailure?.fieldErrors ?? {};
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
      <section className="space-y-4 lg:col-span-2" aria-labelledby="staff-title">
        <h1 id="staff-title" className="text-2xl font-semibold">
          {t("staff.title")}
        </h1>
        {result?.notice ? <Notice>{t(result.notice, result.params)}</Notice> : null}
        {rowFailure ? <FormError messageKey={rowFailure.formError ?? "validation.invalid"} /> : null}
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-[48rem] w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="whitespace-nowrap px-4 py-3">
                  {t("fields.name")}
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-3">
                  {t("fields.role")}
                </th>
                <th scope="col" className="whitespace-nowrap px-4 py-3">
                  {t("fields.status")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {staff.map((u) => (
                <tr key={u.id} className={u.active ? "" : "bg-slate-50 text-slate-500"}>
                  <td className="px-4 py-3">
                    <p className="font-medium">{u.name}</p>
                    <p className="text-slate-500">{u.email}</p>
                  </td>
                  <td className="px-4 py-3">
                    <Form method="post" className="flex items-center gap-2">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={u.id} />
                      <label className="sr-only" htmlFor={`role-${u.id}`}>
                        {t("staff.roleOf", { name: u.name })}
                      </label>
                      <select
                        id={`role-${u.id}`}
                        name="staffRole"
                        defaultValue={u.staffRole ?? "csm"}
                        className="input w-auto py-1"
                      >
                        {STAFF_ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`staffRoles.${r}`)}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="btn-secondary px-3 py-1">
                        {t("actions.save")}
                      </button>
                    </Form>
                  </td>
                  <td className="px-4 py-3">
                    <Form method="post" className="flex items-center gap-2">
                      <input type="hidden" name="intent" value="active" />
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="active" value={u.active ? "false" : "true"} />
                      <span>{u.active ? t("staff.active") : t("staff.inactive")}</span>
                      {u.id !== selfId ? (
                        <button
                          type="submit"
                          className={u.active ? "btn-danger px-3 py-1" : "btn-secondary px-3 py-1"}
                          aria-label={t(u.active ? "staff.deactivateNamed" : "staff.reactivateNamed", {
                            name: u.name,
                          })}
                        >
                          {u.active ? t("staff.deactivate") : t("staff.reactivate")}
                        </button>
                      ) : null}
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card h-fit space-y-4" aria-labelledby="new-staff-title">
        <h2 id="new-staff-title" className="text-lg font-semibold">
          {t("staff.newTitle")}
        </h2>
        {createFailure?.formError ? <FormError messageKey={createFailure.formError} /> : null}
        <Form method="post" noValidate className="space-y-4" key={result?.ok ? "created" : "editing"}>
          <input type="hidden" name="intent" value="create" />
          <TextField label={t("fields.name")} name="name" defaultValue={v.name} error={e.name} required />
          <TextField
            label={t("fields.email")}
            name="email"
            type="email"
            defaultValue={v.email}
            error={e.email}
            required
          />
          <SelectField
            label={t("fields.role")}
            name="staffRole"
            defaultValue={v.staffRole ?? "csm"}
            error={e.staffRole}
            options={STAFF_ROLES.map((r) => ({ value: r, label: t(`staffRoles.${r}`) }))}
            required
          />
          <TextField
            label={t("fields.initialPassword")}
            name="password"
            type="password"
            autoComplete="new-password"
            error={e.password}
            hint={t("staff.passwordHint")}
          />
          <button type="submit" className="btn-primary w-full" disabled={busy}>
            {t("staff.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
