/**
 * `attest()`: the release-evidence pipeline. Reads the inventory, hashes the
 * subjects, writes both SBOMs, the provenance statement, its signatures, the
 * bundle index, the Markdown summary and `SHA256SUMS`, and publishes them
 * atomically. The edges (environment, clock) are passed in.
 *
 * @module
 */
import { relative } from "node:path";
import { VouchError } from "./errors.ts";
import { utcSeconds } from "./_util.ts";
import type { Problem } from "./errors.ts";
import { sha256Hex, uuidV5 } from "./digest.ts";
import { TOOL } from "./version.ts";
import { checkProjectRoot, loadInventory } from "./inventory/mod.ts";
import type { Inventory } from "./inventory/types.ts";
import { toCycloneDx, toSpdx } from "./sbom/mod.ts";
import { type Env, resolveContext, sourceDateEpoch } from "./provenance/context.ts";
import { readGitCheckout } from "./provenance/git.ts";
import {
  expandSubjects,
  type HashProgress,
  hashSubjects,
  type Subject,
} from "./provenance/subjects.ts";
import {
  buildStatement,
  CYCLONEDX_PREDICATE_TYPE,
  sbomStatement,
  SPDX_PREDICATE_TYPE,
} from "./provenance/statement.ts";
import { hmacSigner, importPrivateKey, signDsse, toSigstoreBundle } from "./signing/mod.ts";
import { checkReplaceable, outputDirError, publishDirectory } from "./bundle/atomic.ts";
import { isEarlierEvidence } from "./bundle/earlier_evidence.ts";
import { isSameOrInside, realPathOf } from "./_fs.ts";
import {
  type BundleIndex,
  type FileKind,
  FILES,
  INDEX_SCHEMA,
  type IndexedFile,
  type IndexedSignature,
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
  /** Read exactly these manifests/lockfiles instead of scanning the project root. */
  lockfiles?: string[];
  /** The environment (CI variables, `SOURCE_DATE_EPOCH`); default: none. */
  env?: Env;
  /** The clock; default `() => new Date()`. */
  now?: () => Date;
  /** Called while subjects are hashed. */
  onProgress?: HashProgress;
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
  /** Path of `provenance.sigstore.json`, or `null` without a private key. */
  sigstore_bundle_path: string | null;
  /** Path of the bundle index `supply_chain_attestation.json`. */
  bundle_path: string;
  /** Path of `supply_chain_attestation.md`. */
  markdown_path: string;
  /** Path of `SHA256SUMS`. */
  sha256sums_path: string;
  /** What prevents a pass. */
  blockers: Problem[];
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

/** How `attest` publishes: earlier evidence is recognised by its content. */
const PUBLISH = { isEarlierOutput: isEarlierEvidence };

const encoder = new TextEncoder();

function statementBytes(subjects: Subject[], predicateType: string, document: unknown): Uint8Array {
  return encoder.encode(toJsonText(sbomStatement(subjects, { predicateType, document })));
}

function ecosystems(inventory: Inventory): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of inventory.components) counts[c.ecosystem] = (counts[c.ecosystem] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
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
 * @throws {VouchError} For any usage or input error; nothing is written then.
 */
export async function attest(options: AttestOptions): Promise<AttestReport> {
  const env = options.env ?? {};
  const now = options.now ?? (() => new Date());
  const root = options.projectRoot ?? ".";
  const outputDir = options.outputDir ?? DEFAULT_OUTPUT_DIR;
  const fixed = sourceDateEpoch(env);
  const startedOn = fixed ?? now();
  checkProjectRoot(root);
  const real = checkOutputDir(outputDir, root);
  await checkReplaceable(outputDir, PUBLISH);

  const context = resolveContext(options, { env, git: await readGitCheckout(root) });
  const located = expandSubjects(options.subjects, { root });
  const { inventory, inputs } = await loadInventory(root, {
    lockfiles: options.lockfiles,
    release: context.release,
    exclude: [relative(real.root, real.out)],
  });
  const privateKey = options.privateKeyPem === undefined
    ? undefined
    : await importPrivateKey(options.privateKeyPem);
  const subjects = await hashSubjects(located, { onProgress: options.onProgress });
  const finishedOn = fixed ?? now();

  const sbomOptions = { created: startedOn, reproducible: fixed !== undefined, tool: TOOL };
  const files = new Map<string, Uint8Array>();
  const described: IndexedFile[] = [];
  /** Adds a file to the bundle and the index; returns its bytes (encoded once). */
  const put = async (path: string, kind: FileKind, text: string): Promise<Uint8Array> => {
    const bytes = encoder.encode(text);
    files.set(path, bytes);
    described.push({ path, kind, sha256: await sha256Hex(bytes), size: bytes.length });
    return bytes;
  };
  const spdx = await toSpdx(inventory, sbomOptions);
  const cyclonedx = await toCycloneDx(inventory, sbomOptions);
  await put(FILES.spdx, "sbom-spdx", toJsonText(spdx));
  await put(FILES.cyclonedx, "sbom-cyclonedx", toJsonText(cyclonedx));

  const statement = buildStatement({
    subjects,
    context,
    inputs,
    startedOn,
    finishedOn,
    invocationId: `urn:uuid:${await uuidV5(
      JSON.stringify([context.release, context.commitSha, subjects.map((s) => s.sha256)]),
    )}`,
    tool: TOOL,
  });
  const payload = await put(FILES.provenance, "provenance", toJsonText(statement));

  const signatures: IndexedSignature[] = [];
  const blockers: Problem[] = [];
  if (options.hmacKey !== undefined) {
    const keyid = options.signingKeyId ?? DEFAULT_SIGNING_KEY_ID;
    const envelope = await signDsse(payload, [await hmacSigner(options.hmacKey, { keyid })]);
    await put(FILES.hmacSignature, "signature-hmac", toJsonText(envelope));
    signatures.push({
      path: FILES.hmacSignature,
      signs: FILES.provenance,
      algorithm: "hmac-sha256",
      keyid,
    });
  }
  if (privateKey !== undefined) {
    const { signer, keyid, algorithm } = privateKey;
    const bundles: [string, FileKind, string, Uint8Array][] = [
      [FILES.sigstoreBundle, "sigstore-bundle", FILES.provenance, payload],
      [
        FILES.spdxSigstoreBundle,
        "sbom-sigstore-bundle",
        FILES.spdx,
        statementBytes(subjects, SPDX_PREDICATE_TYPE, spdx),
      ],
      [
        FILES.cyclonedxSigstoreBundle,
        "sbom-sigstore-bundle",
        FILES.cyclonedx,
        statementBytes(subjects, CYCLONEDX_PREDICATE_TYPE, cyclonedx),
      ],
    ];
    for (const [path, kind, signs, bytes] of bundles) {
      const envelope = await signDsse(bytes, [signer]);
      await put(path, kind, toJsonText(toSigstoreBundle(envelope, { hint: keyid })));
      signatures.push({ path, signs, algorithm, keyid });
    }
  }
  if (signatures.length === 0) {
    blockers.push({
      code: "signature.missing_key",
      message: "the provenance is not signed: no signing key was given",
      hint:
        "pass --signing-key-file/--signing-key-env (HMAC) or --private-key (Ed25519/ECDSA), or set VOUCH_SIGNING_KEY",
    });
  }
  await put(FILES.sha256sums, "checksums", formatSha256Sums(subjects));

  const index: BundleIndex = {
    schema: INDEX_SCHEMA,
    tool: TOOL,
    release: context.release,
    repository: context.repository,
    commit_sha: context.commitSha,
    builder_id: context.builderId,
    created: utcSeconds(startedOn),
    passed: blockers.length === 0,
    blockers,
    subjects: subjects.map(({ name, sha256, size }) => ({ name, sha256, size })),
    files: [],
    signatures,
    inventory: {
      components: inventory.components.length,
      direct: inventory.components.filter((c) => c.direct).length,
      ecosystems: ecosystems(inventory),
      sources: inventory.sources,
    },
  };
  const byPath = (a: IndexedFile, b: IndexedFile): number => (a.path < b.path ? -1 : 1);
  const markdown = renderSummary({ ...index, files: [...described].sort(byPath) });
  await put(FILES.markdown, "summary", markdown);
  index.files = described.sort(byPath);
  files.set(FILES.index, encoder.encode(toJsonText(index)));

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
    bundle_path: at(FILES.index),
    markdown_path: at(FILES.markdown),
    sha256sums_path: at(FILES.sha256sums),
    blockers,
    subjects: index.subjects,
    components: inventory.components.length,
    sources: inventory.sources,
    markdown,
  };
}
