import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { listTemplates } from "~/domain/templates/templates.server";
import { pageTitle } from "~/i18n/page-title.server";
import { pageTitleMeta } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = requireStaff(request, "templates.manage");
  return { templates: listTemplates(), pageTitle: await pageTitle(request, actor, "templates.title") };
}

export default function Templates() {
  const { t } = useTranslation();
  const { templates } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("templates.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("templates.subtitle")}</p>
        <p className="mt-1 text-sm">
          <Link to="/forms" className="text-brand-700 underline">
            {t("forms.library.link")}
          </Link>
        </p>
      </div>
      {templates.length === 0 ? (
        <div className="card text-center text-slate-600">{t("templates.empty")}</div>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {templates.map((template) => (
            <li key={template.id}>
              <Link to={template.id} className="card block hover:border-brand-600">
                <p className="text-lg font-semibold">{template.name}</p>
                <p className="mt-1 text-sm text-slate-600">{template.description}</p>
                <p className="mt-3 flex gap-3 text-xs text-slate-500">
                  <span>{t(`language.${template.locale}`)}</span>
                  <span>{t("templates.taskCount", { count: template.tasks })}</span>
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
