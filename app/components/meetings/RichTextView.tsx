import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { renderRichText } from "~/components/richtext/render";
import { innerHtml } from "~/components/static-html";
import type { RichTextNode } from "~/domain/richtext/richtext";

/** Checked Tiptap JSON rendered by the one renderer (read-only). */
export function RichTextView(props: { doc: RichTextNode; testId?: string }) {
  const { t } = useTranslation();
  const markup = useMemo(
    () =>
      renderRichText(props.doc, {
        taskDone: t("richText.taskDone"),
        taskOpen: t("richText.taskOpen"),
        tableLabel: t("richText.table"),
      }),
    [props.doc, t],
  );
  return <div className="rich-text" data-testid={props.testId} dangerouslySetInnerHTML={innerHtml(markup)} />;
}
