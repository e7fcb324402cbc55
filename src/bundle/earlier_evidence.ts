/**
 * Recognises earlier vouch evidence by its content, never by a file name: the
 * folder holds only regular files, one of them is a parseable vouch bundle
 * index, and the index lists exactly the other files. Only such a folder may
 * be replaced by `attest`; a folder with anything else in it (a stray `{}`
 * index beside a tax return, photos, a symlink, a subfolder) is kept.
 *
 * @module
 */
import { isRecord, parseJsonText } from "../_util.ts";
import { fsProblem, readRegularFileSync } from "../_fs.ts";
import { FILES } from "./bundle_index.ts";

/** The schema URI prefix every vouch bundle index version starts with. */
export const INDEX_SCHEMA_PREFIX = "https://jsr.io/@vouch/vouch/schemas/attestation-index/";

/** The largest index read while looking: 64 MiB (the limit `verify` reads too). */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The file names a parsed index lists, or `undefined` when it is not a vouch
 * index (wrong schema, no `files` list, a listed path that is not a plain
 * file name, a path listed twice).
 */
function listedNames(bytes: Uint8Array): Set<string> | undefined {
  let value: unknown;
  try {
    value = parseJsonText(utf8.decode(bytes));
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.schema !== "string") return undefined;
  if (!value.schema.startsWith(INDEX_SCHEMA_PREFIX) || !Array.isArray(value.files)) {
    return undefined;
  }
  const names = new Set<string>();
  for (const file of value.files) {
    const path = isRecord(file) ? file.path : undefined;
    if (typeof path !== "string" || !/^[^/\\]+$/.test(path) || path === "." || path === "..") {
      return undefined;
    }
    if (names.has(path)) return undefined;
    names.add(path);
  }
  names.add(FILES.index);
  return names;
}

/**
 * Tells whether `dir` holds earlier vouch evidence and nothing else.
 *
 * @example
 * ```ts ignore
 * import { isEarlierEvidence } from "./earlier_evidence.ts";
 * if (!(await isEarlierEvidence("test_artifacts/supply-chain/current"))) console.log("keep it");
 * ```
 *
 * @param dir An existing directory.
 * @returns `true` only for a folder of regular files whose vouch index lists
 *   exactly the other files.
 * @throws The file-system error when the folder or its index cannot be read
 *   (permission denied, …); a missing, irregular, oversized or unparseable
 *   index is simply not evidence.
 */
export async function isEarlierEvidence(dir: string): Promise<boolean> {
  const present = new Set<string>();
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.isFile || entry.isSymlink) return false;
    present.add(entry.name);
  }
  if (!present.has(FILES.index)) return false;
  let bytes: Uint8Array;
  try {
    bytes = readRegularFileSync(`${dir}/${FILES.index}`, { maxBytes: MAX_INDEX_BYTES });
  } catch (error) {
    const problem = fsProblem(error);
    if (problem === "missing" || problem === "not_regular" || problem === "too_large") return false;
    throw error;
  }
  const listed = listedNames(bytes);
  return listed !== undefined && listed.size === present.size &&
    [...present].every((name) => listed.has(name));
}
