import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { AppHeader } from "~/components/AppHeader";
import { ErrorView } from "~/components/ErrorView";
import { getOptionalUser } from "~/web/guards.server";
import { getBrand } from "~/domain/workspace/brand.server";
import { env } from "~/utils/env.server";
import { resolveLocale } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { useFollowLocale } from "~/i18n/client-strings";
import stylesheet from "~/tailwind.css?url";
import { darken, HEX_COLOR, tint } from "~/utils/contrast";
import { useNonce } from "~/utils/nonce";
import { titled } from "~/utils/page-title";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** Every document has a title: routes without a meta of their own (and error pages) get the product name. */
export const meta: MetaFunction = () => titled();

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getOptionalUser(request);
  const locale = await resolveLocale(request, user?.locale);
  return {
    locale,
    brand: getBrand(),
    // File inputs check the size before sending (app/components/ui/file-size.ts).
    fileMaxBytes: user ? env().FILE_MAX_BYTES : null,
    user: user
      ? { id: user.id, name: user.name, email: user.email, kind: user.kind, staffRole: user.staffRole }
      : null,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  useFollowLocale(data?.locale ?? DEFAULT_LOCALE);
  const { t } = useTranslation();
  const nonce = useNonce();
  // Set after every component's effects of the first render (parents' effects run last): the page now
  // answers its scripted controls. End-to-end tests wait for it before they touch such a control.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return (
    <html lang={data?.locale ?? DEFAULT_LOCALE}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {data?.brand.brandColor ? <BrandColors color={data.brand.brandColor} nonce={nonce} /> : null}
      </head>
      <body className="min-h-screen font-sans">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          {t("nav.skipToContent")}
        </a>
        <AppHeader user={data?.user} locale={data?.locale} brand={data?.brand} />
        <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * The vendor's colour on buttons, links and accents: the theme's brand variables, overridden in a nonce'd
 * style. The colour passed the contrast check with white text when it was saved; darker shades (hover,
 * text) only raise the contrast, and the light tints stay light.
 */
function BrandColors({ color, nonce }: { color: string; nonce: string | undefined }) {
  if (!HEX_COLOR.test(color)) return null;
  const css =
    `:root{--color-brand-50:${tint(color, 0.92)};--color-brand-100:${tint(color, 0.85)};` +
    `--color-brand-600:${color};--color-brand-700:${darken(color, 0.2)};--color-brand-800:${darken(color, 0.35)}}`;
  return <style nonce={nonce}>{css}</style>;
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorView />;
}
