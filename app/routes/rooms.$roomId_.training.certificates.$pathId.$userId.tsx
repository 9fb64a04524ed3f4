import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorView } from "~/components/ErrorView";
import { useHydrated } from "~/components/ui/useHydrated";
import { getCertificate } from "~/domain/training/certificates.server";
import { formatDate } from "~/i18n/format";
import { tFor } from "~/i18n/i18n.server";
import { pageTitle } from "~/i18n/page-title.server";
import { orStatusPage } from "~/utils/http.server";
import { pageTitleMeta } from "~/utils/page-title";
import { requireRoomAccess } from "~/web/guards.server";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

/**
 * A certificate of completion for a learning path (issue 12), laid out for one A4 page. The certificate
 * itself is in the person's language (whoever opens it); the buttons around it in the reader's. A customer
 * may open only their own; vendor staff of the room anyone's; one not earned is a 404 that says so.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "training.view");
  const c = orStatusPage(() => getCertificate(access, params.pathId ?? "", params.userId ?? ""));
  const t = tFor(c.locale);
  const date = formatDate(c.locale, c.completedOn);
  return {
    pageTitle: await pageTitle(request, access.user, "trainingMore.certificate.pageTitle", {
      path: c.pathTitle,
      name: c.personName,
    }),
    roomId: access.room.id,
    lang: c.locale,
    completedOn: c.completedOn,
    text: {
      heading: t("trainingMore.certificate.heading"),
      presentedTo: t("trainingMore.certificate.presentedTo"),
      name: t("trainingMore.certificate.name", { name: c.personName }),
      of: t("trainingMore.certificate.of", { account: c.accountName }),
      body: t("trainingMore.certificate.body", { path: c.pathTitle, count: c.modules }),
      room: t("trainingMore.certificate.room", { room: c.roomTitle }),
      date: t("trainingMore.certificate.date", { date }),
      issuer: t("trainingMore.certificate.issuer", { company: c.companyName }),
    },
  };
}

export default function Certificate() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  return (
    <div className="mx-auto max-w-3xl space-y-4" data-print-report data-print-certificate>
      <div className="no-print flex flex-wrap items-center gap-3">
        <Link to={`/rooms/${d.roomId}/training`} className="btn-secondary">
          {t("trainingMore.certificate.back")}
        </Link>
        {hydrated ? (
          <button type="button" className="btn-primary" onClick={() => window.print()}>
            {t("trainingMore.certificate.print")}
          </button>
        ) : (
          <p className="text-sm text-slate-600">{t("trainingMore.certificate.printHint")}</p>
        )}
      </div>
      <article
        lang={d.lang}
        className="certificate card border-4 border-double border-slate-300 px-6 py-12 text-center sm:px-16"
        data-testid="certificate"
      >
        <h1 className="text-3xl font-semibold tracking-wide text-slate-900">{d.text.heading}</h1>
        {d.text.presentedTo ? <p className="mt-10 text-sm text-slate-600">{d.text.presentedTo}</p> : null}
        <p className="mt-10 text-2xl font-semibold break-words text-slate-900" data-testid="certificate-name">
          {d.text.name}
        </p>
        <p className="mt-1 text-slate-700 wrap-anywhere">{d.text.of}</p>
        <p className="mx-auto mt-8 max-w-xl text-lg break-words text-slate-800">{d.text.body}</p>
        <p className="mt-2 text-sm text-slate-600 wrap-anywhere">{d.text.room}</p>
        <div className="mt-12 flex flex-wrap items-end justify-between gap-6 text-left text-sm">
          <p>
            <time dateTime={d.completedOn} data-testid="certificate-date">
              {d.text.date}
            </time>
          </p>
          <p className="border-t border-slate-400 pt-1 font-medium wrap-anywhere">{d.text.issuer}</p>
        </div>
      </article>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
