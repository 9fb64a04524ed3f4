import { data } from "@remix-run/node";
import type { CheckedUpload } from "~/domain/files/files.server";
import type { ActionResult } from "~/utils/action-result";
import { env } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { readFileUploadForm, type FileUploadForm } from "./uploads.server";

/**
 * The form of a page that takes documents or attachments (server/body-limits.ts FILE_UPLOAD_PATHS):
 * readFileUploadForm, except that a file past FILE_MAX_BYTES is the form's answer (413 with the message on
 * `field`) instead of the status page.
 */
export async function readFileForm(
  request: Request,
  field: string,
): Promise<{ upload: FileUploadForm } | { answer: ReturnType<typeof data<ActionResult>> }> {
  try {
    return { upload: await readFileUploadForm(request, field) };
  } catch (error) {
    const status = (error as { init?: { status?: number } } | null)?.init?.status;
    if (status !== 413) throw error;
    const max = Math.round(env().FILE_MAX_BYTES / 1024 / 1024);
    return {
      answer: data<ActionResult>(
        { ok: false, fieldErrors: { [field]: "upload.tooLarge" }, params: { max } },
        413,
      ),
    };
  }
}

/** Every file sent in `field`, or throws the field's refusal (any refused file refuses the form). */
export function uploadsOf(upload: FileUploadForm, field: string): CheckedUpload[] {
  const refusal = upload.refused.get(field);
  if (refusal) {
    const max = Math.round(env().FILE_MAX_BYTES / 1024 / 1024);
    throw new DomainError(refusal === "upload.tooLarge" ? 413 : 400, refusal, { max }, field);
  }
  return upload.files.get(field) ?? [];
}

/** The one file of `field`: its refusal, or "choose a file" when none was sent. */
export function oneUpload(upload: FileUploadForm, field: string): CheckedUpload {
  const file = uploadsOf(upload, field)[0];
  if (!file) throw new DomainError(400, "upload.missing", {}, field);
  return file;
}
