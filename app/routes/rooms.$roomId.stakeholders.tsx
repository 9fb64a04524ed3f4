import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { STAKEHOLDER_SIDES } from "~/vocabulary";
import { can } from "~/access/capabilities";
import { requireRoomAccess } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { CheckboxField, FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import {
  addStakeholder,
  listStakeholders,
  removeStakeholder,
  StakeholderSchema,
  updateStakeholder,
} from "~/domain/stakeholders/stakeholders.server";
import { type ActionResult } from "~/utils/action-result";
import { fields } from "~/utils/forms";
import { answerIntent, on } from "~/web/form-action.server";
import { z } from "zod";

export function loader({ request, params }: LoaderFunctionArgs) {
  const { room, role } = requireRoomAccess(request, params.roomId, "room.view");
  return { stakeholders: listStakeholders({ room }), canEdit: can(role, "stakeholders.edit") };
}

/** The stakeholder a form is about; a broken reference is shown as "not found" above the list. */
const Ref = z.object({ id: z.string().min(1), version: fields.version() });

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "stakeholders.edit");
  return answerIntent(await request.formData(), {
    add: on(StakeholderSchema, (i) => void addStakeholder(access, i), "stakeholders.added"),
    update: on(
      Ref.extend(StakeholderSchema.shape),
      ({ id, ...input }) => updateStakeholder(access, id, input),
      "stakeholders.updated",
    ),
    remove: on(Ref, (i) => removeStakeholder(access, i.id, i.version), "stakeholders.removed"),
  });
}

type Row = ReturnType<typeof loader>["stakeholders"][number];

function StakeholderFields({
  s,
  result,
  narrow,
}: {
  s?: Partial<Row>;
  result?: ActionResult;
  narrow?: boolean;
}) {
  const { t } = useTranslation();
  const v = result?.values ?? {};
  const errors = result?.fieldErrors ?? {};
  const pick = (key: keyof Row & string, fallback: string | null | undefined) =>
    result && !result.ok ? v[key] : (fallback ?? undefined);
  return (
    <div className={`grid gap-3 ${narrow ? "" : "sm:grid-cols-2"}`}>
      <TextField
        label={t("stakeholders.name")}
        name="name"
        defaultValue={pick("name", s?.name)}
        error={errors.name}
        required
      />
      <SelectField
        label={t("stakeholders.side")}
        name="side"
        defaultValue={pick("side", s?.side) ?? "customer"}
        error={errors.side}
        options={STAKEHOLDER_SIDES.map((side) => ({ value: side, label: t(`stakeholders.sides.${side}`) }))}
        required
      />
      <TextField
        label={t("stakeholders.jobTitle")}
        name="title"
        defaultValue={pick("title", s?.title)}
        error={errors.title}
      />
      <TextField
        label={t("stakeholders.responsibility")}
        name="responsibility"
        hint={t("stakeholders.responsibilityHint")}
        defaultValue={pick("responsibility", s?.responsibility)}
        error={errors.responsibility}
      />
      <TextField
        label={t("stakeholders.email")}
        name="email"
        type="email"
        hint={t("stakeholders.emailHint")}
        defaultValue={pick("email", s?.email)}
        error={errors.email}
      />
      <div className={narrow ? "" : "self-end pb-2"}>
        <CheckboxField
          label={t("stakeholders.sponsor")}
          name="isSponsor"
          hint={t("stakeholders.sponsorHint")}
          defaultChecked={result && !result.ok ? v.isSponsor === "on" : !!s?.isSponsor}
        />
      </div>
    </div>
  );
}

export default function Stakeholders() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const editingId = result && !result.ok && result.values?.intent === "update" ? result.values.id : undefined;
  const addResult = result && !result.ok && result.values?.intent === "add" ? result : undefined;
  const listFailure = result && !result.ok && !addResult ? result : undefined;
  const refBroken = listFailure?.fieldErrors?.id ?? listFailure?.fieldErrors?.version;
  const topError = listFailure?.formError ?? (refBroken ? "errors.notFound" : undefined);
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <section className="space-y-4 lg:col-span-2" aria-labelledby="stakeholders-title">
        <h2 id="stakeholders-title" className="text-lg font-semibold">
          {t("stakeholders.title")}
        </h2>
        {result?.notice ? <Notice>{t(result.notice)}</Notice> : null}
        {topError ? <FormError messageKey={topError} params={result?.params} /> : null}
        {d.stakeholders.length === 0 ? (
          <p className="card text-sm text-slate-600">{t("stakeholders.empty")}</p>
        ) : (
          <ul className="space-y-3" data-testid="stakeholder-list">
            {d.stakeholders.map((s) => (
              <li key={s.id} className="card space-y-2">
                <div className="flex flex-wrap items-center gap-2">
                  <p className="font-medium">{s.name}</p>
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                    {t(`stakeholders.sides.${s.side}`)}
                  </span>
                  {s.isSponsor ? (
                    <span className="rounded-full bg-brand-100 px-2 py-0.5 text-xs text-brand-800">
                      {t("stakeholders.sponsorBadge")}
                    </span>
                  ) : null}
                </div>
                <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
                  <div>
                    <dt className="inline text-slate-500">{t("stakeholders.jobTitle")}: </dt>
                    <dd className="inline">{s.title ?? "—"}</dd>
                  </div>
                  <div>
                    <dt className="inline text-slate-500">{t("stakeholders.responsibility")}: </dt>
                    <dd className="inline">{s.responsibility ?? "—"}</dd>
                  </div>
                  <div>
                    <dt className="inline text-slate-500">{t("stakeholders.email")}: </dt>
                    <dd className="inline break-all">{s.email ?? "—"}</dd>
                  </div>
                  <div>
                    <dt className="inline text-slate-500">{t("stakeholders.linkedUser")}: </dt>
                    <dd className="inline">{s.userName ?? t("stakeholders.notLinked")}</dd>
                  </div>
                </dl>
                {d.canEdit ? (
                  <div className="flex flex-wrap items-start gap-3">
                    <details className="flex-1" open={editingId === s.id}>
                      <summary className="cursor-pointer text-sm font-medium text-brand-700">
                        {t("stakeholders.edit", { name: s.name })}
                      </summary>
                      <Form method="post" noValidate className="mt-3 space-y-3">
                        <input type="hidden" name="intent" value="update" />
                        <input type="hidden" name="id" value={s.id} />
                        <input type="hidden" name="version" value={s.version} />
                        <StakeholderFields s={s} result={editingId === s.id ? result : undefined} />
                        <button type="submit" className="btn-primary" disabled={busy}>
                          {t("stakeholders.save")}
                        </button>
                      </Form>
                    </details>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="id" value={s.id} />
                      <input type="hidden" name="version" value={s.version} />
                      <button
                        type="submit"
                        className="btn-danger px-3 py-1"
                        aria-label={t("stakeholders.removeNamed", { name: s.name })}
                      >
                        {t("stakeholders.remove")}
                      </button>
                    </Form>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {d.canEdit ? (
        <section className="card h-fit space-y-4" aria-labelledby="stakeholder-add-title">
          <h2 id="stakeholder-add-title" className="text-lg font-semibold">
            {t("stakeholders.addTitle")}
          </h2>
          {addResult?.formError ? (
            <FormError messageKey={addResult.formError} params={addResult.params} />
          ) : null}
          <Form method="post" noValidate className="space-y-4" key={result?.ok ? "added" : "editing"}>
            <input type="hidden" name="intent" value="add" />
            <StakeholderFields result={addResult} narrow />
            <button type="submit" className="btn-primary w-full" disabled={busy}>
              {t("stakeholders.add")}
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
