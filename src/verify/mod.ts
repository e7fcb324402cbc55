/**
 * `verify()`: offline verification of an evidence bundle written by
 * `attest()`. Every finding is a check with a stable code; `passed` is true
 * only when every check is ok. Usage errors throw {@linkcode VouchError}.
 *
 * Thrown (usage errors, CLI exit 2):
 *
 * | Code | When |
 * | --- | --- |
 * | `verify.dir_missing` | the bundle directory does not exist or is not a directory |
 * | `key.malformed`, `key.encrypted`, `key.unsupported`, `key.curve`, `key.not_public` | a public key PEM is unusable |
 * | `subject.missing.<pattern>` | a subject path or glob matches no readable file |
 * | `subject.duplicate.<name>` | two subject files outside the working directory share a name |
 *
 * Checks (`ok` checks have the codes marked ✓; all others fail):
 *
 * | Code | Finding |
 * | --- | --- |
 * | `index.ok` ✓ | the index parses and has the expected shape |
 * | `index.missing` | no `supply_chain_attestation.json` |
 * | `index.malformed` | the index lacks a field or has a wrong type (message names it) |
 * | `index.schema` | unknown index `schema` |
 * | `index.not_canonical` | the index is not in vouch's canonical JSON form (edited) |
 * | `index.blocked` | the producer recorded `passed: false` or blockers |
 * | `index.unsafe_path` | a listed path is absolute, has `..`, a backslash, an empty or `.` segment |
 * | `index.duplicate_path` | a path is listed twice |
 * | `index.unknown_file` | a listed path is not a vouch evidence file name |
 * | `index.kind_mismatch` | a file is listed with the wrong `kind` |
 * | `index.required_file` | a required evidence file is not listed |
 * | `index.file_missing` | a listed file is not in the directory |
 * | `index.outside_dir` | a listed file is a symlink resolving outside the directory (or dangling) |
 * | `index.size_mismatch` / `index.digest_mismatch` | a listed file's size / SHA-256 differs from the index |
 * | `index.file_ok` ✓ | a listed file matches its size and SHA-256 |
 * | `index.unlisted_file` | a file in the directory is not listed (the index itself excepted) |
 * | `index.context_mismatch` / `index.context_ok` ✓ | index release, repository, commit, builder, created, tool vs the provenance |
 * | `index.subjects_mismatch` / `index.subjects_ok` ✓ | index subjects vs the provenance subjects |
 * | `index.inventory_mismatch` / `index.inventory_ok` ✓ | index inventory summary vs the CycloneDX BOM |
 * | `index.signatures_mismatch` / `index.signatures_ok` ✓ | index signature list vs the signature files |
 * | `file.too_large` | a file is over 64 MiB; refused without reading it |
 * | `file.not_regular`, `file.unreadable` | a file is not a regular file / cannot be read |
 * | `file.invalid_json` / `file.too_deep` | a JSON file does not parse (or is not UTF-8) / nests over 64 levels |
 * | `statement.missing` | `provenance.intoto.json` could not be read |
 * | `statement.type`, `statement.subject`, `statement.predicate_type`, `statement.build_definition`, `statement.run_details` | the provenance is not an in-toto v1 Statement with SLSA v1 provenance |
 * | `statement.ok` ✓ | the provenance has the expected structure |
 * | `sbom.spdx_invalid` / `sbom.spdx_ok` ✓ | `sbom.spdx.json` is (not) SPDX 2.3 |
 * | `sbom.cyclonedx_invalid` / `sbom.cyclonedx_ok` ✓ | `sbom.cyclonedx.json` is (not) CycloneDX 1.6 |
 * | `checksums.invalid_line`, `checksums.mismatch` / `checksums.ok` ✓ | `SHA256SUMS` vs the provenance subjects |
 * | `subject.verified` ✓ | a given file matches the provenance subject with its base name |
 * | `subject.digest_mismatch`, `subject.size_mismatch` | a given file's SHA-256 / size differs |
 * | `subject.unknown` | a given file has no provenance subject with its base name |
 * | `subject.ambiguous` | a base name matches several subjects, or several given files |
 * | `subject.not_given` | a provenance subject has no given file (only when subjects were given) |
 * | `subject.unchecked` | a given file could not be checked: no valid provenance |
 * | `hmac.*`, `sigstore.*`, `spdx_sigstore.*`, `cyclonedx_sigstore.*` | per signature file: `signature.hmac-sha256.json`, `provenance.sigstore.json`, `sbom.spdx.sigstore.json`, `sbom.cyclonedx.sigstore.json` (below, `P` is the prefix) |
 * | `P.payload_type` | payloadType is not `application/vnd.in-toto+json` |
 * | `P.payload_mismatch` / `P.payload_ok` ✓ | the signed payload is (not) byte-identical to `provenance.intoto.json` (SBOM bundles: to the in-toto statement of the SBOM over the provenance subjects) |
 * | `P.envelope.malformed`, `P.signature.none`, `P.signature.duplicate`, `P.signature.malformed`, `P.signature.keyid_mismatch`, `P.signature.invalid` | DSSE verification failed |
 * | `P.signature.verified` ✓ | a DSSE signature verified |
 * | `hmac.not_checked` ✓ | no HMAC key given: the HMAC signature is not checked |
 * | `P.not_checked` ✓ | (Sigstore bundles) no public key given: not checked |
 * | `P.malformed`, `P.unsupported` | (Sigstore bundles) not a key-based Sigstore bundle with one DSSE signature |
 * | `P.hint_mismatch` | (Sigstore bundles) `publicKey.hint` and the signature's key id are both set and differ (an empty or missing one names no key) |
 * | `P.key_unknown` | (Sigstore bundles) no given public key has the bundle's key id (hint, else signature key id), or the bundle names none, and no given key verifies the signature either |
 * | `P.identity_required` | (keyless Sigstore bundles) no `--certificate-identity[-regexp]` + `--certificate-oidc-issuer` given: a keyless bundle is never accepted without an identity |
 * | `P.<sigstore code>` | (keyless Sigstore bundles) each check of `verifyBundle` (e.g. `sigstore.tlog.set_verified` ✓, `sigstore.identity.san_mismatch`), see the README's verify-bundle codes |
 * | `P.hint_unmatched` ✓ | (Sigstore bundles) the bundle's key id (free-form, empty or missing: it carries no trust) names no given public key, so every given key was tried; the message names the cosign key id of the one that verified (`P.signature.verified` is reported too). The index may record either the bundle's key id or that one |
 * | `signature.required` | (fails) no provenance signature (HMAC or `provenance.sigstore.json`) verified while one is required; (✓) one did |
 * | `policy.unsigned` | an expectation cannot be checked: no signature verified |
 * | `policy.unreadable` | the signed payload is not a valid provenance statement |
 * | `policy.<field>_mismatch` / `policy.<field>_ok` ✓ | `field` = `repository`, `commit`, `builder`, `release`, read from the signed statement |
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import { FILES } from "../bundle/bundle_index.ts";
import type { ProvenanceStatement } from "../provenance/statement.ts";
import { expandSubjects, hashSubjects } from "../provenance/subjects.ts";
import { importPublicKey } from "../signing/mod.ts";
import type { TrustedRoot } from "../sigstore/mod.ts";
import type { IdentityPolicy } from "../sigstore/policy.ts";
import { fail, type VerifyCheck, type VerifyReport } from "./_check.ts";
import { parseJson } from "./_read.ts";
import { checkIndex } from "./index_check.ts";
import { checkIndexContext, checkStatement } from "./statement_check.ts";
import { checkCycloneDx, checkInventorySummary, checkSpdx } from "./sbom_check.ts";
import {
  checkGivenSubjects,
  checkIndexSubjects,
  checkSha256Sums,
  type GivenSubject,
} from "./subject_check.ts";
import { checkSignatures } from "./signature_check.ts";
import { checkPolicy } from "./policy_check.ts";

export type { VerifyCheck, VerifyReport } from "./_check.ts";
export { renderVerifyMarkdown } from "./render.ts";

/** Options of {@linkcode verify}. */
export interface VerifyOptions {
  /** Artifact paths or globs (relative to `cwd`) to check against the provenance. */
  subjects?: string[];
  /** Trusted public keys: SPKI PEM texts (Ed25519 / ECDSA P-256). */
  publicKeys?: string[];
  /** The HMAC secret. */
  hmacKey?: string;
  /** What the signed provenance must name. */
  expect?: { repository?: string; commit?: string; builder?: string; release?: string };
  /** At least one signature must verify (default true). */
  requireSignature?: boolean;
  /** The directory subject patterns are relative to (default `Deno.cwd()`). */
  cwd?: string;
  /**
   * Keyless Sigstore bundles: the identity that must have signed them and
   * the trusted root (default: the embedded public-good root). Without an
   * identity a keyless bundle fails (`P.identity_required`).
   */
  sigstore?: { identity?: IdentityPolicy; trustedRoot?: TrustedRoot };
}

async function checkDir(dir: string): Promise<void> {
  let isDirectory = false;
  try {
    isDirectory = (await Deno.stat(dir)).isDirectory;
  } catch {
    // reported below
  }
  if (!isDirectory) {
    throw new VouchError(
      "verify.dir_missing",
      `${dir} is not a directory`,
      "pass the folder attest wrote, e.g. test_artifacts/supply-chain/current",
    );
  }
}

async function givenSubjects(patterns: string[], cwd: string): Promise<GivenSubject[]> {
  if (patterns.length === 0) return [];
  const hashed = await hashSubjects(expandSubjects(patterns, { root: cwd }));
  return hashed.map(({ name, sha256, size }) => ({ name, sha256, size }));
}

function parsedOrCheck(
  files: Map<string, Uint8Array>,
  path: string,
  checks: VerifyCheck[],
): unknown {
  const bytes = files.get(path);
  if (bytes === undefined) return undefined;
  const parsed = parseJson(bytes, path);
  if (parsed.check) checks.push(parsed.check);
  return parsed.check ? undefined : parsed.value;
}

/**
 * Verifies an evidence bundle offline: the index and every file's SHA-256,
 * the statement and SBOM structure, the subjects, the signatures and the
 * policy. See the module documentation for every check code.
 *
 * @example
 * ```ts ignore
 * import { renderVerifyMarkdown, verify } from "./mod.ts";
 * const report = await verify("evidence", { subjects: ["dist/*"], hmacKey: "secret" });
 * console.log(renderVerifyMarkdown(report));
 * ```
 *
 * @param dir The bundle directory.
 * @param options Subjects, keys, expectations.
 * @returns The report.
 * @throws {VouchError} `verify.dir_missing`, `key.*` for an unusable public key,
 *   `subject.missing.<pattern>` for a subject pattern that matches nothing.
 */
export async function verify(dir: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  await checkDir(dir);
  const publicKeys = await Promise.all(
    (options.publicKeys ?? []).map((pem) => importPublicKey(pem)),
  );
  const given = await givenSubjects(options.subjects ?? [], options.cwd ?? Deno.cwd());

  const { checks, index, files } = await checkIndex(dir);
  let statement: ProvenanceStatement | undefined;
  const provenance = parsedOrCheck(files, FILES.provenance, checks);
  if (!files.has(FILES.provenance)) {
    checks.push(fail("statement.missing", "the provenance could not be read", FILES.provenance));
  } else if (provenance !== undefined) {
    const result = checkStatement(provenance);
    checks.push(...result.checks);
    statement = result.statement;
  }
  const spdx = parsedOrCheck(files, FILES.spdx, checks);
  if (spdx !== undefined) checks.push(checkSpdx(spdx));
  const cyclonedx = parsedOrCheck(files, FILES.cyclonedx, checks);
  const bomCheck = cyclonedx === undefined ? undefined : checkCycloneDx(cyclonedx);
  if (bomCheck !== undefined) checks.push(bomCheck);
  if (index !== undefined && bomCheck?.ok) checks.push(checkInventorySummary(index, cyclonedx));

  if (statement !== undefined) {
    const subjects = statement.subject.map((s) => ({ name: s.name, sha256: s.digest.sha256 }));
    if (index !== undefined) {
      checks.push(...checkIndexContext(index, statement), checkIndexSubjects(subjects, index));
    }
    const sums = files.get(FILES.sha256sums);
    if (sums !== undefined) checks.push(checkSha256Sums(subjects, new TextDecoder().decode(sums)));
    checks.push(...checkGivenSubjects(subjects, given, { index }));
  } else {
    checks.push(
      ...given.map((g) => fail("subject.unchecked", "not checked: no valid provenance", g.name)),
    );
  }

  const signatures = await checkSignatures({
    files,
    statement,
    hmacKey: options.hmacKey,
    publicKeys,
    index,
    requireSignature: options.requireSignature,
    sigstore: options.sigstore,
  });
  checks.push(...signatures.checks);
  checks.push(...checkPolicy(signatures.signedPayloads, options.expect ?? {}));
  return { passed: checks.length > 0 && checks.every((c) => c.ok), dir, checks };
}
