import { useChosenFileCheck } from "~/components/ui/file-size";
import { Form } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { fileFamily } from "~/domain/files/types";
import type { Locale } from "~/i18n/config";

/** A size in words a person reads: 812 B, 14 KB, 3.2 MB. */
export function formatSize(locale: Locale, bytes: number): string {
  const n = new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-US", { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${n.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${n.format(bytes / 1024)} KB`;
  return `${n.format(bytes / 1024 / 1024)} MB`;
}

const FAMILY_STYLE: Record<string, string> = {
  pdf: "bg-red-100 text-red-800",
  image: "bg-violet-100 text-violet-800",
  video: "bg-sky-100 text-sky-800",
  document: "bg-blue-100 text-blue-800",
  spreadsheet: "bg-emerald-100 text-emerald-800",
  presentation: "bg-orange-100 text-orange-800",
  archive: "bg-slate-200 text-slate-800",
  text: "bg-slate-100 text-slate-800",
  other: "bg-slate-100 text-slate-800",
};

const FAMILY_MARK: Record<string, string> = {
  pdf: "PDF",
  image: "IMG",
  video: "▶",
  document: "DOC",
  spreadsheet: "XLS",
  presentation: "PPT",
  archive: "ZIP",
  text: "TXT",
  other: "FILE",
};

/** The type of a file as an icon-like mark and a word (never the MIME type). */
export function FileTypeBadge({ contentType }: { contentType: string }) {
  const { t } = useTranslation();
  const family = fileFamily(contentType);
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-600">
      <span
        aria-hidden="true"
        className={`inline-flex h-6 min-w-9 items-center justify-center rounded px-1 font-mono text-[0.65rem] font-bold ${FAMILY_STYLE[family]}`}
      >
        {FAMILY_MARK[family]}
      </span>
      <span>{t(`documents.families.${family}`)}</span>
    </span>
  );
}

export function InternalBadge() {
  const { t } = useTranslation();
  return (
    <span className="rounded-full bg-amber-200 px-2 py-0.5 text-xs font-semibold text-amber-900">
      {t("documents.internalBadge")}
    </span>
  );
}

/** A keyboard-reachable file input with its label, hint and error (nothing else of the form is lost). */
export function FileInput(props: {
  name: string;
  label: string;
  error?: string;
  params?: Record<string, string | number>;
  multiple?: boolean;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const checkChosenFiles = useChosenFileCheck();
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="label">
        {props.label}
      </label>
      <input
        id={id}
        type="file"
        name={props.name}
        multiple={props.multiple}
        required={props.required}
        onChange={checkChosenFiles}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ""}`}
        className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {t("documents.fileHint")}
      </p>
      {props.error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t(props.error, props.params)}
        </p>
      ) : null}
    </div>
  );
}

export type AttachmentView = {
  fileId: string;
  fileName: string;
  contentType: string;
  byteSize: number;
  /** Shown with a Remove button posting intent "removeAttachment" (task attachments). */
  removable?: boolean;
};

/** Files attached to a task or a comment: each a download link with its type and size. */
export function AttachmentList({ files, locale }: { files: AttachmentView[]; locale: Locale }) {
  const { t } = useTranslation();
  if (files.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1" aria-label={t("documents.attachments.listLabel")}>
      {files.map((f) => (
        <li key={f.fileId} className="flex flex-wrap items-center gap-2 text-sm">
          <FileTypeBadge contentType={f.contentType} />
          <a href={`/files/${f.fileId}`} className="min-w-0 text-brand-700 underline wrap-anywhere" download>
            {f.fileName}
          </a>
          <span className="text-slate-500">{formatSize(locale, f.byteSize)}</span>
          {f.removable ? (
            <Form method="post">
              <input type="hidden" name="intent" value="removeAttachment" />
              <input type="hidden" name="fileId" value={f.fileId} />
              <input type="hidden" name="fileName" value={f.fileName} />
              <button
                type="submit"
                className="btn-secondary px-2 py-0.5 text-xs"
                aria-label={t("documents.attachments.removeFile", { name: f.fileName })}
              >
                {t("documents.attachments.remove")}
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
