import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The one error display every route's ErrorBoundary uses: a clear message, never a stack trace. */
export function ErrorView() {
  const error = useRouteError();
  const { t } = useTranslation();
  let status = 500;
  let messageKey = "errors.unexpected";
  let params: Record<string, unknown> = {};
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const data = error.data as { messageKey?: string; params?: Record<string, unknown> } | undefined;
    messageKey =
      data?.messageKey ??
      (status === 404 ? "errors.notFound" : status === 403 ? "errors.forbidden" : messageKey);
    params = data?.params ?? {};
  }
  return (
    <section className="card mx-auto max-w-lg text-center" aria-labelledby="error-title">
      <p className="text-sm font-semibold text-slate-500">{status}</p>
      <h1 id="error-title" className="mt-2 text-xl font-semibold">
        {t(`errors.title.${status === 404 ? "notFound" : status === 403 ? "forbidden" : "generic"}`)}
      </h1>
      <p className="mt-3 text-slate-600">{t(messageKey, params)}</p>
      <Link to="/" className="btn-secondary mt-6">
        {t("nav.home")}
      </Link>
    </section>
  );
}
