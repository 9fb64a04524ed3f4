import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorView } from "~/components/ErrorView";
import { ProgressBar } from "~/components/plan/ProgressBar";
import { FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import {
  addItem,
  addPathToRoom,
  moveItem,
  removeItem,
  updateItem,
} from "~/domain/training/curriculum.server";
import { assigneeField, dueOffsetField } from "~/domain/training/forms";
import { trainingTab } from "~/domain/training/room.server";
import { formatDate } from "~/i18n/format";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";
import { fields } from "~/utils/forms";
import { TRAINING_AUDIENCES } from "~/vocabulary";
import { answerIntent, on } from "~/web/form-action.server";
import { requireRoomAccess } from "~/web/guards.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "training.view");
  return trainingTab(access);
}

const ItemRef = z.object({ itemId: z.string().catch(""), version: fields.version() });

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "training.view");
  const formData = await request.formData();
  const tailor = { guard: () => requireRoomAccess(request, params.roomId, "training.tailor") };
  return answerIntent(formData, {
    add: on(
      z.object({
        moduleId: z.string().min(1, { message: "validation.choose" }),
        dueOffsetDays: dueOffsetField(),
        assignee: assigneeField(),
      }),
      (i) => addItem(access, i),
      "training.itemAdded",
      tailor,
    ),
    addPath: on(
      z.object({
        pathId: z.string().min(1, { message: "validation.choose" }),
        audience: fields.enumOf(TRAINING_AUDIENCES),
      }),
      (i) => addPathToRoom(access, i),
      "training.itemAdded",
      tailor,
    ),
    update: on(
      ItemRef.extend({ dueOffsetDays: dueOffsetField(), assignee: assigneeField() }),
      (i) => updateItem(access, i.itemId, i),
      "training.itemUpdated",
      tailor,
    ),
    remove: on(ItemRef, (i) => removeItem(access, i.itemId, i.version), "training.itemRemoved", tailor),
    move: on(
      z.object({
        itemId: z.string().catch(""),
        by: z.enum(["-1", "1"]).transform((v) => (v === "1" ? 1 : -1) as 1 | -1),
      }),
      (i) => moveItem(access, i.itemId, i.by),
      "training.itemMoved",
      tailor,
    ),
  });
}

export default function RoomTraining() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state !== "idle";
  const failed = result && !result.ok ? result : undefined;
  const myDone = data.mine?.items.filter((i) => i.status === "completed").length ?? 0;
  const assigneeOptions = [
    ...TRAINING_AUDIENCES.map((a) => ({ value: a, label: t(`training.audiences.${a}`) })),
    ...data.customers.map((c) => ({ value: `user:${c.userId}`, label: c.name })),
  ];
  return (
    <div className="space-y-6">
      {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
      {failed ? (
        <FormError
          messageKey={failed.formError ?? Object.values(failed.fieldErrors ?? {})[0] ?? "training.invalid"}
        />
      ) : null}

      {data.mine ? (
        <section className="card space-y-3" aria-labelledby="my-training">
          <h2 id="my-training" className="text-lg font-semibold">
            {t("training.myTraining")}
          </h2>
          {data.mine.items.length === 0 ? (
            <p className="text-sm text-slate-600">{t("training.nothingAssigned")}</p>
          ) : (
            <>
              <ProgressBar
                label={t("training.myProgress", { done: myDone, total: data.mine.items.length })}
                percent={Math.round((myDone / data.mine.items.length) * 100)}
                testId="my-training-percent"
              />
              {data.mine.next ? (
                <p>
                  <Link to={data.mine.next.id} className="btn-primary" data-testid="training-resume">
                    {data.mine.next.status === "in_progress"
                      ? t("training.resume", { title: data.mine.next.title })
                      : t("training.start", { title: data.mine.next.title })}
                  </Link>
                </p>
              ) : (
                <p className="text-sm text-green-800">{t("training.allDone")}</p>
              )}
              {data.certificates.length ? (
                <div className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
                  <h3 className="font-semibold text-emerald-900">
                    {t("trainingMore.certificate.linksTitle")}
                  </h3>
                  <p className="text-emerald-900">{t("trainingMore.certificate.linksIntro")}</p>
                  <ul className="mt-1 space-y-1" data-testid="my-certificates">
                    {data.certificates.map((c) => (
                      <li key={c.pathId}>
                        <Link
                          to={`certificates/${c.pathId}/${data.userId}`}
                          className="font-medium text-brand-700 underline"
                        >
                          {t("trainingMore.certificate.link", { path: c.title })}
                        </Link>{" "}
                        <span className="text-slate-600">{formatDate(locale, c.completedOn)}</span>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <ul className="divide-y divide-slate-100" data-testid="my-training">
                {data.mine.items.map((item) => (
                  <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <Link to={item.id} className="font-medium text-brand-700 underline">
                      {item.title}
                    </Link>
                    <span className="text-sm text-slate-600">
                      {t(`training.kinds.${item.kind}`)} ·{" "}
                      {t("training.dueOn", { date: formatDate(locale, item.dueDate) })}
                      {" · "}
                      <span className={item.overdue ? "font-semibold text-red-700" : undefined}>
                        {item.overdue ? t("training.overdue") : t(`training.statuses.${item.status}`)}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ) : null}

      {data.curriculum ? (
        <section className="card space-y-3" aria-labelledby="curriculum">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="curriculum" className="text-lg font-semibold">
              {t("training.curriculum")}
            </h2>
            {data.canSeeProgress ? (
              <Link to="progress" className="text-sm font-medium text-brand-700 underline">
                {t("training.progressLink")}
              </Link>
            ) : null}
          </div>
          <p className="text-sm text-slate-600">
            {t("training.curriculumIntro", { date: formatDate(locale, data.start) })}
          </p>
          {data.curriculum.length === 0 ? (
            <p className="text-sm text-slate-600">{t("training.emptyCurriculum")}</p>
          ) : (
            <ol className="space-y-3" data-testid="curriculum">
              {data.curriculum.map((item, i) => (
                <li key={item.id} className="rounded border border-slate-200 p-3">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <p className="font-medium">
                      {i + 1}.{" "}
                      <Link to={item.id} className="text-brand-700 underline">
                        {item.title}
                      </Link>{" "}
                      <span className="text-sm font-normal text-slate-600">
                        {t(`training.kinds.${item.kind}`)}
                      </span>
                    </p>
                    <p className="text-sm text-slate-600">
                      {item.assigneeName ?? (item.audience ? t(`training.audiences.${item.audience}`) : "—")}{" "}
                      · {t("training.dueOn", { date: formatDate(locale, item.dueDate) })} ·{" "}
                      {t("training.peopleCount", { count: item.people })}
                    </p>
                  </div>
                  {data.tailor ? (
                    <div className="mt-2 flex flex-wrap items-end gap-2">
                      <Form method="post" className="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="intent" value="update" />
                        <input type="hidden" name="itemId" value={item.id} />
                        <input type="hidden" name="version" value={item.version} />
                        <TextField
                          label={t("training.dueOffset")}
                          name="dueOffsetDays"
                          inputMode="numeric"
                          defaultValue={String(item.dueOffsetDays)}
                          required
                        />
                        <SelectField
                          label={t("training.assignee")}
                          name="assignee"
                          required
                          defaultValue={item.assignee}
                          options={assigneeOptions}
                        />
                        <button type="submit" className="btn-secondary" disabled={busy}>
                          {t("training.save")}
                        </button>
                      </Form>
                      <Form method="post" className="flex gap-1">
                        <input type="hidden" name="intent" value="move" />
                        <input type="hidden" name="itemId" value={item.id} />
                        <button
                          type="submit"
                          name="by"
                          value="-1"
                          className="btn-secondary px-2"
                          disabled={busy || i === 0}
                          aria-label={t("training.moveUp", { title: item.title })}
                        >
                          ↑
                        </button>
                        <button
                          type="submit"
                          name="by"
                          value="1"
                          className="btn-secondary px-2"
                          disabled={busy || i === data.curriculum!.length - 1}
                          aria-label={t("training.moveDown", { title: item.title })}
                        >
                          ↓
                        </button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="itemId" value={item.id} />
                        <input type="hidden" name="version" value={item.version} />
                        <button
                          type="submit"
                          className="btn-secondary"
                          disabled={busy}
                          aria-label={t("training.removeFrom", { title: item.title })}
                        >
                          {t("training.remove")}
                        </button>
                      </Form>
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
          {data.tailor ? (
            <div className="grid gap-4 border-t border-slate-200 pt-3 lg:grid-cols-2">
              <Form method="post" className="space-y-2" aria-labelledby="add-module-title">
                <h3 id="add-module-title" className="font-semibold">
                  {t("training.addModule")}
                </h3>
                <input type="hidden" name="intent" value="add" />
                <SelectField
                  label={t("training.module")}
                  name="moduleId"
                  required
                  options={data.modules.map((m) => ({
                    value: m.id,
                    label: `${m.title} (${t(`training.kinds.${m.kind}`)})`,
                  }))}
                />
                <TextField
                  label={t("training.dueOffset")}
                  hint={t("training.dueOffsetHint")}
                  name="dueOffsetDays"
                  inputMode="numeric"
                  defaultValue="14"
                  required
                />
                <SelectField
                  label={t("training.assignee")}
                  name="assignee"
                  required
                  options={assigneeOptions}
                />
                <button type="submit" className="btn-primary" disabled={busy}>
                  {t("training.add")}
                </button>
              </Form>
              {data.paths.length ? (
                <Form method="post" className="space-y-2" aria-labelledby="add-path-title">
                  <h3 id="add-path-title" className="font-semibold">
                    {t("training.addPath")}
                  </h3>
                  <input type="hidden" name="intent" value="addPath" />
                  <SelectField
                    label={t("training.path")}
                    name="pathId"
                    required
                    options={data.paths.map((p) => ({ value: p.id, label: p.title }))}
                  />
                  <SelectField
                    label={t("training.audience")}
                    name="audience"
                    required
                    options={TRAINING_AUDIENCES.map((a) => ({
                      value: a,
                      label: t(`training.audiences.${a}`),
                    }))}
                  />
                  <button type="submit" className="btn-secondary" disabled={busy}>
                    {t("training.add")}
                  </button>
                </Form>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
