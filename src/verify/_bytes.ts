// Private: comparing public bytes (evidence files, signed payloads) at native speed.
import { Buffer } from "node:buffer";

/**
 * Whether two byte strings are equal, compared natively (no secret is compared here: the
 * constant-time compare of HMAC tags is `constantTimeEqual`, a byte loop that cost seconds on
 * the tens of megabytes of a large SBOM, its statement and its bundle).
 *
 * @param a First bytes.
 * @param b Second bytes.
 * @returns `true` when equal.
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}
