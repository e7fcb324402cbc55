/**
 * `verify()`: offline verification of an evidence bundle written by
 * `attest()`. Every finding is a check with a stable code; `passed` is true
 * only when every check is ok. Usage errors throw {@linkcode VouchError}.
 *
 * The provenance statement `provenance.intoto.json` is the one thing signed
 * over the evidence, and it names everything else: the SHA-256 of every
 * other evidence file (`runDetails.byproducts`: the SBOMs, their Sigstore
 * bundles, the Markdown summary, `SHA256SUMS`), the signature files with
 * their key ids (`vouch_signatures`), the blockers (`vouch_blockers`) and the
 * subjects with their sizes. So verify checks every file against the
 * statement (and nothing else may be in the directory), pins down what a
 * signature file holds beyond what its signature signs (vouch's one form,
 * the declared key id, ECDSA in low-S form), and recomputes the whole bundle
 * index from the statement, the files it names and the CycloneDX BOM,
 * failing on any difference. Deliberately unsigned: the signature value of a
 * signature file whose key is not given (reported `*.not_checked`; its form
 * and key id are still checked), and the directory's name and file metadata
 * (times, modes, owners). With `requireSignature: false`, evidence that no
 * given key verifies (unsigned, or signed only with keys not given) passes
 * with nothing binding it, keys given or not: its files are only checked
 * against each other.
 *
 * Thrown (usage errors, CLI exit 2):
 *
 * | Code | When |
 * | --- | --- |
 * | `verify.dir_missing` | the bundle directory does not exist or is not a directory |
 * | `verify.dir_unreadable` | the bundle directory cannot be listed (permission denied, a system path) |
 * | `verify.not_evidence` | the directory holds none of the evidence file names (e.g. `vouch verify /`) |
 * | `key.malformed`, `key.encrypted`, `key.unsupported`, `key.curve`, `key.not_public` | a public key PEM is unusable |
 * | `secret.empty`, `key.hmac_public` | the HMAC key is empty, or public (a PEM public key or certificate, a given key's id): anyone could sign with it |
 * | `subject.missing.<pattern>` | a subject path or glob matches no readable file |
 * | `subject.duplicate.<name>` | two subject files outside the working directory share a name |
 *
 * Checks (`ok` checks have the codes marked ✓; all others fail):
 *
 * | Code | Finding |
 * | --- | --- |
 * | `index.ok` ✓ | the index parses, has the expected shape and the current schema |
 * | `index.missing` | no `supply_chain_attestation.json` |
 * | `index.malformed` | the index lacks a field or has a wrong type (message names it) |
 * | `index.schema_outdated` | index schema v1: evidence from an older vouch, whose signatures do not cover every file; attest again |
 * | `index.schema` | unknown index `schema` |
 * | `index.derived_ok` ✓ | every field of the index is what the statement, its files and the BOM give, byte for byte |
 * | `index.context_mismatch` | `tool`, `release`, `repository`, `commit_sha`, `builder_id` or `created` differs from the statement |
 * | `index.blockers_mismatch` | `passed` or `blockers` differs from the statement's `vouch_blockers` |
 * | `index.subjects_mismatch` | `subjects` (name, sha256, size) differs from the statement's subjects |
 * | `index.files_mismatch` | `files` differs from the files the statement names (path, kind, sha256, size) |
 * | `index.signatures_mismatch` | `signatures` differs from the statement's `vouch_signatures`, or, for a keyless bundle, its `signer` from who signed it as its verification found (identity, issuer, log entries, timestamps); not compared when a declared keyless bundle did not verify (its checks fail) |
 * | `index.inventory_mismatch` | `inventory` differs from the summary of the CycloneDX BOM |
 * | `index.unknown_field` | the index has a field vouch does not write |
 * | `index.not_canonical` | the values agree but the bytes are not vouch's canonical JSON (edited) |
 * | `index.blocked` | the producer recorded blockers (in the statement; the index when there is no valid statement) |
 * | `evidence.file_ok` ✓ | a file the statement names has the SHA-256 it names |
 * | `evidence.digest_mismatch` | a file's SHA-256 differs from the one the statement names |
 * | `evidence.file_missing` | a file the statement names (byproduct or declared signature file) is not in the directory |
 * | `evidence.unnamed_file` | a file or folder in the directory that the statement does not name (the index excepted) |
 * | `evidence.outside_dir` | an evidence file is a symlink resolving outside the directory (or dangling) |
 * | `file.too_large` | a file is over 256 MiB (what attest writes at most); refused without reading it |
 * | `file.not_regular`, `file.unreadable` | a file is not a regular file / cannot be read |
 * | `file.invalid_json` / `file.too_deep` | a JSON file does not parse (or is not UTF-8) / nests over 64 levels |
 * | `file.too_complex` | a JSON file holds over 8 million objects and arrays (a hostile `[{},{},…]` would take gigabytes to parse), or an object of over 4 million members (V8's `JSON.parse` aborts the process past 8.4 million): not parsed |
 * | `file.not_canonical` | the provenance or an SBOM is not in vouch's canonical JSON form (duplicate keys, escapes, number forms, spacing): another reader could see other values than verify |
 * | `statement.missing` | `provenance.intoto.json` could not be read |
 * | `statement.type`, `statement.subject`, `statement.predicate_type`, `statement.build_definition`, `statement.run_details` | the provenance is not an in-toto v1 Statement with SLSA v1 provenance as vouch writes it (subjects with `annotations.size`, one `builder.version`, `metadata.startedOn`) |
 * | `statement.byproducts_missing` | the provenance names no byproducts: written by an older vouch; attest again |
 * | `statement.byproducts` | a byproduct is malformed, unknown, named twice, of the wrong media type, or a required one is missing |
 * | `statement.signatures` | `vouch_signatures` is malformed, or disagrees with the SBOM bundles named as byproducts |
 * | `statement.blockers` | `vouch_blockers` is not a list of `{code, message, hint}` |
 * | `statement.ok` ✓ | the provenance has the expected structure |
 * | `sbom.spdx_invalid` / `sbom.spdx_ok` ✓ | `sbom.spdx.json` is (not) SPDX 2.3 |
 * | `sbom.cyclonedx_invalid` / `sbom.cyclonedx_ok` ✓ | `sbom.cyclonedx.json` is (not) CycloneDX 1.6 |
 * | `checksums.invalid_line`, `checksums.mismatch` / `checksums.ok` ✓ | `SHA256SUMS` is (not) exactly what vouch writes for the statement's subjects |
 * | `subject.verified` ✓ | a given file matches the subject of its path, else the one subject with its file name |
 * | `subject.digest_mismatch`, `subject.size_mismatch` | a given file's SHA-256 / size differs from the statement's |
 * | `subject.unknown` | a given file matches no subject by path or file name |
 * | `subject.ambiguous` | a given file matches several subjects, or several given files one subject |
 * | `subject.not_given` | a provenance subject has no given file (only when subjects were given) |
 * | `subject.unchecked` | a given file could not be checked: no valid provenance |
 * | `hmac.*`, `sigstore.*`, `spdx_sigstore.*`, `cyclonedx_sigstore.*` | per signature file: `signature.hmac-sha256.json`, `provenance.sigstore.json`, `sbom.spdx.sigstore.json`, `sbom.cyclonedx.sigstore.json` (below, `P` is the prefix) |
 * | `P.payload_type` | payloadType is not `application/vnd.in-toto+json` |
 * | `P.payload_mismatch` / `P.payload_ok` ✓ | the signed payload is (not) byte-identical to `provenance.intoto.json` (SBOM bundles: to the in-toto statement of the SBOM over the provenance subjects) |
 * | `P.envelope.malformed`, `P.signature.none`, `P.signature.duplicate`, `P.signature.malformed`, `P.signature.keyid_mismatch`, `P.signature.invalid` | DSSE verification failed |
 * | `P.signature.verified` ✓ | a DSSE signature verified |
 * | `P.not_canonical` | the file is not in the one form vouch writes (its canonical JSON, exactly one signature, no other fields; keyless: bundle v0.3, the certificate, log entries, timestamps and envelope fields in vouch's order, no key id) |
 * | `P.keyid_mismatch` | the file's key id (hint, else signature key id; keyless: the cosign key id of its certificate's key) is not the one the statement declares for it |
 * | `P.algorithm_mismatch` | the key that verified is of another algorithm than the statement declares, or the statement declares a keyless bundle and the file is not one |
 * | `P.signature.high_s` | an ECDSA signature (`ecdsa-p256`, `sigstore-keyless`) not in low-S form (the other valid form of a signature vouch wrote) |
 * | `hmac.not_checked` ✓ | no HMAC key given: the HMAC signature is not checked |
 * | `P.not_checked` ✓ | (Sigstore bundles) no public key given: not checked |
 * | `P.malformed`, `P.unsupported` | (Sigstore bundles) not a key-based Sigstore bundle with one DSSE signature |
 * | `P.hint_mismatch` | (Sigstore bundles) `publicKey.hint` and the signature's key id are both set and differ |
 * | `P.key_unknown` | (Sigstore bundles) no given public key has the bundle's key id (hint, else signature key id), or the bundle names none, and no given key verifies the signature either |
 * | `P.identity_required` | (keyless Sigstore bundles) no `--certificate-identity[-regexp]` + `--certificate-oidc-issuer` given: a keyless bundle is never accepted without an identity |
 * | `P.<sigstore code>` | (keyless Sigstore bundles) each check of `verifyBundle` (e.g. `sigstore.tlog.set_verified` ✓, `sigstore.identity.san_mismatch`), see the README's verify-bundle codes |
 * | `P.hint_unmatched` ✓ | (Sigstore bundles) the bundle's key id names no given public key, so every given key was tried; the message names the cosign key id of the one that verified (`P.signature.verified` is reported too; `P.keyid_mismatch` then fails unless it is the declared id) |
 * | `signature.required` | (fails) no provenance signature (HMAC or `provenance.sigstore.json`) verified while one is required; (✓) one did |
 * | `policy.unsigned` | an expectation cannot be checked: no signature verified |
 * | `policy.unreadable` | the signed payload is not a valid provenance statement |
 * | `policy.<field>_mismatch` / `policy.<field>_ok` ✓ | `field` = `repository`, `commit`, `builder`, `release`, read from the signed statement |
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import { type BundleIndex, deriveIndex, FILES, KIND_OF } from "../bundle/bundle_index.ts";
import type { ProvenanceStatement } from "../provenance/statement.ts";
import { expandSubjects, hashSubjects } from "../provenance/subjects.ts";
import { importPublicKey } from "../signing/mod.ts";
import type { TrustedRoot } from "../sigstore/mod.ts";
import type { IdentityPolicy } from "../sigstore/policy.ts";
import { fail, type VerifyCheck, type VerifyReport } from "./_check.ts";
import { parseJson } from "./_read.ts";
import { checkIndexFile, compareIndex, type EvidenceDir, readEvidenceDir } from "./index_check.ts";
import { checkEvidenceFiles } from "./evidence_check.ts";
import { describeFsProblem, FsError, fsProblem } from "../_fs.ts";
import { checkStatement } from "./statement_check.ts";
import { checkCycloneDx, checkSpdx } from "./sbom_check.ts";
import { checkHmacSecret } from "../signing/hmac.ts";
import { checkGivenSubjects, checkSha256Sums, type GivenSubject } from "./subject_check.ts";
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
   * The largest evidence file read, in bytes (default and at most 256 MiB,
   * the most `attest()` writes); a bigger one is `file.too_large`.
   */
  maxFileBytes?: number;
  /**
   * Keyless Sigstore bundles: the identity that must have signed them and
   * the trusted root (default: the embedded public-good root). Without an
   * identity a keyless bundle fails (`P.identity_required`).
   */
  sigstore?: { identity?: IdentityPolicy; trustedRoot?: TrustedRoot };
}

/**
 * Checks that `dir` is a readable directory holding at least one vouch
 * evidence file; only its own entries are listed (never subfolders).
 */
async function checkDir(dir: string): Promise<void> {
  let evidence = false;
  try {
    if (!(await Deno.stat(dir)).isDirectory) throw new FsError("not_directory", dir);
    for await (const entry of Deno.readDir(dir)) {
      if (entry.name !== FILES.index && !Object.hasOwn(KIND_OF, entry.name)) continue;
      // A folder that can be listed but not entered (mode r--) fails here, not file by file.
      if (!evidence) await Deno.lstat(`${dir}/${entry.name}`);
      evidence = true;
    }
  } catch (error) {
    const problem = fsProblem(error);
    if (problem === undefined) throw error;
    if (problem === "missing" || problem === "not_directory") {
      throw new VouchError(
        "verify.dir_missing",
        `${dir === "" ? '"" (an empty path)' : dir} is not a directory`,
        "pass the folder attest wrote, e.g. test_artifacts/supply-chain/current",
      );
    }
    throw new VouchError(
      "verify.dir_unreadable",
      `${dir} cannot be read: ${describeFsProblem(problem)}`,
      "pass the folder attest wrote, and make it readable (chmod u+rx) for the user running vouch",
    );
  }
  if (!evidence) {
    throw new VouchError(
      "verify.not_evidence",
      `${dir} holds no vouch evidence: neither ${FILES.index} nor any other evidence file`,
      "pass the folder attest wrote (its --output-dir), e.g. test_artifacts/supply-chain/current",
    );
  }
}

async function givenSubjects(patterns: string[], cwd: string): Promise<GivenSubject[]> {
  if (patterns.length === 0) return [];
  const subjects = expandSubjects(patterns, { root: cwd, keepOutsidePaths: true });
  const hashed = await hashSubjects(subjects);
  return hashed.map(({ name, sha256, size }) => ({ name, sha256, size }));
}

/**
 * Parses a JSON evidence file; it must be in the one form vouch writes, so no
 * other reader of it (a person, another JSON parser) can see other values
 * than verify does: duplicate keys, escapes, number forms, a BOM or other
 * whitespace fail `file.not_canonical`.
 */
function parsedOrCheck(evidence: EvidenceDir, path: string, checks: VerifyCheck[]): unknown {
  const bytes = evidence.files.get(path);
  if (bytes === undefined) return undefined;
  const parsed = parseJson(bytes, path, { canonical: true });
  if (parsed.check) {
    checks.push(parsed.check);
    return undefined;
  }
  if (!parsed.canonical) {
    checks.push(
      fail(
        "file.not_canonical",
        "not in vouch's canonical JSON form (duplicate keys, escapes, number forms or spacing " +
          "another reader may read differently)",
        path,
      ),
    );
  }
  return parsed.value;
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
 * @throws {VouchError} `verify.dir_missing`, `verify.dir_unreadable`,
 *   `verify.not_evidence`, `key.*` for an unusable public key,
 *   `subject.missing.<pattern>` for a subject pattern that matches nothing.
 * @throws {VouchError} `secret.empty` / `key.hmac_public` for an HMAC key anyone could know.
 */
export async function verify(dir: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  await checkDir(dir);
  const publicKeys = await Promise.all(
    (options.publicKeys ?? []).map((pem) => importPublicKey(pem)),
  );
  if (options.hmacKey !== undefined) {
    checkHmacSecret(options.hmacKey, { publicKeyIds: publicKeys.map((k) => k.keyid) });
  }
  const given = await givenSubjects(options.subjects ?? [], options.cwd ?? Deno.cwd());

  const evidence = await readEvidenceDir(dir, { maxFileBytes: options.maxFileBytes });
  const checks = [...evidence.checks];
  const { index, bytes: indexBytes, checks: indexChecks } = checkIndexFile(evidence);
  checks.push(...indexChecks);
  let statement: ProvenanceStatement | undefined;
  const provenance = parsedOrCheck(evidence, FILES.provenance, checks);
  if (!evidence.files.has(FILES.provenance)) {
    checks.push(fail("statement.missing", "the provenance could not be read", FILES.provenance));
  } else if (provenance !== undefined) {
    const result = checkStatement(provenance);
    checks.push(...result.checks);
    statement = result.statement;
  }
  const spdx = parsedOrCheck(evidence, FILES.spdx, checks);
  if (spdx !== undefined) checks.push(checkSpdx(spdx));
  const cyclonedx = parsedOrCheck(evidence, FILES.cyclonedx, checks);
  const bomCheck = cyclonedx === undefined ? undefined : checkCycloneDx(cyclonedx);
  if (bomCheck !== undefined) checks.push(bomCheck);
  // The SBOMs as parsed: the signature checks rebuild their statements from these, never
  // parsing a (possibly huge) file a second time.
  const documents = new Map<string, unknown>();
  if (spdx !== undefined) documents.set(FILES.spdx, spdx);
  if (cyclonedx !== undefined) documents.set(FILES.cyclonedx, cyclonedx);

  // The signatures are checked first: the index records who signed each keyless bundle, as
  // its verification found. Their checks are reported after the index's.
  const signatures = await checkSignatures({
    files: evidence.files,
    statement,
    documents,
    hmacKey: options.hmacKey,
    publicKeys,
    requireSignature: options.requireSignature,
    sigstore: options.sigstore,
  });
  if (statement !== undefined) {
    const { checks: fileChecks, named } = await checkEvidenceFiles(statement, evidence);
    checks.push(...fileChecks);
    const subjects = statement.subject.map((s) => ({
      name: s.name,
      sha256: s.digest.sha256,
      size: s.annotations.size,
    }));
    const sums = evidence.files.get(FILES.sha256sums);
    if (sums !== undefined) checks.push(checkSha256Sums(subjects, new TextDecoder().decode(sums)));
    checks.push(...checkGivenSubjects(subjects, given));
    if (index !== undefined && indexBytes !== undefined) {
      const { signers } = signatures;
      const expected = await deriveIndex(statement, { files: named, bom: cyclonedx, signers });
      // A field whose source could not be read (or verified) is reported there, not here too.
      const skip: (keyof BundleIndex)[] = [];
      if (!bomCheck?.ok) skip.push("inventory");
      if (evidence.unreadable.size > 0) skip.push("files");
      const declared = statement.predicate.runDetails.vouch_signatures;
      if (declared.some((s) => s.algorithm === "sigstore-keyless" && !signers.has(s.path))) {
        skip.push("signatures");
      }
      checks.push(...compareIndex({ index, bytes: indexBytes }, expected, { skip }));
    }
  } else {
    checks.push(
      ...given.map((g) => fail("subject.unchecked", "not checked: no valid provenance", g.name)),
    );
  }
  checks.push(...blockedChecks(statement, index));
  checks.push(...signatures.checks);
  checks.push(...checkPolicy(signatures.signedPayloads, options.expect ?? {}));
  return { passed: checks.length > 0 && checks.every((c) => c.ok), dir, checks };
}

/** `index.blocked` when the producer recorded blockers: in the statement, else in the index. */
function blockedChecks(
  statement: ProvenanceStatement | undefined,
  index: BundleIndex | undefined,
): VerifyCheck[] {
  const blockers = statement !== undefined
    ? statement.predicate.runDetails.vouch_blockers
    : index?.blockers ?? [];
  const blocked = blockers.length > 0 || (statement === undefined && index?.passed === false);
  if (!blocked) return [];
  const codes = blockers.map((b) => (typeof b?.code === "string" ? b.code : "?")).join(", ");
  return [
    fail(
      "index.blocked",
      `the producer recorded ${blockers.length} blocker(s)${codes === "" ? "" : `: ${codes}`}`,
      statement === undefined ? FILES.index : FILES.provenance,
    ),
  ];
}
