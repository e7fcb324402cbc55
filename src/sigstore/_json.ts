// Private: the bundle file's JSON, read within bounds: at most 256 MiB, strict
// UTF-8, nesting no deeper and holding no more objects and arrays than a bundle
// needs (checked before JSON.parse, so a file of nothing but brackets costs one
// linear scan, not a deep parse or gigabytes of objects).
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
 * The most objects and arrays a bundle may hold, and the most members one object may have; a
 * bundle holds a few dozen (its SBOM, if any, is base64 text). A hostile 255 MiB `[{},{},…]`
 * (89 million objects) ran the heap out (7.4 GB) and killed the process; an object of 8.4
 * million members aborts V8's `JSON.parse`.
 */
export const MAX_BUNDLE_CONTAINERS = 10_000;

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
  const shape = jsonShape(text);
  if (shape.depth > MAX_BUNDLE_DEPTH) {
    return {
      check: failed("bundle.json", `the bundle nests deeper than ${MAX_BUNDLE_DEPTH} levels`),
    };
  }
  if (shape.containers > MAX_BUNDLE_CONTAINERS || shape.members > MAX_BUNDLE_CONTAINERS) {
    return {
      check: failed(
        "bundle.json",
        `the bundle holds ${
          Math.max(shape.containers, shape.members)
        } objects and arrays, or members of one object, over the ${MAX_BUNDLE_CONTAINERS} a bundle may hold; not parsed`,
      ),
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
