import type { Hash, HashAlgorithm } from "./types.ts";
import { checkDigest } from "./_errors.ts";

/** The value of each base64 character (by char code), -1 for the others. */
const BASE64_VALUES = new Int8Array(128).fill(-1);
for (
  const [i, c] of [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].entries()
) {
  BASE64_VALUES[c.charCodeAt(0)] = i;
}

/** The bytes being decoded (an SRI hash is at most 64: SHA-512). */
let decoded = new Uint8Array(64);

/** Whitespace between an SRI string's hashes (a constant: made once, not per package). */
const WHITESPACE = /\s/;

const SRI_ALGORITHMS: Record<string, HashAlgorithm> = {
  sha1: "sha1",
  sha256: "sha256",
  sha384: "sha384",
  sha512: "sha512",
  md5: "md5",
};

/**
 * Decodes a Subresource Integrity string (`sha512-<base64> sha1-<base64>`, as
 * npm writes `integrity`) into lowercase hex hashes; unknown algorithms and
 * parts that are no base64 are ignored, as SRI ignores them.
 *
 * @param integrity The SRI string.
 * @returns The hashes found.
 * @throws {ValueError} `inventory.digest_invalid` for a digest that is not its
 *   algorithm's length (cut short: the package manager's check would fail).
 */
export function sriHashes(integrity: string | undefined): Hash[] {
  const hashes: Hash[] = [];
  if (integrity === undefined || integrity === "") return hashes;
  // One hash without options is by far the most common: no splitting then.
  const parts = WHITESPACE.test(integrity) ? integrity.split(/\s+/) : [integrity];
  for (const part of parts) {
    const dash = part.indexOf("-");
    const name = part.slice(0, dash).toLowerCase();
    // Own keys only: `constructor-…` must not find Object.prototype.constructor.
    const alg = Object.hasOwn(SRI_ALGORITHMS, name) ? SRI_ALGORITHMS[name] : undefined;
    const query = part.indexOf("?");
    const digest = part.slice(dash + 1, query === -1 ? undefined : query);
    if (dash <= 0 || alg === undefined) continue;
    const hex = base64ToHex(digest);
    if (hex === undefined) continue;
    const hash = { alg, hex };
    checkDigest(hash, part);
    hashes.push(hash);
  }
  return hashes;
}

/**
 * Decodes base64 to hex as Node's `Buffer.from(text, "base64")` does (padding
 * optional, a lone trailing character ignored), without loading `node:buffer`;
 * `undefined` unless `text` is base64 characters followed by at most two `=`.
 * A table-driven loop into a reused buffer: an SRI hash per package, and
 * `Uint8Array.fromBase64` costs twice as much for 64 bytes.
 */
function base64ToHex(text: string): string | undefined {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--;
  if (end === 0 || text.length - end > 2) return undefined;
  if (decoded.length < end) decoded = new Uint8Array(end);
  let length = 0;
  let bits = 0;
  let acc = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? BASE64_VALUES[code] : -1;
    if (value < 0) return undefined;
    acc = ((acc & 0xff) << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      decoded[length++] = acc >> bits;
    }
  }
  return decoded.subarray(0, length).toHex();
}
