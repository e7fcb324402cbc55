/**
 * Reading the evidence directory, and checking the bundle index
 * `supply_chain_attestation.json`: its shape and schema, then every field
 * against the index recomputed from the provenance statement, the files it
 * names and the CycloneDX BOM. This unit's job is reading the bundle, so it
 * does file I/O.
 *
 * @module
 */
import { bytesEqual } from "./_bytes.ts";
import {
  type BundleIndex,
  FILES,
  INDEX_SCHEMA,
  KIND_OF,
  OUTDATED_INDEX_SCHEMA,
  toJsonText,
} from "../bundle/bundle_index.ts";
import { fail, isRecord, isSha256, isText, pass, quote, type VerifyCheck } from "./_check.ts";
import { MAX_FILE_BYTES, parseJson, readCapped, type ReadResult } from "./_read.ts";

/** What {@linkcode readEvidenceDir} found. */
export interface EvidenceDir {
  /** Every entry of the directory, sorted: file names, and folder names ending in `/`. */
  entries: string[];
  /** Bytes of the evidence files (vouch's file names) that could be read safely. */
  files: Map<string, Uint8Array>;
  /** vouch file names present that could not be read (each reported in `checks`). */
  unreadable: Set<string>;
  /** Why files could not be read. */
  checks: VerifyCheck[];
}

/**
 * Reads a file of the bundle, refusing anything that resolves outside the directory.
 *
 * @param dir The bundle directory.
 * @param realDir Its real path.
 * @param name The file name.
 * @param limit The largest size read.
 * @returns The bytes or the failed check.
 */
async function readInside(
  dir: string,
  realDir: string,
  name: string,
  limit: number,
): Promise<ReadResult> {
  let real: string;
  try {
    real = await Deno.realPath(`${dir}/${name}`);
  } catch {
    return { check: fail("evidence.outside_dir", "a dangling symlink", name) };
  }
  if (!real.startsWith(`${realDir}/`)) {
    return { check: fail("evidence.outside_dir", "resolves outside the bundle directory", name) };
  }
  return await readCapped(real, name, limit);
}

/**
 * Lists the bundle directory and reads every file that has one of vouch's
 * evidence file names (index included). Never throws for bundle content.
 *
 * @param dir The bundle directory (must exist: the caller checks).
 * @param options `maxFileBytes`: the largest file read (default and at most {@linkcode MAX_FILE_BYTES}).
 * @returns The entries, the bytes read and the read failures.
 */
export async function readEvidenceDir(
  dir: string,
  options: { maxFileBytes?: number } = {},
): Promise<EvidenceDir> {
  const limit = Math.min(options.maxFileBytes ?? MAX_FILE_BYTES, MAX_FILE_BYTES);
  const realDir = await Deno.realPath(dir);
  const result: EvidenceDir = { entries: [], files: new Map(), unreadable: new Set(), checks: [] };
  for await (const entry of Deno.readDir(dir)) {
    result.entries.push(entry.isDirectory ? `${entry.name}/` : entry.name);
  }
  result.entries.sort();
  for (const name of result.entries) {
    if (name !== FILES.index && !Object.hasOwn(KIND_OF, name)) continue;
    const read = await readInside(dir, realDir, name, limit);
    if (read.check) {
      result.checks.push(read.check);
      result.unreadable.add(name);
    } else result.files.set(name, read.bytes);
  }
  return result;
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function everyEntry(
  value: unknown,
  name: string,
  entry: (item: Record<string, unknown>) => boolean,
): string | undefined {
  if (!Array.isArray(value)) return `${name} is not an array`;
  const bad = value.findIndex((item) => !isRecord(item) || !entry(item));
  return bad === -1 ? undefined : `${name}[${bad}] does not have the expected fields`;
}

/**
 * Why a parsed index does not have the {@linkcode BundleIndex} shape (the
 * types of the fields `verify` reads; the values are compared later).
 *
 * @param value The parsed JSON.
 * @returns The first problem, or `undefined` when the shape is right.
 */
export function indexShapeProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return "the index is not a JSON object";
  if (typeof value.schema !== "string") return "schema is not a string";
  if (!isRecord(value.tool) || !isText(value.tool.name) || !isText(value.tool.version)) {
    return "tool is not {name, version}";
  }
  for (const key of ["release", "repository", "commit_sha", "builder_id", "created"]) {
    if (!isText(value[key])) return `${key} is not a non-empty string`;
  }
  if (typeof value.passed !== "boolean") return "passed is not a boolean";
  if (!Array.isArray(value.blockers)) return "blockers is not an array";
  return everyEntry(
    value.subjects,
    "subjects",
    (s) => isText(s.name) && isSha256(s.sha256) && isCount(s.size),
  ) ??
    everyEntry(
      value.files,
      "files",
      (f) =>
        typeof f.path === "string" && typeof f.kind === "string" &&
        isSha256(f.sha256) && isCount(f.size),
    ) ??
    everyEntry(value.signatures, "signatures", (s) => typeof s.path === "string") ??
    (isRecord(value.inventory) ? undefined : "inventory is not an object");
}

/** The parsed index and its bytes, when it could be read and has the expected shape. */
export interface IndexFile {
  /** The findings. */
  checks: VerifyCheck[];
  /** The index. */
  index?: BundleIndex;
  /** Its bytes. */
  bytes?: Uint8Array;
}

/**
 * Checks that the index is present, parses, has the expected shape and the
 * current schema (`index.schema_outdated` for evidence written before every
 * file was signed).
 *
 * @param evidence What {@linkcode readEvidenceDir} found.
 * @returns The checks, and the index when usable.
 */
export function checkIndexFile(evidence: EvidenceDir): IndexFile {
  const bytes = evidence.files.get(FILES.index);
  if (bytes === undefined) {
    const missing = !evidence.unreadable.has(FILES.index);
    return {
      checks: missing
        ? [fail("index.missing", "no bundle index in the directory", FILES.index)]
        : [],
    };
  }
  const parsed = parseJson(bytes, FILES.index);
  if (parsed.check) return { checks: [parsed.check] };
  const problem = indexShapeProblem(parsed.value);
  if (problem !== undefined) return { checks: [fail("index.malformed", problem, FILES.index)] };
  const index = parsed.value as BundleIndex;
  if (index.schema === OUTDATED_INDEX_SCHEMA) {
    const check = fail(
      "index.schema_outdated",
      "evidence from an older vouch, whose signatures do not cover the SBOMs, the summary or " +
        "SHA256SUMS; attest the release again",
      FILES.index,
    );
    return { checks: [check], index, bytes };
  }
  if (index.schema !== INDEX_SCHEMA) {
    return {
      checks: [fail("index.schema", `unknown schema ${quote(index.schema)}`, FILES.index)],
      index,
      bytes,
    };
  }
  return {
    checks: [pass("index.ok", "the index parses and has the expected shape", FILES.index)],
    index,
    bytes,
  };
}

/** The first difference between a value and the expected one, as one line; `undefined` if none. */
function difference(actual: unknown, expected: unknown, path: string): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path} is ${quote(actual)}, expected a list`;
    for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
      if (i >= actual.length) return `${path} lacks entry ${i} (${quote(expected[i])})`;
      if (i >= expected.length) return `${path}[${i}] is an entry too many`;
      const found = difference(actual[i], expected[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isRecord(expected)) {
    if (!isRecord(actual)) return `${path} is ${quote(actual)}, expected an object`;
    for (const key of Object.keys(expected)) {
      if (!Object.hasOwn(actual, key)) return `${path}.${key} is missing`;
      const found = difference(actual[key], expected[key], `${path}.${key}`);
      if (found !== undefined) return found;
    }
    const extra = Object.keys(actual).find((key) => !Object.hasOwn(expected, key));
    return extra === undefined ? undefined : `${path}.${extra} is not a field vouch writes`;
  }
  return Object.is(actual, expected)
    ? undefined
    : `${path} is ${quote(actual)}, the provenance and its files give ${quote(expected)}`;
}

/** Top-level index fields by the check code a difference in them fails. */
const FIELD_CODES: [string, (keyof BundleIndex)[]][] = [
  [
    "index.context_mismatch",
    ["tool", "release", "repository", "commit_sha", "builder_id", "created"],
  ],
  ["index.blockers_mismatch", ["passed", "blockers"]],
  ["index.subjects_mismatch", ["subjects"]],
  ["index.files_mismatch", ["files"]],
  ["index.signatures_mismatch", ["signatures"]],
  ["index.inventory_mismatch", ["inventory"]],
];

/**
 * Compares the index with the one derived from the (signed) evidence: every
 * field, no field more, and finally the exact bytes.
 *
 * @param actual The parsed index (shape checked) and its bytes.
 * @param expected The index derived from the statement, its files and the BOM.
 * @param options `skip`: fields not compared (their source was unusable and is reported elsewhere).
 * @returns One failed check per differing field group, or one passing check.
 */
export function compareIndex(
  actual: { index: BundleIndex; bytes: Uint8Array },
  expected: BundleIndex,
  options: { skip?: (keyof BundleIndex)[] } = {},
): VerifyCheck[] {
  const { index, bytes } = actual;
  const skip = new Set<string>(options.skip ?? []);
  const checks: VerifyCheck[] = [];
  for (const [code, fields] of FIELD_CODES) {
    for (const field of fields.filter((f) => !skip.has(f))) {
      const problem = Object.hasOwn(index, field)
        ? difference(index[field], expected[field], field)
        : `${field} is missing`;
      if (problem !== undefined) {
        checks.push(fail(code, `index ${problem}`, FILES.index));
        break;
      }
    }
  }
  const extra = Object.keys(index).filter((key) => !Object.hasOwn(expected, key));
  if (extra.length > 0) {
    checks.push(
      fail(
        "index.unknown_field",
        `index field(s) vouch does not write: ${extra.map(quote).join(", ")}`,
        FILES.index,
      ),
    );
  }
  if (checks.length > 0 || skip.size > 0) return checks;
  const canonical = new TextEncoder().encode(toJsonText(expected));
  return bytesEqual(canonical, bytes)
    ? [
      pass(
        "index.derived_ok",
        "every field of the index is what the signed provenance, its files and the BOM give",
        FILES.index,
      ),
    ]
    : [fail("index.not_canonical", "not in vouch's canonical JSON form (edited?)", FILES.index)];
}
