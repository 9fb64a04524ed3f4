import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorView } from "~/components/ErrorView";
import { ModuleForm } from "~/components/training/ModuleForm";
import { Notice } from "~/components/ui/Field";
import { moduleSchema } from "~/domain/training/forms";
import { editorValues, getModule, setModuleArchived, updateModule } from "~/domain/training/library.server";
import { formatDateTime } from "~/i18n/format";
import { pageTitle } from "~/i18n/page-title.server";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";
import { fields } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/page-title";
import { answerIntent, on } from "~/web/form-action.server";
import { requireStaff } from "~/web/guards.server";
import { readFileUploadForm } from "~/web/uploads.server";
import { uploadsOf } from "~/web/file-forms.server";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = requireStaff(request, "training.library");
  const { module, versions, content } = getModule(params.moduleId ?? "");
  return {
    module,
    versions,
    values: editorValues(content),
    pageTitle: await pageTitle(request, actor, "training.editTitle", { title: module.title }),
  };
}

const Versioned = z.object({ version: fields.version() });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = requireStaff(request, "training.library");
  const { module } = getModule(params.moduleId ?? "");
  const upload = await readFileUploadForm(request);
  return answerIntent(upload.form, {
    save: on(
      Versioned.and(moduleSchema(module.kind)),
      (input) => updateModule(actor, module.id, input.version, input, uploadsOf(upload, "file")[0] ?? null),
      "training.saved",
      { invalid: "training.invalid" },
    ),
    archive: on(Versioned, (i) => setModuleArchived(module.id, i.version, true), "training.archived"),
    restore: on(Versioned, (i) => setModuleArchived(module.id, i.version, false), "training.restored"),
  });
}

export default function EditModule() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const { module, versions, values } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const [search] = useSearchParams();
  const notice = result?.ok ? result.notice : search.get("saved") ? "training.created" : null;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/training" className="text-sm text-brand-700 underline">
          {t("training.backToLibrary")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{module.title}</h1>
      <p className="text-sm text-slate-600">
        {t(`training.kinds.${module.kind}`)} · {t("training.versionN", { n: module.currentVersionNumber })}
        {module.archived ? ` · ${t("training.archivedLabel")}` : ""}
      </p>
      {notice ? <Notice>{t(notice)}</Notice> : null}
      <section className="card" aria-labelledby="edit-module">
        <h2 id="edit-module" className="mb-3 text-lg font-semibold">
          {t("training.editHeading")}
        </h2>
        <p className="mb-3 text-sm text-slate-600">{t("training.editIntro")}</p>
        <ModuleForm
          key={module.version}
          kind={module.kind}
          values={{
            ...values,
            title: module.title,
            product: module.product,
            persona: module.persona,
            language: module.language,
          }}
          result={result?.values?.intent === "save" ? result : undefined}
          version={module.version}
          submitLabel={t("training.saveVersion")}
        />
      </section>
      <section className="card" aria-labelledby="versions">
        <h2 id="versions" className="text-lg font-semibold">
          {t("training.versions")}
        </h2>
        <ul className="mt-2 space-y-1 text-sm">
          {versions.map((v) => (
            <li key={v.id}>
              {t("training.versionN", { n: v.number })} · {formatDateTime(locale, v.createdAt)}
            </li>
          ))}
        </ul>
        <Form method="post" className="mt-4">
          <input type="hidden" name="version" value={module.version} />
          <button
            type="submit"
            name="intent"
            value={module.archived ? "restore" : "archive"}
            className="btn-secondary"
          >
            {module.archived ? t("training.restore") : t("training.archive")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
