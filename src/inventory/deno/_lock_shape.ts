// Private: what makes a JSON text a deno.lock, without the reader (the registry asks it of a
// file `--lockfile` names under a name of the project's choosing: deno.json's `"lock"`).
import { isRecord, parseJsonText } from "../../_util.ts";

/** The lock versions the reader reads, besides the unversioned lock of Deno before 1.28. */
export const SUPPORTED_VERSIONS: readonly string[] = ["2", "3", "4", "5"];

/** The top-level tables of a versioned lock (v2: `remote`, `npm`; v3 nests in `packages`). */
const TABLES = new Set([
  "specifiers",
  "jsr",
  "npm",
  "redirects",
  "remote",
  "workspace",
  "packages",
]);

/** Whether a `data:` URL: an inline module, locked among the remote modules before Deno 2. */
export function isDataUrl(url: string): boolean {
  return /^data:/i.test(url);
}

/** Whether a parsed lock has no `version`: Deno before 1.28 wrote a map of remote URLs to hashes. */
export function isUnversionedLock(lock: Record<string, unknown>): boolean {
  const entries = Object.entries(lock);
  return entries.length > 0 &&
    entries.every(([url, hash]) =>
      (/^https?:\/\//.test(url) || isDataUrl(url)) && typeof hash === "string"
    );
}

/**
 * Whether a text is unmistakably a deno.lock: a JSON object of a supported
 * `version` and only a lock's tables, or an unversioned map of remote URLs to hashes.
 *
 * @param text The file's text.
 * @returns `true` when it is one.
 */
export function isDenoLockText(text: string): boolean {
  let lock: unknown;
  try {
    lock = parseJsonText(text);
  } catch {
    return false;
  }
  if (!isRecord(lock)) return false;
  if (!("version" in lock)) return isUnversionedLock(lock);
  return typeof lock.version === "string" && SUPPORTED_VERSIONS.includes(lock.version) &&
    Object.keys(lock).every((key) => key === "version" || TABLES.has(key));
}
