/**
 * Small helpers shared by the SPDX and CycloneDX writers: download URLs,
 * hashes and content-derived UUIDs.
 *
 * @module
 */
import { uuidV5 } from "../digest.ts";
import { compareStrings, jsonTextChunks } from "../_util.ts";
import type { Hash, HashAlgorithm, Inventory } from "../inventory/types.ts";
import { loadLicenseLists } from "../inventory/_license.ts";

/**
 * The location when it is an absolute URL usable as a download location
 * (`scheme://…`, no whitespace), else `undefined` (e.g. a local path).
 *
 * @param location A download location as a lockfile states it.
 * @returns The URL, or `undefined`.
 */
export function downloadUrl(location: string | undefined): string | undefined {
  if (location === undefined) return undefined;
  const ok = URL_SHAPE.test(location) && URL.canParse(location);
  return ok ? location : undefined;
}

/** A URL with a scheme and `//` (constants, not literals: made once, not per component). */
const URL_SHAPE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+$/;
const LOWER_HEX = /^[0-9a-f]+$/;

/**
 * Sorts a list (a new array) and keeps one item of each run of items the
 * comparison calls equal: sorted and unique without building keys.
 *
 * @param items The items (not modified).
 * @param compare The order; 0 means "the same item".
 * @returns The sorted unique items.
 */
export function sortedUnique<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  const sorted = items.toSorted(compare);
  const out: T[] = [];
  for (const item of sorted) {
    if (out.length === 0 || compare(out[out.length - 1], item) !== 0) out.push(item);
  }
  return out;
}

const HEX_LENGTH: Record<HashAlgorithm, number> = {
  md5: 32,
  sha1: 40,
  sha256: 64,
  sha384: 96,
  sha512: 128,
};

/**
 * The hashes whose value is well-formed hex of the algorithm's length,
 * lowercased, unique, sorted by algorithm then value.
 *
 * @param hashes Recorded hashes.
 * @returns The usable hashes.
 */
export function usableHashes(hashes: readonly Hash[]): Hash[] {
  const out: Hash[] = [];
  const seen = hashes.length > 1 ? new Set<string>() : undefined;
  for (const { alg, hex } of hashes) {
    const value = hex.toLowerCase();
    if (value.length !== HEX_LENGTH[alg] || !LOWER_HEX.test(value)) continue;
    if (seen !== undefined) {
      const key = `${alg}:${value}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out.push({ alg, hex: value });
  }
  return out.length < 2 ? out : out.sort(compareHashes);
}

function compareHashes(a: Hash, b: Hash): number {
  return compareStrings(a.alg, b.alg) || compareStrings(a.hex, b.hex);
}

/**
 * A UUID derived from a document's content: the same JSON always gives the
 * same UUID. Callers blank the volatile fields (creation time, the id itself)
 * before calling.
 *
 * @param document A JSON-able value built in a deterministic key order.
 * @returns A lowercase UUID (resolves once hashed).
 */
export function contentUuid(document: unknown): Promise<string> {
  // In chunks when large: its text is never held whole then (see jsonTextChunks).
  return uuidV5(jsonTextChunks(document, { compact: true }));
}

/**
 * Loads what checking the inventory's declared licenses needs (the SPDX
 * license list, unless every id is a common one): both writers call it
 * before they check a license.
 *
 * @param inventory The inventory to describe.
 */
export async function loadLicensesOf(inventory: Inventory): Promise<void> {
  const licenses = [inventory.project.license];
  for (const component of inventory.components) licenses.push(component.license);
  await loadLicenseLists(licenses);
}
