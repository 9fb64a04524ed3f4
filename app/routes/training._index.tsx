import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorView } from "~/components/ErrorView";
import { FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import {
  addTemplateCurriculum,
  getTemplateCurriculum,
  removeTemplateCurriculum,
} from "~/domain/training/curriculum.server";
import { dueOffsetField } from "~/domain/training/forms";
import { changePath, createPath, listModules, listPaths, listTags } from "~/domain/training/library.server";
import { listTemplates } from "~/domain/templates/templates.server";
import { pageTitle } from "~/i18n/page-title.server";
import type { ActionResult } from "~/utils/action-result";
import { fields } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/page-title";
import { LOCALES, TRAINING_AUDIENCES, TRAINING_KINDS } from "~/vocabulary";
import { answerIntent, on } from "~/web/form-action.server";
import { requireStaff } from "~/web/guards.server";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = requireStaff(request, "training.library");
  const tag = new URL(request.url).searchParams.get("tag") ?? "";
  return {
    tag,
    tags: listTags(),
    modules: listModules({ tag }),
    allModules: listModules().map((m) => ({ id: m.id, title: m.title })),
    paths: listPaths(),
    templates: listTemplates().map((tpl) => ({
      id: tpl.id,
      name: tpl.name,
      curriculum: getTemplateCurriculum(tpl.id),
    })),
    pageTitle: await pageTitle(request, actor, "training.libraryTitle"),
  };
}

const PathRef = z.object({ pathId: z.string().catch(""), version: fields.version() });
const ModuleRef = z.object({ moduleId: z.string().min(1, { message: "validation.choose" }) });

export async function action({ request }: ActionFunctionArgs) {
  requireStaff(request, "training.library");
  const formData = await request.formData();
  return answerIntent(formData, {
    createPath: on(
      z.object({
        title: fields.requiredText(200),
        persona: fields.optionalText(60),
        language: fields.enumOf(LOCALES),
      }),
      (i) => createPath({ title: i.title, persona: i.persona ?? null, language: i.language }),
      "training.pathCreated",
    ),
    pathAdd: on(
      PathRef.extend(ModuleRef.shape).extend({ dueOffsetDays: dueOffsetField() }),
      (i) =>
        changePath(i.pathId, i.version, { op: "add", moduleId: i.moduleId, dueOffsetDays: i.dueOffsetDays }),
      "training.pathChanged",
    ),
    pathRemove: on(
      PathRef.extend(ModuleRef.shape),
      (i) => changePath(i.pathId, i.version, { op: "remove", moduleId: i.moduleId }),
      "training.pathChanged",
    ),
    pathMove: on(
      PathRef.extend(ModuleRef.shape).extend({
        by: z.enum(["-1", "1"]).transform((v) => (v === "1" ? 1 : -1) as 1 | -1),
      }),
      (i) => changePath(i.pathId, i.version, { op: "move", moduleId: i.moduleId, by: i.by }),
      "training.pathChanged",
    ),
    templateAdd: on(
      z.object({
        templateId: z.string().catch(""),
        pathId: z.string().min(1, { message: "validation.choose" }),
        audience: fields.enumOf(TRAINING_AUDIENCES),
      }),
      (i) => addTemplateCurriculum(i.templateId, { pathId: i.pathId, audience: i.audience }),
      "training.templateChanged",
    ),
    templateRemove: on(
      z.object({ templateId: z.string().catch(""), id: z.string().catch("") }),
      (i) => removeTemplateCurriculum(i.templateId, i.id),
      "training.templateChanged",
    ),
  });
}

export default function TrainingLibrary() {
  const { t } = useTranslation();
  const { tag, tags, modules, allModules, paths, templates } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state !== "idle";
  const failedIntent = result && !result.ok ? result.values?.intent : undefined;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("training.libraryTitle")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("training.libraryIntro")}</p>
      </div>
      {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
      {result && !result.ok ? <FormError messageKey={result.formError ?? "training.invalid"} /> : null}

      <section className="card space-y-4" aria-labelledby="modules-title">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 id="modules-title" className="text-lg font-semibold">
            {t("training.modules")}
          </h2>
          <nav aria-label={t("training.newModule")} className="flex flex-wrap gap-2">
            {TRAINING_KINDS.map((kind) => (
              <Link key={kind} to={`/training/new?kind=${kind}`} className="btn-secondary text-sm">
                {t(`training.newKind.${kind}`)}
              </Link>
            ))}
          </nav>
        </div>
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <SelectField
            label={t("training.filterByTag")}
            name="tag"
            defaultValue={tag}
            placeholder={t("training.allTags")}
            options={[
              ...tags.map((value) => ({ value, label: value })),
              ...LOCALES.map((l) => ({ value: l, label: t(`training.languages.${l}`) })),
            ]}
          />
          <button type="submit" className="btn-secondary">
            {t("training.filter")}
          </button>
        </Form>
        {modules.length === 0 ? (
          <p className="text-sm text-slate-600">{tag ? t("training.noMatch") : t("training.emptyLibrary")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th className="py-2 pr-3">{t("training.fields.title")}</th>
                  <th className="py-2 pr-3">{t("training.kind")}</th>
                  <th className="py-2 pr-3">{t("training.tags")}</th>
                  <th className="py-2 pr-3">{t("training.version")}</th>
                </tr>
              </thead>
              <tbody>
                {modules.map((m) => (
                  <tr key={m.id} className="border-b border-slate-100">
                    <td className="py-2 pr-3">
                      <Link to={`/training/${m.id}`} className="font-medium text-brand-700 underline">
                        {m.title}
                      </Link>
                    </td>
                    <td className="py-2 pr-3">{t(`training.kinds.${m.kind}`)}</td>
                    <td className="py-2 pr-3">
                      {[m.product, m.persona, t(`training.languages.${m.language}`)]
                        .filter(Boolean)
                        .join(" · ")}
                    </td>
                    <td className="py-2 pr-3">{m.currentVersionNumber}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card space-y-4" aria-labelledby="paths-title">
        <h2 id="paths-title" className="text-lg font-semibold">
          {t("training.paths")}
        </h2>
        {paths.length === 0 ? <p className="text-sm text-slate-600">{t("training.noPaths")}</p> : null}
        {paths.map((path) => (
          <div key={path.id} className="rounded border border-slate-200 p-3">
            <h3 className="font-semibold">
              {path.title}{" "}
              <span className="text-sm font-normal text-slate-600">
                {[path.persona, t(`training.languages.${path.language}`)].filter(Boolean).join(" · ")}
              </span>
            </h3>
            {path.modules.length === 0 ? (
              <p className="text-sm text-slate-600">{t("training.pathEmpty")}</p>
            ) : (
              <ol className="mt-2 space-y-1">
                {path.modules.map((m, i) => (
                  <li key={m.id} className="flex flex-wrap items-center gap-2 text-sm">
                    <span className="min-w-0 flex-1">
                      {i + 1}. {m.title}{" "}
                      <span className="text-slate-500">
                        ({t("training.dueAfter", { count: m.dueOffsetDays })})
                      </span>
                    </span>
                    <Form method="post" className="flex gap-1">
                      <input type="hidden" name="pathId" value={path.id} />
                      <input type="hidden" name="version" value={path.version} />
                      <input type="hidden" name="moduleId" value={m.moduleId} />
                      <input type="hidden" name="by" value="-1" />
                      <button
                        type="submit"
                        name="intent"
                        value="pathMove"
                        className="btn-secondary px-2 text-xs"
                        disabled={busy || i === 0}
                        aria-label={t("training.moveUp", { title: m.title })}
                      >
                        ↑
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="pathId" value={path.id} />
                      <input type="hidden" name="version" value={path.version} />
                      <input type="hidden" name="moduleId" value={m.moduleId} />
                      <input type="hidden" name="by" value="1" />
                      <button
                        type="submit"
                        name="intent"
                        value="pathMove"
                        className="btn-secondary px-2 text-xs"
                        disabled={busy || i === path.modules.length - 1}
                        aria-label={t("training.moveDown", { title: m.title })}
                      >
                        ↓
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="pathId" value={path.id} />
                      <input type="hidden" name="version" value={path.version} />
                      <input type="hidden" name="moduleId" value={m.moduleId} />
                      <button
                        type="submit"
                        name="intent"
                        value="pathRemove"
                        className="btn-secondary px-2 text-xs"
                        disabled={busy}
                        aria-label={t("training.removeFrom", { title: m.title })}
                      >
                        {t("training.remove")}
                      </button>
                    </Form>
                  </li>
                ))}
              </ol>
            )}
            <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="pathAdd" />
              <input type="hidden" name="pathId" value={path.id} />
              <input type="hidden" name="version" value={path.version} />
              <SelectField
                label={t("training.addModule")}
                name="moduleId"
                required
                options={allModules
                  .filter((m) => !path.modules.some((p) => p.moduleId === m.id))
                  .map((m) => ({ value: m.id, label: m.title }))}
              />
              <TextField
                label={t("training.dueOffset")}
                name="dueOffsetDays"
                inputMode="numeric"
                defaultValue="14"
                required
              />
              <button type="submit" className="btn-secondary" disabled={busy}>
                {t("training.add")}
              </button>
            </Form>
          </div>
        ))}
        <Form method="post" className="grid gap-2 border-t border-slate-200 pt-3 sm:grid-cols-4 sm:items-end">
          <input type="hidden" name="intent" value="createPath" />
          <TextField
            label={t("training.pathTitle")}
            name="title"
            required
            error={failedIntent === "createPath" ? result?.fieldErrors?.title : undefined}
          />
          <TextField label={t("training.fields.persona")} name="persona" />
          <SelectField
            label={t("training.fields.language")}
            name="language"
            required
            options={LOCALES.map((l) => ({ value: l, label: t(`training.languages.${l}`) }))}
          />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("training.createPath")}
          </button>
        </Form>
      </section>

      <section className="card space-y-4" aria-labelledby="templates-title">
        <h2 id="templates-title" className="text-lg font-semibold">
          {t("training.templateDefaults")}
        </h2>
        <p className="text-sm text-slate-600">{t("training.templateDefaultsIntro")}</p>
        {templates.map((tpl) => (
          <div key={tpl.id} className="rounded border border-slate-200 p-3">
            <h3 className="font-semibold">{tpl.name}</h3>
            {tpl.curriculum.length === 0 ? (
              <p className="text-sm text-slate-600">{t("training.noTemplateCurriculum")}</p>
            ) : (
              <ul className="mt-2 space-y-1 text-sm">
                {tpl.curriculum.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-center gap-2">
                    <span className="flex-1">
                      {c.pathTitle} → {t(`training.audiences.${c.audience}`)}
                    </span>
                    <Form method="post">
                      <input type="hidden" name="templateId" value={tpl.id} />
                      <input type="hidden" name="id" value={c.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="templateRemove"
                        className="btn-secondary px-2 text-xs"
                        aria-label={t("training.removeFrom", { title: c.pathTitle })}
                      >
                        {t("training.remove")}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
            {paths.length ? (
              <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="templateAdd" />
                <input type="hidden" name="templateId" value={tpl.id} />
                <SelectField
                  label={t("training.path")}
                  name="pathId"
                  required
                  options={paths.map((p) => ({ value: p.id, label: p.title }))}
                />
                <SelectField
                  label={t("training.audience")}
                  name="audience"
                  required
                  options={TRAINING_AUDIENCES.map((a) => ({ value: a, label: t(`training.audiences.${a}`) }))}
                />
                <button type="submit" className="btn-secondary" disabled={busy}>
                  {t("training.add")}
                </button>
              </Form>
            ) : null}
          </div>
        ))}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
