/**
 * RFC 6962 / RFC 9162 Merkle trees: leaf and node hashes and the inclusion
 * proof check (RFC 9162 §2.1.3.2).
 *
 * @module
 */
import { equal, hash } from "../_bytes.ts";

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/**
 * The hash of a leaf: SHA-256(0x00 || entry).
 *
 * @param entry The leaf's data (a canonicalized log entry body).
 * @returns The leaf hash.
 */
export function leafHash(entry: Uint8Array): Promise<Uint8Array> {
  return hash("sha256", LEAF_PREFIX, entry);
}

/**
 * The hash of an inner node: SHA-256(0x01 || left || right).
 *
 * @param left The left child's hash.
 * @param right The right child's hash.
 * @returns The node hash.
 */
export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return hash("sha256", NODE_PREFIX, left, right);
}

/**
 * Computes the root an inclusion proof leads to (RFC 9162 §2.1.3.2).
 *
 * @param leaf The leaf hash.
 * @param options `index` of the leaf, `size` of the tree, `proof`: the audit path, leaf to root.
 * @returns The root hash, or `undefined` when the proof cannot be a proof for
 *   that index in a tree of that size (index out of range, wrong length, hashes not 32 bytes).
 */
export async function rootFromInclusionProof(
  leaf: Uint8Array,
  options: { index: bigint; size: bigint; proof: Uint8Array[] },
): Promise<Uint8Array | undefined> {
  const { index, size, proof } = options;
  if (index < 0n || index >= size || proof.some((p) => p.length !== 32)) return undefined;
  let fn = index;
  let sn = size - 1n;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return undefined;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? r : undefined;
}

/**
 * Checks an inclusion proof against a root hash.
 *
 * @param leaf The leaf hash.
 * @param options `index`, `size`, `proof` as for {@linkcode rootFromInclusionProof}; `root`: the expected root.
 * @returns `true` when the proof leads to `root`.
 */
export async function verifyInclusion(
  leaf: Uint8Array,
  options: { index: bigint; size: bigint; proof: Uint8Array[]; root: Uint8Array },
): Promise<boolean> {
  const computed = await rootFromInclusionProof(leaf, options);
  return computed !== undefined && equal(computed, options.root);
}
