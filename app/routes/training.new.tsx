import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorView } from "~/components/ErrorView";
import { ModuleForm } from "~/components/training/ModuleForm";
import { moduleSchema } from "~/domain/training/forms";
import { createModule } from "~/domain/training/library.server";
import { pageTitle } from "~/i18n/page-title.server";
import type { ActionResult } from "~/utils/action-result";
import { DomainError } from "~/utils/errors";
import { throwHttp } from "~/utils/http.server";
import { pageTitleMeta } from "~/utils/page-title";
import { TRAINING_KINDS, type TrainingKind } from "~/vocabulary";
import { answerIntent, on } from "~/web/form-action.server";
import { requireStaff } from "~/web/guards.server";
import { readFileUploadForm } from "~/web/uploads.server";
import { uploadsOf } from "~/web/file-forms.server";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

function kindOf(request: Request): TrainingKind {
  const kind = new URL(request.url).searchParams.get("kind") || "lesson";
  if (!(TRAINING_KINDS as readonly string[]).includes(kind))
    throwHttp(new DomainError(404, "errors.notFound"));
  return kind as TrainingKind;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = requireStaff(request, "training.library");
  const kind = kindOf(request);
  return { kind, pageTitle: await pageTitle(request, actor, `training.newTitle.${kind}`) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = requireStaff(request, "training.library");
  const kind = kindOf(request);
  const upload = await readFileUploadForm(request);
  return answerIntent(upload.form, {
    save: on(
      moduleSchema(kind),
      (input) => ({ id: createModule(actor, input, uploadsOf(upload, "file")[0] ?? null) }),
      (r) => ({ redirect: `/training/${r.id}?saved=1` }),
      { invalid: "training.invalid" },
    ),
  });
}

export default function NewModule() {
  const { t } = useTranslation();
  const { kind } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/training" className="text-sm text-brand-700 underline">
          {t("training.backToLibrary")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{t(`training.newTitle.${kind}`)}</h1>
      <section className="card">
        <ModuleForm kind={kind} values={{}} result={result} submitLabel={t("training.create")} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
