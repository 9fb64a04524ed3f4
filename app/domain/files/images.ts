/** The image types an upload may be, detected from its bytes. Never SVG (it is a document that runs script). */
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export function isImageType(type: string): type is ImageType {
  return (IMAGE_TYPES as readonly string[]).includes(type);
}

/** Largest image file taken (the edge cuts any upload body at UPLOAD_MAX_BYTES before this). */
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
/** Refused before decoding: bounds the memory a small, highly compressed file can unfold into. */
export const IMAGE_MAX_INPUT_PIXELS = 25_000_000;
/** Logos and photos are stored re-encoded to fit inside this square. */
export const IMAGE_MAX_DIMENSION = 512;

/**
 * What a file is for; who may read it follows from it (app/domain/files/access.server.ts). Issue 12 adds
 * room documents, attachments of tasks and comments, training module media and form answers.
 */
export const FILE_PURPOSES = [
  "workspace-logo",
  "account-logo",
  "avatar",
  "document",
  "attachment",
  "training",
  "form-answer",
] as const;

export type FilePurpose = (typeof FILE_PURPOSES)[number];
