import type { ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";

/**
 * What is wrong with the chosen files before they are sent, as a message key: one past the server's
 * FILE_MAX_BYTES, or an empty one. The server checks both again; checking here keeps everything typed on
 * the page, since a body cut at the size limit cannot be read back into the form.
 */
export function chosenFileProblem(
  files: readonly { size: number }[],
  maxBytes: number,
): "upload.tooLarge" | "upload.empty" | null {
  if (files.some((f) => f.size > maxBytes)) return "upload.tooLarge";
  if (files.some((f) => f.size === 0)) return "upload.empty";
  return null;
}

/** `onChange` for a file input: marks it invalid with the message, so the form is not sent. */
export function useChosenFileCheck() {
  const { t } = useTranslation();
  const maxBytes = useRootData()?.fileMaxBytes;
  return (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const problem = maxBytes ? chosenFileProblem([...(input.files ?? [])], maxBytes) : null;
    input.setCustomValidity(problem ? t(problem, { max: Math.round((maxBytes ?? 0) / 1024 / 1024) }) : "");
    if (problem) input.reportValidity();
  };
}
