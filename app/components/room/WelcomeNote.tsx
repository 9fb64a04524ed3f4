import { Link } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { renderRichText } from "~/components/richtext/render";
import { innerHtml } from "~/components/static-html";
import type { RichTextNode } from "~/domain/richtext/richtext";

/**
 * The room's welcome note at the top of the overview: the CSM's words for the customer (or the
 * template's default), rendered from checked Tiptap JSON by the one renderer. Staff who may edit it get
 * a link to the editor; when there is no note at all, only they see an invitation to write one.
 */
export function WelcomeNote(props: {
  note: { doc: RichTextNode; source: "room" | "template"; lang?: string } | null;
  editHref?: string;
}) {
  const { t } = useTranslation();
  const { note, editHref } = props;
  const markup = useMemo(
    () =>
      note
        ? renderRichText(note.doc, {
            taskDone: t("richText.taskDone"),
            taskOpen: t("richText.taskOpen"),
            tableLabel: t("richText.table"),
          })
        : null,
    [note, t],
  );
  if (!markup && !editHref) return null;
  return (
    <section className="card min-w-0" aria-labelledby="welcome-title" data-testid="welcome-note">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="welcome-title" className="text-lg font-semibold">
          {t("welcome.title")}
        </h2>
        {editHref ? (
          <Link to={editHref} className="text-sm font-medium text-brand-700 underline">
            {t("welcome.edit")}
          </Link>
        ) : null}
      </div>
      {markup ? (
        <div
          className="rich-text mt-3"
          lang={note?.lang}
          data-testid="welcome-body"
          dangerouslySetInnerHTML={innerHtml(markup)}
        />
      ) : (
        <p className="mt-2 text-sm text-slate-600">{t("welcome.emptyStaff")}</p>
      )}
      {editHref && note?.source === "template" ? (
        <p className="mt-3 text-xs text-slate-500">{t("welcome.fromTemplate")}</p>
      ) : null}
    </section>
  );
}
