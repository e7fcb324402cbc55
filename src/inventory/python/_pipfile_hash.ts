// Private: the hash by which Pipenv tells whether Pipfile.lock is up to date with the Pipfile
// (`_meta.hash.sha256`, plette's Pipfile.get_hash), computed as Pipenv computes it.

import { sha256HexSync } from "../_digest_sync.ts";
import { asciiJsonString } from "../_formats/json.ts";

const encoder = new TextEncoder();

/** The Pipfile's tables that are no package category (plette's PIPFILE_SECTIONS, and Pipenv's). */
const NOT_CATEGORIES = new Set([
  "source",
  "packages",
  "dev-packages",
  "requires",
  "scripts",
  "pipfile",
  "pipenv",
  "default",
  "develop",
]);

/**
 * A TOML value as `json.dumps(…, sort_keys=True, separators=(",", ":"))` writes it; `undefined`
 * for a number or a date, which vouch does not write as Python does (`1.0` is a float there).
 */
function pyJson(value: unknown): string | undefined {
  if (typeof value === "string") return asciiJsonString(value, "python");
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const items = value.map(pyJson);
    return items.includes(undefined) ? undefined : `[${items.join(",")}]`;
  }
  if (typeof value !== "object" || value === null || value instanceof Date) return undefined;
  const parts: string[] = [];
  const table = value as Record<string, unknown>;
  for (const key of Object.keys(table).sort()) {
    const encoded = pyJson(table[key]);
    if (encoded === undefined) return undefined;
    parts.push(`${asciiJsonString(key, "python")}:${encoded}`);
  }
  return `{${parts.join(",")}}`;
}

/** The source Pipenv assumes for a Pipfile without one (plette's DEFAULT_SOURCE_TOML). */
const DEFAULT_SOURCE = { name: "pypi", url: "https://pypi.org/simple", verify_ssl: true };

/** A name as PEP 503 normalizes it (packaging's `canonicalize_name`). */
function canonicalName(name: string): string {
  return name.replace(/[-_.]+/g, "-").toLowerCase();
}

/** A package table with its names as PEP 503 normalizes them (a later duplicate wins, as in Python). */
function canonicalNames(table: unknown): unknown {
  if (typeof table !== "object" || table === null || Array.isArray(table)) return table;
  return Object.fromEntries(
    Object.entries(table as Record<string, unknown>).map(([name, value]) => [
      canonicalName(name),
      value,
    ]),
  );
}

/**
 * Whether `hash` is one Pipenv may have recorded in `_meta.hash.sha256` for a Pipfile: the SHA-256
 * of the JSON of its sources, `requires`, `packages` (`default`), `dev-packages` (`develop`) and,
 * since Pipenv 2022.10 (package categories), its other categories; before, without them. Since
 * Pipenv 2026.4 (its `calculate_pipfile_hash`, pypa/pipenv#6609) the package names of those
 * tables are normalized as PEP 503 does first (`Django` is `django`). The hashes are computed one
 * by one, the current Pipenv's first, until one is `hash` (hot: each is of the whole Pipfile).
 *
 * @param doc The parsed Pipfile.
 * @param hash The recorded hash, in lowercase hex.
 * @returns Whether it is one of them; `undefined` when the Pipfile holds a value vouch does not
 *   write as Python does (a number, a date).
 */
export function isPipfileHash(doc: Record<string, unknown>, hash: string): boolean | undefined {
  const base: Record<string, unknown> = {
    _meta: { sources: doc.source ?? [DEFAULT_SOURCE], requires: doc.requires ?? {} },
    default: doc.packages ?? {},
    develop: doc["dev-packages"] ?? {},
  };
  const categories = { ...base };
  for (const [key, value] of Object.entries(doc)) {
    if (!NOT_CATEGORIES.has(key)) categories[key] = value;
  }
  const canonical: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(categories)) {
    canonical[key] = key === "_meta" ? value : canonicalNames(value);
  }
  const encoded: string[] = [];
  for (const data of [canonical, categories, base]) {
    const json = pyJson(data);
    if (json === undefined) return undefined;
    encoded.push(json);
  }
  return encoded.some((json) => sha256HexSync(encoder.encode(json)) === hash);
}
