import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { redirectSignedIn } from "~/web/respond.server";
import { peekMagicLink, redeemMagicLink } from "~/auth/sign-in.server";
import { ErrorView } from "~/components/ErrorView";
import { FormError } from "~/components/ui/Field";
import { runAction, safeRedirectPath } from "~/utils/http.server";

// GET only shows a confirmation: mail scanners follow links, so only the POST below consumes the token.
export function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const link = token ? peekMagicLink(token) : null;
  return { token: link ? token : "", email: link?.email ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const token = String(formData.get("token") ?? "");
  const result = await runAction(() => redeemMagicLink(token));
  if (!result.ok) return data({ formError: result.formError }, result.status);
  return redirectSignedIn(request, result.value.sessionToken, safeRedirectPath(result.value.redirectTo));
}

export default function MagicLink() {
  const { t } = useTranslation();
  const { token, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="card mx-auto max-w-md" aria-labelledby="link-title">
      <h1 id="link-title" className="text-xl font-semibold">
        {t("auth.confirmTitle")}
      </h1>
      {result?.formError ? (
        <div className="mt-4">
          <FormError messageKey={result.formError} />
        </div>
      ) : null}
      {email ? (
        <Form method="post" className="mt-4 space-y-4">
          <p className="text-slate-700">{t("auth.confirmAs", { email })}</p>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="btn-primary w-full">
            {t("auth.confirmButton")}
          </button>
        </Form>
      ) : (
        <div className="mt-4 space-y-4">
          <p className="text-slate-700">{t("auth.linkInvalid")}</p>
          <Link to="/sign-in" className="btn-secondary">
            {t("auth.requestNewLink")}
          </Link>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
