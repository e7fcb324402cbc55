import type { Hash, HashAlgorithm } from "./types.ts";
import { checkDigest } from "./_errors.ts";

/** One base64 character (a constant: made once, not per package). */
const BASE64_CHAR = /^[A-Za-z0-9+/]$/;

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
 * Native decoding: a loop over the characters costs six times as much in the
 * binary's cold code, once per package.
 */
function base64ToHex(text: string): string | undefined {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--;
  if (end === 0 || text.length - end > 2) return undefined;
  if (end % 4 === 1) {
    // A lone last character holds no whole byte: checked, then left out as Node leaves it.
    if (!BASE64_CHAR.test(text[end - 1])) return undefined;
    end--;
  }
  try {
    // `loose`: no padding needed, bits past the last byte not checked (as Node).
    return Uint8Array.fromBase64(text.slice(0, end), { lastChunkHandling: "loose" }).toHex();
  } catch {
    return undefined; // not base64
  }
}
