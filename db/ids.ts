import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";

/** 80 random bits in 16 base32 characters: unguessable enough for ids that also appear in URLs. */
export function newId(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(10));
}
