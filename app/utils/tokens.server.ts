// Random secrets for URLs and cookies, and the hash stored in their place. Credentials (sessions, sign-in
// links) live in app/auth; invitations and calendar feeds use the same primitive, hence a utility.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";

/** A token with 160 random bits, safe in URLs and cookies. */
export function generateToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** What we store instead of a token: its SHA-256, so a copy of the database signs nobody in. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
