/**
 * The evidence directory against the provenance statement, which names every
 * other file: each byproduct must be present with the SHA-256 the statement
 * gives, each declared signature file present, and nothing else in the
 * directory (the bundle index excepted).
 *
 * @module
 */
import { sha256Hex } from "../digest.ts";
import { FILES } from "../bundle/bundle_index.ts";
import type { ProvenanceStatement } from "../provenance/statement.ts";
import { fail, pass, type VerifyCheck } from "./_check.ts";
import type { EvidenceDir } from "./index_check.ts";

/** What {@linkcode checkEvidenceFiles} found. */
export interface EvidenceResult {
  /** The findings. */
  checks: VerifyCheck[];
  /** The files the statement names that are present (the provenance included), by name. */
  named: Map<string, Uint8Array>;
}

/**
 * Checks the directory against the files the statement names.
 *
 * @param statement A statement that passed `checkStatement`.
 * @param evidence What `readEvidenceDir` found.
 * @returns One check per named file, one per unnamed entry, and the named files present.
 */
export async function checkEvidenceFiles(
  statement: ProvenanceStatement,
  evidence: EvidenceDir,
): Promise<EvidenceResult> {
  const checks: VerifyCheck[] = [];
  const named = new Map<string, Uint8Array>();
  const present = (name: string): Uint8Array | undefined => {
    const bytes = evidence.files.get(name);
    if (bytes !== undefined) named.set(name, bytes);
    else if (!evidence.unreadable.has(name)) {
      checks.push(
        fail("evidence.file_missing", "named by the provenance but not in the directory", name),
      );
    }
    return bytes;
  };
  present(FILES.provenance);
  const run = statement.predicate.runDetails;
  for (const { name, digest } of run.byproducts) {
    const bytes = present(name);
    if (bytes === undefined) continue;
    const actual = await sha256Hex(bytes);
    checks.push(
      actual === digest.sha256
        ? pass("evidence.file_ok", "its SHA-256 is the one the provenance names", name)
        : fail(
          "evidence.digest_mismatch",
          `sha256 ${actual}, the provenance names ${digest.sha256}`,
          name,
        ),
    );
  }
  // The SBOM signature files are byproducts too (checked above); the provenance signatures are not.
  const byproducts = new Set(run.byproducts.map((b) => b.name));
  for (const { path } of run.vouch_signatures) if (!byproducts.has(path)) present(path);
  for (const entry of evidence.entries) {
    if (entry !== FILES.index && !named.has(entry) && !evidence.unreadable.has(entry)) {
      checks.push(
        fail(
          "evidence.unnamed_file",
          `in the directory but not named by the provenance${
            entry.endsWith("/") ? " (a folder)" : ""
          }`,
          entry,
        ),
      );
    }
  }
  return { checks, named };
}
