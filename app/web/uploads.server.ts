import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { checkStagedBlob, type CheckedUpload, type UploadRefusal } from "~/domain/files/files.server";
import { IMAGE_MAX_BYTES } from "~/domain/files/images";
import { BlobTooLargeError, blobStore } from "~/domain/files/store.server";
import type { ActionResult } from "~/utils/action-result";
import { env } from "~/utils/env.server";
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

/** Largest text field in a form that carries a file (the rest of the form is small by nature). */
const TEXT_FIELD_MAX_BYTES = 256 * 1024;

export type FileUploadForm = {
  /** The form's text fields (file fields are not in it). */
  form: FormData;
  /** Checked and stored files by field name, in the order sent. */
  files: Map<string, CheckedUpload[]>;
  /** Refused files by field name: the first refusal of that field, as an i18n key. */
  refused: Map<string, UploadRefusal>;
};

/**
 * The form of a route that takes documents, videos or attachments (listed in server/body-limits.ts
 * FILE_UPLOAD_PATHS). Each file part streams to the blob store while it is hashed and counted, and is
 * kept only when it is not empty and its content is of an allowed type; a file past FILE_MAX_BYTES stops
 * the read and answers 413 with the field's message. Kept files are only blobs until the caller records
 * them (`recordUploadedFile`) in its transaction; a blob nobody records is harmless (content-addressed).
 * A body that is not multipart is read as a plain form (a form without a file chosen).
 */
export async function readFileUploadForm(request: Request, field = "file"): Promise<FileUploadForm> {
  const files = new Map<string, CheckedUpload[]>();
  const refused = new Map<string, UploadRefusal>();
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data/i.test(type)) return { form: await request.formData(), files, refused };
  const maxBytes = env().FILE_MAX_BYTES;
  let form: FormData;
  try {
    form = await parseMultipartFormData(request, async (part) => {
      if (part.filename === undefined) return readTextPart(part.data);
      // A file input left empty still sends a part with an empty name and no bytes: not a file.
      if (!part.filename) return drainPart(part.data);
      const staged = await blobStore().stage(part.data, maxBytes);
      const checked = await checkStagedBlob(staged, part.filename);
      if ("refused" in checked) {
        if (!refused.has(part.name)) refused.set(part.name, checked.refused);
      } else {
        files.set(part.name, [...(files.get(part.name) ?? []), checked]);
      }
      return undefined;
    });
  } catch (error) {
    if (error instanceof BlobTooLargeError)
      throwHttp(new DomainError(413, "upload.tooLarge", { max: Math.round(maxBytes / 1024 / 1024) }, field));
    if (error instanceof DomainError) throwHttp(error);
    throwHttp(new DomainError(400, "errors.badRequest"));
  }
  return { form, files, refused };
}

async function readTextPart(data: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > TEXT_FIELD_MAX_BYTES) throw new DomainError(413, "errors.badRequest");
    chunks.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

async function drainPart(data: AsyncIterable<Uint8Array>): Promise<undefined> {
  // Read to the end (stopping early would leave the parser mid-part); such a part carries no bytes.
  for await (const _chunk of data);
  return undefined;
}
