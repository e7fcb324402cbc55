/**
 * Offline verification of Sigstore bundles: keyless (Fulcio certificate,
 * Rekor v1/v2 transparency log, RFC 3161 timestamps, CT SCTs) and key-based,
 * against the embedded public-good trusted root or any other.
 *
 * @example Verify a bundle with a key
 * ```ts ignore
 * import { verifyBundle } from "./mod.ts";
 * const result = await verifyBundle(await Deno.readFile("a.txt.sigstore.json"), {
 *   artifact: { bytes: await Deno.readFile("a.txt") },
 *   publicKey: await Deno.readTextFile("cosign.pub"),
 * });
 * if (!result.verified) console.log(result.checks.filter((c) => !c.ok));
 * ```
 *
 * @module
 */
export { verifyBundle } from "./verifier.ts";
export type {
  BundleArtifact,
  BundleVerification,
  VerifiedLogEntry,
  VerifiedSigner,
  VerifiedTime,
  VerifyBundleOptions,
} from "./verifier.ts";
export { loadTrustedRoot, parseTrustedRoot, publicGoodTrustedRoot } from "./trust_root.ts";
export type {
  CertificateAuthority,
  TransparencyLog,
  TrustedRoot,
  ValidityWindow,
} from "./trust_root.ts";
export { SIGSTORE_CHECKS } from "./codes.ts";
export { MAX_BUNDLE_BYTES } from "./_json.ts";
export type { CheckSpec, SigstoreCheck, SigstoreCheckCode } from "./codes.ts";
export type { FulcioExtensions, IdentityPolicy, SignerIdentity, WorkflowClaims } from "./policy.ts";
export { PUBLIC_GOOD_TRUSTED_ROOT_JSON } from "./public_good_trusted_root.ts";
