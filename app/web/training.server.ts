import type { CheckedUpload } from "~/domain/files/files.server";
import { DomainError } from "~/utils/errors";
import type { FileUploadForm } from "./uploads.server";

/** The training form's optional `file`: its refusal is thrown (a field error), no file is null. */
export function trainingUpload(upload: FileUploadForm): CheckedUpload | null {
  const refusal = upload.refused.get("file");
  if (refusal) throw new DomainError(refusal === "upload.tooLarge" ? 413 : 400, refusal, {}, "file");
  return upload.files.get("file")?.[0] ?? null;
}
