/**
 * `attest()`: the release-evidence pipeline. Reads the inventory, hashes the
 * subjects, writes both SBOMs (and their Sigstore bundles), `SHA256SUMS`, the
 * Markdown summary, then the provenance statement that names all of them by
 * SHA-256 with the signatures to come and the blockers, its signatures, and
 * the bundle index derived from the statement; and publishes them atomically.
 * No evidence file is larger than `verify` reads. The edges (environment,
 * clock, and for keyless signing the network's `fetch`) are passed in.
 *
 * @module
 */
import { relative } from "./_path.ts";
import { VouchError } from "./errors.ts";
import { compareStrings } from "./_util.ts";
import { checkHmacSecret } from "./signing/hmac.ts";
import type { Problem } from "./errors.ts";
import { sha256Hex, uuidV5 } from "./digest.ts";
import { TOOL } from "./version.ts";
import { checkProjectRoot, loadInventory } from "./inventory/mod.ts";
import { toCycloneDx, toSpdx } from "./sbom/mod.ts";
import { type Env, resolveContext, sourceDateEpoch } from "./provenance/context.ts";
import { readGitCheckout } from "./provenance/git.ts";
import {
  expandSubjects,
  type HashProgress,
  hashSubjects,
  shortSubjectNames,
  type Subject,
} from "./provenance/subjects.ts";
import {
  buildStatement,
  type Byproduct,
  CYCLONEDX_PREDICATE_TYPE,
  type ProvenanceStatement,
  sbomStatement,
  type SignatureRecord,
  SPDX_PREDICATE_TYPE,
} from "./provenance/statement.ts";
import {
  hmacSigner,
  type ImportedPrivateKey,
  importPrivateKey,
  signDsse,
  toSigstoreBundle,
} from "./signing/mod.ts";
import {
  type KeylessOptions,
  type KeylessSession,
  planKeyless,
  startKeyless,
} from "./sigstore/sign/keyless.ts";
import { checkReplaceable, outputDirError, publishDirectory } from "./bundle/atomic.ts";
import { isEarlierEvidence } from "./bundle/earlier_evidence.ts";
import { isSameOrInside, realPathOf } from "./_fs.ts";
import {
  BYPRODUCT_MEDIA_TYPES,
  deriveIndex,
  FILES,
  type IndexedSignature,
  type KeylessSignerRecord,
  keylessSignerRecord,
  MAX_EVIDENCE_FILE_BYTES,
  toJsonText,
} from "./bundle/bundle_index.ts";
import { formatSha256Sums } from "./bundle/checksums.ts";
import { renderSummary } from "./bundle/summary.ts";

/** The default `--output-dir` (the one `dpone supply-chain attest` used). */
export const DEFAULT_OUTPUT_DIR = "test_artifacts/supply-chain/current";
/** The default `--signing-key-id`. */
export const DEFAULT_SIGNING_KEY_ID = "local-hmac";

/** Options of {@linkcode attest}. */
export interface AttestOptions {
  /** The project root (default `.`). */
  projectRoot?: string;
  /** Where the evidence is published (default {@linkcode DEFAULT_OUTPUT_DIR}, relative to the working directory). */
  outputDir?: string;
  /** Subject paths or glob patterns, relative to the project root. */
  subjects: string[];
  /** Release name; falls back to the CI environment, then a git tag at HEAD. */
  release?: string;
  /** Source repository URL; falls back to CI, then the git `origin` remote. */
  repository?: string;
  /** Source commit; falls back to CI, then git HEAD. */
  commitSha?: string;
  /** Builder id; falls back to the CI environment. */
  builderId?: string;
  /** The HMAC secret for `signature.hmac-sha256.json`. */
  hmacKey?: string;
  /** The key id of the HMAC signature (default {@linkcode DEFAULT_SIGNING_KEY_ID}). */
  signingKeyId?: string;
  /** A PKCS#8 PEM private key (Ed25519 or ECDSA P-256) for `provenance.sigstore.json`. */
  privateKeyPem?: string;
  /**
   * Sign keyless instead (Sigstore: a Fulcio certificate for the CI identity,
   * Rekor entries, timestamps): the same three bundles, each verified against
   * the instance's trusted root before anything is written. Excludes
   * `privateKeyPem`. The transport (`fetch`) and retry settings are options.
   */
  keyless?: KeylessOptions;
  /** Read exactly these manifests/lockfiles instead of scanning the project root. */
  lockfiles?: string[];
  /** Folders and files the scan skips (globs; see `ReadInventoryOptions.exclude`). */
  exclude?: string[];
  /** Unread dependency files (globs) that do not block: `--allow-unread`. */
  allowUnread?: string[];
  /** Called once per warning (each dependency file found but not read). */
  onWarning?: (message: string) => void;
  /** The environment (CI variables, `SOURCE_DATE_EPOCH`); default: none. */
  env?: Env;
  /** The clock; default `() => new Date()`. */
  now?: () => Date;
  /** Called while subjects are hashed. */
  onProgress?: HashProgress;
  /**
   * The largest evidence file to write, in bytes; a bigger one is refused with
   * `evidence.too_large` before anything is written. Default and maximum:
   * {@linkcode MAX_EVIDENCE_FILE_BYTES}, the limit of `verify`.
   */
  maxFileBytes?: number;
}

/** The result of {@linkcode attest}: what the `--format json` report prints. */
export interface AttestReport {
  /** True when evidence was written and no blocker stands. */
  passed: boolean;
  /** The release. */
  release: string;
  /** The output directory, as given. */
  output_dir: string;
  /** Path of `sbom.spdx.json`. */
  sbom_spdx_path: string;
  /** Path of `sbom.cyclonedx.json`. */
  sbom_cyclonedx_path: string;
  /** Path of `provenance.intoto.json`. */
  provenance_path: string;
  /** Path of `signature.hmac-sha256.json`, or `null` without an HMAC key. */
  signature_path: string | null;
  /** Path of `provenance.sigstore.json`, or `null` without a private key or keyless signing. */
  sigstore_bundle_path: string | null;
  /** Path of `sbom.spdx.sigstore.json` (the SPDX SBOM, signed), or `null` without a private key or keyless signing. */
  sbom_spdx_sigstore_path: string | null;
  /** Path of `sbom.cyclonedx.sigstore.json` (the CycloneDX SBOM, signed), or `null` without a private key or keyless signing. */
  sbom_cyclonedx_sigstore_path: string | null;
  /** Path of the bundle index `supply_chain_attestation.json`. */
  bundle_path: string;
  /** Path of `supply_chain_attestation.md`. */
  markdown_path: string;
  /** Path of `SHA256SUMS`. */
  sha256sums_path: string;
  /** What prevents a pass. */
  blockers: Problem[];
  /** The signatures made, as the index lists them (keyless ones with who signed). */
  signatures: IndexedSignature[];
  /** The subjects with their digests. */
  subjects: { name: string; sha256: string; size: number }[];
  /** Number of third-party components. */
  components: number;
  /** The manifests and lockfiles read. */
  sources: string[];
  /** The Markdown summary text. */
  markdown: string;
}

/**
 * Real paths (symlinks resolved) of the project root and the output
 * directory, refusing an output directory that is the root or contains it:
 * publishing would replace the project.
 */
function checkOutputDir(outputDir: string, projectRoot: string): { root: string; out: string } {
  const root = Deno.realPathSync(projectRoot);
  let out: string;
  try {
    out = realPathOf(outputDir);
  } catch (error) {
    throw outputDirError(error, outputDir);
  }
  if (isSameOrInside(out, root)) {
    throw new VouchError(
      "output_dir.unsafe",
      `--output-dir ${outputDir} is the project root or contains it; it would be replaced`,
      "choose a dedicated folder, e.g. test_artifacts/supply-chain/current",
    );
  }
  return { root, out };
}

/**
 * How `attest` publishes: earlier evidence is recognised by its content; a killed run's partly
 * written folder by its evidence files, whichever options wrote them.
 */
const PUBLISH = { isEarlierOutput: isEarlierEvidence, fileNames: new Set(Object.values(FILES)) };

const encoder = new TextEncoder();

function statementBytes(subjects: Subject[], predicateType: string, document: unknown): Uint8Array {
  return encoder.encode(toJsonText(sbomStatement(subjects, { predicateType, document })));
}

/** The byproducts (every evidence file the provenance names) among `files`, sorted by name. */
async function byproducts(files: Map<string, Uint8Array>): Promise<Byproduct[]> {
  const out: Byproduct[] = [];
  for (const [name, bytes] of files) {
    const mediaType = BYPRODUCT_MEDIA_TYPES[name];
    if (mediaType !== undefined) {
      out.push({ name, digest: { sha256: await sha256Hex(bytes) }, mediaType });
    }
  }
  return out.sort((a, b) => compareStrings(a.name, b.name));
}

/** Signs an in-toto statement into a Sigstore bundle: with a private key, or keyless. */
interface BundleSigner {
  /** What the statement declares. */
  algorithm: SignatureRecord["algorithm"];
  /** The key id the statement declares. */
  keyid: string;
  /** Makes the bundle (and, keyless, says who signed, from its verification). */
  sign(payload: Uint8Array): Promise<{ bundle: unknown; signer?: KeylessSignerRecord }>;
}

function keySigner(key: ImportedPrivateKey): BundleSigner {
  return {
    algorithm: key.algorithm,
    keyid: key.keyid,
    sign: async (payload) => ({
      bundle: toSigstoreBundle(await signDsse(payload, [key.signer]), { hint: key.keyid }),
    }),
  };
}

function keylessSigner(session: KeylessSession): BundleSigner {
  return {
    algorithm: "sigstore-keyless",
    keyid: session.keyid,
    sign: async (payload) => {
      const { bundle, verification } = await session.sign(payload);
      return { bundle, signer: keylessSignerRecord(verification) };
    },
  };
}

function tooLarge(path: string, size: number, limit: number): VouchError {
  return new VouchError(
    "evidence.too_large",
    `${path} would be ${size} bytes, over the ${limit}-byte limit of an evidence file ` +
      "(vouch verify reads none larger); nothing was written",
    "attest a smaller inventory: name the lockfiles to read with --lockfile, or attest each " +
      "part of the project separately",
  );
}

/**
 * Produces and publishes the release evidence.
 *
 * @example
 * ```ts ignore
 * import { attest } from "./attest.ts";
 * const report = await attest({
 *   projectRoot: "fixtures/demo",
 *   outputDir: "/tmp/evidence",
 *   subjects: ["dist/*.whl"],
 *   release: "v1.0.0",
 *   repository: "https://github.com/example/demo",
 *   commitSha: "0123456789abcdef0123456789abcdef01234567",
 *   builderId: "https://github.com/example/demo/.github/workflows/release.yml@refs/tags/v1.0.0",
 *   hmacKey: "secret",
 * });
 * console.log(report.passed);
 * ```
 *
 * @param options What to attest and how.
 * @returns The report (written evidence may still be blocked: see `blockers`).
 * @throws {VouchError} For any usage or input error, `evidence.too_large` when an
 *   evidence file would exceed {@linkcode AttestOptions.maxFileBytes}, and the
 *   `sigstore.*` errors of keyless signing (no token, a service unavailable or
 *   refusing, a bundle that does not verify); nothing is written then.
 */
export async function attest(options: AttestOptions): Promise<AttestReport> {
  const env = options.env ?? {};
  const now = options.now ?? (() => new Date());
  const root = options.projectRoot ?? ".";
  if (options.hmacKey !== undefined) checkHmacSecret(options.hmacKey);
  const outputDir = options.outputDir ?? DEFAULT_OUTPUT_DIR;
  const fixed = sourceDateEpoch(env);
  const startedOn = fixed ?? now();
  checkProjectRoot(root);
  if (options.keyless !== undefined && options.privateKeyPem !== undefined) {
    throw new VouchError(
      "args.conflicting_flags",
      "keyless signing and a private key (--private-key, --private-key-env or VOUCH_PRIVATE_KEY) " +
        "both sign provenance.sigstore.json",
      "sign the Sigstore bundles one way: --keyless or the private key (an HMAC key may go with either)",
    );
  }
  // No network yet: where the identity token comes from is known now, or the run stops here.
  const keyless = options.keyless === undefined ? undefined : planKeyless(options.keyless, env);
  const real = checkOutputDir(outputDir, root);
  await checkReplaceable(outputDir, PUBLISH);

  const context = resolveContext(options, { env, git: await readGitCheckout(root) });
  const located = expandSubjects(options.subjects, { root });
  const { inventory, inputs, blockers: inventoryBlockers } = await loadInventory(root, {
    lockfiles: options.lockfiles,
    release: context.release,
    exclude: [relative(real.root, real.out), ...(options.exclude ?? [])],
    allowUnread: options.allowUnread,
    onWarning: options.onWarning,
  });
  const privateKey = options.privateKeyPem === undefined
    ? undefined
    : await importPrivateKey(options.privateKeyPem);
  const subjects = shortSubjectNames(
    await hashSubjects(located, { onProgress: options.onProgress }),
  );
  const finishedOn = fixed ?? now();

  const sbomOptions = { created: startedOn, reproducible: fixed !== undefined, tool: TOOL };
  const limit = Math.min(options.maxFileBytes ?? MAX_EVIDENCE_FILE_BYTES, MAX_EVIDENCE_FILE_BYTES);
  const files = new Map<string, Uint8Array>();
  /** Adds a file to the bundle (refused over the size limit); returns its bytes, encoded once. */
  const put = (path: string, text: string): Uint8Array => {
    const bytes = encoder.encode(text);
    if (bytes.length > limit) throw tooLarge(path, bytes.length, limit);
    files.set(path, bytes);
    return bytes;
  };
  const spdx = await toSpdx(inventory, sbomOptions);
  const cyclonedx = await toCycloneDx(inventory, sbomOptions);
  put(FILES.spdx, toJsonText(spdx));
  put(FILES.cyclonedx, toJsonText(cyclonedx));

  // Every signature is declared in the statement before anything is signed.
  const signatures: SignatureRecord[] = [];
  const hmacKeyid = options.signingKeyId ?? DEFAULT_SIGNING_KEY_ID;
  if (options.hmacKey !== undefined) {
    signatures.push({
      path: FILES.hmacSignature,
      signs: FILES.provenance,
      algorithm: "hmac-sha256",
      keyid: hmacKeyid,
    });
  }
  const bundleSigner = privateKey !== undefined
    ? keySigner(privateKey)
    : keyless !== undefined
    ? keylessSigner(await startKeyless(keyless, now))
    : undefined;
  /** Who signed each keyless bundle, from its verification. */
  const signers = new Map<string, KeylessSignerRecord>();
  const signBundle = async (path: string, payload: Uint8Array): Promise<void> => {
    const { bundle, signer } = await bundleSigner!.sign(payload);
    put(path, toJsonText(bundle));
    if (signer !== undefined) signers.set(path, signer);
  };
  if (bundleSigner !== undefined) {
    const { keyid, algorithm } = bundleSigner;
    signatures.push({ path: FILES.sigstoreBundle, signs: FILES.provenance, algorithm, keyid });
    const sboms: [string, string, string, unknown][] = [
      [FILES.spdxSigstoreBundle, FILES.spdx, SPDX_PREDICATE_TYPE, spdx],
      [FILES.cyclonedxSigstoreBundle, FILES.cyclonedx, CYCLONEDX_PREDICATE_TYPE, cyclonedx],
    ];
    for (const [path, signs, predicateType, document] of sboms) {
      await signBundle(path, statementBytes(subjects, predicateType, document));
      signatures.push({ path, signs, algorithm, keyid });
    }
  }
  // Every blocker goes into the statement (vouch_blockers), so the index and summary follow it.
  const blockers: Problem[] = [...inventoryBlockers];
  if (signatures.length === 0) {
    blockers.push({
      code: "signature.missing_key",
      message: "the provenance is not signed: no signing key was given",
      hint:
        "pass --signing-key-file/--signing-key-env (HMAC), --private-key (Ed25519/ECDSA) or --keyless (Sigstore), or set VOUCH_SIGNING_KEY",
    });
  }
  put(FILES.sha256sums, formatSha256Sums(subjects));

  const invocationId = `urn:uuid:${await uuidV5(
    JSON.stringify([context.release, context.commitSha, subjects.map((s) => s.sha256)]),
  )}`;
  /** The statement naming every byproduct written so far. */
  const statementOverFiles = async (): Promise<ProvenanceStatement> =>
    buildStatement({
      subjects,
      context,
      inputs,
      startedOn,
      finishedOn,
      invocationId,
      tool: TOOL,
      byproducts: await byproducts(files),
      signatures,
      blockers,
      scan: { exclude: options.exclude, allowUnread: options.allowUnread },
    });
  // The summary shows what the index will, minus the files written after it: the provenance
  // names the summary's digest, so the summary cannot name the provenance's.
  const draft = await deriveIndex(await statementOverFiles(), { files, bom: cyclonedx, signers });
  const markdown = renderSummary(draft);
  put(FILES.markdown, markdown);
  const statement = await statementOverFiles();
  const payload = put(FILES.provenance, toJsonText(statement));
  if (options.hmacKey !== undefined) {
    const signer = await hmacSigner(options.hmacKey, { keyid: hmacKeyid });
    put(FILES.hmacSignature, toJsonText(await signDsse(payload, [signer])));
  }
  if (bundleSigner !== undefined) await signBundle(FILES.sigstoreBundle, payload);
  const index = await deriveIndex(statement, { files, bom: cyclonedx, signers });
  put(FILES.index, toJsonText(index));

  await publishDirectory(outputDir, files, PUBLISH);

  const at = (name: string): string => `${outputDir.replace(/\/+$/, "")}/${name}`;
  return {
    passed: index.passed,
    release: context.release,
    output_dir: outputDir,
    sbom_spdx_path: at(FILES.spdx),
    sbom_cyclonedx_path: at(FILES.cyclonedx),
    provenance_path: at(FILES.provenance),
    signature_path: files.has(FILES.hmacSignature) ? at(FILES.hmacSignature) : null,
    sigstore_bundle_path: files.has(FILES.sigstoreBundle) ? at(FILES.sigstoreBundle) : null,
    sbom_spdx_sigstore_path: files.has(FILES.spdxSigstoreBundle)
      ? at(FILES.spdxSigstoreBundle)
      : null,
    sbom_cyclonedx_sigstore_path: files.has(FILES.cyclonedxSigstoreBundle)
      ? at(FILES.cyclonedxSigstoreBundle)
      : null,
    bundle_path: at(FILES.index),
    markdown_path: at(FILES.markdown),
    sha256sums_path: at(FILES.sha256sums),
    blockers,
    signatures: index.signatures,
    subjects: index.subjects,
    components: inventory.components.length,
    sources: inventory.sources,
    markdown,
  };
}
