import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { IMAGE_MAX_BYTES } from "~/domain/files/images";
import type { ActionResult } from "~/utils/action-result";
import { DomainError } from "~/utils/errors";
import { throwHttp } from "~/utils/http.server";

/**
 * The form of a page that takes an image upload: multipart bodies through Remix's parser with a memory
 * handler that stops at the image limit (the edge has already cut anything past UPLOAD_MAX_BYTES while
 * streaming), other bodies as usual. A file part past the limit is a 413 with the form's message.
 */
const tooLarge = () => data<ActionResult>({ ok: false, fieldErrors: { file: "brand.fileTooLarge" } }, 413);

export async function readUploadForm(request: Request): Promise<FormData | ReturnType<typeof tooLarge>> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data/i.test(type)) return request.formData();
  try {
    return await parseMultipartFormData(
      request,
      createMemoryUploadHandler({ maxPartSize: IMAGE_MAX_BYTES + 1 }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return tooLarge();
    throwHttp(new DomainError(400, "errors.badRequest"));
  }
}

export type UploadedFile = { bytes: Uint8Array; name: string };

/** The file in the form's `file` field; a missing or empty one is refused with a message on that field. */
export async function uploadedFile(formData: FormData, field = "file"): Promise<UploadedFile> {
  const file = formData.get(field);
  if (!file || typeof file === "string" || !file.name)
    throw new DomainError(400, "brand.fileMissing", {}, field);
  return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name };
}
