// Private: the bundle file's JSON, read within bounds: at most 256 MiB, strict
// UTF-8, nesting no deeper than a bundle needs (checked before JSON.parse, so a
// file of nothing but brackets costs one linear scan, not a deep parse).
import { jsonShape } from "../_util.ts";
import { utf8 } from "./_bytes.ts";
import { failed, type SigstoreCheck } from "./codes.ts";

/**
 * The largest bundle read: 256 MiB, the `vouch verify` limit of an evidence file and so the
 * largest bundle `vouch attest` writes (an SBOM's bundle holds the SBOM, in base64: a 150 MB SBOM
 * makes a 211 MB bundle; at 64 MiB, a keyless attest of an SBOM over 48 MB failed its own check).
 */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

/** The deepest nesting accepted; a bundle nests about 8 levels. */
export const MAX_BUNDLE_DEPTH = 32;

/**
 * Whether JSON text nests arrays/objects deeper than a limit (brackets in strings ignored).
 *
 * @param text The JSON text.
 * @param limit The deepest nesting allowed.
 * @returns `true` when some value nests deeper.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  return jsonShape(text).depth > limit;
}

/**
 * Parses a bundle file's bytes. Never throws.
 *
 * @param bytes The file's bytes.
 * @returns The value, or a failing `bundle.too_large` / `bundle.json` check.
 */
export function parseBundleJson(bytes: Uint8Array): { value: unknown } | { check: SigstoreCheck } {
  if (bytes.length > MAX_BUNDLE_BYTES) {
    return { check: failed("bundle.too_large", `${bytes.length} bytes is over the 256 MiB limit`) };
  }
  const text = utf8(bytes);
  if (text === undefined) return { check: failed("bundle.json", "the bundle is not UTF-8") };
  if (nestsDeeperThan(text, MAX_BUNDLE_DEPTH)) {
    return {
      check: failed("bundle.json", `the bundle nests deeper than ${MAX_BUNDLE_DEPTH} levels`),
    };
  }
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return {
      check: failed(
        "bundle.json",
        `the bundle is not JSON: ${(error as Error).message.split("\n")[0].slice(0, 100)}`,
      ),
    };
  }
}
