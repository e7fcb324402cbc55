/**
 * Checks of the bundle index `supply_chain_attestation.json` against the
 * directory: its shape, and for every listed file a safe path inside the
 * directory, existence, size and SHA-256; files the index does not list are
 * reported. This unit's job is reading the bundle, so it does file I/O.
 *
 * @module
 */
import { sha256Hex } from "../digest.ts";
import { constantTimeEqual } from "../signing/hmac.ts";
import {
  type BundleIndex,
  type FileKind,
  FILES,
  INDEX_SCHEMA,
  type IndexedFile,
  toJsonText,
} from "../bundle/bundle_index.ts";
import { fail, isRecord, isText, pass, quote, SHA256_HEX, type VerifyCheck } from "./_check.ts";
import { parseJson, readCapped, type ReadResult } from "./_read.ts";

/** What {@linkcode checkIndex} found. */
export interface IndexResult {
  /** The findings. */
  checks: VerifyCheck[];
  /** The index, when it parsed and has the expected shape. */
  index?: BundleIndex;
  /** Bytes of the evidence files that could be read safely (bundle path → bytes). */
  files: Map<string, Uint8Array>;
}

/** The kind each evidence file name must be listed with. */
export const KIND_OF: Readonly<Record<string, FileKind>> = {
  [FILES.spdx]: "sbom-spdx",
  [FILES.cyclonedx]: "sbom-cyclonedx",
  [FILES.provenance]: "provenance",
  [FILES.hmacSignature]: "signature-hmac",
  [FILES.sigstoreBundle]: "sigstore-bundle",
  [FILES.spdxSigstoreBundle]: "sbom-sigstore-bundle",
  [FILES.cyclonedxSigstoreBundle]: "sbom-sigstore-bundle",
  [FILES.sha256sums]: "checksums",
  [FILES.markdown]: "summary",
};

/** Files every bundle must list. */
const REQUIRED = [FILES.spdx, FILES.cyclonedx, FILES.provenance, FILES.sha256sums, FILES.markdown];

const ALGORITHMS = ["hmac-sha256", "ed25519", "ecdsa-p256"];

/**
 * Why a path from the index is unsafe to open below the bundle directory.
 *
 * @param path The listed path.
 * @returns The reason, or `undefined` for a plain relative path.
 */
export function unsafePathReason(path: string): string | undefined {
  if (path === "") return "empty path";
  if (path.includes("\\")) return "backslash in path";
  if (path.startsWith("/")) return "absolute path";
  if (/^[A-Za-z]:/.test(path)) return "drive-letter path";
  // deno-lint-ignore no-control-regex
  if (/[\x00-\x1f\x7f]/.test(path)) return "control character in path";
  const segments = path.split("/");
  if (segments.includes("..")) return "`..` segment";
  if (segments.some((s) => s === "" || s === ".")) return "empty or `.` segment";
  return undefined;
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

function inventoryProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return "inventory is not an object";
  if (!isCount(value.components) || !isCount(value.direct)) {
    return "inventory.components/direct are not counts";
  }
  if (!isRecord(value.ecosystems) || !Object.values(value.ecosystems).every(isCount)) {
    return "inventory.ecosystems is not a map of counts";
  }
  if (!Array.isArray(value.sources) || !value.sources.every(isText)) {
    return "inventory.sources is not a list of names";
  }
  return undefined;
}

/**
 * Why a parsed index does not have the {@linkcode BundleIndex} shape.
 *
 * @param value The parsed JSON.
 * @returns The first problem, or `undefined` when the shape is right.
 */
export function indexShapeProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return "the index is not a JSON object";
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
    (s) => isText(s.name) && SHA256_HEX.test(String(s.sha256)) && isCount(s.size),
  ) ??
    everyEntry(
      value.files,
      "files",
      (f) =>
        typeof f.path === "string" && typeof f.kind === "string" &&
        SHA256_HEX.test(String(f.sha256)) && isCount(f.size),
    ) ??
    everyEntry(
      value.signatures,
      "signatures",
      (s) =>
        typeof s.path === "string" && typeof s.signs === "string" &&
        ALGORITHMS.includes(String(s.algorithm)) &&
        isText(s.keyid),
    ) ??
    inventoryProblem(value.inventory);
}

/**
 * Reads a file named by a bundle path, refusing anything that resolves outside the directory.
 *
 * @param dir The bundle directory.
 * @param realDir Its real path.
 * @param path The bundle path (already checked by {@linkcode unsafePathReason}).
 * @returns The bytes or the failed check.
 */
async function readInside(dir: string, realDir: string, path: string): Promise<ReadResult> {
  const full = `${dir}/${path}`;
  let real: string;
  try {
    await Deno.lstat(full);
  } catch {
    return { check: fail("index.file_missing", "listed but not in the directory", path) };
  }
  try {
    real = await Deno.realPath(full);
  } catch {
    return { check: fail("index.outside_dir", "a dangling symlink", path) };
  }
  if (!real.startsWith(`${realDir}/`)) {
    return { check: fail("index.outside_dir", "resolves outside the bundle directory", path) };
  }
  return await readCapped(real, path);
}

/**
 * The entries of the bundle directory, sorted; a subfolder as `name/`. Evidence
 * is flat, so a subfolder is never entered (it may be unreadable, or `/proc`).
 */
async function listDir(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    out.push(entry.isDirectory ? `${entry.name}/` : entry.name);
  }
  return out.sort();
}

/** The checks of the listed entries, and the entries to read: safe, known, first of their path. */
function entryChecks(entries: IndexedFile[]): { checks: VerifyCheck[]; usable: IndexedFile[] } {
  const checks: VerifyCheck[] = [];
  const usable: IndexedFile[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const { path, kind } = entry;
    const unsafe = unsafePathReason(path);
    if (unsafe !== undefined) {
      checks.push(fail("index.unsafe_path", `${unsafe}: ${quote(path)}`, path));
    } else if (seen.has(path)) {
      checks.push(fail("index.duplicate_path", "listed twice", path));
    } else if (!Object.hasOwn(KIND_OF, path)) {
      checks.push(fail("index.unknown_file", "not a vouch evidence file name", path));
    } else if (KIND_OF[path] !== kind) {
      checks.push(
        fail("index.kind_mismatch", `listed as ${quote(kind)}, expected ${KIND_OF[path]}`, path),
      );
    } else usable.push(entry);
    seen.add(path);
  }
  for (const name of REQUIRED) {
    if (!seen.has(name)) checks.push(fail("index.required_file", "not listed in the index", name));
  }
  return { checks, usable };
}

async function verifyListed(
  dir: string,
  realDir: string,
  index: BundleIndex,
  files: Map<string, Uint8Array>,
): Promise<VerifyCheck[]> {
  const { checks, usable } = entryChecks(index.files);
  for (const entry of usable) {
    const read = await readInside(dir, realDir, entry.path);
    if (read.check) {
      checks.push(read.check);
      continue;
    }
    files.set(entry.path, read.bytes);
    if (read.bytes.length !== entry.size) {
      checks.push(
        fail(
          "index.size_mismatch",
          `${read.bytes.length} bytes, the index says ${entry.size}`,
          entry.path,
        ),
      );
      continue;
    }
    const digest = await sha256Hex(read.bytes);
    if (digest !== entry.sha256) {
      checks.push(
        fail(
          "index.digest_mismatch",
          `sha256 ${digest}, the index says ${entry.sha256}`,
          entry.path,
        ),
      );
    } else checks.push(pass("index.file_ok", `sha256 and size match the index`, entry.path));
  }
  return checks;
}

/**
 * Reads and checks the bundle index and every file it lists. Never throws for
 * bundle content; every problem is a failed check.
 *
 * @param dir The bundle directory (must exist: the caller checks).
 * @returns The checks, the index when usable, and the readable evidence bytes.
 */
export async function checkIndex(dir: string): Promise<IndexResult> {
  const realDir = await Deno.realPath(dir);
  const files = new Map<string, Uint8Array>();
  const checks: VerifyCheck[] = [];
  const index = await readIndex(dir, realDir, checks);
  if (index !== undefined) checks.push(...await verifyListed(dir, realDir, index, files));
  else {
    // Without a usable index, still read the known files so later checks can say more.
    for (const path of Object.keys(KIND_OF)) {
      const read = await readInside(dir, realDir, path);
      if (!read.check) files.set(path, read.bytes);
    }
  }
  const listed = new Set(index?.files.map((f) => f.path) ?? Object.keys(KIND_OF));
  for (const path of await listDir(dir)) {
    if (path !== FILES.index && !listed.has(path)) {
      checks.push(
        fail("index.unlisted_file", "in the directory but not listed in the index", path),
      );
    }
  }
  return index === undefined ? { checks, files } : { checks, index, files };
}

async function readIndex(
  dir: string,
  realDir: string,
  checks: VerifyCheck[],
): Promise<BundleIndex | undefined> {
  const read = await readInside(dir, realDir, FILES.index);
  if (read.check) {
    const missing = read.check.code === "index.file_missing";
    checks.push(
      missing ? fail("index.missing", "no bundle index in the directory", FILES.index) : read.check,
    );
    return undefined;
  }
  const parsed = parseJson(read.bytes, FILES.index);
  if (parsed.check) {
    checks.push(parsed.check);
    return undefined;
  }
  const problem = indexShapeProblem(parsed.value);
  if (problem !== undefined) {
    checks.push(fail("index.malformed", problem, FILES.index));
    return undefined;
  }
  const index = parsed.value as BundleIndex;
  const canonical = new TextEncoder().encode(toJsonText(index));
  checks.push(
    index.schema === INDEX_SCHEMA
      ? pass("index.ok", "the index parses and has the expected shape", FILES.index)
      : fail("index.schema", `unknown schema ${quote(index.schema)}`, FILES.index),
  );
  if (!constantTimeEqual(canonical, read.bytes)) {
    checks.push(
      fail("index.not_canonical", "not in vouch's canonical JSON form (edited?)", FILES.index),
    );
  }
  if (index.passed !== true || index.blockers.length > 0) {
    checks.push(
      fail(
        "index.blocked",
        `the producer recorded ${index.blockers.length} blocker(s)`,
        FILES.index,
      ),
    );
  }
  return index;
}
