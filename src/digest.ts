/**
 * Hashing helpers shared by every stage: SHA-256 of in-memory data and
 * name-based UUIDs for content-derived identifiers.
 *
 * @module
 */
import { createHash } from "node:crypto";

/**
 * SHA-256 of a string (UTF-8) or bytes, as lowercase hex.
 *
 * @param data The data.
 * @returns 64 hex characters.
 */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The namespace UUID under which vouch derives its name-based UUIDs. */
export const VOUCH_UUID_NAMESPACE = "6f2c8a1e-4b7d-5c39-9e0a-7d4b2f1c8e53";

/**
 * A name-based UUID (RFC 9562 version 5) of `name` in the vouch namespace:
 * the same name always gives the same lowercase UUID.
 *
 * @example
 * ```ts
 * import { uuidV5 } from "./digest.ts";
 * uuidV5("hello") === uuidV5("hello"); // true
 * ```
 *
 * @param name Any text, e.g. a canonical serialization of a document.
 * @returns A lowercase UUID string.
 */
export function uuidV5(name: string): string {
  const ns = Uint8Array.from(
    VOUCH_UUID_NAMESPACE.replaceAll("-", "").match(/../g)!.map((h) => parseInt(h, 16)),
  );
  const bytes = createHash("sha1").update(ns).update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${
    hex.slice(20)
  }`;
}
