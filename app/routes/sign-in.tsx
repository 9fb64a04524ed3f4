import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { getOptionalUser } from "~/web/guards.server";
import { signedInRedirect } from "~/web/respond.server";
import { answerIntent, on } from "~/web/form-action.server";
import { requestMagicLink, signInWithPassword } from "~/auth/sign-in.server";
import { ErrorView } from "~/components/ErrorView";
import { OrgLogo } from "~/components/ui/Avatar";
import { FormError, Notice, TextField } from "~/components/ui/Field";
import { MagicLinkRequestSchema, SignInSchema } from "~/domain/users/schemas";
import { getBrand } from "~/domain/workspace/brand.server";
import { resolveLocale } from "~/i18n/i18n.server";
import { clientIp, safeRedirectPath } from "~/utils/http.server";
import { pageTitle } from "~/i18n/page-title.server";
import { pageTitleMeta } from "~/utils/page-title";
import { useRootData } from "~/root";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

/** Seconds before "resend" is offered again (with JavaScript; without it the rate limit answers). */
const RESEND_AFTER_SECONDS = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  if (getOptionalUser(request))
    throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return {
    pageTitle: await pageTitle(request, null, "auth.title", { company: getBrand().companyName }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const redirectTo = safeRedirectPath(formData.get("redirectTo"));
  const ip = clientIp(request);
  const locale = await resolveLocale(request);
  return answerIntent(formData, {
    // The same answer whether or not the address has an account: the page never tells who does.
    link: on(
      MagicLinkRequestSchema,
      (i) => requestMagicLink({ email: i.email, ip, locale, redirectTo }),
      (_, i) => ({ notice: "auth.linkSent", values: { email: i.email } }),
    ),
    password: on(
      SignInSchema,
      (i) => signInWithPassword({ ...i, ip }),
      (signedIn) => signedInRedirect(request, signedIn.sessionToken, redirectTo),
    ),
  });
}

export default function SignIn() {
  const { t } = useTranslation();
  const brand = useRootData()?.brand;
  const company = brand?.companyName ?? "Launchroom";
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "/";
  const email = result?.values?.email ?? "";
  const sentTo = result?.ok && result.values?.intent === "link" ? email : null;
  const errorsOf = (intent: string) => (result?.values?.intent === intent ? result.fieldErrors : undefined);
  const formErrorOf = (intent: string) => (result?.values?.intent === intent ? result.formError : undefined);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="flex items-center gap-3">
        <OrgLogo name={company} logoUrl={brand?.logoUrl} size="md" />
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold">{t("auth.title", { company })}</h1>
          <p className="mt-1 text-slate-600">{t("auth.subtitle")}</p>
        </div>
      </div>
      {sentTo ? (
        <CheckInbox email={sentTo} redirectTo={redirectTo} />
      ) : (
        <section className="card" aria-labelledby="link-title">
          <h2 id="link-title" className="text-lg font-semibold">
            {t("auth.linkTitle")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("auth.linkHint")}</p>
          {formErrorOf("link") ? (
            <div className="mt-4">
              <FormError messageKey={formErrorOf("link")!} />
            </div>
          ) : null}
          <LinkForm
            email={email}
            redirectTo={redirectTo}
            error={errorsOf("link")?.email}
            label={t("auth.sendLink")}
          />
        </section>
      )}
      <section
        className="rounded-lg border border-slate-200 bg-slate-50 p-5"
        aria-labelledby="password-title"
      >
        <h2 id="password-title" className="text-base font-semibold">
          {t("auth.passwordTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("auth.passwordHint")}</p>
        {formErrorOf("password") ? (
          <div className="mt-4">
            <FormError messageKey={formErrorOf("password")!} />
          </div>
        ) : null}
        <PasswordForm
          email={result?.values?.intent === "password" ? email : ""}
          redirectTo={redirectTo}
          errors={errorsOf("password")}
        />
      </section>
    </div>
  );
}

function LinkForm(props: { email: string; redirectTo: string; error?: string; label: string }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post" className="mt-4 space-y-4" noValidate>
      <input type="hidden" name="redirectTo" value={props.redirectTo} />
      <input type="hidden" name="intent" value="link" />
      <TextField
        label={t("fields.email")}
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={props.email}
        error={props.error}
        required
      />
      <button type="submit" className="btn-primary w-full" disabled={busy}>
        {props.label}
      </button>
    </Form>
  );
}

function PasswordForm(props: { email: string; redirectTo: string; errors?: Record<string, string> }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post" className="mt-4 space-y-4" noValidate>
      <input type="hidden" name="redirectTo" value={props.redirectTo} />
      <input type="hidden" name="intent" value="password" />
      <TextField
        label={t("fields.email")}
        name="email"
        type="email"
        autoComplete="username"
        defaultValue={props.email}
        error={props.errors?.email}
        required
      />
      <TextField
        label={t("fields.password")}
        name="password"
        type="password"
        autoComplete="current-password"
        error={props.errors?.password}
        required
      />
      <button type="submit" className="btn-secondary w-full" disabled={busy}>
        {t("auth.signIn")}
      </button>
    </Form>
  );
}

/**
 * After a link was asked for: names the address (as typed: never whether it has an account), and offers
 * to send again after a pause. Without JavaScript the resend button is there at once; the server's rate
 * limit answers a burst.
 */
function CheckInbox({ email, redirectTo }: { email: string; redirectTo: string }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const result = useActionData<typeof action>();
  // Seconds since this answer arrived; null until the script runs (then the button is there at once).
  const [elapsed, setElapsed] = useState<number | null>(null);
  useEffect(() => {
    const start = Date.now();
    const timer = setInterval(() => {
      const seconds = Math.floor((Date.now() - start) / 1000);
      setElapsed(seconds);
      if (seconds >= RESEND_AFTER_SECONDS) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [result]);
  const secondsLeft = elapsed === null ? 0 : Math.max(0, RESEND_AFTER_SECONDS - elapsed);
  const waiting = secondsLeft > 0;
  return (
    <section className="card space-y-4" aria-labelledby="inbox-title" data-testid="check-inbox">
      <h2 id="inbox-title" className="text-lg font-semibold">
        {t("brand.inboxTitle")}
      </h2>
      <Notice>{t("auth.linkSent")}</Notice>
      <p className="text-sm text-slate-700">
        {t("brand.inboxSentTo")} <strong className="break-all">{email}</strong>
      </p>
      <p className="text-sm text-slate-600">{t("brand.inboxHint")}</p>
      <Form method="post" className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <input type="hidden" name="intent" value="link" />
        <input type="hidden" name="email" value={email} />
        <button
          type="submit"
          className="btn-secondary"
          disabled={busy || waiting}
          aria-describedby="resend-wait"
        >
          {t("brand.resend")}
        </button>
        <span id="resend-wait" className="text-sm text-slate-600">
          {waiting ? t("brand.resendIn", { count: secondsLeft }) : ""}
        </span>
      </Form>
      <Link
        to={`/sign-in?redirectTo=${encodeURIComponent(redirectTo)}`}
        className="text-sm font-medium text-brand-700 underline"
      >
        {t("brand.otherAddress")}
      </Link>
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
