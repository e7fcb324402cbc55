/**
 * vouch: turn a release into verifiable supply-chain evidence.
 *
 * One call, {@linkcode attest}, reads a project's manifests and lockfiles,
 * hashes the release artifacts and publishes an SPDX 2.3 SBOM, a CycloneDX
 * 1.6 SBOM, SLSA v1 provenance as an in-toto Statement, DSSE signatures
 * (HMAC, Ed25519, ECDSA P-256 as a Sigstore bundle), a bundle index, a
 * Markdown summary and `SHA256SUMS`. {@linkcode verify} checks all of it
 * offline.
 *
 * Run as a program (`deno run --allow-read --allow-write --allow-env
 * jsr:@vouch/vouch attest …`, plus `--allow-net` for `attest --keyless`),
 * this module is the vouch CLI, exactly as the `./cli` export (`main.ts`).
 *
 * The stages are usable on their own: {@linkcode readInventory} (manifests
 * and lockfiles → one neutral inventory), {@linkcode toSpdx} and
 * {@linkcode toCycloneDx} (inventory → SBOM), {@linkcode signDsse} and
 * {@linkcode verifyDsse} (DSSE envelopes), {@linkcode verifyBundle} (any
 * Sigstore bundle, keyless or key-signed, verified offline against the
 * embedded public-good trusted root or {@linkcode loadTrustedRoot}'s).
 * `attest({ keyless })` signs keyless with Sigstore (Fulcio, Rekor, a TSA):
 * the caller chooses the transport (`fetch`) and the instance
 * ({@linkcode PUBLIC_GOOD_SERVICES} by default, or
 * {@linkcode servicesFromSigningConfig}).
 *
 * @example Read an inventory and write a CycloneDX SBOM
 * ```ts
 * import { readInventory, toCycloneDx } from "./mod.ts";
 *
 * const inventory = await readInventory("fixtures/demo");
 * const bom = await toCycloneDx(inventory, {
 *   created: new Date(0),
 *   reproducible: true,
 *   tool: { name: "vouch", version: "0.0.0" },
 * });
 * console.log(bom.components.length);
 * ```
 *
 * @example Sign and verify a DSSE envelope
 * ```ts
 * import { hmacSigner, hmacVerifier, signDsse, verifyDsse } from "./mod.ts";
 *
 * const payload = new TextEncoder().encode('{"hello":"world"}');
 * const envelope = await signDsse(payload, [await hmacSigner("secret", { keyid: "k1" })]);
 * const result = await verifyDsse(envelope, [await hmacVerifier("secret", { keyid: "k1" })]);
 * console.log(result.ok); // true
 * ```
 *
 * @example Verify a Sigstore bundle (here a malformed one: every finding is a coded check)
 * ```ts
 * import { verifyBundle } from "./mod.ts";
 *
 * const result = await verifyBundle({ mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json" }, {
 *   identity: { subjectAlternativeName: "https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1", issuer: "https://token.actions.githubusercontent.com" },
 * });
 * console.log(result.verified, result.checks.map((c) => c.code)); // false [ "bundle.malformed" ]
 * ```
 *
 * @module
 */
export { attest, DEFAULT_OUTPUT_DIR, DEFAULT_SIGNING_KEY_ID } from "./src/attest.ts";
export type { AttestOptions, AttestReport } from "./src/attest.ts";
export type { Env } from "./src/provenance/context.ts";
export type { HashProgress } from "./src/provenance/subjects.ts";
export { loadInventory, readInventory } from "./src/inventory/mod.ts";
export type { LoadedInventory, ReadInventoryOptions } from "./src/inventory/mod.ts";
export * from "./src/inventory/types.ts";
export { formatPurl, PurlError } from "./src/inventory/purl.ts";
export { ValueError } from "./src/inventory/_errors.ts";
export type { PurlParts } from "./src/inventory/purl.ts";
export * from "./src/sbom/mod.ts";
export {
  generateKeyPair,
  hmacSigner,
  hmacVerifier,
  importPrivateKey,
  importPublicKey,
  IN_TOTO_PAYLOAD_TYPE,
  keyIdFromSpki,
  pae,
  parseSigstoreBundle,
  signDsse,
  toSigstoreBundle,
  verifyDsse,
} from "./src/signing/mod.ts";
export type {
  DsseCheck,
  DsseEnvelope,
  DsseResult,
  DsseSignature,
  GeneratedKeyPair,
  ImportedPrivateKey,
  KeyAlgorithm,
  Signer,
  SigningAlgorithm,
  SigstoreBundle,
  TimestampVerificationData,
  VerificationMaterial,
  Verifier,
} from "./src/signing/mod.ts";
export { renderVerifyMarkdown, verify } from "./src/verify/mod.ts";
export type { VerifyCheck, VerifyOptions, VerifyReport } from "./src/verify/mod.ts";
export type {
  Byproduct,
  ProvenanceStatement,
  ResourceDescriptor,
  SignatureRecord,
  SlsaProvenance,
  SubjectDescriptor,
} from "./src/provenance/statement.ts";
export type {
  BundleIndex,
  FileKind,
  IndexedFile,
  IndexedSignature,
  InventorySummary,
  KeylessSignerRecord,
} from "./src/bundle/bundle_index.ts";
export { VouchError } from "./src/errors.ts";
export type { Problem } from "./src/errors.ts";
export {
  loadTrustedRoot,
  parseTrustedRoot,
  publicGoodTrustedRoot,
  SIGSTORE_CHECKS,
  verifyBundle,
} from "./src/sigstore/mod.ts";
export type {
  BundleArtifact,
  BundleVerification,
  CheckSpec,
  FulcioExtensions,
  IdentityPolicy,
  SignerIdentity,
  SigstoreCheck,
  SigstoreCheckCode,
  TrustedRoot,
  VerifiedLogEntry,
  VerifiedSigner,
  VerifiedTime,
  VerifyBundleOptions,
  WorkflowClaims,
} from "./src/sigstore/mod.ts";
export {
  PUBLIC_GOOD_SERVICES,
  servicesFromSigningConfig,
  SIGN_ERRORS,
  SIGNING_CONFIG_MEDIA_TYPE,
  STAGING_SERVICES,
} from "./src/sigstore/sign/mod.ts";
export type {
  KeylessOptions,
  RekorLog,
  SignErrorCode,
  SigstoreServices,
} from "./src/sigstore/sign/mod.ts";

if (import.meta.main) {
  // `deno run jsr:@vouch/vouch …`: the CLI, loaded only when run (importers pay nothing).
  Promise.all([import("./src/cli/main.ts"), import("./src/cli/io.ts")]).then(
    async ([{ runCli }, { denoCliIo }]) => Deno.exit(await runCli(Deno.args, denoCliIo())),
  );
}
