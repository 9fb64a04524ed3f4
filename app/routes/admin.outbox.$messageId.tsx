import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { OutboxStatusBadge } from "~/components/OutboxStatusBadge";
import { readOutboxMessage } from "~/mail/outbox.server";
import { getMailBrand } from "~/domain/workspace/brand.server";
import { formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import { notFound } from "~/utils/errors";
import { throwHttp } from "~/utils/http.server";
import { pageTitle } from "~/i18n/page-title.server";
import { pageTitleMeta } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = requireStaff(request, "outbox.view");
  const message = await readOutboxMessage(params.messageId ?? "", getMailBrand());
  if (!message) throwHttp(notFound());
  return {
    message,
    pageTitle: message.rendered?.subject ?? (await pageTitle(request, actor, "outbox.message")),
  };
}

/** An outbox message as it was (or will be) sent: the local mailbox when no SMTP server is configured. */
export default function OutboxMessage() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const { message } = useLoaderData<typeof loader>();
  const rows: [string, React.ReactNode][] = [
    [t("outbox.to"), message.toEmail],
    [t("outbox.subject"), message.rendered?.subject ?? message.subject ?? "—"],
    [t("fields.status"), <OutboxStatusBadge key="s" status={message.status} transport={message.transport} />],
    [t("outbox.attempts"), message.attempts],
    [t("outbox.lastError"), message.lastError ?? "—"],
    [t("outbox.created"), formatDateTime(locale, message.createdAt)],
    [t("outbox.sent"), formatDateTime(locale, message.sentAt)],
    [
      "Message-ID",
      <code key="m" className="text-xs">
        {message.messageId}
      </code>,
    ],
  ];
  return (
    <div className="space-y-6">
      <Link to="/admin/outbox" className="text-sm text-brand-700 hover:underline">
        ← {t("outbox.title")}
      </Link>
      <h1 className="text-2xl font-semibold">{message.rendered?.subject ?? t("outbox.message")}</h1>
      <dl className="card grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-500">{label}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      {message.rendered ? (
        <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
          <section aria-labelledby="html-title">
            <h2 id="html-title" className="mb-2 font-semibold">
              {t("outbox.html")}
            </h2>
            {/* Sandboxed: the email's HTML can neither run scripts nor reach this page. */}
            <iframe
              title={t("outbox.html")}
              sandbox=""
              srcDoc={message.rendered.html}
              className="h-[36rem] w-full rounded-lg border border-slate-200 bg-white"
            />
          </section>
          <section aria-labelledby="text-title">
            <h2 id="text-title" className="mb-2 font-semibold">
              {t("outbox.text")}
            </h2>
            {/* Scrolls on its own, so the keyboard can reach it (WCAG 2.1.1). */}
            <div
              role="region"
              // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
              tabIndex={0}
              aria-labelledby="text-title"
              className="card h-[36rem] overflow-auto"
            >
              <pre className="text-sm break-words whitespace-pre-wrap" data-testid="outbox-text">
                {message.rendered.text}
              </pre>
            </div>
          </section>
        </div>
      ) : (
        <div className="card text-red-800">{t("outbox.unreadable")}</div>
      )}
      {message.rendered?.attachments.length ? (
        <section aria-labelledby="attachments-title" className="space-y-2">
          <h2 id="attachments-title" className="font-semibold">
            {t("meetingMail.attachments")}
          </h2>
          {message.rendered.attachments.map((file, i) => (
            <details key={i} className="card">
              <summary className="cursor-pointer text-sm">
                <span className="font-medium">{file.filename}</span>{" "}
                <code className="text-xs text-slate-500">{file.contentType}</code>
              </summary>
              <pre className="mt-2 overflow-auto text-xs break-words whitespace-pre-wrap">{file.content}</pre>
            </details>
          ))}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
