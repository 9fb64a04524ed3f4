import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOptionalUser } from "~/web/guards.server";
import { redirectSignedIn } from "~/web/respond.server";
import { requestMagicLink, signInWithPassword } from "~/auth/sign-in.server";
import { ErrorView } from "~/components/ErrorView";
import { FormError, Notice, TextField } from "~/components/ui/Field";
import { MagicLinkRequestSchema, SignInSchema } from "~/domain/users/schemas";
import { resolveLocale } from "~/i18n/i18n.server";
import { formValues, type ActionResult } from "~/utils/action-result";
import { parseForm } from "~/utils/forms";
import { clientIp, runAction, safeRedirectPath } from "~/utils/http.server";
import { pageTitle } from "~/i18n/page-title.server";
import { pageTitleMeta } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  if (getOptionalUser(request))
    throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return { pageTitle: await pageTitle(request, null, "auth.title") };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const redirectTo = safeRedirectPath(formData.get("redirectTo"));
  const values = formValues(formData);
  if (formData.get("intent") === "link") {
    const parsed = parseForm(MagicLinkRequestSchema, formData);
    if (!parsed.ok) return data<ActionResult>({ ok: false, fieldErrors: parsed.fieldErrors, values }, 400);
    const locale = await resolveLocale(request);
    const result = await runAction(() =>
      requestMagicLink({ email: parsed.data.email, ip: clientIp(request), locale, redirectTo }),
    );
    if (!result.ok)
      return data<ActionResult>({ ok: false, formError: result.formError, values }, result.status);
    return data<ActionResult>({ ok: true, notice: "auth.linkSent", values });
  }
  const parsed = parseForm(SignInSchema, formData);
  if (!parsed.ok) return data<ActionResult>({ ok: false, fieldErrors: parsed.fieldErrors, values }, 400);
  const result = await runAction(() => signInWithPassword({ ...parsed.data, ip: clientIp(request) }));
  if (!result.ok)
    return data<ActionResult>({ ok: false, formError: result.formError, values }, result.status);
  return redirectSignedIn(request, result.value.sessionToken, redirectTo);
}

export default function SignIn() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const redirectTo = params.get("redirectTo") ?? "/";
  const email = result?.values?.email ?? "";
  const errorsOf = (intent: string) => (result?.values?.intent === intent ? result.fieldErrors : undefined);
  return (
    <div className="mx-auto grid max-w-3xl gap-6 md:grid-cols-2">
      <div className="md:col-span-2">
        <h1 className="text-2xl font-semibold">{t("auth.title")}</h1>
        <p className="mt-1 text-slate-600">{t("auth.subtitle")}</p>
      </div>
      {result?.notice ? (
        <div className="md:col-span-2">
          <Notice>{t(result.notice)}</Notice>
        </div>
      ) : null}
      {result?.formError ? (
        <div className="md:col-span-2">
          <FormError messageKey={result.formError} />
        </div>
      ) : null}
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title" className="text-lg font-semibold">
          {t("auth.passwordTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("auth.passwordHint")}</p>
        <Form method="post" className="mt-4 space-y-4" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <input type="hidden" name="intent" value="password" />
          <TextField
            label={t("fields.email")}
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={email}
            error={errorsOf("password")?.email}
            required
          />
          <TextField
            label={t("fields.password")}
            name="password"
            type="password"
            autoComplete="current-password"
            error={errorsOf("password")?.password}
            required
          />
          <button type="submit" className="btn-primary w-full" disabled={busy}>
            {t("auth.signIn")}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="link-title">
        <h2 id="link-title" className="text-lg font-semibold">
          {t("auth.linkTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("auth.linkHint")}</p>
        <Form method="post" className="mt-4 space-y-4" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <input type="hidden" name="intent" value="link" />
          <TextField
            label={t("fields.email")}
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={email}
            error={errorsOf("link")?.email}
            required
          />
          <button type="submit" className="btn-secondary w-full" disabled={busy}>
            {t("auth.sendLink")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
