import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { redirectSignedIn } from "~/web/respond.server";
import { ErrorView } from "~/components/ErrorView";
import { FormError, TextField } from "~/components/ui/Field";
import { acceptInvitation, peekInvitation } from "~/domain/invitations/invitations.server";
import { AcceptInvitationSchema } from "~/domain/invitations/schemas";
import { parseForm } from "~/utils/forms";
import { runAction } from "~/utils/http.server";
import { pageTitle } from "~/i18n/page-title.server";
import { pageTitleMeta } from "~/utils/page-title";

// GET shows who invited whom to what; only the one-click POST accepts (mail scanners follow links).
export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const invitation = token ? peekInvitation(token) : null;
  return {
    token: invitation ? token : "",
    invitation,
    pageTitle: await pageTitle(request, null, "invite.acceptTitle"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(AcceptInvitationSchema, await request.formData());
  if (!parsed.ok) {
    return data(
      { formError: parsed.fieldErrors.token ? "invite.invalid" : undefined, fieldErrors: parsed.fieldErrors },
      400,
    );
  }
  const result = await runAction(() => acceptInvitation(parsed.data.token, { name: parsed.data.name }));
  if (!result.ok) return data({ formError: result.formError, fieldErrors: undefined }, result.status);
  return redirectSignedIn(request, result.value.sessionToken, `/rooms/${result.value.roomId}`);
}

export default function Invite() {
  const { t } = useTranslation();
  const { token, invitation } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="card mx-auto max-w-md" aria-labelledby="invite-title">
      <h1 id="invite-title" className="text-xl font-semibold">
        {t("invite.acceptTitle")}
      </h1>
      {result?.formError ? (
        <div className="mt-4">
          <FormError messageKey={result.formError} />
        </div>
      ) : null}
      {invitation ? (
        <Form method="post" className="mt-4 space-y-4">
          {invitation.logoUrl ? <img src={invitation.logoUrl} alt="" className="h-10 w-auto" /> : null}
          <p className="text-slate-700">
            {t("invite.acceptBody", {
              inviter: invitation.inviterName,
              room: invitation.roomTitle,
              account: invitation.accountName,
              role: t(`roles.${invitation.role}`),
            })}
          </p>
          <p className="text-sm text-slate-500">{t("invite.acceptAs", { email: invitation.email })}</p>
          <input type="hidden" name="token" value={token} />
          {invitation.hasAccount ? null : (
            <TextField
              label={t("invite.yourName")}
              name="name"
              autoComplete="name"
              hint={t("invite.yourNameHint")}
              error={result?.fieldErrors?.name}
            />
          )}
          <button type="submit" className="btn-primary w-full">
            {t("invite.acceptButton")}
          </button>
        </Form>
      ) : (
        <div className="mt-4 space-y-4">
          <p className="text-slate-700">{t("invite.invalid")}</p>
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
