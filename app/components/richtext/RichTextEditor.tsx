/**
 * The Tiptap editor. Loaded only through RichTextField's lazy import, so pages that read rich text never
 * download it. It writes the document as JSON into a hidden input, so a plain <form method="post">
 * sends it; the server checks it with the same allow-list (app/domain/richtext) and refuses what the
 * editor could not have produced.
 */
import { TableKit } from "@tiptap/extension-table";
import { TaskItem, TaskList } from "@tiptap/extension-list";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { compactEditorJson, isAllowedHref } from "~/domain/richtext/richtext";

export type RichTextEditorProps = {
  /** The field's accessible name (the visible label's id). */
  labelledBy: string;
  describedBy?: string;
  invalid?: boolean;
  /** Tiptap JSON to start from (already parsed), or null for an empty document. */
  initial: unknown;
  /** Name of the hidden input that carries the JSON. */
  name: string;
};

function toJson(editor: Editor): string {
  return JSON.stringify(compactEditorJson(editor.getJSON()));
}

export default function RichTextEditor(props: RichTextEditorProps) {
  const { t } = useTranslation();
  const [json, setJson] = useState("");
  const [linkError, setLinkError] = useState<string | null>(null);
  const linkErrorId = useId();
  const editor = useEditor({
    immediatelyRender: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: "https",
          // The same rule as the server: anything else is never made into a link.
          isAllowedUri: (url) => isAllowedHref(url),
          shouldAutoLink: (url) => isAllowedHref(url) || isAllowedHref(`https://${url}`),
          // Not stored: the reading view adds rel (ADR 15); null keeps them out of the JSON.
          HTMLAttributes: { target: null, rel: null, class: null },
        },
      }),
      TaskList,
      TaskItem.configure({ nested: true }),
      TableKit.configure({ table: { resizable: false } }),
    ],
    content: (props.initial as object | null) ?? "",
    editorProps: {
      attributes: {
        class: "rt-editor rich-text",
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": props.labelledBy,
        ...(props.describedBy ? { "aria-describedby": props.describedBy } : {}),
        ...(props.invalid ? { "aria-invalid": "true" } : {}),
      },
    },
    onCreate: ({ editor }) => setJson(toJson(editor)),
    onUpdate: ({ editor }) => setJson(toJson(editor)),
  });

  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e
        ? {
            bold: e.isActive("bold"),
            italic: e.isActive("italic"),
            underline: e.isActive("underline"),
            strike: e.isActive("strike"),
            code: e.isActive("code"),
            h2: e.isActive("heading", { level: 2 }),
            h3: e.isActive("heading", { level: 3 }),
            bulletList: e.isActive("bulletList"),
            orderedList: e.isActive("orderedList"),
            taskList: e.isActive("taskList"),
            blockquote: e.isActive("blockquote"),
            link: e.isActive("link"),
            inTable: e.isActive("table"),
            canUndo: e.can().undo(),
            canRedo: e.can().redo(),
          }
        : null,
  });

  const chain = () => editor!.chain().focus();
  const setLink = () => {
    if (!editor) return;
    const previous = (editor.getAttributes("link").href as string | undefined) ?? "";
    const answer = window.prompt(t("richText.linkPrompt"), previous);
    if (answer === null) return;
    const url = answer.trim();
    if (url === "") {
      chain().extendMarkRange("link").unsetLink().run();
      setLinkError(null);
      return;
    }
    if (!isAllowedHref(url)) {
      setLinkError(t("richText.badLink"));
      return;
    }
    setLinkError(null);
    chain().extendMarkRange("link").setLink({ href: url }).run();
  };

  return (
    <div className="rt-field" data-testid="rich-text-editor">
      <div role="toolbar" aria-label={t("richText.toolbar")} className="rt-toolbar">
        <Group>
          <Tool label={t("richText.bold")} pressed={state?.bold} onClick={() => chain().toggleBold().run()}>
            <b>B</b>
          </Tool>
          <Tool
            label={t("richText.italic")}
            pressed={state?.italic}
            onClick={() => chain().toggleItalic().run()}
          >
            <i>I</i>
          </Tool>
          <Tool
            label={t("richText.underline")}
            pressed={state?.underline}
            onClick={() => chain().toggleUnderline().run()}
          >
            <u>U</u>
          </Tool>
          <Tool
            label={t("richText.strike")}
            pressed={state?.strike}
            onClick={() => chain().toggleStrike().run()}
          >
            <s>S</s>
          </Tool>
          <Tool label={t("richText.code")} pressed={state?.code} onClick={() => chain().toggleCode().run()}>
            {"</>"}
          </Tool>
        </Group>
        <Group>
          <Tool
            label={t("richText.heading2")}
            pressed={state?.h2}
            onClick={() => chain().toggleHeading({ level: 2 }).run()}
          >
            H2
          </Tool>
          <Tool
            label={t("richText.heading3")}
            pressed={state?.h3}
            onClick={() => chain().toggleHeading({ level: 3 }).run()}
          >
            H3
          </Tool>
          <Tool
            label={t("richText.bulletList")}
            pressed={state?.bulletList}
            onClick={() => chain().toggleBulletList().run()}
          >
            •
          </Tool>
          <Tool
            label={t("richText.orderedList")}
            pressed={state?.orderedList}
            onClick={() => chain().toggleOrderedList().run()}
          >
            1.
          </Tool>
          <Tool
            label={t("richText.taskList")}
            pressed={state?.taskList}
            onClick={() => chain().toggleTaskList().run()}
          >
            ☑
          </Tool>
          <Tool
            label={t("richText.blockquote")}
            pressed={state?.blockquote}
            onClick={() => chain().toggleBlockquote().run()}
          >
            ❝
          </Tool>
          <Tool
            label={t("richText.link")}
            pressed={state?.link}
            onClick={setLink}
            describedBy={linkError ? linkErrorId : undefined}
          >
            URL
          </Tool>
        </Group>
        <Group>
          <Tool
            label={t("richText.insertTable")}
            onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
          >
            ▦
          </Tool>
          {state?.inTable ? (
            <>
              <Tool label={t("richText.addRow")} onClick={() => chain().addRowAfter().run()}>
                +↓
              </Tool>
              <Tool label={t("richText.addColumn")} onClick={() => chain().addColumnAfter().run()}>
                +→
              </Tool>
              <Tool label={t("richText.deleteRow")} onClick={() => chain().deleteRow().run()}>
                −↓
              </Tool>
              <Tool label={t("richText.deleteColumn")} onClick={() => chain().deleteColumn().run()}>
                −→
              </Tool>
              <Tool label={t("richText.deleteTable")} onClick={() => chain().deleteTable().run()}>
                ✕▦
              </Tool>
            </>
          ) : null}
        </Group>
        <Group>
          <Tool label={t("richText.undo")} disabled={!state?.canUndo} onClick={() => chain().undo().run()}>
            ↶
          </Tool>
          <Tool label={t("richText.redo")} disabled={!state?.canRedo} onClick={() => chain().redo().run()}>
            ↷
          </Tool>
        </Group>
      </div>
      {linkError ? (
        <p id={linkErrorId} className="field-error" role="alert">
          {linkError}
        </p>
      ) : null}
      <EditorContent editor={editor} />
      <input type="hidden" name={props.name} value={json} />
    </div>
  );
}

function Group({ children }: { children: ReactNode }) {
  return <div className="rt-toolbar-group">{children}</div>;
}

function Tool(props: {
  label: string;
  pressed?: boolean;
  disabled?: boolean;
  describedBy?: string;
  onClick: () => void;
  children: ReactNode;
}) {
  // A glyph that reads as text ("H2", "1.", "URL") is part of the accessible name, so what is seen and
  // what voice control users say match (WCAG 2.5.3).
  const glyph =
    typeof props.children === "string" && /[A-Za-z0-9]{2,}|\d\./.test(props.children) ? props.children : null;
  const name = glyph ? `${props.label} ${glyph}` : props.label;
  return (
    <button
      type="button"
      className="rt-tool"
      aria-label={name}
      title={name}
      aria-pressed={props.pressed === undefined ? undefined : props.pressed}
      aria-describedby={props.describedBy}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      <span aria-hidden="true">{props.children}</span>
    </button>
  );
}
