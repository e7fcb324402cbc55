/**
 * Hashing helpers shared by every stage: SHA-256 of in-memory data and
 * name-based UUIDs for content-derived identifiers.
 *
 * They use WebCrypto (`crypto.subtle`), which is cheap to load, so the
 * commands that only hash in-memory data (e.g. `vouch sbom`) do not pay for
 * initializing `node:crypto`.
 *
 * @module
 */

const encoder = new TextEncoder();

function bytesOf(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (typeof data === "string") return encoder.encode(data);
  return data.buffer instanceof ArrayBuffer
    ? data as Uint8Array<ArrayBuffer>
    : new Uint8Array(data);
}

/**
 * SHA-256 of a string (UTF-8) or bytes, as lowercase hex.
 *
 * @example
 * ```ts
 * import { sha256Hex } from "./digest.ts";
 * await sha256Hex("hello"); // "2cf24dba…9824"
 * ```
 *
 * @param data The data.
 * @returns 64 hex characters.
 */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytesOf(data))).toHex();
}

/** The namespace UUID under which vouch derives its name-based UUIDs. */
export const VOUCH_UUID_NAMESPACE = "6f2c8a1e-4b7d-5c39-9e0a-7d4b2f1c8e53";

const NAMESPACE_BYTES = Uint8Array.fromHex(VOUCH_UUID_NAMESPACE.replaceAll("-", ""));

/**
 * A name-based UUID (RFC 9562 version 5) of `name` in the vouch namespace:
 * the same name always gives the same lowercase UUID.
 *
 * @example
 * ```ts
 * import { uuidV5 } from "./digest.ts";
 * (await uuidV5("hello")) === (await uuidV5("hello")); // true
 * ```
 *
 * @param name Any text, e.g. a canonical serialization of a document:
 *   whole, or in chunks one after the other (the UUID is the same).
 * @returns A lowercase UUID string.
 */
export async function uuidV5(name: string | Iterable<string>): Promise<string> {
  // The namespace, then the UTF-8 name, copied into one buffer grown to fit each chunk
  // (`encode` then `set`: a cold run's `encodeInto` costs several times as much).
  const chunks = typeof name === "string" ? [name] : name;
  let input = NAMESPACE_BYTES; // only copied from: a first chunk of any bytes grows it
  let length = NAMESPACE_BYTES.length;
  for (const chunk of chunks) {
    const bytes = encoder.encode(chunk);
    if (input.length - length < bytes.length) {
      const grown = new Uint8Array(Math.max(input.length * 2, length + bytes.length));
      grown.set(input.subarray(0, length));
      input = grown;
    }
    input.set(bytes, length);
    length += bytes.length;
  }
  const digest = await crypto.subtle.digest("SHA-1", input.subarray(0, length));
  const bytes = new Uint8Array(digest, 0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toHex();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${
    hex.slice(20)
  }`;
}
