/**
 * Rekor v1 signed entry timestamps (inclusion promises): the log's signature
 * over the canonical JSON (RFC 8785) of `{body, integratedTime, logID,
 * logIndex}`: the base64 entry body, the integrated time and global log index
 * as integers, and the hex log id.
 *
 * @module
 */
import { toHex } from "../_bytes.ts";
import { type PublicKey, verifySignature } from "../_crypto.ts";
import type { TlogEntry } from "../bundle.ts";

/**
 * The bytes a Rekor v1 log signs for an entry's inclusion promise.
 *
 * @param entry The log entry.
 * @returns The canonical JSON, UTF-8.
 */
export function setPayload(entry: TlogEntry): Uint8Array {
  // Keys in RFC 8785 order; every value is ASCII with nothing to escape, so this is canonical.
  const json = `{"body":"${entry.body.toBase64()}",` +
    `"integratedTime":${entry.integratedTime},"logID":"${toHex(entry.logId)}",` +
    `"logIndex":${entry.logIndex}}`;
  return new TextEncoder().encode(json);
}

/**
 * Verifies an entry's inclusion promise with a log key.
 *
 * @param entry The entry (must have `inclusionPromise`).
 * @param key The log's key.
 * @returns Whether the signed entry timestamp verifies.
 */
export function verifySet(entry: TlogEntry, key: PublicKey): Promise<boolean> {
  const signature = entry.inclusionPromise;
  if (signature === undefined) return Promise.resolve(false);
  return verifySignature(key, setPayload(entry), { signature });
}
