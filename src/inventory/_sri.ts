import type { Hash, HashAlgorithm } from "./types.ts";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

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
 * malformed parts are ignored.
 *
 * @param integrity The SRI string.
 * @returns The hashes found.
 */
export function sriHashes(integrity: string | undefined): Hash[] {
  const hashes: Hash[] = [];
  if (integrity === undefined || integrity === "") return hashes;
  // One hash without options is by far the most common: no splitting then.
  const parts = /\s/.test(integrity) ? integrity.split(/\s+/) : [integrity];
  for (const part of parts) {
    const dash = part.indexOf("-");
    const name = part.slice(0, dash).toLowerCase();
    // Own keys only: `constructor-…` must not find Object.prototype.constructor.
    const alg = Object.hasOwn(SRI_ALGORITHMS, name) ? SRI_ALGORITHMS[name] : undefined;
    const query = part.indexOf("?");
    const digest = part.slice(dash + 1, query === -1 ? undefined : query);
    if (dash <= 0 || alg === undefined || !BASE64.test(digest)) continue;
    hashes.push({ alg, hex: base64ToHex(digest) });
  }
  return hashes;
}

/**
 * Decodes base64 as Node's `Buffer.from(text, "base64")` does (padding
 * optional, a lone trailing character ignored), without loading `node:buffer`.
 */
function base64ToHex(text: string): string {
  const body = text.replace(/=+$/, "");
  const whole = body.length % 4 === 1 ? body.slice(0, -1) : body;
  return Uint8Array.fromBase64(whole, { lastChunkHandling: "loose" }).toHex();
}
