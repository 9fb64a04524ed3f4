import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorView } from "~/components/ErrorView";
import { ImageUpload } from "~/components/ui/ImageUpload";
import { getAccountLogo, removeAccountLogo, uploadAccountLogo } from "~/domain/accounts/logo.server";
import { pageTitle } from "~/i18n/page-title.server";
import { orStatusPage } from "~/utils/http.server";
import { pageTitleMeta } from "~/utils/page-title";
import { answerIntent, on } from "~/web/form-action.server";
import { requireStaff } from "~/web/guards.server";
import { readUploadForm, uploadedFile } from "~/web/uploads.server";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(request, "accounts.edit");
  const account = orStatusPage(() => getAccountLogo(params.accountId ?? ""));
  return {
    account,
    pageTitle: await pageTitle(request, staff, "brand.accountLogoTitle", { account: account.name }),
  };
}

const Empty = z.object({});

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = requireStaff(request, "accounts.edit");
  const accountId = params.accountId ?? "";
  orStatusPage(() => getAccountLogo(accountId));
  const formData = await readUploadForm(request);
  if (!(formData instanceof FormData)) return formData;
  return answerIntent(formData, {
    logo: on(
      Empty,
      async () => uploadAccountLogo(staff, accountId, await uploadedFile(formData)),
      "brand.logoSaved",
    ),
    removeLogo: on(Empty, () => removeAccountLogo(staff, accountId), "brand.logoRemoved"),
  });
}

export default function AccountLogo() {
  const { t } = useTranslation();
  const { account } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const back = safeBack(params.get("back"));
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("brand.accountLogoTitle", { account: account.name })}</h1>
        <p className="mt-1 text-slate-600">{t("brand.accountLogoIntro")}</p>
      </div>
      <ImageUpload
        title={t("brand.logo")}
        kind="org"
        name={account.name}
        currentUrl={account.logoUrl}
        uploadIntent="logo"
        removeIntent="removeLogo"
        result={result}
      />
      <Link to={back} className="text-sm font-medium text-brand-700 underline">
        {t("brand.back")}
      </Link>
    </div>
  );
}

/** Only a path of this app: a crafted ?back= never leads elsewhere. */
function safeBack(value: string | null): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")
    ? value
    : "/portfolio";
}

export function ErrorBoundary() {
  return <ErrorView />;
}
